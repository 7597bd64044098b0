package org.mdemu.emulator.a64;

import org.junit.jupiter.api.Test;

/** Random words of each Advanced SIMD FP group on the Java engine and Unicorn 2 from the same random state. */
class SimdFpDifferentialTest {
    private static final int CASES = RandomDifferential.cases(1500);

    private static void run(String name, long seed, int... patterns) {
        RandomDifferential.group(name, seed, CASES).words(RandomDifferential.patterns(patterns))
                .skip("URECPE, URSQRTE (SimdInteger's)", SimdFpDifferentialTest::integerEstimate)
                .skip(UnreportedFeatures.SKIP).run();
    }

    /** URECPE and URSQRTE share the FP two-register miscellaneous opcodes but are integer instructions. */
    private static boolean integerEstimate(int insn) {
        return (insn & 0x9fbffc00) == 0x0ea1c800; // vector two-register misc, a = 1, opcode 11100
    }

    @Test
    void threeSame() {
        run("SIMD FP three same", 11, 0x9f20c400, 0x0e20c400, 0xdf20c400, 0x5e20c400);
    }

    @Test
    void twoRegisterMisc() {
        // Opcodes 11xxx, 1011x (both size halves) and 011xx with size 1x (compares with zero, FABS, FNEG).
        run("SIMD FP two-register misc", 12, 0x9f3f8c00, 0x0e218800, 0x9f3fec00, 0x0e216800, 0x9fbfcc00, 0x0ea0c800,
                0xdf3f8c00, 0x5e218800, 0xdf3fec00, 0x5e216800, 0xdfbfcc00, 0x5ea0c800);
    }

    @Test
    void pairwiseAndAcrossLanes() {
        // Opcodes 011xx of across lanes (vector) and pairwise (scalar); U=0 (FP16) one draw in four.
        run("SIMD FP pairwise/across lanes", 13, 0xbf3fcc00, 0x2e30c800, 0x9f3fcc00, 0x0e30c800, 0xff3fcc00,
                0x7e30c800, 0xdf3fcc00, 0x5e30c800);
    }

    @Test
    void byElement() {
        // FMLA, FMLS, FMUL, FMULX, vector then scalar; size random (FP16 skipped, 01 unallocated).
        run("SIMD FP by element", 14, 0xbf00f400, 0x0f001000, 0xbf00f400, 0x0f005000, 0xbf00f400, 0x0f009000,
                0xbf00f400, 0x2f009000, 0xff00f400, 0x5f001000, 0xff00f400, 0x5f005000, 0xff00f400, 0x5f009000,
                0xff00f400, 0x7f009000);
    }

    @Test
    void fixedPointConversionsByImmediate() {
        // SCVTF/UCVTF and FCVTZS/FCVTZU, vector and scalar, immh 01xx (single) or 1xxx (double); then any immh<3:1>
        // but 000 (FP16 skipped).
        run("SIMD FP fixed-point by immediate", 15, 0x9fe0f400, 0x0f20e400, 0x9fc0f400, 0x0f40e400, 0x9fe0fc00,
                0x0f20fc00, 0x9fc0fc00, 0x0f40fc00, 0xdfe0f400, 0x5f20e400, 0xdfc0fc00, 0x5f40fc00, 0x9ff0f400,
                0x0f10e400);
    }

    @Test
    void fmovImmediate() {
        run("SIMD FMOV immediate", 16, 0x9ff8fc00, 0x0f00f400);
    }
}
