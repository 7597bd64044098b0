package org.mdemu.loader.apk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.android.apksig.ApkSigner;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApkSignatureTest {
    @TempDir
    Path dir;

    private static Path fixtures() {
        Path d = Path.of("").toAbsolutePath();
        while (!Files.exists(d.resolve("tests/fixtures/apks"))) d = d.getParent();
        return d.resolve("tests/fixtures");
    }

    /** The APK's entries rewritten into a plain zip: the signing block is gone. */
    private Path unsignedCopy(Path apk) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(apk)); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        Path copy = dir.resolve("unsigned.apk");
        Files.write(copy, bytes.toByteArray());
        return copy;
    }

    @Test
    void aSignedFixtureYieldsItsPackageVersionAndSigner() throws Exception {
        ApkSignature s = ApkSignature.verify(fixtures().resolve("apks/hello.apk"));
        assertThat(s.packageName()).isEqualTo("org.mdemu.test.hello");
        assertThat(s.versionCode()).isEqualTo(1);
        byte[] cert = Files.readAllBytes(fixtures().resolve("keys/debug.x509.der"));
        assertThat(s.signerCertificates()).hasSize(1);
        assertThat(s.signerCertificates().get(0)).isEqualTo(cert);
        assertThat(s.signerDigest()).isEqualTo(ApkSignature.digest(cert)).hasSize(64);
    }

    @Test
    void unsignedTamperedAndNonZipFilesAreRejectedNamingTheFile() throws Exception {
        Path unsigned = unsignedCopy(fixtures().resolve("apks/hello.apk"));
        assertThatThrownBy(() -> ApkSignature.verify(unsigned)).isInstanceOf(ApkException.class)
                .hasMessageStartingWith(unsigned + ": signature verification failed");
        byte[] apk = Files.readAllBytes(fixtures().resolve("apks/hello.apk"));
        apk[20000] ^= 0x40; // inside the 16 KiB-aligned libhello.so
        Path tampered = dir.resolve("tampered.apk");
        Files.write(tampered, apk);
        assertThatThrownBy(() -> ApkSignature.verify(tampered)).isInstanceOf(ApkException.class)
                .hasMessageStartingWith(tampered + ": signature verification failed");
        Path notZip = fixtures().resolve("apks/not-a-zip.apk");
        assertThatThrownBy(() -> ApkSignature.verify(notZip)).isInstanceOf(ApkException.class)
                .hasMessageStartingWith(notZip.toString());
    }

    @Test
    void resigningWithAnotherKeyChangesTheSignerDigest() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=other");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(0), new Date(4102444800000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Path resigned = dir.resolve("resigned.apk");
        new ApkSigner.Builder(List.of(new ApkSigner.SignerConfig.Builder("other", pair.getPrivate(), List.of(cert)).build()))
                .setInputApk(unsignedCopy(fixtures().resolve("apks/hello.apk")).toFile()).setOutputApk(resigned.toFile())
                .setV1SigningEnabled(false).setV2SigningEnabled(true).setV3SigningEnabled(false).setMinSdkVersion(34)
                .build().sign();
        ApkSignature s = ApkSignature.verify(resigned);
        assertThat(s.packageName()).isEqualTo("org.mdemu.test.hello");
        assertThat(s.signerDigest()).isEqualTo(ApkSignature.digest(cert.getEncoded()))
                .isNotEqualTo(ApkSignature.verify(fixtures().resolve("apks/hello.apk")).signerDigest());
    }
}
