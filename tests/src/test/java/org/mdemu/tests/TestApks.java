package org.mdemu.tests;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mdemu.fixtures.ApkBuilder;
import org.mdemu.fixtures.FixtureBuilder;

/** APKs made by a test: the instance_suite payload under a chosen signer and version code. */
final class TestApks {
    static final String INSTANCE_SUITE = "libinstance_suite.so";

    private TestApks() {}

    /** The key the committed fixtures are signed with. */
    static FixtureBuilder.Signing fixtureKey() throws Exception {
        return FixtureBuilder.Signing.load(Fixtures.root().resolve("tests/fixtures/keys"), "debug");
    }

    /** Another developer's key, made for the test. */
    static FixtureBuilder.Signing otherKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair pair = gen.generateKeyPair();
        X500Name subject = new X500Name("CN=someone else");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                subject, BigInteger.TWO, new Date(1704067200000L), new Date(4102444800000L), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new FixtureBuilder.Signing(pair.getPrivate(), cert);
    }

    /** The instance_suite APK (package org.mdemu.test.instance_suite) with this signer and version code. */
    static Path instanceSuite(Path path, FixtureBuilder.Signing signer, int versionCode) throws Exception {
        byte[] so = Files.readAllBytes(Fixtures.root().resolve("tests/fixtures/lib/arm64-v8a/" + INSTANCE_SUITE));
        Files.createDirectories(path.toAbsolutePath().getParent());
        new ApkBuilder().manifest("org.mdemu.test.instance_suite", versionCode).entry("lib/arm64-v8a/" + INSTANCE_SUITE, so)
                .writeSigned(path, signer.key(), signer.certificate());
        return path;
    }
}
