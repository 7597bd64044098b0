package org.mdemu.emulator.a64;

/**
 * The flags of ARM's AddWithCarry(x, y, carry_in) and of the logical flag-setting instructions, as the N, Z, C, V bits
 * 31..28 that {@link CpuState#nzcv} holds. The sum itself is {@code x + y + carry}; subtraction is x + NOT(y) + 1.
 */
public final class AddWithCarry {
    private AddWithCarry() {}

    /** NZCV of the 64-bit x + y + carry (carry 0 or 1). */
    public static long flags64(long x, long y, long carry) {
        long r = x + y + carry;
        long c = ((x & y) | ((x | y) & ~r)) >>> 63;
        long v = ((x ^ r) & (y ^ r)) >>> 63;
        return (r >>> 63) << 31 | (r == 0 ? CpuState.Z : 0) | c << 29 | v << 28;
    }

    /** NZCV of the 32-bit x + y + carry (carry 0 or 1). */
    public static long flags32(int x, int y, int carry) {
        int r = x + y + carry;
        long c = ((x & y) | ((x | y) & ~r)) >>> 31;
        long v = ((x ^ r) & (y ^ r)) >>> 31;
        return (long) (r >>> 31) << 31 | (r == 0 ? CpuState.Z : 0) | c << 29 | v << 28;
    }

    /** NZCV of a 64-bit logical result (ANDS, BICS, TST): N and Z from it, C and V clear. */
    public static long logical64(long r) {
        return (r >>> 63) << 31 | (r == 0 ? CpuState.Z : 0);
    }

    /** NZCV of a 32-bit logical result. */
    public static long logical32(int r) {
        return (long) (r >>> 31) << 31 | (r == 0 ? CpuState.Z : 0);
    }
}
