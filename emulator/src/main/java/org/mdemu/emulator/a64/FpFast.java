package org.mdemu.emulator.a64;

/**
 * The common case of FPAdd/FPSub, FPMul, FPDiv and FPSqrt on the host's floating point: rounding to nearest even,
 * operands normal and of moderate magnitude, where neither the result nor the exact error of the host operation can
 * overflow, underflow or be denormal, so FZ and DN cannot matter and the only exception is inexact, detected exactly
 * from the error-free transformations (TwoSum, the remainder by fused multiply-add) or, in single precision, from the
 * exact double result. {@link FpArith} uses these when {@link #applies}; every other case goes the exact way.
 */
final class FpFast {
    private FpFast() {}

    /**
     * Whether a and b are normal numbers with unbiased exponents within +-400 (double) or +-60 (single): then sums,
     * products, quotients and roots and their errors stay normal.
     */
    static boolean applies(int n, long a, long b) {
        if (n == 64) {
            int ea = (int) (a >>> 52) & 0x7ff, eb = (int) (b >>> 52) & 0x7ff;
            return ea - 623 >= 0 && ea <= 1423 && eb - 623 >= 0 && eb <= 1423;
        }
        if (n == 32) {
            int ea = (int) (a >>> 23) & 0xff, eb = (int) (b >>> 23) & 0xff;
            return ea >= 67 && ea <= 187 && eb >= 67 && eb <= 187;
        }
        return false;
    }

    static long add(CpuState s, int n, long a, long b, boolean subtract) {
        if (n == 64) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(subtract ? b ^ Long.MIN_VALUE : b);
            double r = x + y;
            double bb = r - x;
            if ((x - (r - bb)) + (y - bb) != 0) s.fpsr |= FpArith.IXC;
            return Double.doubleToRawLongBits(r);
        }
        float fx = Float.intBitsToFloat((int) a), fy = Float.intBitsToFloat((int) (subtract ? b ^ 0x80000000L : b));
        int ea = (int) (a >>> 23) & 0xff, eb = (int) (b >>> 23) & 0xff;
        if (Math.abs(ea - eb) > 28) return FpArith.addExact(s, n, a, b, subtract);
        double exact = (double) fx + (double) fy; // at most 53 significant bits: exact
        float r = (float) exact;
        if (r != exact) s.fpsr |= FpArith.IXC;
        return Float.floatToRawIntBits(r) & 0xffffffffL;
    }

    static long mul(CpuState s, int n, long a, long b) {
        if (n == 64) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            double r = x * y;
            if (Math.fma(x, y, -r) != 0) s.fpsr |= FpArith.IXC;
            return Double.doubleToRawLongBits(r);
        }
        double exact = (double) Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b);
        float r = (float) exact;
        if (r != exact) s.fpsr |= FpArith.IXC;
        return Float.floatToRawIntBits(r) & 0xffffffffL;
    }

    static long div(CpuState s, int n, long a, long b) {
        if (n == 64) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            double r = x / y;
            if (Math.fma(-r, y, x) != 0) s.fpsr |= FpArith.IXC;
            return Double.doubleToRawLongBits(r);
        }
        double x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
        float r = (float) (x / y); // double rounding is harmless for division (53 >= 2 * 24 + 2)
        if ((double) r * y != x) s.fpsr |= FpArith.IXC;
        return Float.floatToRawIntBits(r) & 0xffffffffL;
    }

    static long sqrt(CpuState s, int n, long a) {
        if ((a & FpArith.signBit(n)) != 0) return FpArith.sqrtExact(s, n, a);
        if (n == 64) {
            double x = Double.longBitsToDouble(a);
            double r = Math.sqrt(x);
            if (Math.fma(-r, r, x) != 0) s.fpsr |= FpArith.IXC;
            return Double.doubleToRawLongBits(r);
        }
        double x = Float.intBitsToFloat((int) a);
        float r = (float) Math.sqrt(x); // harmless double rounding, as for division
        if ((double) r * r != x) s.fpsr |= FpArith.IXC;
        return Float.floatToRawIntBits(r) & 0xffffffffL;
    }
}
