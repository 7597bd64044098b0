package org.mdemu.emulator.a64;

/**
 * Encodings of architecture features the Java engine does not report in AT_HWCAP and therefore refuses (SIGILL),
 * while Unicorn 2, emulating a newer CPU, executes them. Each row is a feature with the fixed bits of its encodings,
 * from the ARM ARM's encoding tables. The random differential tests skip them by {@link #SKIP} (named, counted), the
 * instruction space sweep tolerates them where the Java engine answers undefined.
 */
final class UnreportedFeatures {
    private record Row(String feature, int mask, int pattern) {}

    private static final Row[] ROWS = {
            new Row("LOR: LDLAR, STLLR", 0x3fa08000, 0x08800000),
            new Row("RCpc: LDAPR", 0x3ffffc00, 0x38bfc000),
            new Row("RCpc 2: LDAPUR, STLUR", 0x3f200c00, 0x19000000),
            new Row("PAuth: LDRAA, LDRAB", 0xff200400, 0xf8200400),
            new Row("MTE: STG, STZG, ST2G, STZ2G, LDG, STGM, STZGM, LDGM", 0xff200000, 0xd9200000),
            new Row("MTE: STGP post-index", 0xffc00000, 0x68800000),
            new Row("MTE: STGP signed offset", 0xffc00000, 0x69000000),
            new Row("MTE: STGP pre-index", 0xffc00000, 0x69800000),
            new Row("FlagM: RMIF", 0xffe07c10, 0xba000400),
            new Row("FlagM: SETF8, SETF16", 0xffffbc1f, 0x3a00080d),
            new Row("FlagM: CFINV", 0xffffffff, 0xd500401f),
            new Row("FlagM 2: XAFLAG", 0xffffffff, 0xd500403f),
            new Row("FlagM 2: AXFLAG", 0xffffffff, 0xd500405f),
            new Row("PAuth: PACIA ... XPACD", 0xffff0000, 0xdac10000),
            new Row("PAuth: PACGA", 0xffe0fc00, 0x9ac03000),
            new Row("PAuth: BRAA, BLRAA, RETAA, ERETAA ...", 0xfe00f800, 0xd6000800),
            new Row("RNG: RNDR, RNDRRS", 0xffffffc0, 0xd53b2400),
            new Row("SHA3, SHA512, SM3, SM4", 0xff000000, 0xce000000),
            new Row("RDM, DotProd, FCMA, I8MM, BF16: Advanced SIMD three same (extra)", 0x9f208400, 0x0e008400),
            new Row("RDM: Advanced SIMD scalar three same (extra)", 0xdf208400, 0x5e008400),
    };

    private UnreportedFeatures() {}

    static boolean matches(int insn) {
        return feature(insn) != null;
    }

    /** Skips a case any of whose words belongs to an unreported feature, naming the feature. */
    static final RandomDifferential.Skip SKIP = words -> {
        for (int w : words) {
            String feature = feature(w);
            if (feature != null) return "unreported feature: " + feature;
        }
        return null;
    };

    /** The name of the unreported feature insn belongs to, or null. */
    static String feature(int insn) {
        for (Row row : ROWS) if ((insn & row.mask()) == row.pattern()) return row.feature();
        if (scalarLaterFeature(insn)) return SCALAR_LATER;
        if (simdLaterFeature(insn)) return SIMD_LATER;
        boolean vectorByElement = (insn & 0x9f000400) == 0x0f000000, scalarByElement = (insn & 0xdf000400) == 0x5f000000;
        if (vectorByElement || scalarByElement) {
            String later = byElementLater(scalarByElement, (insn & (1 << 29)) != 0, (insn >>> 12) & 15);
            if (later != null) return later + " by element";
        }
        return null;
    }

    /** The later feature an Advanced SIMD (scalar) by element encoding (U, opcode bits 15:12) belongs to, or null. */
    static String byElementLater(boolean scalar, boolean u, int op4) {
        if (u && (op4 == 0xd || op4 == 0xf)) return "RDM (v8.1)";
        if (scalar) return null;
        if (op4 == 0xe || op4 == 0xf) return "DotProd/I8MM/BF16";
        if (!u && (op4 == 0x0 || op4 == 0x4) || u && (op4 == 0x8 || op4 == 0xc)) return "FHM";
        if (u && (op4 & 9) == 1) return "FCMA";
        return null;
    }

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

    static final String SIMD_LATER = "FP16, FHM, FRINT32/64, BF16";

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
