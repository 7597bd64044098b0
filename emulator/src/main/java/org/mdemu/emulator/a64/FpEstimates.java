package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.FpArith.*;

/** FPRecipEstimate and FPRSqrtEstimate (FRECPE, FRSQRTE): 8-bit estimates from the ARM ARM's tables. */
public final class FpEstimates {
    private FpEstimates() {}

    /** RecipEstimate(a) for a in 256..511, indexed by a - 256. */
    private static final int[] RECIP = new int[256];
    /** RecipSqrtEstimate(a) for a in 128..511, indexed by a. */
    private static final int[] RSQRT = new int[512];

    static {
        for (int a = 256; a < 512; a++) {
            int b = (1 << 19) / (a * 2 + 1);
            RECIP[a - 256] = (b + 1) >> 1;
        }
        for (int a0 = 128; a0 < 512; a0++) {
            long a = a0 < 256 ? a0 * 2 + 1 : ((a0 >> 1) << 1) + 1 << 1;
            long b = 512;
            while (a * (b + 1) * (b + 1) < (1L << 28)) b++;
            RSQRT[a0] = (int) ((b + 1) >> 1);
        }
    }

    /** FPRecipEstimate. */
    public static long recip(CpuState s, int n, long op) {
        int t = type(s, n, op);
        if (t >= QNAN) return processNaN(s, n, t, op);
        boolean sign = sign(n, op);
        if (t == INF) return zero(n, sign);
        if (t == ZERO) {
            s.fpsr |= DZC;
            return infinity(n, sign);
        }
        int f = fracBits(n);
        int exp = (int) ((op >>> f) & ((1L << expBits(n)) - 1));
        long fraction = (op & ((1L << f) - 1)) << (52 - f);
        // |op| < 2^-(bias+1): the reciprocal overflows.
        if (exp == 0 && (fraction >>> 50) == 0) {
            boolean toInf = switch (rmode(s.fpcr)) {
                case RN -> true;
                case RP -> !sign;
                case RM -> sign;
                default -> false;
            };
            s.fpsr |= OFC | IXC;
            return toInf ? infinity(n, sign) : maxNormal(n, sign);
        }
        int bias = (1 << (expBits(n) - 1)) - 1;
        if (n != 16 && (s.fpcr & FPCR_FZ) != 0 && exp >= 2 * bias - 1) {
            s.fpsr |= UFC;
            return zero(n, sign);
        }
        if (exp == 0) {
            if ((fraction >>> 51) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (256 | (fraction >>> 44));
        int resultExp = 2 * bias - 1 - exp;
        long estimate = RECIP[scaled - 256];
        fraction = (estimate & 0xff) << 44;
        if (resultExp == 0) {
            fraction = 1L << 51 | fraction >>> 1;
        } else if (resultExp == -1) {
            fraction = 1L << 50 | fraction >>> 2;
            resultExp = 0;
        }
        return zero(n, sign) | (long) resultExp << f | fraction >>> (52 - f);
    }

    /** FPRSqrtEstimate. */
    public static long rsqrt(CpuState s, int n, long op) {
        int t = type(s, n, op);
        if (t >= QNAN) return processNaN(s, n, t, op);
        boolean sign = sign(n, op);
        if (t == ZERO) {
            s.fpsr |= DZC;
            return infinity(n, sign);
        }
        if (sign) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (t == INF) return 0;
        int f = fracBits(n);
        int exp = (int) ((op >>> f) & ((1L << expBits(n)) - 1));
        long fraction = (op & ((1L << f) - 1)) << (52 - f);
        if (exp == 0) {
            while ((fraction >>> 51) == 0) {
                fraction = (fraction << 1) & ((1L << 52) - 1);
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        // An odd biased exponent is an even power of two: the operand scaled into [0.25, 0.5), else [0.5, 1).
        int scaled = (exp & 1) != 0 ? (int) (0x80 | fraction >>> 45) : (int) (0x100 | fraction >>> 44);
        int bias = (1 << (expBits(n) - 1)) - 1;
        int resultExp = Math.floorDiv(3 * bias - 1 - exp, 2);
        long estimate = RSQRT[scaled];
        return (long) resultExp << f | (estimate & 0xff) << (f - 8);
    }
}
