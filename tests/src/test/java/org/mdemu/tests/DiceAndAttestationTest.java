package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_CRASH;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import com.upokecenter.cbor.CBORObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.guest.identity.InstanceRecord;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.virtualmachine.MdemuHome;

/**
 * DICE, VM secrets and remote attestation seen from a payload, checked on the host with code independent of the
 * emulator's: COSE signatures and CDI derivations recomputed from the device secret in the mdemu home, the X.509
 * chain and ECDSA signature verified with java.security, the challenge read back from the leaf's extension.
 */
class DiceAndAttestationTest {
    private static final String ATTESTATION_OID = "1.3.6.1.4.1.11129.2.1.29.1";
    private static final byte[] CHALLENGE = "mdemu attestation challenge: 0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path home;

    @Test
    void diceChainIsSignedLinkByLinkFromTheDeviceSecretAndNamesTheApk() throws Exception {
        DicePayloadRun r = DicePayloadRun.boot(home, "dice", true, b -> { });
        assertThat(r.console()).contains("dice failures=0").doesNotContain("FAIL");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);

        byte[] uds = Files.readAllBytes(home.resolve("device/uds.bin"));
        assertThat(uds).hasSize(32);
        assertThat(Files.getPosixFilePermissions(home.resolve("device/uds.bin")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        CBORObject chain = CBORObject.DecodeFromBytes(r.bytes("chain"));
        assertThat(chain.size()).isEqualTo(4);
        byte[] rootKey = chain.get(0).get(-2).GetByteString();
        assertThat(rootKey).isEqualTo(ed25519PublicKey(keySeed(uds)));

        List<CBORObject> payloads = new ArrayList<>();
        byte[] issuerKey = rootKey;
        for (int i = 1; i < chain.size(); i++) {
            CBORObject sign1 = chain.get(i);
            byte[] protectedHeader = sign1.get(0).GetByteString();
            byte[] payload = sign1.get(2).GetByteString();
            byte[] toBeSigned = CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0])
                    .Add(payload).EncodeToBytes();
            assertThat(verifyEd25519(issuerKey, toBeSigned, sign1.get(3).GetByteString()))
                    .as("signature of certificate %d", i).isTrue();
            CBORObject claims = CBORObject.DecodeFromBytes(payload);
            payloads.add(claims);
            issuerKey = CBORObject.DecodeFromBytes(claims.get(-4670552).GetByteString()).get(-2).GetByteString();
        }
        assertThat(names(payloads)).containsExactly("pvmfw", "vm_entry", "Microdroid payload");

        // CDI derivation per the Open Profile, recomputed for the first two layers (hidden inputs known), then the
        // payload's CDI_Attest must be the one whose key the last certificate certifies.
        byte[] attest = uds, seal = uds;
        byte[][] hidden = {new byte[64], sha512(new byte[] {0}, new byte[64], new byte[] {0})};
        for (int layer = 0; layer < 2; layer++) {
            CBORObject c = payloads.get(layer);
            byte[] mode = c.get(-4670551).GetByteString();
            byte[] attestInput = sha512(c.get(-4670545).GetByteString(), sha512(c.get(-4670548).GetByteString()),
                    c.get(-4670549).GetByteString(), mode, hidden[layer]);
            byte[] sealInput = sha512(c.get(-4670549).GetByteString(), mode, hidden[layer]);
            attest = hkdf("HmacSHA512", attest, attestInput, "CDI_Attest", 32);
            seal = hkdf("HmacSHA512", seal, sealInput, "CDI_Seal", 32);
            assertThat(subjectKey(c)).as("layer %d key from the recomputed CDI", layer)
                    .isEqualTo(ed25519PublicKey(keySeed(attest)));
        }
        byte[] cdi = r.bytes("cdi");
        assertThat(cdi).hasSize(32);
        assertThat(subjectKey(payloads.get(2))).isEqualTo(ed25519PublicKey(keySeed(cdi)));

        // The payload layer's hidden input of a non-protected VM is SHA-512 of its instance id: with it, both CDIs
        // follow, and the instance secret is microdroid_manager's HKDF-SHA-256 over CDI_Seal.
        byte[] instanceId = InstanceRecord.read(r.vm().getDirectory()).instanceId();
        CBORObject p = payloads.get(2);
        byte[] mode = p.get(-4670551).GetByteString();
        byte[] payloadHidden = sha512(instanceId);
        assertThat(hkdf("HmacSHA512", attest, sha512(p.get(-4670545).GetByteString(),
                sha512(p.get(-4670548).GetByteString()), p.get(-4670549).GetByteString(), mode, payloadHidden),
                "CDI_Attest", 32)).isEqualTo(cdi);
        byte[] cdiSeal = hkdf("HmacSHA512", seal, sha512(p.get(-4670549).GetByteString(), mode, payloadHidden),
                "CDI_Seal", 32);
        byte[] payloadSalt = HexFormat.of().parseHex("8b0ff0d3b1692b95842c9e3c99567a2255f80823815ff516203ebebab7a84392");
        assertThat(hkdf("HmacSHA256", cdiSeal, payloadSalt, "mdemu-test", 32)).isEqualTo(r.bytes("secret"));

        CBORObject descriptor = CBORObject.DecodeFromBytes(payloads.get(2).get(-4670548).GetByteString());
        assertThat(descriptor.get(-71000).AsString()).isEqualTo("assets/vm_config.json");
        CBORObject apk = descriptor.get(-71002).get(0);
        assertThat(apk.get(1).AsString()).startsWith("apk:");
        byte[] apkDigest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Fixtures.apk("dice-config")));
        assertThat(apk.get(3).GetByteString()).isEqualTo(apkDigest);
        assertThat(payloads.get(2).get(-4670545).GetByteString()).isEqualTo(sha512(apkDigest));
        assertThat(payloads.get(2).get(-4670549).GetByteString()).isEqualTo(sha512(apk.get(4).GetByteString()));
        assertThat(payloads.get(2).get(-4670551).GetByteString()).containsExactly(2); // debug mode: DEBUG_LEVEL_FULL
    }

    @Test
    void diceCallsAbortAVmNotStartedFromAConfigFile() throws Exception {
        DicePayloadRun r = DicePayloadRun.boot(home, "by_name", false, b -> { });
        assertThat(r.console()).contains("before-dice failures=0").doesNotContain("\ndice failures=");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().tombstone()).contains("Use of restricted APIs is not allowed");
    }

    @Test
    void instanceSecretIsStableAcrossBootsAndJvmsAndDiffersPerInstance() throws Exception {
        DicePayloadRun first = DicePayloadRun.boot(home, "vm_a", true, b -> { });
        DicePayloadRun second = DicePayloadRun.boot(home, "vm_a", true, b -> { });
        DicePayloadRun other = DicePayloadRun.boot(home, "vm_b", true, b -> { });
        byte[] secret = first.bytes("secret");
        assertThat(secret).hasSize(32);
        assertThat(second.bytes("secret")).isEqualTo(secret);
        assertThat(other.bytes("secret")).isNotEqualTo(secret);
        assertThat(first.bytes("secret-other")).isNotEqualTo(secret);
        assertThat(first.console()).contains("ok a shorter secret is a prefix of the full one");

        Process jvm = new ProcessBuilder(ChildJvm.command(DicePayloadRun.class.getName(), home.toString(), "vm_a"))
                .redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("secret " + HexFormat.of().formatHex(secret));
    }

    @Test
    void protectedVmIsAttestedWithAChainToTheLocalRootAndTheChallengeInTheLeaf() throws Exception {
        DicePayloadRun r = DicePayloadRun.boot(home, "attested", true, b -> b.setProtectedVm(true));
        assertThat(r.console()).doesNotContain("FAIL");
        assertThat(r.status("status")).isZero();
        assertThat(r.status("status-invalid")).isEqualTo(-10001);
        assertThat(r.status("status-invalid-testing")).isEqualTo(-10001);
        assertThat(r.values().get("attest-count")).isEqualTo("2");

        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(r.bytes("attest-cert0")));
        X509Certificate root = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(r.bytes("attest-cert1")));
        byte[] stored = Files.readAllBytes(home.resolve("device/attestation-root.der"));
        assertThat(Files.getPosixFilePermissions(home.resolve("device/attestation-root.der")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(indexOf(stored, root.getEncoded())).as("the root is the one kept in the mdemu home").isPositive();
        root.verify(root.getPublicKey());
        leaf.verify(root.getPublicKey());
        leaf.checkValidity();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=Android Protected Virtual Machine Key");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());

        ASN1Sequence extension = ASN1Sequence.getInstance(
                ASN1OctetString.getInstance(leaf.getExtensionValue(ATTESTATION_OID)).getOctets());
        assertThat(ASN1OctetString.getInstance(extension.getObjectAt(0)).getOctets()).isEqualTo(CHALLENGE);
        assertThat(ASN1Boolean.getInstance(extension.getObjectAt(1)).isTrue()).as("debuggable VMs are not secure").isFalse();
        ASN1Sequence component = ASN1Sequence.getInstance(ASN1Sequence.getInstance(extension.getObjectAt(2)).getObjectAt(0));
        assertThat(ASN1UTF8String.getInstance(component.getObjectAt(0)).getString()).startsWith("apk:");

        // The private key (RFC 5915) is the leaf's: its signature verifies with the certified public key.
        ECPrivateKey key = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(r.bytes("attest-key")));
        assertThat(key.getPublicKey().getBytes()).isEqualTo(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded())
                        .getPublicKeyData().getBytes());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(leaf.getPublicKey());
        ecdsa.update("message signed by the attested key".getBytes(StandardCharsets.US_ASCII));
        assertThat(ecdsa.verify(r.bytes("attest-signature"))).isTrue();
    }

    @Test
    void testAttestationFailsUntilEnabledOnTheHostThenChainsToTheTestRoot() throws Exception {
        DicePayloadRun before = DicePayloadRun.boot(home, "t", true, b -> b.setProtectedVm(true));
        assertThat(before.status("status-testing")).isEqualTo(-10002);
        assertThat(before.log()).contains("Remote attestation failed");

        new VirtualMachineManager(home.resolve("instances"), MdemuHome.at(home)).enableTestAttestation();
        DicePayloadRun after = DicePayloadRun.boot(home, "t", true, b -> b.setProtectedVm(true));
        assertThat(after.status("status-testing")).isZero();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(after.bytes("testing-cert0")));
        X509Certificate testRoot = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(after.bytes("testing-cert1")));
        leaf.verify(testRoot.getPublicKey());
        assertThat(testRoot.getEncoded()).isNotEqualTo(after.bytes("attest-cert1"));
        ASN1Sequence extension = ASN1Sequence.getInstance(
                ASN1OctetString.getInstance(leaf.getExtensionValue(ATTESTATION_OID)).getOctets());
        assertThat(ASN1OctetString.getInstance(extension.getObjectAt(0)).getOctets())
                .isEqualTo(Arrays.copyOf(CHALLENGE, 8));
    }

    @Test
    void inDeterministicModeFreshInstancesRepeatTheWholeAttestedRunAndAnotherSeedDiffers() throws Exception {
        DicePayloadRun first = DicePayloadRun.boot(home, "seeded-a", true,
                b -> b.setProtectedVm(true).setDeterministic(7));
        DicePayloadRun second = DicePayloadRun.boot(home, "seeded-b", true,
                b -> b.setProtectedVm(true).setDeterministic(7));
        DicePayloadRun other = DicePayloadRun.boot(home, "seeded-c", true,
                b -> b.setProtectedVm(true).setDeterministic(8));
        assertThat(first.status("status")).isZero();
        // DICE chain, secrets, the attested key, certificates and signatures: the console repeats byte for byte.
        assertThat(second.console()).isEqualTo(first.console());
        assertThat(other.bytes("attest-key")).isNotEqualTo(first.bytes("attest-key"));
        assertThat(other.bytes("secret")).isNotEqualTo(first.bytes("secret"));
        // Still a valid chain to the home's root.
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(first.bytes("attest-cert0")));
        X509Certificate root = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(first.bytes("attest-cert1")));
        leaf.verify(root.getPublicKey());
    }

    @Test
    void nonProtectedVmIsNotAttestedAndStatusTextsAreLibvmPayloads() throws Exception {
        DicePayloadRun r = DicePayloadRun.boot(home, "plain", true, b -> { });
        assertThat(r.status("status")).isEqualTo(-10003);
        assertThat(r.status("status-testing")).isEqualTo(-10003);
        assertThat(r.console()).contains("text 0 The remote attestation completes successfully.")
                .contains("text -10001 The challenge size is not between 0 and 64.")
                .contains("text -10002 Failed to attest the VM. Please retry at a later time.")
                .contains("text -10003 Remote attestation is not supported in the current environment.");
    }

    private static List<String> names(List<CBORObject> payloads) {
        List<String> names = new ArrayList<>();
        for (CBORObject p : payloads) {
            names.add(CBORObject.DecodeFromBytes(p.get(-4670548).GetByteString()).get(-70002).AsString());
        }
        return names;
    }

    private static byte[] subjectKey(CBORObject claims) {
        return CBORObject.DecodeFromBytes(claims.get(-4670552).GetByteString()).get(-2).GetByteString();
    }

    /** The Open Profile's CDI → Ed25519 seed derivation: HKDF-SHA-512 with open-dice's fixed salt, info "Key Pair". */
    private static byte[] keySeed(byte[] cdi) throws Exception {
        byte[] salt = HexFormat.of().parseHex("63b6a04d2c077fc10f639f21da793844356cc2b0b441b3a77124035c03f8e1be"
                + "6035d31f282821a7450a02222ab1b3cff1679b05ab1ca5d1affb789ccd2b0b3b");
        return hkdf("HmacSHA512", cdi, salt, "Key Pair", 32);
    }

    private static byte[] ed25519PublicKey(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** Verifies with the JDK's EdDSA, from the raw 32-byte key. */
    private static boolean verifyEd25519(byte[] rawKey, byte[] message, byte[] signature) throws Exception {
        byte[] spki = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(rawKey, 0, spki, 12, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }

    /** RFC 5869 with the JDK's HMAC. */
    static byte[] hkdf(String hmac, byte[] ikm, byte[] salt, String info, int length) throws Exception {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[mac.getMacLength()] : salt, hmac));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, hmac));
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) i);
            t = mac.doFinal();
            System.arraycopy(t, 0, out, done, Math.min(t.length, length - done));
            done += t.length;
        }
        return out;
    }

    private static byte[] sha512(byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        for (byte[] p : parts) sha.update(p);
        return sha.digest();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
