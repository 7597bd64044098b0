package org.mdemu.guest.abi;

/** A cursor over the variadic arguments of a call, in AAPCS64 order (integer and FP classes kept apart). */
public interface VarArgs {
    long nextLong();

    double nextDouble();

    default int nextInt() {
        return (int) nextLong();
    }

    default long nextPointer() {
        return nextLong();
    }
}
