package org.mdemu.emulator.a64;

/**
 * Encodings Unicorn 2 executes that lie outside what the Java engine implements (it answers them undefined, as a CPU
 * without the feature): the random differential tests skip them by these predicates and count them.
 */
final class FpFeatures {
    private FpFeatures() {}

    static final String SCALAR_LATER = "FP16, FRINT32/64, FJCVTZS, BFCVT";

    /** A scalar FP encoding of a feature later than ARMv8.0's FP that this engine does not implement. */
    static boolean scalarLaterFeature(int insn) {
        if ((insn & 0x5e000000) != 0x1e000000) return false;
        int type = (insn >>> 22) & 3;
        boolean oneSource = (insn & 0x5f207c00) == 0x1e204000;
        int opcode = (insn >>> 15) & 63;
        if (oneSource && opcode >= 4 && opcode <= 7) return type == 1 && opcode == 6; // FCVT is v8.0; BFCVT is not
        if (oneSource && opcode >= 0x10 && opcode <= 0x13) return true; // FRINT32Z/X, FRINT64Z/X
        if ((insn & 0x5f20fc00) == 0x1e200000 && type == 1 && ((insn >>> 16) & 31) == 0b11110) return true; // FJCVTZS
        return type == 3; // FP16 arithmetic, conversions, FMOV H
    }
}
