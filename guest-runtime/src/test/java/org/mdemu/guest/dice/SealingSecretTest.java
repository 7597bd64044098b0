package org.mdemu.guest.dice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealingSecretTest {
    /** HKDF-SHA-256 expanded to one block with the JDK's HMAC, independent of BouncyCastle. */
    private static byte[] hkdfOneBlock(byte[] ikm, byte[] salt, byte[] info) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    @Test
    void secretIsHkdfSha256OfCdiSealWithMicrodroidManagersPayloadSalt() throws Exception {
        byte[] cdiSeal = new byte[32];
        Arrays.fill(cdiSeal, (byte) 0x42);
        byte[] identifier = "my key".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = HexFormat.of().parseHex("8b0ff0d3b1692b95842c9e3c99567a2255f80823815ff516203ebebab7a84392");
        byte[] expected = hkdfOneBlock(cdiSeal, salt, identifier);
        SealingSecret secret = new SealingSecret(cdiSeal);
        assertThat(secret.derive(identifier, 32)).isEqualTo(expected);
        assertThat(secret.derive(identifier, 5)).isEqualTo(Arrays.copyOf(expected, 5));
        assertThat(secret.derive("other".getBytes(StandardCharsets.US_ASCII), 32)).isNotEqualTo(expected);
    }

    @Test
    void encryptedStoreKeyUsesItsOwnSaltAndIdentifier() throws Exception {
        byte[] cdiSeal = new byte[32];
        byte[] salt = HexFormat.of().parseHex("fc1d357b96f3ef17787d70edeafe1d6fb3f940cedd9940aaa70e927390864a75");
        assertThat(new SealingSecret(cdiSeal).encryptedStoreKey(32)).isEqualTo(
                hkdfOneBlock(cdiSeal, salt, "encryptedstore_key".getBytes(StandardCharsets.US_ASCII)));
    }
}
