package org.mdemu.emulator.a64;

/**
 * NZCV kept lazily by translated code: the kind of the last flag-setting operation with its operands and result,
 * turned into the packed value ({@link CpuState#nzcv}'s format) only where something needs all four flags. 32-bit
 * kinds hold zero-extended operands and result.
 */
final class LazyFlags {
    private LazyFlags() {}

    /** The flags are the packed value itself. */
    static final int PACKED = 0;
    static final int SUB64 = 1, ADD64 = 2, SUB32 = 3, ADD32 = 4, LOGIC64 = 5, LOGIC32 = 6;

    static long nzcv(int kind, long a, long b, long r, long packed) {
        switch (kind) {
            case SUB64:
                return nz64(r) | (Long.compareUnsigned(a, b) >= 0 ? CpuState.C : 0) | (((a ^ b) & (a ^ r)) < 0 ? CpuState.V : 0);
            case ADD64:
                return nz64(r) | (Long.compareUnsigned(r, a) < 0 ? CpuState.C : 0) | ((~(a ^ b) & (a ^ r)) < 0 ? CpuState.V : 0);
            case SUB32:
                return nz32(r) | (a >= b ? CpuState.C : 0) | ((((a ^ b) & (a ^ r)) & 0x80000000L) != 0 ? CpuState.V : 0);
            case ADD32:
                return nz32(r) | (((a + b) >>> 32) != 0 ? CpuState.C : 0)
                        | (((~(a ^ b) & (a ^ r)) & 0x80000000L) != 0 ? CpuState.V : 0);
            case LOGIC64:
                return nz64(r);
            case LOGIC32:
                return nz32(r);
            default:
                return packed;
        }
    }

    private static long nz64(long r) {
        return (r < 0 ? CpuState.N : 0) | (r == 0 ? CpuState.Z : 0);
    }

    private static long nz32(long r) {
        return ((int) r < 0 ? CpuState.N : 0) | ((int) r == 0 ? CpuState.Z : 0);
    }

    static boolean holds(int cond, int kind, long a, long b, long r, long packed) {
        return CpuState.conditionHolds(cond, nzcv(kind, a, b, r, packed));
    }
}
