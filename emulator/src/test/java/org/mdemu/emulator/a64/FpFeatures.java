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

    static final String SIMD_LATER = "FP16, FHM, FRINT32/64, BF16; URECPE/URSQRTE (integer, not FP)";

    /** An Advanced SIMD FP encoding of a feature later than ARMv8.0 that this engine does not implement. */
    static boolean simdLaterFeature(int insn) {
        boolean vector = (insn & 0x9e000000) == 0x0e000000, scalar = (insn & 0xde000000) == 0x5e000000;
        if (!vector && !scalar) return false;
        boolean u = (insn & (1 << 29)) != 0, a = (insn & (1 << 23)) != 0, sz = (insn & (1 << 22)) != 0;
        if ((insn & (1 << 24)) == 0) {
            if ((insn & (1 << 21)) == 0) return false;
            if ((insn & (1 << 10)) != 0) {
                int opcode = (insn >>> 11) & 31;
                return vector && !sz && (u ? opcode == 0b11001 : opcode == 0b11101); // FMLAL/FMLSL(2) (FHM)
            }
            int opcode = (insn >>> 12) & 31, group = (insn >>> 17) & 15;
            if (((insn >>> 10) & 3) != 2) return false;
            if (group == 0) {
                if (vector && !a && (opcode == 0b11110 || opcode == 0b11111)) return true; // FRINT32/64
                if (vector && a && opcode == 0b11100) return true; // URECPE, URSQRTE: SimdInteger's
                return vector && !u && a && !sz && opcode == 0b10110; // BFCVTN (BF16)
            }
            return group == 8 && !u && (opcode == 0b01100 || opcode == 0b01101 || opcode == 0b01111); // FP16
        }
        if ((insn & (1 << 10)) == 0) {
            int opcode = (insn >>> 12) & 15, size = (insn >>> 22) & 3;
            boolean fp = u ? opcode == 0b1001 : opcode == 0b0001 || opcode == 0b0101 || opcode == 0b1001;
            return fp && size == 0; // FP16 by element
        }
        if (a) return false;
        int immh = (insn >>> 19) & 15, opcode = (insn >>> 11) & 31;
        if (immh == 0) return vector && !u && ((insn >>> 11) & 31) == 0b11111; // FMOV half-precision immediate
        return (immh >>> 1) == 1 && (opcode == 0b11100 || opcode == 0b11111); // FP16 fixed-point conversions
    }
}
