package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Directed edge cases of the Advanced SIMD FP instructions: the architecture's answer for lane order (pairwise,
 * across lanes, by element), round to odd, FCVTN/FCVTL with AHP, and sweeps of the estimate tables (FRECPE, FRSQRTE
 * over every exponent, FZ and rounding mode) against Unicorn 2.
 */
class SimdFpTest {
    static final int FZ = 1 << 24, AHP = 1 << 26;
    static final int IOC = 1, OFC = 4, UFC = 8, IXC = 16, IDC = 128;

    @AutoClose
    private static final A64Rig.Pair pair = new A64Rig.Pair();

    /** Runs word on the Java engine with V0 = 0x1111..., V1 and V2 set and FPCR given. */
    static A64Rig.Snapshot run(int word, int fpcr, long v1lo, long v1hi, long v2lo, long v2hi) {
        try (JavaMachine m = new JavaMachine()) {
            return A64Rig.run(m, new int[] {word}, setup(fpcr, v1lo, v1hi, v2lo, v2hi));
        }
    }

    static Consumer<CpuRegisters> setup(int fpcr, long v1lo, long v1hi, long v2lo, long v2hi) {
        return r -> {
            r.setQ(0, 0x1111111111111111L, 0x2222222222222222L);
            r.setQ(1, v1lo, v1hi);
            r.setQ(2, v2lo, v2hi);
            r.setFpcr(fpcr);
        };
    }

    static long s2(int lo, int hi) {
        return (lo & 0xffffffffL) | (long) hi << 32;
    }

    static void expect(A64Rig.Snapshot s, long lo, long hi, int fpsr) {
        assertThat(s.exit()).isNotInstanceOf(CpuExit.Fault.class);
        assertThat(s.v()[0]).as("v0.lo").isEqualTo(lo);
        assertThat(s.v()[1]).as("v0.hi").isEqualTo(hi);
        assertThat(s.fpsr()).as("fpsr").isEqualTo(fpsr);
    }

    static final int ONE = 0x3f800000, TWO = 0x40000000, THREE = 0x40400000, FOUR = 0x40800000;

    @Test
    void pairwiseAddsAdjacentLanesOfTheConcatenation() {
        // faddp v0.4s, v1.4s, v2.4s: {1+2, 3+4} from v1 then v2.
        expect(run(0x6e22d420, 0, s2(ONE, TWO), s2(THREE, FOUR), s2(FOUR, FOUR), s2(ONE, ONE)),
                s2(THREE, 0x40e00000), s2(0x41000000, TWO), 0);
        expect(run(0x7e30d820, 0, s2(ONE, TWO), -1, 0, 0), THREE, 0, 0); // faddp s0, v1.2s
    }

    @Test
    void acrossLanesReducesInPairs() {
        // fmaxnmv: a quiet NaN loses to numbers; fminv propagates it (and a signalling NaN raises IOC).
        expect(run(0x6e30c820, 0, s2(0x7fc00001, ONE), s2(TWO, 0xff800000), 0, 0), TWO, 0, 0);
        expect(run(0x6eb0f820, 0, s2(ONE, TWO), s2(THREE, 0x7f800001), 0, 0), 0x7fc00001, 0, IOC);
    }

    @Test
    void byElementUsesTheIndexedLane() {
        // fmla v0.4s, v1.4s, v2.s[3]: each lane of v0 (0x11111111 is about 1.1e-28) plus v1 * 4.
        A64Rig.Snapshot s = run(0x4fa21820, 0, s2(ONE, TWO), s2(THREE, 0), s2(0, 0), s2(0, FOUR));
        assertThat(s.v()[0] >>> 32).isEqualTo(0x41000000L);
        assertThat(s.v()[1] & 0xffffffffL).isEqualTo(0x41400000L);
        // fmul v0.2d, v1.2d, v2.d[1]
        expect(run(0x4fc29820, 0, 0x3ff0000000000000L, 0x4000000000000000L, 0, 0x4008000000000000L),
                0x4008000000000000L, 0x4018000000000000L, 0);
        // fmulx s0, s1, v2.s[2]: infinity times zero is 2 with the product's sign.
        expect(run(0x7f829820, 0, 0xff800000L, 0, 0, 0), 0x40000000L | 0x80000000L, 0, 0);
    }

    @Test
    void fcvtxnRoundsToOdd() {
        long exactlyHalfway = 0x3ff0000010000000L; // 1 + 2^-24: halfway between two singles
        expect(run(0x7e616820, 0, exactlyHalfway, 0, 0, 0), 0x3f800001L, 0, IXC);
        expect(run(0x7e616820, 0, 0x3ff0000000000000L, 0, 0, 0), 0x3f800000L, 0, 0);
        // fcvtxn2 v0.4s, v1.2d: the upper half of v0, the lower kept; too large for a single: the largest, OFC.
        expect(run(0x6e616820, 0, 0x7fefffffffffffffL, 0xbff0000000000000L, 0, 0), 0x1111111111111111L,
                s2(0x7f7fffff, 0xbf800000), OFC | IXC);
    }

    @Test
    void halfPrecisionNarrowAndWidenHonourAhp() {
        // fcvtn v0.4h, v1.4s: infinity has no alternative half-precision form.
        expect(run(0x0e216820, AHP, s2(0x7f800000, ONE), s2(0x7fc00000, 0x47800000), 0, 0),
                0x7c00_0000_3c00_7fffL, 0, IOC);
        // fcvtl2 v0.4s, v1.8h with AHP: exponent 31 is a number.
        expect(run(0x4e217820, AHP, 0, 0x7fff_7c00_3c00_0001L, 0, 0), s2(0x33800000, ONE),
                s2(0x47800000, 0x47ffe000), 0);
    }

    @Test
    void reservedArrangementsAreUndefined() {
        for (int word : new int[] {0x0e62d420 /* fadd v0.1d */, 0x2f03f600 /* fmov v0.1d, #1.0 */,
                0x2e30c820 /* fmaxnmv on 2s */, 0x6e70c820 /* fmaxnmv on 2d */, 0x0fc29820 /* fmul v.1d by element */,
                0x4fe29820 /* fmul double by element with L set */, 0x7e216820 /* fcvtxn from single */}) {
            A64Rig.Snapshot s = run(word, 0, 0, 0, 0, 0);
            assertThat(s.exit()).as("%08x", word).isInstanceOfSatisfying(CpuExit.Fault.class,
                    f -> assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION));
        }
    }

    @Test
    void estimatesOverEveryExponentMatchUnicorn2() {
        int[] words = {0x4ea1d820 /* frecpe 4s */, 0x6ea1d820 /* frsqrte 4s */, 0x4ee1d820 /* frecpe 2d */,
                0x6ee1d820 /* frsqrte 2d */, 0x5ee1f820 /* frecpx d */, 0x4e22fc20 /* frecps 4s */,
                0x4ee2fc20 /* frsqrts 2d */};
        Random r = new Random(42);
        List<String> differences = new ArrayList<>();
        int cases = 0;
        for (int fpcr : new int[] {0, FZ, 1 << 22, 2 << 22, 3 << 22 | FZ}) {
            for (int exp = 0; exp < 2048; exp += 3) {
                for (int w : words) {
                    boolean dbl = (w & (1 << 22)) != 0;
                    long a, b, c, d;
                    if (dbl) {
                        a = (long) exp << 52 | r.nextLong() >>> 12;
                        b = (long) exp << 52 | (r.nextBoolean() ? 1L << 51 : 1L << 50) >>> r.nextInt(4);
                        c = (long) (exp ^ 0x7ff) << 52 | r.nextLong() >>> 12;
                        d = 1L << 63 | (long) exp << 52;
                    } else {
                        int e = exp & 0xff;
                        a = s2(e << 23 | r.nextInt(1 << 23), e << 23 | (1 << 22) >>> r.nextInt(4));
                        b = s2(0x80000000 | e << 23, (e ^ 0xff) << 23 | r.nextInt(1 << 23));
                        c = s2(e << 23, 0x80000000 | e << 23 | r.nextInt(1 << 23));
                        d = s2(r.nextInt(), r.nextInt());
                    }
                    cases++;
                    String diff = pair.compare(new int[] {w}, setup(fpcr, a, b, c, d));
                    if (diff != null && differences.size() < 12) differences.add(diff);
                }
            }
        }
        assertThat(cases).isGreaterThan(20_000);
        assertThat(differences).isEmpty();
    }

    @Test
    void conversionsAtSaturationBoundariesMatchUnicorn2() {
        int[] singles = {0x4ea1b820 /* fcvtzs 4s */, 0x6ea1b820 /* fcvtzu 4s */, 0x4e21b820 /* fcvtms 4s */,
                0x6f20fc20 /* fcvtzu 4s, #32 */, 0x5ea1b820 /* fcvtzs s */, 0x6e219820 /* frintx 4s */,
                0x6e218820 /* frinta 4s */};
        int[] doubles = {0x4e61a820 /* fcvtns 2d */, 0x6e61c820 /* fcvtau 2d */, 0x6ee1a820 /* fcvtpu 2d */,
                0x4f7ffc20 /* fcvtzs 2d, #1 */, 0x7f40fc20 /* fcvtzu d, #64 */, 0x6ee19820 /* frinti 2d */};
        int[] fromInt = {0x4f40e420 /* scvtf 2d, #64 */, 0x6e21d820 /* ucvtf 4s */, 0x7e61d820 /* ucvtf d */};
        List<String> differences = new ArrayList<>();
        int cases = 0;
        // 2^31, 2^32, 2^63, 2^64 and 0.5 with their neighbours, both signs.
        int[] fs = {0x4f000000, 0x4f800000, 0x5f000000, 0x5f800000, 0x3f000000, 0x3fc00000, 0x40200000};
        long[] ds = {0x41e0000000000000L, 0x41f0000000000000L, 0x43e0000000000000L, 0x43f0000000000000L,
                0x3fe0000000000000L, 0x3ff8000000000000L, 0x41dfffffffe00000L, 0x41efffffffffffffL};
        for (int fpcr = 0; fpcr < 4; fpcr++) {
            int bits = fpcr << 22;
            for (int base : fs) {
                for (int delta = -2; delta <= 2; delta++) {
                    int x = base + delta;
                    for (int w : singles) {
                        cases++;
                        note(differences, pair.compare(new int[] {w}, setup(bits, s2(x, x ^ 0x80000000),
                                s2(x - 3, (x + 3) ^ 0x80000000), 0, 0)));
                    }
                }
            }
            for (long base : ds) {
                for (long delta = -2; delta <= 2; delta++) {
                    long x = base + delta;
                    for (int w : doubles) {
                        cases++;
                        note(differences, pair.compare(new int[] {w}, setup(bits, x, x ^ Long.MIN_VALUE, 0, 0)));
                    }
                }
            }
            for (long x : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000008000000001L, 0xffffff7fffffffffL,
                    0x7fffffc0ffffffffL, 1}) {
                for (int w : fromInt) {
                    cases++;
                    note(differences, pair.compare(new int[] {w}, setup(bits, x, ~x, 0, 0)));
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
        assertThat(differences).isEmpty();
    }

    private static void note(List<String> differences, String d) {
        if (d != null && differences.size() < 12) differences.add(d);
    }
}
