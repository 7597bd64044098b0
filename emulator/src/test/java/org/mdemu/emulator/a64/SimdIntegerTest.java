package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Edge cases of Advanced SIMD integer arithmetic: saturation limits and FPSR.QC, rounding shifts by 0 and by the
 * lane width, negative shifts by register, sign- vs zero-extension, narrowing into either half, D results clearing
 * the upper half, reserved encodings; each against Unicorn 2, the key ones also against the ARM ARM's value.
 */
class SimdIntegerTest {
    private static final long QC = 1L << 27;

    /** Lane patterns with the edge values of every lane size, and shift counts of interest in their low bytes. */
    private static final long[] PATTERNS = {0, -1, 1, 0x8080808080808080L, 0x7f7f7f7f7f7f7f7fL, 0x8000800080008000L,
            0x7fff7fff7fff7fffL, 0x8000000080000000L, 0x7fffffff7fffffffL, Long.MIN_VALUE, Long.MAX_VALUE,
            0x0101010101010101L, 0x4000400040004000L, 0xc0c0c0c0c0c0c0c0L, 0x4040404040404040L,
            0x3f3f3f3f3f3f3f3fL, 0xc1c1c1c1c1c1c1c1L, 0x8181818181818181L, 0x0808080808080808L,
            0xf8f8f8f8f8f8f8f8L, 0x1010101010101010L, 0xf0f0f0f0f0f0f0f0L, 0x2020202020202020L,
            0xffffffffffffffe0L, 0x00ff00ff00ff00ffL, 0x123456789abcdef0L};

    static Stream<Arguments> instructions() {
        return Stream.of(
                Arguments.of("sqadd v0.16b, v1.16b, v2.16b", 0x4e220c20),
                Arguments.of("uqsub v0.4s, v1.4s, v2.4s", 0x6ea22c20),
                Arguments.of("sqadd d0, d1, d2", 0x5ee20c20),
                Arguments.of("uqadd d0, d1, d2", 0x7ee20c20),
                Arguments.of("srshl v0.2d, v1.2d, v2.2d", 0x4ee25420),
                Arguments.of("urshl v0.2d, v1.2d, v2.2d", 0x6ee25420),
                Arguments.of("sshl v0.4s, v1.4s, v2.4s", 0x4ea24420),
                Arguments.of("ushl d0, d1, d2", 0x7ee24420),
                Arguments.of("sqshl v0.8h, v1.8h, v2.8h", 0x4e624c20),
                Arguments.of("uqshl b0, b1, b2", 0x7e224c20),
                Arguments.of("sqrshl s0, s1, s2", 0x5ea25c20),
                Arguments.of("uqrshl v0.2d, v1.2d, v2.2d", 0x6ee25c20),
                Arguments.of("srshr d0, d1, #64", 0x5f402420),
                Arguments.of("urshr d0, d1, #64", 0x7f402420),
                Arguments.of("ursra v0.2d, v1.2d, #64", 0x6f403420),
                Arguments.of("sri d0, d1, #64", 0x7f404420),
                Arguments.of("sli d0, d1, #63", 0x7f7f5420),
                Arguments.of("sqdmulh v0.8h, v1.8h, v2.8h", 0x4e62b420),
                Arguments.of("sqrdmulh v0.4s, v1.4s, v2.4s", 0x6ea2b420),
                Arguments.of("sqdmulh s0, s1, v2.s[3]", 0x5fa2c820),
                Arguments.of("sqrdmulh v0.8h, v1.8h, v15.h[7]", 0x4f7fd820),
                Arguments.of("sqdmlal d0, s1, s2", 0x5ea29020),
                Arguments.of("sqdmlal2 v0.2d, v1.4s, v2.4s", 0x4ea29020),
                Arguments.of("sqdmlsl s0, h1, v2.h[5]", 0x5f527820),
                Arguments.of("sqabs b0, b1", 0x5e207820),
                Arguments.of("sqneg d0, d1", 0x7ee07820),
                Arguments.of("sqabs v0.2d, v1.2d", 0x4ee07820),
                Arguments.of("suqadd d0, d1", 0x5ee03820),
                Arguments.of("usqadd d0, d1", 0x7ee03820),
                Arguments.of("sqxtun b0, h1", 0x7e212820),
                Arguments.of("sqxtn2 v0.4s, v1.2d", 0x4ea14820),
                Arguments.of("uqxtn s0, d1", 0x7ea14820),
                Arguments.of("sqshrun v0.8b, v1.8h, #8", 0x2f088420),
                Arguments.of("sqrshrn2 v0.4s, v1.2d, #32", 0x4f209c20),
                Arguments.of("rshrn2 v0.16b, v1.8h, #1", 0x4f0f8c20),
                Arguments.of("uqrshrn h0, s1, #1", 0x7f1f9c20),
                Arguments.of("uqrshrn s0, d1, #1", 0x7f3f9c20),
                Arguments.of("uqrshrn2 v0.4s, v1.2d, #1", 0x6f3f9c20),
                Arguments.of("uqshrn s0, d1, #1", 0x7f3f9420),
                Arguments.of("sqrshrun s0, d1, #1", 0x7f3f8c20),
                Arguments.of("urecpe v0.4s, v1.4s", 0x4ea1c820),
                Arguments.of("ursqrte v0.2s, v1.2s", 0x2ea1c820),
                Arguments.of("saddlv h0, v1.16b", 0x4e303820),
                Arguments.of("uaddlv h0, v1.16b", 0x6e303820),
                Arguments.of("addp d0, v1.2d", 0x5ef1b820),
                Arguments.of("smaxp v0.4s, v1.4s, v2.4s", 0x4ea2a420),
                Arguments.of("uminp v0.8b, v1.8b, v2.8b", 0x2e22ac20),
                Arguments.of("sshll v0.8h, v1.8b, #0", 0x0f08a420),
                Arguments.of("ushll2 v0.4s, v1.8h, #15", 0x6f1fa420),
                Arguments.of("xtn2 v0.16b, v1.8h", 0x4e212820),
                Arguments.of("add v0.8b, v1.8b, v2.8b", 0x0e228420),
                Arguments.of("cmtst v0.2d, v1.2d, v2.2d", 0x4ee28c20),
                Arguments.of("cmhi d0, d1, d2", 0x7ee23420),
                Arguments.of("sqshlu d0, d1, #63", 0x7f7f6420),
                Arguments.of("sqshl v0.16b, v1.16b, #7", 0x4f0f7420),
                Arguments.of("uqshl h0, h1, #15", 0x7f1f7420),
                Arguments.of("pmull v0.8h, v1.8b, v2.8b", 0x0e22e020),
                Arguments.of("pmul v0.16b, v1.16b, v2.16b", 0x6e229c20),
                Arguments.of("sabal2 v0.2d, v1.4s, v2.4s", 0x4ea25020),
                Arguments.of("uabdl v0.8h, v1.8b, v2.8b", 0x2e227020),
                Arguments.of("raddhn2 v0.4s, v1.2d, v2.2d", 0x6ea24020),
                Arguments.of("rsubhn v0.8b, v1.8h, v2.8h", 0x2e226020),
                Arguments.of("uadalp v0.2d, v1.4s", 0x6ea06820),
                Arguments.of("cls v0.4s, v1.4s", 0x4ea04820),
                Arguments.of("clz v0.8h, v1.8h", 0x6e604820),
                Arguments.of("cnt v0.16b, v1.16b", 0x4e205820),
                Arguments.of("rev64 v0.8h, v1.8h", 0x4e600820),
                Arguments.of("shll2 v0.2d, v1.4s, #32", 0x6ea13820),
                Arguments.of("bsl v0.16b, v1.16b, v2.16b", 0x6e621c20),
                Arguments.of("bif v0.8b, v1.8b, v2.8b", 0x2ee21c20),
                Arguments.of("umlsl2 v0.4s, v1.8h, v2.h[7]", 0x6f726820),
                Arguments.of("mla v0.4s, v1.4s, v2.s[3]", 0x6fa20820));
    }

    /** Every instruction on pairs of edge patterns in V1/V2 (and V15), V0 as accumulator, QC clear and set. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("instructions")
    void edgeOperandsAgreeWithUnicorn2(String asm, int word) {
        List<String> differences = new ArrayList<>();
        int n = PATTERNS.length;
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if ((i + j) % 4 != 0) continue;
                    long a = PATTERNS[i], b = PATTERNS[j], c = PATTERNS[(i * 7 + j + 3) % n];
                    final boolean qcBefore = (i & 1) != 0;
                    final int jj = j;
                    String d = pair.compare(new int[] {word}, r -> {
                        r.setQ(0, c, PATTERNS[(jj + 5) % PATTERNS.length]);
                        r.setQ(1, a, b);
                        r.setQ(2, b, a);
                        r.setQ(15, a ^ b, c);
                        r.setFpsr(qcBefore ? QC : 0);
                    });
                    if (d != null) differences.add(String.format("V1 %016x %016x: %s", a, b, d));
                }
            }
        }
        assertThat(differences).as(asm).isEmpty();
    }

    private static A64Rig.Snapshot run(int word, long v1lo, long v1hi, long v2lo, long v2hi) {
        return A64Rig.assertSameAsUnicorn2(new int[] {word}, r -> {
            r.setQ(0, 0x1111111111111111L, 0x2222222222222222L);
            r.setQ(1, v1lo, v1hi);
            r.setQ(2, v2lo, v2hi);
        });
    }

    @Test
    void saturatingAddClampsAndSetsQc() {
        // sqadd v0.16b, v1.16b, v2.16b: 0x7f + 1 and 0x80 + -1 saturate, 1 + 1 does not
        A64Rig.Snapshot s = run(0x4e220c20, 0x017f80L, 0, 0x0101ffL, 0);
        assertThat(s.v()[0]).isEqualTo(0x027f80L);
        assertThat(s.fpsr() & QC).isEqualTo(QC);
        s = run(0x4e220c20, 0x01L, 0, 0x01L, 0);
        assertThat(s.fpsr() & QC).isZero();
        // sqadd d0, d1, d2 at the 64-bit limit
        s = run(0x5ee20c20, Long.MAX_VALUE, 5, 1, 6);
        assertThat(s.v()[0]).isEqualTo(Long.MAX_VALUE);
        assertThat(s.v()[1]).as("a D result clears the upper half").isZero();
        assertThat(s.fpsr() & QC).isEqualTo(QC);
    }

    @Test
    void roundingShiftsByTheLaneWidth() {
        // urshr d0, d1, #64: (x + 2^63) >> 64 is the top bit
        assertThat(run(0x7f402420, -1L, 0, 0, 0).v()[0]).isEqualTo(1);
        // srshr d0, d1, #64 is 0 for every x
        assertThat(run(0x5f402420, Long.MIN_VALUE, 0, 0, 0).v()[0]).isZero();
        // urshl v0.2d by -64 (low byte 0xc0) and by -1
        A64Rig.Snapshot s = run(0x6ee25420, -1L, 3, 0xc0, 0xff);
        assertThat(s.v()[0]).isEqualTo(1);
        assertThat(s.v()[1]).isEqualTo(2);
        // sri d0, d1, #64 leaves d0
        assertThat(run(0x7f404420, -1L, 0, 0, 0).v()[0]).isEqualTo(0x1111111111111111L);
    }

    @Test
    void saturatingShiftByRegisterUsesTheSignedLowByte() {
        // uqshl b0, b1, b2: 0x81 << 1 saturates to 0xff; sqrshl s0, s1, s2 by -1 rounds 3 to 2
        A64Rig.Snapshot s = run(0x7e224c20, 0x81, 0, 0x101, 0);
        assertThat(s.v()[0]).isEqualTo(0xff);
        assertThat(s.fpsr() & QC).isEqualTo(QC);
        s = run(0x5ea25c20, 3, 0, 0xffL, 0);
        assertThat(s.v()[0]).isEqualTo(2);
        assertThat(s.fpsr() & QC).isZero();
    }

    @Test
    void unsignedRoundingNarrowOfAllOnesSaturates() {
        // uqrshrn s0, d1, #1: (2^64 - 1 + 1) >> 1 = 2^63 does not fit 32 bits
        A64Rig.Snapshot s = run(0x7f3f9c20, -1L, 0, 0, 0);
        assertThat(s.v()[0]).isEqualTo(0xffffffffL);
        assertThat(s.fpsr() & QC).isEqualTo(QC);
    }

    @Test
    void doublingMultiplyOfTheMinimumSaturates() {
        // sqdmulh v0.8h: 0x8000 * 0x8000 -> 0x7fff
        A64Rig.Snapshot s = run(0x4e62b420, 0x8000L, 0, 0x8000L, 0);
        assertThat(s.v()[0] & 0xffff).isEqualTo(0x7fff);
        assertThat(s.fpsr() & QC).isEqualTo(QC);
        // sqdmlal d0, s1, s2: the doubled product saturates to 2^63 - 1, then the accumulation saturates again
        s = run(0x5ea29020, 0x80000000L, 0, 0x80000000L, 0);
        assertThat(s.v()[0]).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unsignedEstimates() {
        // urecpe v0.4s: bit 31 clear gives all ones; 0x80000000 -> 0xff800000
        A64Rig.Snapshot s = run(0x4ea1c820, 0x80000000L | 0x7fffffffL << 32, 0xffffffffc0000000L, 0, 0);
        assertThat(s.v()[0]).isEqualTo(0xffffffffff800000L);
        // ursqrte v0.2s: below 0x40000000 all ones; 0x40000000 -> 0xff800000
        s = run(0x2ea1c820, 0x3fffffffL | 0x40000000L << 32, 0, 0, 0);
        assertThat(s.v()[0]).isEqualTo(0xff800000ffffffffL);
    }

    @Test
    void estimatesAgreeForEveryNineBitInput() {
        // URECPE and URSQRTE depend on bits 31:23 only: all 512 of them, four lanes a case, low bits random.
        java.util.Random random = new java.util.Random(9);
        List<String> differences = new ArrayList<>();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int word : new int[] {0x4ea1c820, 0x6ea1c820}) { // urecpe v0.4s, v1.4s; ursqrte v0.4s, v1.4s
                for (int top = 0; top < 512; top += 4) {
                    long lo = lane(top, random) | lane(top + 1, random) << 32;
                    long hi = lane(top + 2, random) | lane(top + 3, random) << 32;
                    String d = pair.compare(new int[] {word}, r -> r.setQ(1, lo, hi));
                    if (d != null) differences.add(d);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    private static long lane(int top9, java.util.Random random) {
        return ((long) top9 << 23 | random.nextInt(1 << 23)) & 0xffffffffL;
    }

    @Test
    void acrossLanesLongSumsExtendBySignedness() {
        // saddlv h0, v1.16b of sixteen 0x80 is -2048; uaddlv is 2048
        assertThat(run(0x4e303820, 0x8080808080808080L, 0x8080808080808080L, 0, 0).v()[0]).isEqualTo(0xf800);
        assertThat(run(0x6e303820, 0x8080808080808080L, 0x8080808080808080L, 0, 0).v()[0]).isEqualTo(0x0800);
    }

    @Test
    void narrowingIntoTheUpperHalfKeepsTheLowerHalf() {
        // xtn2 v0.16b, v1.8h
        A64Rig.Snapshot s = run(0x4e212820, 0x0004000300020001L, 0x0008000700060005L, 0, 0);
        assertThat(s.v()[0]).isEqualTo(0x1111111111111111L);
        assertThat(s.v()[1]).isEqualTo(0x0807060504030201L);
    }

    @Test
    void reservedSizesAreUndefined() {
        // add v0.1d (size 3, Q 0), sqdmulh v0.16b (size 0), shrn with immh 1xxx, urecpe with size 3,
        // addp (scalar) of size 2, sqdmlal by element of bytes, cnt of halfwords, saddlv over 2s
        int[] words = {0x0ee28420, 0x4e22b420, 0x0f408420, 0x4ee1c820, 0x5eb1b820, 0x4f023020, 0x4e605820,
                0x0eb03820};
        for (int word : words) {
            A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {word}, r -> { });
            assertThat(s.exit()).as("%08x", word).isInstanceOf(CpuExit.Fault.class);
            assertThat(((CpuExit.Fault) s.exit()).kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION);
        }
    }
}
