package org.mdemu.emulator.a64;

/**
 * The CRC32 and CRC32C instructions: the bit-reflected CRC of the low bytes of a value (least significant first)
 * accumulated onto a 32-bit value, with no inversion before or after (the instructions leave that to software).
 */
public final class Crc32 {
    private static final int[] CRC32 = table(0xedb88320), CRC32C = table(0x82f63b78);

    private Crc32() {}

    private static int[] table(int reflectedPolynomial) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ reflectedPolynomial : c >>> 1;
            t[i] = c;
        }
        return t;
    }

    /** CRC32B/H/W/X: acc updated with the low bytes (1, 2, 4 or 8) of value; polynomial 0x04C11DB7. */
    public static int crc32(int acc, long value, int bytes) {
        return update(CRC32, acc, value, bytes);
    }

    /** CRC32CB/H/W/X: as {@link #crc32} with the Castagnoli polynomial 0x1EDC6F41. */
    public static int crc32c(int acc, long value, int bytes) {
        return update(CRC32C, acc, value, bytes);
    }

    private static int update(int[] table, int crc, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            crc = table[(crc ^ (int) value) & 0xff] ^ (crc >>> 8);
            value >>>= 8;
        }
        return crc;
    }
}
