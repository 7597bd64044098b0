package org.mdemu.emulator.a64;

/**
 * Lane access on the two-long representation of a vector register ({@code lo} = bits 63:0, {@code hi} = bits
 * 127:64): element e of esize bits sits at bit e*esize of the 128-bit value. Elements are returned zero-extended.
 * The register-file forms ({@code v[2n]} low half, {@code v[2n+1]} high half of Vn) take the element size as the
 * encodings' size field (8 << size bits), for the data-movement, structure and crypto semantics.
 */
final class SimdLanes {
    private SimdLanes() {}

    /** The low esize bits set (esize 8..64). */
    static long mask(int esize) {
        return esize == 64 ? -1L : (1L << esize) - 1;
    }

    /** x's low esize bits, sign-extended. */
    static long sext(long x, int esize) {
        int sh = 64 - esize;
        return x << sh >> sh;
    }

    /** Element e of esize bits of lo:hi, zero-extended. */
    static long get(long lo, long hi, int e, int esize) {
        int bit = e * esize;
        long w = bit < 64 ? lo : hi;
        return esize == 64 ? w : (w >>> (bit & 63)) & ((1L << esize) - 1);
    }

    /** Element e of esize bits of lo:hi, sign-extended when signed, else zero-extended. */
    static long get(long lo, long hi, int e, int esize, boolean signed) {
        long x = get(lo, hi, e, esize);
        return signed ? sext(x, esize) : x;
    }

    /** value's low esize bits moved to element e's place within its 64-bit half (OR it into lo when e*esize < 64). */
    static long place(long value, int e, int esize) {
        return (value & mask(esize)) << ((e * esize) & 63);
    }

    /** Element index of Vn with 8 << size bits (size 0..3), zero-extended; the index may reach into the high half. */
    static long element(long[] v, int n, int index, int size) {
        int bit = index << (size + 3);
        long word = v[2 * n + (bit >>> 6)];
        if (size == 3) return word;
        return (word >>> (bit & 63)) & mask(8 << size);
    }

    /** Sets element index of Vn with 8 << size bits to value's low bits, leaving the other bits. */
    static void setElement(long[] v, int n, int index, int size, long value) {
        int bit = index << (size + 3);
        int word = 2 * n + (bit >>> 6);
        long m = mask(8 << size) << (bit & 63);
        v[word] = (v[word] & ~m) | ((value << (bit & 63)) & m);
    }

    /** Byte index (0..15) of Vn. */
    static int byteAt(long[] v, int n, int index) {
        return (int) (v[2 * n + (index >>> 3)] >>> ((index & 7) << 3)) & 0xff;
    }

    /** An element of 8 << size bits repeated over 64 bits. */
    static long replicate(long element, int size) {
        return switch (size) {
            case 0 -> (element & 0xff) * 0x0101010101010101L;
            case 1 -> (element & 0xffff) * 0x0001000100010001L;
            case 2 -> (element & 0xffffffffL) * 0x0000000100000001L;
            default -> element;
        };
    }

    /** The lowest set bit of imm5 (the element size the copy group encodes), 4 or more when imm5<3:0> is zero. */
    static int lowestSetBit(int imm5) {
        return Integer.numberOfTrailingZeros(imm5 | 0x10);
    }

    /** Whether element e of esize bits lies in the high half. */
    static boolean inHigh(int e, int esize) {
        return e * esize >= 64;
    }

    /** x >> n (arithmetic) for any n >= 0: n of 64 and more give the sign. */
    static long sshr(long x, int n) {
        return n >= 64 ? x >> 63 : x >> n;
    }

    /** x >>> n for any n >= 0: n of 64 and more give 0. */
    static long ushr(long x, int n) {
        return n >= 64 ? 0 : x >>> n;
    }

    /** x << n for any n >= 0: n of 64 and more give 0. */
    static long shl(long x, int n) {
        return n >= 64 ? 0 : x << n;
    }

    /** Rounding right shift (x + 2^(n-1)) >> n with x signed, without intermediate overflow; n >= 1. */
    static long srshr(long x, int n) {
        return sshr(x, n) + (sshr(x, n - 1) & 1);
    }

    /** Rounding right shift (x + 2^(n-1)) >>> n with x unsigned (64-bit), without intermediate overflow; n >= 1. */
    static long urshr(long x, int n) {
        return ushr(x, n) + (ushr(x, n - 1) & 1);
    }

    /** Carry-less product of the low 8 bits of a and b (16-bit result). */
    static long polyMul8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) if ((b >>> i & 1) != 0) r ^= (a & 0xff) << i;
        return r;
    }
}
