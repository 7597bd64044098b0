package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mdemu.guest.machine.CpuExit;

/** Advanced SIMD copy, permute, extract, table lookup and modified immediate against Unicorn 2. */
class SimdMovesTest {
    @AutoClose
    private static final A64Rig.Pair pair = new A64Rig.Pair();

    private static void assertSame(int... words) {
        RandomDifferential.assertSameFromRandomStates(pair, words);
    }

    private static void assertUndefined(int... words) {
        for (int word : words) {
            CpuExit exit;
            try (JavaMachine m = new JavaMachine()) {
                exit = A64Rig.run(m, new int[] {word}, r -> {}).exit();
            }
            assertThat(exit).as("%08x", word).isInstanceOfSatisfying(CpuExit.Fault.class,
                    f -> assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION));
        }
        assertSame(words);
    }

    @Test
    void copyGroupMatchesUnicorn2() {
        assertSame(
                0x4e070420, // dup v0.16b, v1.b[3]
                0x4e080c20, // dup v0.2d, x1
                0x4e0c1c40, // mov v0.s[1], w2
                0x4e0a2c20, // smov x0, v1.h[2]
                0x0e073c20, // umov w0, v1.b[3]
                0x4e183c20, // mov x0, v1.d[1]
                0x6e0e7420, // mov v0.h[3], v1.h[7]
                0x0e1f2c20, // smov w0, v1.b[15]
                0x4e1c2ffe, // smov x30, v31.s[3]
                0x0e1c3c20, // mov w0, v1.s[3]
                0x0e1c0420, // dup v0.2s, v1.s[3] (index in the high half with Q 0)
                0x0e010c20, // dup v0.8b, w1
                0x0e020fe0, // dup v0.4h, wzr
                0x4e181c20, // mov v0.d[1], x1
                0x6e180400, // mov v0.d[1], v0.d[0]
                0x6e0e7c20, // ins v0.h[3], v1.h[7] with imm4<0> set (ignored for H)
                0x4e0f3c3f); // umov w31 (WZR): discarded
    }

    @Test
    void scalarCopyIsMovScalar() {
        assertSame(
                0x5e130420, // mov b0, v1.b[9]
                0x5e1e0483, // mov h3, v4.h[7]
                0x5e180483, // mov d3, v4.d[1]
                0x5e0c0420); // mov s0, v1.s[1]
    }

    @Test
    void reservedCopyEncodingsAreUndefined() {
        assertUndefined(
                0x0e080420, // dup v0.1d, v1.d[0]: size 3 with Q 0
                0x0e080c20, // dup v0.1d, x1
                0x4e000420, // imm5 x0000
                0x0e042c20, // smov w0, v1.s[0]
                0x4e082c20, // smov x0, v1.d[0]
                0x0e083c20, // umov w0, v1.d[0]
                0x4e013c20, // umov x0, v1.b[0]
                0x0e011c20, // ins (general) with Q 0
                0x2e010420, // ins (element) with Q 0
                0x0e011420, // imm4 0010
                0x0e014420, // imm4 1000
                0x5e010c20, // scalar copy imm4 0001
                0x7e010420, // scalar copy op 1
                0x5e100420); // scalar copy imm5 x0000
    }

    @Test
    void permuteAndExtractMatchUnicorn2() {
        assertSame(
                0x4e821820, // uzp1 v0.4s, v1.4s, v2.4s
                0x4e427820, // zip2 v0.8h, v1.8h, v2.8h
                0x0e022820, // trn1 v0.8b, v1.8b, v2.8b
                0x4ec25820, // uzp2 v0.2d, v1.2d, v2.2d
                0x0e426820, // trn2 v0.4h, v1.4h, v2.4h
                0x4e043863, // zip1 v3.16b, v3.16b, v4.16b (destination is a source)
                0x6e021820, // ext v0.16b, v1.16b, v2.16b, #3
                0x2e023820, // ext v0.8b, v1.8b, v2.8b, #7
                0x6e027820, // ext v0.16b, v1.16b, v2.16b, #15
                0x6e024020, // ext v0.16b, v1.16b, v2.16b, #8
                0x6e020020); // ext v0.16b, v1.16b, v2.16b, #0
    }

    @Test
    void reservedPermuteAndExtractEncodingsAreUndefined() {
        assertUndefined(
                0x4e020820, // permute opcode 000
                0x4e024820, // permute opcode 100
                0x0ec21820, // uzp1 with size 11 and Q 0
                0x2e024020, // ext with Q 0 and imm4<3> set
                0x6e421820, // ext with op2 01
                0x4e4263c0); // tbl with op2 01
    }

    /** Index bytes mostly inside the table (0..79), so TBL and TBX read it rather than answer zero. */
    @Test
    void tableLookupWrapsRegisterNumbersAndKeepsOutOfRangeBytesForTbx() {
        int[][] cases = {
                {0x4e0263c0, 2}, // tbl v0.16b, {v30-v1}, v2.16b: table wraps from v31 to v0
                {0x4e0253e2, 2}, // tbx v2.16b, {v31, v0, v1}, v2.16b: indices are also the destination
                {0x0e0700c5, 7}, // tbl v5.8b, {v6.16b}, v7.8b
                {0x0e0530c5, 5}, // tbx v5.8b, {v6.16b, v7.16b}, v5.8b
                {0x4e032020, 3}, // tbl v0.16b, {v1.16b, v2.16b}, v3.16b
                {0x0e0333e0, 3}}; // tbx v0.8b, {v31.16b, v0.16b}, v3.8b
        List<String> differences = new ArrayList<>();
        for (int[] c : cases) {
            for (long seed = 1; seed <= 30; seed++) {
                long s = seed;
                String d = pair.compare(new int[] {c[0]}, r -> {
                    Random random = new Random(s);
                    A64Rig.randomize(r, random);
                    long lo = 0, hi = 0;
                    for (int i = 0; i < 8; i++) {
                        lo |= (long) random.nextInt(80) << (8 * i);
                        hi |= (long) (random.nextInt(8) == 0 ? random.nextInt(256) : random.nextInt(80)) << (8 * i);
                    }
                    r.setQ(c[1], lo, hi);
                });
                if (d != null) differences.add(d);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void modifiedImmediateMatchesUnicorn2() {
        assertSame(
                0x4f002640, // movi v0.4s, #0x12, lsl #8
                0x6f05e540, // movi v0.2d, #0xff00ff00ff00ff00
                0x2f05e540, // movi d0, #0xff00ff00ff00ff00
                0x6f00d640, // mvni v0.4s, #0x12, msl #16
                0x4f00b640, // orr v0.8h, #0x12, lsl #8
                0x2f001640, // bic v0.2s, #0x12
                0x4f00e640, // movi v0.16b, #0x12
                0x6f00e400, // movi v0.2d, #0
                0x6f05a560, // mvni v0.8h, #0xab, lsl #8
                0x0f05c561, // movi v1.2s, #0xab, msl #8
                0x6f0777e0, // bic v0.4s, #0xff, lsl #24
                0x0f0757e0); // orr v0.2s, #0xff, lsl #16
    }

    @Test
    void modifiedImmediateLeavesFmovToSimdFpAndRefusesO2() {
        CpuState s = new CpuState(new PagedMemory());
        assertThat(SimdMoves.tryExecute(s, 0x4f03f600)).isFalse(); // fmov v0.4s, #1.0
        assertThat(SimdMoves.tryExecute(s, 0x6f03f600)).isFalse(); // fmov v0.2d, #1.0
        assertThat(SimdMoves.tryExecute(s, 0x0f03fe00)).isFalse(); // fmov v0.4h, #1.0 (FP16)
        assertThat(SimdMoves.tryExecute(s, 0x2f03f600)).isFalse(); // op 1, cmode 1111, Q 0: SimdFp answers undefined
        assertUndefined(0x4f000c00, 0x6f00bc00); // o2 = 1 outside cmode 1111
    }

    @Test
    void expandImmByteMask() {
        assertThat(SimdModifiedImmediate.expandImm(true, 0b1110, 0xa5)).isEqualTo(0xff00ff0000ff00ffL);
        assertThat(SimdModifiedImmediate.expandImm(false, 0b1101, 0xab)).isEqualTo(0x00abffff00abffffL);
    }

    private static boolean isFmovImmediate(int word) {
        return ((word >>> 12) & 15) == 0b1111;
    }

    static Stream<Arguments> randomGroups() {
        return Stream.of(
                Arguments.of("copy", 101, 1500, 0x9fe08400, 0x0e000400),
                Arguments.of("scalar copy", 102, 1000, 0xdfe08400, 0x5e000400),
                Arguments.of("table lookup", 103, 1500, 0xbf208c00, 0x0e000000),
                Arguments.of("permute", 104, 1500, 0xbf208c00, 0x0e000800),
                Arguments.of("extract", 105, 1500, 0xbf208400, 0x2e000000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomGroups")
    void randomWordsOfEachGroup(String name, long seed, int cases, int mask, int value) {
        RandomDifferential.compareWords(name, seed, cases, mask, value);
    }

    @Test
    void randomModifiedImmediateWords() {
        RandomDifferential.group("modified immediate", 106, RandomDifferential.cases(1500))
                .pattern(0x9ff80400, 0x0f000400)
                .skip("FMOV immediate (cmode 1111, SimdFp's)", SimdMovesTest::isFmovImmediate)
                .run();
    }

    /**
     * Random TBL/TBX words (op2 00) with every vector register's bytes mostly below 80, so the lookups read the table
     * (registers wrapping past V31) rather than answer zero or keep the destination byte.
     */
    @Test
    void randomTableLookupWordsWithIndicesInRange() {
        RandomDifferential.group("table lookup, indices in range", 107, RandomDifferential.cases(1500))
                .pattern(0xbfe08c00, 0x0e000000).state((words, r, values) -> {
                    A64Rig.randomize(r, values);
                    for (int n = 0; n < 32; n++) {
                        long lo = 0, hi = 0;
                        for (int b = 0; b < 8; b++) {
                            lo |= (long) (values.nextInt(10) == 0 ? values.nextInt(256) : values.nextInt(80)) << 8 * b;
                            hi |= (long) (values.nextInt(10) == 0 ? values.nextInt(256) : values.nextInt(80)) << 8 * b;
                        }
                        r.setQ(n, lo, hi);
                    }
                }).run();
    }
}
