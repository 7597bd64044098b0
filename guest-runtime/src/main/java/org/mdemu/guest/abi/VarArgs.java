package org.mdemu.guest.abi;

/** A cursor over the variadic arguments of a call, in AAPCS64 order (integer and FP classes kept apart). */
public interface VarArgs {
    long nextLong();

    double nextDouble();

    /** A {@code long double} (IEEE binary128) as {low, high} 64-bit halves: a whole q register or a 16-byte slot. */
    long[] nextLongDouble();

    default int nextInt() {
        return (int) nextLong();
    }

    default long nextPointer() {
        return nextLong();
    }
}
