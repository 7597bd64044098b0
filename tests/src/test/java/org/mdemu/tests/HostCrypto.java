package org.mdemu.tests;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.jce.ECNamedCurveTable;

/** boringssl_user.c's computations on the same fixed inputs, done by the JDK's providers and BouncyCastle. */
final class HostCrypto {
    static final byte[] MESSAGE = "mdemu runs BoringSSL from Conscrypt's Android AAR".getBytes(StandardCharsets.US_ASCII);

    private HostCrypto() {}

    static byte[] fill(int length, int mul, int add) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * mul + add);
        return b;
    }

    static Map<String, String> boringsslPayloadResults() throws Exception {
        byte[] key = fill(32, 1, 0x40), seed = fill(32, 7, 1), nonce = fill(12, 1, 0x20), salt = fill(16, 1, 0x10);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("sha256", hex(MessageDigest.getInstance("SHA-256").digest(MESSAGE)));
        r.put("sha512", hex(MessageDigest.getInstance("SHA-512").digest(MESSAGE)));
        r.put("hmac_sha256", hex(mac("HmacSHA256", key, MESSAGE)));
        r.put("hmac_sha512", hex(mac("HmacSHA512", key, MESSAGE)));
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(key, salt, "mdemu hkdf".getBytes(StandardCharsets.US_ASCII)));
        byte[] okm = new byte[42];
        hkdf.generateBytes(okm, 0, okm.length);
        r.put("hkdf_sha256", hex(okm));
        r.put("pbkdf2_sha512", hex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec("password".toCharArray(), salt, 1000, 512)).getEncoded()));
        byte[] ad = "header".getBytes(StandardCharsets.US_ASCII);
        r.put("aes128gcm", hex(gcm(Arrays.copyOf(key, 16), nonce, ad, MESSAGE)));
        r.put("aes256gcm", hex(gcm(key, nonce, ad, MESSAGE)));
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        chacha.updateAAD(ad);
        r.put("chacha20poly1305", hex(chacha.doFinal(MESSAGE)));

        Ed25519PrivateKeyParameters signing = new Ed25519PrivateKeyParameters(seed, 0);
        r.put("ed25519_public", hex(signing.generatePublicKey().getEncoded()));
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signing);
        signer.update(MESSAGE, 0, MESSAGE.length);
        r.put("ed25519_signature", hex(signer.generateSignature()));

        X25519PrivateKeyParameters a = new X25519PrivateKeyParameters(fill(32, 3, 5), 0);
        X25519PrivateKeyParameters b = new X25519PrivateKeyParameters(fill(32, 255, 254), 0);
        r.put("x25519_public", hex(a.generatePublicKey().getEncoded()));
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(a);
        byte[] shared = new byte[32];
        agreement.calculateAgreement(b.generatePublicKey(), shared, 0);
        r.put("x25519_shared", hex(shared));

        r.put("p256_public", hex(p256Public().getEncoded(false)));

        byte[] data = fill(256 * 1024, 13, 7);
        r.put("sha256_256k", hex(MessageDigest.getInstance("SHA-256").digest(data)));
        byte[] sealed = gcm(key, nonce, null, data);
        r.put("aes256gcm_256k_tag", hex(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length)));
        return r;
    }

    /** The P-256 public point of boringssl_user.c's fixed private scalar. */
    private static org.bouncycastle.math.ec.ECPoint p256Public() {
        return ECNamedCurveTable.getParameterSpec("secp256r1").getG()
                .multiply(new BigInteger(1, fill(32, 11, 3))).normalize();
    }

    /** Verifies a DER ECDSA signature over SHA-256 of the message with that public key, in the JDK's provider. */
    static boolean verifyP256(byte[] der) throws Exception {
        org.bouncycastle.math.ec.ECPoint q = p256Public();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                parameters.getParameterSpec(ECParameterSpec.class)));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(MESSAGE);
        return verifier.verify(der);
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    private static byte[] gcm(byte[] key, byte[] nonce, byte[] ad, byte[] data) throws Exception {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        if (ad != null) aes.updateAAD(ad);
        return aes.doFinal(data);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
