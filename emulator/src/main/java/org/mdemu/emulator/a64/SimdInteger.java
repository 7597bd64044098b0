package org.mdemu.emulator.a64;

/**
 * Advanced SIMD integer arithmetic, vector and scalar forms: three same, three different, two-register
 * miscellaneous, across lanes, by element, shifts by immediate; saturating forms set FPSR.QC. The last owner in
 * {@link Simd}: anything it does not recognise is undefined.
 */
final class SimdInteger {
    private SimdInteger() {}

    static void execute(CpuState s, int insn) {
        throw A64Fault.undefined(insn);
    }
}
