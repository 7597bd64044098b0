package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;

/**
 * Directed edge cases of the scalar FP instructions: the architecture's answer for named cases (rounding, flags, NaN
 * order, tininess before rounding, flush to zero, saturation, alternative half precision), and every FPCR setting
 * (RMode x FZ x DN, AHP) over edge operands against Unicorn 2.
 */
class ScalarFpTest {
    static final int FZ = 1 << 24, DN = 1 << 25, AHP = 1 << 26;
    static final int RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22;
    static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;

    @AutoClose
    private static final A64Rig.Pair pair = new A64Rig.Pair();

    /** Runs word on the Java engine with D1-D3 (or S1-S3) and X1 set, FPCR given; returns what it left. */
    static A64Rig.Snapshot run(int word, int fpcr, long v1, long v2, long v3, long x1) {
        try (JavaMachine m = new JavaMachine()) {
            return A64Rig.run(m, new int[] {word}, r -> {
                r.setQ(1, v1, 0);
                r.setQ(2, v2, 0);
                r.setQ(3, v3, 0);
                r.setX(1, x1);
                r.setFpcr(fpcr);
            });
        }
    }

    static A64Rig.Snapshot run(int word, int fpcr, long v1, long v2, long v3) {
        return run(word, fpcr, v1, v2, v3, 0);
    }

    static A64Rig.Snapshot run(int word, int fpcr, long v1, long v2) {
        return run(word, fpcr, v1, v2, 0, 0);
    }

    static void expect(A64Rig.Snapshot s, long d0, int fpsr) {
        assertThat(s.exit()).isNotInstanceOf(CpuExit.Fault.class);
        assertThat(s.v()[0]).as("d0").isEqualTo(d0);
        assertThat(s.fpsr()).as("fpsr").isEqualTo(fpsr);
    }

    static final int FADD_S = 0x1e222820, FADD_D = 0x1e622820, FSUB_D = 0x1e623820, FMUL_S = 0x1e220820,
            FMUL_D = 0x1e620820, FDIV_S = 0x1e221820, FDIV_D = 0x1e621820, FSQRT_S = 0x1e21c020,
            FSQRT_D = 0x1e61c020, FMADD_D = 0x1f420c20, FMADD_S = 0x1f020c20, FNMSUB_D = 0x1f628c20,
            FMAX_D = 0x1e624820, FMINNM_D = 0x1e627820, FMAXNM_S = 0x1e226820, FCMP_D = 0x1e622020,
            FCMPE_D = 0x1e622030, FCMP_S_ZERO = 0x1e202028, FCVT_H_S = 0x1e23c020, FCVT_H_D = 0x1e63c020,
            FCVT_S_H = 0x1ee24020, FCVT_D_H = 0x1ee2c020, FCVT_S_D = 0x1e624020, FCVT_D_S = 0x1e22c020,
            FRINTA_D = 0x1e664020, FRINTX_S = 0x1e274020, FRINTN_D = 0x1e644020, FCVTZS_W_D = 0x1e780020,
            FCVTZU_W_D = 0x1e790020, FCVTZS_X_S = 0x9e380020, FCVTZU_X_D = 0x9e790020, FCVTAS_X_D = 0x9e640020,
            FCVTNS_W_S = 0x1e200020, FCVTZS_W_D_16 = 0x1e58c020, SCVTF_D_X = 0x9e620020, UCVTF_S_X = 0x9e230020,
            UCVTF_D_W_32 = 0x1e438020, SCVTF_S_W = 0x1e220020, FNMUL_D = 0x1e628820;

    @Test
    void directedRoundingUsesTheExactResultInEveryMode() {
        long one = 0x3ff0000000000000L, tiny = 0x3ca0000000000000L; // 1.0, 2^-53 (half an ulp of 1.0)
        expect(run(FADD_D, 0, one, tiny), one, IXC); // tie to even
        expect(run(FADD_D, RP, one, tiny), one + 1, IXC);
        expect(run(FADD_D, RM, one, tiny), one, IXC);
        long quarter = 0x3c90000000000000L; // 2^-54: half an ulp below 1.0
        expect(run(FSUB_D, RM, one, quarter), 0x3fefffffffffffffL, IXC);
        expect(run(FSUB_D, RZ, one, quarter), 0x3fefffffffffffffL, IXC);
        expect(run(FSUB_D, 0, one, quarter), one, IXC);
        expect(run(FSUB_D, RZ, one, tiny), 0x3fefffffffffffffL, 0); // exact
        expect(run(FSUB_D, 0, one, one), 0, 0);
        expect(run(FSUB_D, RM, one, one), 0x8000000000000000L, 0); // exact zero is -0 only rounding down
    }

    @Test
    void tininessIsDetectedBeforeRounding() {
        // (1 - 2^-24) * 2^-126 rounds up to the smallest normal: still an underflow on AArch64.
        expect(run(FMUL_S, 0, 0x3f7fffff, 0x00800000), 0x00800000, UFC | IXC);
        // An exact denormal result is no underflow.
        expect(run(FMUL_S, 0, 0x3f000000, 0x00800000), 0x00400000, 0);
    }

    @Test
    void flushToZeroFlushesInputsWithIdcAndOutputsWithUfc() {
        expect(run(FADD_S, FZ, 0x00000001, 0x3f800000), 0x3f800000, IDC);
        expect(run(FMUL_S, FZ, 0x3f000000, 0x00800000), 0, UFC); // no IXC for a flushed result
        expect(run(FMUL_S, FZ, 0xbf000000, 0x00800000), 0x80000000L, UFC);
        expect(run(FMAX_D, FZ, 0x8000000000000001L, 0), 0, IDC);
    }

    @Test
    void nanPropagationQuietsTheFirstSignallingNaN() {
        long qa = 0x7ff8000000000001L, sb = 0x7ff0000000000002L;
        expect(run(FADD_D, 0, qa, sb), 0x7ff8000000000002L, IOC); // signalling first, even as operand 2
        expect(run(FADD_D, 0, qa, 0x7ff8000000000003L), qa, 0);
        expect(run(FADD_D, DN, qa, sb), 0x7ff8000000000000L, IOC);
        // FMADD: addend first; a quiet NaN addend with 0 * inf gives the default NaN and IOC.
        expect(run(FMADD_D, 0, 0, 0x7ff0000000000000L, 0x7ff8000000000009L), 0x7ff8000000000000L, IOC);
        expect(run(FMADD_D, 0, 0x7ff4000000000000L, 1, 0x7ff8000000000009L), 0x7ffc000000000000L, IOC);
        // FNMSUB negates the addend before NaN processing: the NaN comes out with its sign flipped.
        expect(run(FNMSUB_D, 0, 0, 0, 0x7ff8000000000009L), 0xfff8000000000009L, 0);
        // FNMUL negates the (default) NaN result.
        expect(run(FNMUL_D, DN, 0x7ff8000000000001L, 0), 0xfff8000000000000L, 0);
    }

    @Test
    void maxMinNumPreferNumbersToQuietNaNs() {
        expect(run(FMINNM_D, 0, 0x7ff8000000000001L, 0xbff0000000000000L), 0xbff0000000000000L, 0);
        expect(run(FMINNM_D, 0, 0x7ff0000000000001L, 0xbff0000000000000L), 0x7ff8000000000001L, IOC);
        expect(run(FMAX_D, 0, 0x8000000000000000L, 0), 0, 0);
    }

    @Test
    void compareSignalsOnlyAsSpecified() {
        A64Rig.Snapshot q = run(FCMP_D, 0, 0x7ff8000000000000L, 0);
        assertThat(q.nzcv()).isEqualTo(0x30000000L);
        assertThat(q.fpsr()).isZero();
        assertThat(run(FCMPE_D, 0, 0x7ff8000000000000L, 0).fpsr()).isEqualTo(IOC);
        assertThat(run(FCMP_D, 0, 0x7ff0000000000001L, 0).fpsr()).isEqualTo(IOC);
        assertThat(run(FCMP_S_ZERO, 0, 0x80000000L, 0).nzcv()).isEqualTo(0x60000000L);
    }

    @Test
    void halfPrecisionConversionsHonourAhp() {
        expect(run(FCVT_H_S, AHP, 0x7f800000, 0), 0x7fff, IOC); // no infinity in the alternative format
        expect(run(FCVT_H_S, AHP, 0x7fc00000, 0), 0, IOC); // nor NaN: zero
        expect(run(FCVT_H_S, AHP, 0x47800000, 0), 0x7c00, 0); // 65536 is a number there
        expect(run(FCVT_S_H, AHP, 0x7c00, 0), 0x47800000, 0);
        expect(run(FCVT_H_S, 0, 0x47800000, 0), 0x7c00, OFC | IXC);
        expect(run(FCVT_S_H, FZ, 0x0001, 0), 0x33800000, 0); // FZ does not flush half-precision inputs
    }

    @Test
    void integerConversionsSaturateWithIocAndNoIxc() {
        expect(run(FCVTZS_W_D, 0, 0x41e0000000000000L, 0), 0, IOC); // checks below via x0
        A64Rig.Snapshot s = run(FCVTZS_W_D, 0, 0x41e0000000000000L, 0);
        assertThat(s.x()[0]).isEqualTo(0x7fffffffL);
        s = run(FCVTZU_W_D, 0, 0xbfe0000000000000L, 0); // -0.5 truncates to 0: inexact, not invalid
        assertThat(s.x()[0]).isZero();
        assertThat(s.fpsr()).isEqualTo(IXC);
        s = run(FCVTZU_X_D, 0, 0xbff0000000000000L, 0);
        assertThat(s.x()[0]).isZero();
        assertThat(s.fpsr()).isEqualTo(IOC);
        s = run(FCVTAS_X_D, 0, 0xc004000000000000L, 0); // -2.5 rounds away: -3
        assertThat(s.x()[0]).isEqualTo(-3);
        s = run(FCVTZS_X_S, 0, 0x7fc00000, 0);
        assertThat(s.x()[0]).isZero();
        assertThat(s.fpsr()).isEqualTo(IOC);
    }

    @Test
    void unallocatedAndFp16EncodingsAreUndefined() {
        for (int word : new int[] {0x1ee22820 /* fadd h0,h1,h2 */, 0x1e628020 /* ftype 10 */, 0x3e622820 /* S=1 */,
                0x1e7e0020 /* fjcvtzs */, 0x1e28c020 /* frint32x */, 0x1ee60020 /* fmov w0, h1 */,
                0x1e622820 | (1 << 31) /* M=1 */, 0x1e201000 | (1 << 5) /* fmov imm, imm5 != 0 */}) {
            A64Rig.Snapshot s = run(word, 0, 0, 0);
            assertThat(s.exit()).as("%08x", word).isInstanceOfSatisfying(CpuExit.Fault.class,
                    f -> assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION));
        }
    }

    private static final long[] D_EDGES = {0, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff8000000000000L,
            0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000005L, 0x7ff0000000000007L, 0x0000000000000001L,
            0x800fffffffffffffL, 0x0010000000000000L, 0x7fefffffffffffffL, 0x3ca0000000000001L, 0x43e0000000000000L,
            0xc3e0000000000000L, 0x41dfffffffc00000L, 0x3fe0000000000000L, 0x3ff0000000000001L};
    private static final long[] S_EDGES = {0, 0x80000000L, 0x3f800000, 0xbfc00000L, 0x7f800000, 0xff800000L,
            0x7fc00005, 0x7f800007, 1, 0x807fffffL, 0x00800000, 0x7f7fffff, 0x33000001, 0x5f000000, 0xdf000000L,
            0x4effffff, 0x3f000000, 0x3f800001};

    @Test
    void everyFpcrSettingOverEdgeOperandsMatchesUnicorn2() {
        int[] two = {FADD_S, FADD_D, FSUB_D, FMUL_S, FMUL_D, FDIV_S, FDIV_D, FMAX_D, FMINNM_D, FMAXNM_S, FCMP_D,
                FCMPE_D, FNMUL_D, FMADD_D, FMADD_S, FNMSUB_D};
        int[] one = {FSQRT_S, FSQRT_D, FCMP_S_ZERO, FCVT_H_S, FCVT_H_D, FCVT_S_H, FCVT_D_H, FCVT_S_D, FCVT_D_S,
                FRINTA_D, FRINTX_S, FRINTN_D, FCVTZS_W_D, FCVTZU_W_D, FCVTZS_X_S, FCVTZU_X_D, FCVTAS_X_D,
                FCVTNS_W_S, FCVTZS_W_D_16};
        int[] fromInt = {SCVTF_D_X, UCVTF_S_X, UCVTF_D_W_32, SCVTF_S_W};
        long[] ints = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x7fffffffL, 0x80000000L, 0xffffffffL,
                0x20000000000001L, 0x1000001L, 0xfffffffffffff801L, 0x8000008000000001L};
        List<String> differences = new ArrayList<>();
        int cases = 0;
        // RMode x FZ; DN with round to nearest; AHP with FZ rounding up.
        for (int fpcr = 0; fpcr < 10; fpcr++) {
            int bits = fpcr == 8 ? DN : fpcr == 9 ? AHP | FZ | RP : (fpcr & 3) << 22 | (fpcr & 4) << 22;
            for (int w : two) {
                long[] edges = isDouble(w) ? D_EDGES : S_EDGES;
                for (int i = 0; i < edges.length; i++) {
                    // Half the pairs for each setting, the other half for the next: all pairs over two settings.
                    for (int j = (i + fpcr + w) & 1; j < edges.length; j += 2) {
                        long a = edges[i], b = edges[j], c = edges[(i * 7 + j * 3 + fpcr) % edges.length];
                        cases++;
                        note(differences, pair.compare(new int[] {w}, setup(bits, a, b, c, 0)));
                    }
                }
            }
            for (int w : one) {
                long[] edges = w == FCVT_S_H || w == FCVT_D_H ? halfEdges() : isDouble(w) ? D_EDGES : S_EDGES;
                for (long a : edges) {
                    cases++;
                    note(differences, pair.compare(new int[] {w}, setup(bits, a, 0, 0, 0)));
                }
            }
            for (int w : fromInt) {
                for (long x : ints) {
                    cases++;
                    note(differences, pair.compare(new int[] {w}, setup(bits, 0, 0, 0, x)));
                }
            }
        }
        assertThat(cases).isGreaterThan(20_000);
        assertThat(differences).isEmpty();
    }

    /** FCVT's source format is in bits 23:22; other instructions are double when bit 22 is set. */
    private static boolean isDouble(int w) {
        if ((w & 0xfffe7c00) == 0x1e224000 || (w & 0xfffe7c00) == 0x1e624000) return (w & (1 << 22)) != 0;
        return (w & (1 << 22)) != 0;
    }

    private static long[] halfEdges() {
        return new long[] {0, 0x8000, 0x3c00, 0x7c00, 0xfc00, 0x7e01, 0x7c01, 0x0001, 0x83ff, 0x0400, 0x7bff};
    }

    private static java.util.function.Consumer<org.mdemu.guest.machine.CpuRegisters> setup(int fpcr, long a, long b,
            long c, long x) {
        return r -> {
            r.setQ(1, a, 0x1234);
            r.setQ(2, b, 0);
            r.setQ(3, c, 0);
            r.setX(1, x);
            r.setFpcr(fpcr);
        };
    }

    private static void note(List<String> differences, String d) {
        if (d != null && differences.size() < 12) differences.add(d);
    }

    @Test
    void fusedMultiplyAddCancellationAndUnderflowMatchUnicorn2() {
        // Addends near -(a * b) (massive cancellation, exact zeros) and products near the denormal range, in every
        // rounding mode with and without FZ: the 128-bit path of FPMulAdd.
        java.util.Random r = new java.util.Random(3);
        List<String> differences = new ArrayList<>();
        int cases = 0;
        for (int i = 0; i < 3000; i++) {
            int fpcr = r.nextInt(4) << 22 | (r.nextInt(3) == 0 ? FZ : 0);
            boolean dbl = r.nextBoolean();
            int scale = r.nextInt(3) == 0 ? -(dbl ? 1000 : 120) : 0;
            double a = (1 + r.nextDouble()) * Math.scalb(1.0, scale / 2 + r.nextInt(8) - 4);
            double b = (r.nextBoolean() ? -1 : 1) * (1 + r.nextDouble()) * Math.scalb(1.0, scale - scale / 2);
            long va, vb, vc;
            if (dbl) {
                double p = a * b;
                long pc = Double.doubleToRawLongBits(-p) + r.nextInt(5) - 2;
                va = Double.doubleToRawLongBits(a);
                vb = Double.doubleToRawLongBits(b);
                vc = r.nextInt(4) == 0 ? Double.doubleToRawLongBits(-p * 0x1p-30) : pc;
            } else {
                float fa = (float) a, fb = (float) b, p = fa * fb;
                va = Float.floatToRawIntBits(fa) & 0xffffffffL;
                vb = Float.floatToRawIntBits(fb) & 0xffffffffL;
                vc = (Float.floatToRawIntBits(-p) + r.nextInt(5) - 2) & 0xffffffffL;
                if (r.nextInt(4) == 0) vc = Float.floatToRawIntBits(-p * 0x1p-12f) & 0xffffffffL;
            }
            for (int w : new int[] {dbl ? FMADD_D : FMADD_S, dbl ? FNMSUB_D : FMADD_S}) {
                cases++;
                long c = w == FNMSUB_D ? vc ^ Long.MIN_VALUE : vc; // FNMSUB negates the addend: cancel it too
                String d = pair.compare(new int[] {w}, setup(fpcr, va, vb, c, 0));
                if (d != null && differences.size() < 12) differences.add(d);
            }
        }
        assertThat(cases).isEqualTo(6000);
        assertThat(differences).isEmpty();
    }
}
