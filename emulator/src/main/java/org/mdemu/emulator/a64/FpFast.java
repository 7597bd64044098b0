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

    /**
     * FPMulAdd addend + a * b: on the host's fused multiply-add when rounding to nearest and all three operands are
     * normal and moderate (then the result and every error term are normal or an exact zero, whose sign IEEE 754 and
     * the ARM ARM both make +0 in round to nearest), else {@link FpArith#mulAdd}. Inexact is exact: for doubles the
     * error of the fused operation is the exact sum gamma + alpha2 of Boldo and Muller's ErrFma (Exact and
     * Approximated Error of the FMA, IEEE TC 2011), zero exactly when the result is; for singles the product is exact
     * in double and the sum's error is TwoSum's.
     */
    static long mulAdd(CpuState s, int n, long addend, long a, long b) {
        if ((s.fpcr & (3 << 22)) != 0 || !applies(n, a, b) || !applies(n, addend, addend)) {
            return FpArith.mulAdd(s, n, addend, a, b);
        }
        if (n == 64) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), z = Double.longBitsToDouble(addend);
            double r1 = Math.fma(x, y, z);
            double u1 = x * y, u2 = Math.fma(x, y, -u1);
            double a1 = z + u2, t = a1 - z, a2 = (z - (a1 - t)) + (u2 - t);
            double b1 = u1 + a1;
            t = b1 - u1;
            double b2 = (u1 - (b1 - t)) + (a1 - t);
            double gamma = (b1 - r1) + b2;
            if (gamma + a2 != 0) s.fpsr |= FpArith.IXC;
            return Double.doubleToRawLongBits(r1);
        }
        float fx = Float.intBitsToFloat((int) a), fy = Float.intBitsToFloat((int) b), fz = Float.intBitsToFloat((int) addend);
        double p = (double) fx * fy; // 48 significant bits at most: exact
        double sum = p + fz, t = sum - p, err = (p - (sum - t)) + (fz - t);
        float r = Math.fma(fx, fy, fz);
        if (err != 0 || r != sum) s.fpsr |= FpArith.IXC;
        return Float.floatToRawIntBits(r) & 0xffffffffL;
    }

    /**
     * FixedToFP of the m-bit integer op (signed or unsigned) over 2^fbits to format n: exact, whatever the rounding
     * mode and FZ, when the integer's magnitude fits the significand (below 2^53 or 2^24); else {@link
     * FpArith#fromFixed}.
     */
    static long fromFixed(CpuState s, int n, long op, int fbits, boolean unsigned, int m) {
        long v = m == 32 ? (unsigned ? op & 0xffffffffL : (int) op) : op;
        long limit = n == 64 ? 1L << 53 : 1L << 24;
        if (v >= limit || v <= -limit || (unsigned && v < 0)) {
            return FpArith.fromFixed(s, n, op, fbits, unsigned, m, FpArith.rmode(s.fpcr));
        }
        if (n == 64) return Double.doubleToRawLongBits(fbits == 0 ? (double) v : v * Math.scalb(1.0, -fbits));
        return Float.floatToRawIntBits(fbits == 0 ? (float) v : v * Math.scalb(1.0f, -fbits)) & 0xffffffffL;
    }
}
