package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The host fast path for round to nearest ({@link FpFast}) gives the same bits and FPSR as the exact implementation on
 * the operands it takes: random operands over its whole range, with short fractions so exact results and ties occur.
 */
class FpFastPathTest {
    private static final int CASES = RandomDifferential.cases(1500) * 200;

    /** A random operand of width n (32 or 64) as the fast-path tests draw them. */
    static long operand(Random r, int n) {
        return operand(r, n, false);
    }

    /**
     * A random operand: fractions random, short (exact results and ties) or single-bit; exponents in the fast path's
     * moderate range or near one, and with anyExponent one draw in eight anywhere (zeros, denormals, infinities,
     * NaNs, extremes), which the fast path must leave to the exact one.
     */
    static long operand(Random r, int n, boolean anyExponent) {
        long frac = switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextLong() & (-1L << (52 - r.nextInt(8)));
            case 2 -> -1L << r.nextInt(64);
            default -> 0;
        };
        boolean negative = r.nextBoolean();
        int draw = anyExponent ? r.nextInt(8) : r.nextBoolean() ? 1 : 4;
        if (n == 64) {
            int e = switch (draw) {
                case 0 -> r.nextInt(2048);
                case 1, 2, 3 -> 623 + r.nextInt(801);
                default -> 1023 + r.nextInt(9) - 4;
            };
            return (negative ? Long.MIN_VALUE : 0) | (long) e << 52 | (frac & ((1L << 52) - 1));
        }
        int e = switch (draw) {
            case 0 -> r.nextInt(256);
            case 1, 2, 3 -> 67 + r.nextInt(121);
            default -> 127 + r.nextInt(9) - 4;
        };
        return (negative ? 0x80000000L : 0) | (long) e << 23 | (frac >>> 41);
    }

    @Test
    void fastPathAgreesWithTheExactArithmetic() {
        Random r = new Random(7);
        CpuState fast = new CpuState(new PagedMemory()), exact = new CpuState(new PagedMemory());
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            int n = r.nextBoolean() ? 64 : 32;
            long a = operand(r, n), b = r.nextInt(8) == 0 ? a ^ (r.nextBoolean() ? 1 : 0) : operand(r, n);
            int fpcr = r.nextInt(4) == 0 ? FpArith.FPCR_FZ : 0;
            fast.fpcr = exact.fpcr = fpcr;
            assertThat(FpFast.applies(n, a, b)).isTrue();
            for (int op = 0; op < 5; op++) {
                fast.fpsr = exact.fpsr = 0;
                long x, y;
                switch (op) {
                    case 0 -> { x = FpArith.add(fast, n, a, b, false); y = FpArith.addExact(exact, n, a, b, false); }
                    case 1 -> { x = FpArith.add(fast, n, a, b, true); y = FpArith.addExact(exact, n, a, b, true); }
                    case 2 -> { x = FpArith.mul(fast, n, a, b); y = FpArith.mulExact(exact, n, a, b); }
                    case 3 -> { x = FpArith.div(fast, n, a, b); y = FpArith.divExact(exact, n, a, b); }
                    default -> { x = FpArith.sqrt(fast, n, a); y = FpArith.sqrtExact(exact, n, a); }
                }
                assertThat(x).as("op %d n %d a %x b %x", op, n, a, b).isEqualTo(y);
                assertThat(fast.fpsr).as("fpsr of op %d n %d a %x b %x", op, n, a, b).isEqualTo(exact.fpsr);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5 * CASES);
    }
}
