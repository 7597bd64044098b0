package org.mdemu.emulator.a64;

/**
 * Advanced SIMD integer arithmetic, vector and scalar forms: three same, three different, two-register
 * miscellaneous, across lanes, by element, shifts by immediate; saturating forms set FPSR.QC. The last owner in
 * {@link Simd}: anything it does not recognise is undefined. Each group class decodes its own fields and answers
 * undefined for its reserved and unallocated encodings (the floating-point opcodes of a group included: they reach
 * this class only when {@link SimdFp} did not claim them).
 */
final class SimdInteger {
    private SimdInteger() {}

    static void execute(CpuState s, int insn) {
        if ((insn & 0x9f200400) == 0x0e200400) SimdThreeSame.executeVector(s, insn);
        else if ((insn & 0xdf200400) == 0x5e200400) SimdThreeSame.executeScalar(s, insn);
        else if ((insn & 0x9f200c00) == 0x0e200000) SimdThreeDifferent.executeVector(s, insn);
        else if ((insn & 0xdf200c00) == 0x5e200000) SimdThreeDifferent.executeScalar(s, insn);
        else if ((insn & 0x9f3e0c00) == 0x0e200800) SimdTwoRegMisc.executeVector(s, insn);
        else if ((insn & 0xdf3e0c00) == 0x5e200800) SimdTwoRegMisc.executeScalar(s, insn);
        else if ((insn & 0x9f3e0c00) == 0x0e300800) SimdAcrossLanes.execute(s, insn);
        else if ((insn & 0xdf3e0c00) == 0x5e300800) SimdAcrossLanes.executeScalarPairwise(s, insn);
        else if ((insn & 0x9f800400) == 0x0f000400 && (insn & 0x00780000) != 0) SimdShiftImmediate.executeVector(s, insn);
        else if ((insn & 0xdf800400) == 0x5f000400 && (insn & 0x00780000) != 0) SimdShiftImmediate.executeScalar(s, insn);
        else if ((insn & 0x9f000400) == 0x0f000000) SimdByElement.executeVector(s, insn);
        else if ((insn & 0xdf000400) == 0x5f000000) SimdByElement.executeScalar(s, insn);
        else throw A64Fault.undefined(insn);
    }
}
