package org.mdemu.tests;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SQLCipher 4's page format, read with Java crypto: page 1 starts with the 16-byte KDF salt; the key is
 * PBKDF2-HMAC-SHA512 of the passphrase; each page's content is AES-256-CBC with the IV in the page's reserved tail
 * (16 bytes of IV, then a 64-byte HMAC-SHA512).
 */
final class SqlcipherPage {
    private static final int SALT = 16, RESERVE = 80;

    private SqlcipherPage() {}

    /** Page 1 decrypted from offset 16 (the bytes after "SQLite format 3\0") up to the reserved tail. */
    static byte[] decryptFirstPage(byte[] page, String passphrase, int iterations) throws Exception {
        byte[] salt = Arrays.copyOf(page, SALT);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(passphrase.toCharArray(), salt, iterations, 256)).getEncoded();
        int end = page.length - RESERVE;
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(page, end, 16));
        return aes.doFinal(page, SALT, end - SALT);
    }
}
