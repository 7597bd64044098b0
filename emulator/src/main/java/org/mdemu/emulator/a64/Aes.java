package org.mdemu.emulator.a64;

/**
 * The AES round steps the crypto extension executes, on a 128-bit state held as two longs (byte i of the state is bits
 * 8i+7:8i; FIPS-197 column c is bytes 4c..4c+3). The S-boxes are derived from GF(2^8) arithmetic at class load.
 */
final class Aes {
    private Aes() {}

    private static final byte[] SBOX = new byte[256], INV_SBOX = new byte[256];
    /** Products by the InvMixColumns coefficients 9, 11, 13 and 14. */
    private static final byte[] MUL9 = new byte[256], MUL11 = new byte[256], MUL13 = new byte[256],
            MUL14 = new byte[256];

    static {
        for (int x = 0; x < 256; x++) {
            int inv = 1;
            for (int i = 0; i < 254; i++) inv = multiply(inv, x); // x^254 = x^-1, and 0 for 0
            if (x == 0) inv = 0;
            int s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
            SBOX[x] = (byte) s;
            INV_SBOX[s] = (byte) x;
            MUL9[x] = (byte) multiply(x, 9);
            MUL11[x] = (byte) multiply(x, 11);
            MUL13[x] = (byte) multiply(x, 13);
            MUL14[x] = (byte) multiply(x, 14);
        }
    }

    private static int rotl8(int b, int n) {
        return ((b << n) | (b >>> (8 - n))) & 0xff;
    }

    /** Product in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
    static int multiply(int a, int b) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & 1) != 0) r ^= a;
            b >>>= 1;
            a = (a << 1) ^ ((a & 0x80) != 0 ? 0x11b : 0);
        }
        return r & 0xff;
    }

    private static int stateByte(long lo, long hi, int i) {
        return (int) ((i < 8 ? lo : hi) >>> ((i & 7) << 3)) & 0xff;
    }

    /** SubBytes(ShiftRows(state)), low 64 bits (high = false) or high 64 bits of the result. */
    static long subBytesShiftRows(long lo, long hi, boolean high) {
        long r = 0;
        for (int j = 0; j < 8; j++) {
            int out = high ? j + 8 : j, row = out & 3, col = out >>> 2;
            int in = row + 4 * ((col + row) & 3);
            r |= (SBOX[stateByte(lo, hi, in)] & 0xffL) << (8 * j);
        }
        return r;
    }

    /** InvSubBytes(InvShiftRows(state)), low or high 64 bits of the result. */
    static long invSubBytesShiftRows(long lo, long hi, boolean high) {
        long r = 0;
        for (int j = 0; j < 8; j++) {
            int out = high ? j + 8 : j, row = out & 3, col = out >>> 2;
            int in = row + 4 * ((col - row) & 3);
            r |= (INV_SBOX[stateByte(lo, hi, in)] & 0xffL) << (8 * j);
        }
        return r;
    }

    /** MixColumns of two columns held in 64 bits. */
    static long mixColumns(long twoColumns) {
        return (mixColumn((int) twoColumns) & 0xffffffffL) | (long) mixColumn((int) (twoColumns >>> 32)) << 32;
    }

    /** InvMixColumns of two columns held in 64 bits. */
    static long invMixColumns(long twoColumns) {
        return (invMixColumn((int) twoColumns) & 0xffffffffL) | (long) invMixColumn((int) (twoColumns >>> 32)) << 32;
    }

    private static int xtime(int b) {
        return ((b << 1) ^ ((b & 0x80) != 0 ? 0x1b : 0)) & 0xff;
    }

    static int mixColumn(int column) {
        int a0 = column & 0xff, a1 = (column >>> 8) & 0xff, a2 = (column >>> 16) & 0xff, a3 = column >>> 24;
        int b0 = xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3;
        int b1 = a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3;
        int b2 = a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3;
        int b3 = xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3);
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }

    static int invMixColumn(int column) {
        int a0 = column & 0xff, a1 = (column >>> 8) & 0xff, a2 = (column >>> 16) & 0xff, a3 = column >>> 24;
        int b0 = (MUL14[a0] ^ MUL11[a1] ^ MUL13[a2] ^ MUL9[a3]) & 0xff;
        int b1 = (MUL9[a0] ^ MUL14[a1] ^ MUL11[a2] ^ MUL13[a3]) & 0xff;
        int b2 = (MUL13[a0] ^ MUL9[a1] ^ MUL14[a2] ^ MUL11[a3]) & 0xff;
        int b3 = (MUL11[a0] ^ MUL13[a1] ^ MUL9[a2] ^ MUL14[a3]) & 0xff;
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }
}
