package org.mdemu.emulator.a64;

/** Carry-less (polynomial over GF(2)) multiplication, as PMULL computes it. */
final class PolynomialMultiply {
    private PolynomialMultiply() {}

    /** Low 64 bits of the 128-bit carry-less product of a and b. */
    static long low(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i++) if ((a >>> i & 1) != 0) r ^= b << i;
        return r;
    }

    /** High 64 bits of the 128-bit carry-less product of a and b. */
    static long high(long a, long b) {
        long r = 0;
        for (int i = 1; i < 64; i++) if ((a >>> i & 1) != 0) r ^= b >>> (64 - i);
        return r;
    }
}
