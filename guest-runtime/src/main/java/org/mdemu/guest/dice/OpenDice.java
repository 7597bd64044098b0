package org.mdemu.guest.dice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The primitives of the Open Profile for DICE as open-dice's BoringSSL operations compute them: SHA-512 hashes,
 * HKDF-SHA-512 derivations with the profile's fixed salts, Ed25519 keys from 32-byte seeds.
 */
public final class OpenDice {
    public static final int CDI_SIZE = 32;
    public static final int HASH_SIZE = 64;
    public static final int HIDDEN_SIZE = 64;
    public static final int PRIVATE_KEY_SEED_SIZE = 32;

    /** Salt of the CDI → private key seed derivation (open-dice kAsymSalt). */
    private static final byte[] ASYMMETRIC_SALT = HexFormat.of().parseHex(
            "63b6a04d2c077fc10f639f21da793844356cc2b0b441b3a77124035c03f8e1be"
                    + "6035d31f282821a7450a02222ab1b3cff1679b05ab1ca5d1affb789ccd2b0b3b");
    /** Salt of the public key → certificate id derivation (open-dice kIdSalt). */
    private static final byte[] ID_SALT = HexFormat.of().parseHex(
            "dbdbaebc8020da9ff0dd5a24c83aa5a54286dfc263031e329b4da148430659fe"
                    + "62cdb5b7e1e00fc680306711eb444af77209359496fcff1db9520ba51c7b29ea");

    private OpenDice() {}

    /** SHA-512 of the concatenated parts. */
    public static byte[] hash(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) sha.update(p);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }

    /** HKDF-SHA-512 (RFC 5869). */
    public static byte[] kdf(int length, byte[] ikm, byte[] salt, byte[] info) {
        return hkdf(new SHA512Digest(), length, ikm, salt, info);
    }

    /** HKDF-SHA-256 (RFC 5869), as microdroid_manager derives keys from the sealing CDI. */
    public static byte[] hkdfSha256(int length, byte[] ikm, byte[] salt, byte[] info) {
        return hkdf(new SHA256Digest(), length, ikm, salt, info);
    }

    private static byte[] hkdf(Digest digest, int length, byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest);
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** The seed of the Ed25519 key pair a CDI_Attest (or the UDS) stands for. */
    public static byte[] privateKeySeed(byte[] cdiAttest) {
        return kdf(PRIVATE_KEY_SEED_SIZE, cdiAttest, ASYMMETRIC_SALT, ascii("Key Pair"));
    }

    /** The raw 32-byte Ed25519 public key of a seed. */
    public static byte[] publicKey(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** A 64-byte Ed25519 signature. */
    public static byte[] sign(byte[] seed, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The 20-byte certificate id of a public key, top bit cleared so it reads as a positive integer. */
    public static byte[] certificateId(byte[] publicKey) {
        byte[] id = kdf(20, publicKey, ID_SALT, ascii("ID"));
        id[0] &= 0x7f;
        return id;
    }

    /**
     * One DICE layer (DiceMainFlow): the next CDIs from the current ones and the next layer's measurements, and the
     * next layer's certificate signed with the key of the current CDI_Attest.
     */
    public static Layer mainFlow(byte[] cdiAttest, byte[] cdiSeal, DiceInputs inputs) {
        byte[] mode = {(byte) inputs.mode()};
        byte[] attestInput = hash(inputs.codeHash(), hash(inputs.configDescriptor()), inputs.authorityHash(), mode,
                inputs.hidden());
        byte[] sealInput = hash(inputs.authorityHash(), mode, inputs.hidden());
        byte[] nextAttest = kdf(CDI_SIZE, cdiAttest, attestInput, ascii("CDI_Attest"));
        byte[] nextSeal = kdf(CDI_SIZE, cdiSeal, sealInput, ascii("CDI_Seal"));
        byte[] certificate = CborCertificate.issue(privateKeySeed(nextAttest), privateKeySeed(cdiAttest), inputs);
        return new Layer(nextAttest, nextSeal, certificate);
    }

    /** What a layer hands to the next: its CDIs and the certificate describing it. */
    public record Layer(byte[] cdiAttest, byte[] cdiSeal, byte[] certificate) {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
