package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FpFast#mulAdd} and {@link FpFast#fromFixed} give the same bits and FPSR as {@link FpArith}'s exact
 * FPMulAdd and FixedToFP: over the fast path's whole range, with short fractions (exact results, ties), addends that
 * cancel the product (the rounded product negated, off by an ulp, exact zero results) and operands outside the range
 * (which must take the exact path); integers around the significand's limits, both widths, signed and unsigned.
 */
class FpFastFusedAndConversionTest {
    private static final int CASES = RandomDifferential.cases(1500) * 200;

    private static long operand(Random r, int n) {
        return FpFastPathTest.operand(r, n, true);
    }

    /** An addend that cancels most or all of a * b. */
    private static long cancelling(Random r, int n, long a, long b) {
        long p;
        if (n == 64) p = Double.doubleToRawLongBits(-(Double.longBitsToDouble(a) * Double.longBitsToDouble(b)));
        else p = Float.floatToRawIntBits(-(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b))) & 0xffffffffL;
        return p + r.nextInt(5) - 2;
    }

    @Test
    void fusedMultiplyAddAgreesWithTheExactArithmetic() {
        Random r = new Random(11);
        CpuState fast = new CpuState(new PagedMemory()), exact = new CpuState(new PagedMemory());
        int fastCases = 0;
        for (int i = 0; i < CASES; i++) {
            int n = r.nextBoolean() ? 64 : 32;
            long a = operand(r, n), b = operand(r, n);
            long c = r.nextInt(3) == 0 ? cancelling(r, n, a, b) : operand(r, n);
            int fpcr = switch (r.nextInt(8)) {
                case 0 -> FpArith.FPCR_FZ;
                case 1 -> 1 << 22; // round towards plus infinity: the exact path
                case 2 -> FpArith.FPCR_DN;
                default -> 0;
            };
            fast.fpcr = exact.fpcr = fpcr;
            fast.fpsr = exact.fpsr = 0;
            if ((fpcr & (3 << 22)) == 0 && FpFast.applies(n, a, b) && FpFast.applies(n, c, c)) fastCases++;
            long x = FpFast.mulAdd(fast, n, c, a, b), y = FpArith.mulAdd(exact, n, c, a, b);
            assertThat(x).as("n %d c %x a %x b %x fpcr %x", n, c, a, b, fpcr).isEqualTo(y);
            assertThat(fast.fpsr).as("fpsr: n %d c %x a %x b %x fpcr %x", n, c, a, b, fpcr).isEqualTo(exact.fpsr);
        }
        assertThat(fastCases).isGreaterThan(CASES / 3);
    }

    @Test
    void integerToFloatAgreesWithTheExactConversion() {
        Random r = new Random(13);
        CpuState fast = new CpuState(new PagedMemory()), exact = new CpuState(new PagedMemory());
        for (int i = 0; i < CASES; i++) {
            int n = r.nextBoolean() ? 64 : 32, m = r.nextBoolean() ? 64 : 32;
            long op = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong() >> r.nextInt(64);
                case 2 -> (1L << r.nextInt(64)) + r.nextInt(5) - 2;
                default -> -(1L << r.nextInt(64)) + r.nextInt(5) - 2;
            };
            if (r.nextBoolean()) op ^= r.nextLong() << 32; // garbage above a 32-bit source
            int fbits = r.nextInt(4) == 0 ? 1 + r.nextInt(m) : 0;
            boolean unsigned = r.nextBoolean();
            int fpcr = r.nextInt(4) == 0 ? r.nextInt(4) << 22 | (r.nextBoolean() ? FpArith.FPCR_FZ : 0) : 0;
            fast.fpcr = exact.fpcr = fpcr;
            fast.fpsr = exact.fpsr = 0;
            long x = FpFast.fromFixed(fast, n, op, fbits, unsigned, m);
            long y = FpArith.fromFixed(exact, n, op, fbits, unsigned, m, FpArith.rmode(fpcr));
            assertThat(x).as("n %d m %d op %x fbits %d unsigned %b fpcr %x", n, m, op, fbits, unsigned, fpcr)
                    .isEqualTo(y);
            assertThat(fast.fpsr).as("fpsr: n %d m %d op %x fbits %d unsigned %b", n, m, op, fbits, unsigned)
                    .isEqualTo(exact.fpsr);
        }
    }
}
