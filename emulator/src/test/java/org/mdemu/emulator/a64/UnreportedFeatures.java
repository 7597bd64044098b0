package org.mdemu.emulator.a64;

/**
 * Encodings of architecture features the Java engine does not report in AT_HWCAP and therefore refuses (SIGILL),
 * while Unicorn 2, emulating a newer CPU, executes them. Each row is a feature with the fixed bits of its encodings,
 * from the ARM ARM's encoding tables.
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

    /** The name of the unreported feature insn belongs to, or null. */
    static String feature(int insn) {
        for (Row row : ROWS) if ((insn & row.mask()) == row.pattern()) return row.feature();
        if (FpFeatures.scalarLaterFeature(insn)) return FpFeatures.SCALAR_LATER;
        if (FpFeatures.simdLaterFeature(insn)) return FpFeatures.SIMD_LATER;
        boolean vectorByElement = (insn & 0x9f000400) == 0x0f000000, scalarByElement = (insn & 0xdf000400) == 0x5f000000;
        if (vectorByElement || scalarByElement) {
            String later = SimdIntegerDifferentialTest.byElementSkip(scalarByElement, (insn & (1 << 29)) != 0,
                    (insn >>> 12) & 15);
            if (later != null && !later.equals("SimdFp")) return later + " by element";
        }
        return null;
    }
}
