package org.mdemu.guest.libm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * arm64's {@code long double}: an IEEE 754 binary128 value (1 sign bit, 15 exponent bits, 112 fraction bits) as it
 * sits in a q register, {low, high}. Finite values convert exactly to and from BigDecimal, so exact operations
 * (fma, sqrt, fmod, rint, ...) are computed exactly and rounded once to 113 bits in the caller's rounding mode, and
 * transcendental ones are computed to more digits than binary128 holds and rounded the same way. Hand-written: no
 * library on Maven Central offers binary128 with IEEE rounding modes and exception flags.
 */
record Binary128(long low, long high) {
    static final int BIAS = 16383, FRACTION_BITS = 112, MAX_EXPONENT = 16383, MIN_EXPONENT = -16382;
    private static final BigInteger HIDDEN = BigInteger.ONE.shiftLeft(FRACTION_BITS);
    private static final BigInteger FIVE = BigInteger.valueOf(5);
    static final Binary128 POSITIVE_INFINITY = new Binary128(0, 0x7fffL << 48);
    static final Binary128 NEGATIVE_INFINITY = new Binary128(0, 0xffffL << 48);
    /** The default NaN arm64 produces (positive, quiet, no payload). */
    static final Binary128 NAN = new Binary128(0, 0x7fff800000000000L);
    static final Binary128 POSITIVE_ZERO = new Binary128(0, 0), NEGATIVE_ZERO = new Binary128(0, Long.MIN_VALUE);

    /** A rounded result and the exception flags (FPSR bits) rounding raised. */
    record Rounded(Binary128 value, int flags) {}

    int biasedExponent() {
        return (int) (high >>> 48) & 0x7fff;
    }

    boolean negative() {
        return high < 0;
    }

    boolean isNaN() {
        return biasedExponent() == 0x7fff && ((high & 0xffffffffffffL) | low) != 0;
    }

    boolean isSignalingNaN() {
        return isNaN() && (high & 1L << 47) == 0;
    }

    boolean isInfinite() {
        return biasedExponent() == 0x7fff && ((high & 0xffffffffffffL) | low) == 0;
    }

    boolean isFinite() {
        return biasedExponent() != 0x7fff;
    }

    boolean isZero() {
        return ((high & Long.MAX_VALUE) | low) == 0;
    }

    Binary128 negate() {
        return new Binary128(low, high ^ Long.MIN_VALUE);
    }

    Binary128 abs() {
        return new Binary128(low, high & Long.MAX_VALUE);
    }

    /** The same NaN made quiet, as an FP operation passes a NaN operand on. */
    Binary128 quiet() {
        return new Binary128(low, high | 1L << 47);
    }

    /** The 113-bit significand with the hidden bit (finite values). */
    BigInteger significand() {
        BigInteger f = new BigInteger(1, bytes(high & 0xffffffffffffL, low));
        return biasedExponent() == 0 ? f : f.or(HIDDEN);
    }

    /** The power of two the significand is scaled by (finite values). */
    int scale() {
        return Math.max(biasedExponent(), 1) - BIAS - FRACTION_BITS;
    }

    /** The exact value of a finite binary128, signed (a negative zero gives 0). */
    BigDecimal toBigDecimal() {
        if (!isFinite()) throw new ArithmeticException("not finite");
        BigInteger m = significand();
        int k = scale();
        BigDecimal magnitude = k >= 0 ? new BigDecimal(m.shiftLeft(k)) : new BigDecimal(m.multiply(FIVE.pow(-k)), -k);
        return negative() ? magnitude.negate() : magnitude;
    }

    /** The nearest double; a NaN keeps its sign and the top of its payload, quieted, as fcvt does. */
    double toDouble() {
        if (isNaN()) {
            long fraction = (high & 0xffffffffffffL) << 4 | low >>> 60;
            return Double.longBitsToDouble((high & Long.MIN_VALUE) | 0x7ff8000000000000L | fraction);
        }
        if (isInfinite()) return negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (isZero()) return negative() ? -0.0 : 0.0;
        return toBigDecimal().doubleValue();
    }

    static Binary128 of(double d) {
        long bits = Double.doubleToRawLongBits(d);
        long sign = bits & Long.MIN_VALUE;
        int e = (int) (bits >>> 52) & 0x7ff;
        long f = bits & 0xfffffffffffffL;
        if (e == 0x7ff) return new Binary128(f << 60, sign | 0x7fffL << 48 | f >>> 4);
        if (e == 0 && f == 0) return new Binary128(0, sign);
        return round(d < 0, new BigDecimal(Math.abs(d)), RoundingMode.HALF_EVEN).value();
    }

    static Binary128 of(BigDecimal value, RoundingMode mode) {
        return round(value.signum() < 0, value.abs(), mode).value();
    }

    /**
     * Rounds a non-negative magnitude to binary128 with the given sign, in an IEEE rounding mode given as the mode for
     * the signed value (CEILING is towards +inf whatever the sign).
     */
    static Rounded round(boolean negative, BigDecimal magnitude, RoundingMode mode) {
        long sign = negative ? Long.MIN_VALUE : 0;
        if (magnitude.signum() == 0) return new Rounded(new Binary128(0, sign), 0);
        BigInteger num, den;
        if (magnitude.scale() > 0) {
            num = magnitude.unscaledValue();
            den = BigInteger.TEN.pow(magnitude.scale());
        } else {
            num = magnitude.unscaledValue().multiply(BigInteger.TEN.pow(-magnitude.scale()));
            den = BigInteger.ONE;
        }
        return round(negative, num, den, mode);
    }

    /** Rounds num/den (both positive) with the given sign. */
    static Rounded round(boolean negative, BigInteger num, BigInteger den, RoundingMode mode) {
        long sign = negative ? Long.MIN_VALUE : 0;
        int e = num.bitLength() - den.bitLength();
        if ((e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den)) < 0) e--;
        if (e > MAX_EXPONENT) return overflow(negative, mode);
        int exponent = Math.max(e, MIN_EXPONENT);
        int shift = FRACTION_BITS - exponent;
        BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        boolean inexact = qr[1].signum() != 0;
        if (inexact && roundsUp(negative, mode, q, qr[1].shiftLeft(1).compareTo(d))) q = q.add(BigInteger.ONE);
        if (q.bitLength() > FRACTION_BITS + 1) {
            q = q.shiftRight(1);
            exponent++;
        }
        if (exponent > MAX_EXPONENT) return overflow(negative, mode);
        int flags = inexact ? FpEnvironment.INEXACT : 0;
        long biased;
        if (q.testBit(FRACTION_BITS)) {
            biased = exponent + BIAS;
        } else {
            biased = 0;
            if (inexact) flags |= FpEnvironment.UNDERFLOW;
        }
        BigInteger fraction = q.clearBit(FRACTION_BITS);
        long lo = fraction.longValue();
        long hi = fraction.shiftRight(64).longValue() & 0xffffffffffffL;
        return new Rounded(new Binary128(lo, sign | biased << 48 | hi), flags);
    }

    private static boolean roundsUp(boolean negative, RoundingMode mode, BigInteger q, int half) {
        return switch (mode) {
            case HALF_EVEN -> half > 0 || (half == 0 && q.testBit(0));
            case HALF_UP -> half >= 0;
            case CEILING -> !negative;
            case FLOOR -> negative;
            case UP -> true;
            default -> false;
        };
    }

    private static Rounded overflow(boolean negative, RoundingMode mode) {
        boolean toInfinity = mode == RoundingMode.HALF_EVEN || mode == RoundingMode.HALF_UP || mode == RoundingMode.UP
                || (mode == RoundingMode.CEILING && !negative) || (mode == RoundingMode.FLOOR && negative);
        Binary128 v = toInfinity ? (negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY)
                : new Binary128(-1L, (negative ? Long.MIN_VALUE : 0) | 0x7ffeffffffffffffL);
        return new Rounded(v, FpEnvironment.OVERFLOW | FpEnvironment.INEXACT);
    }

    /** The largest finite binary128 with the given sign. */
    static Binary128 max(boolean negative) {
        return new Binary128(-1L, (negative ? Long.MIN_VALUE : 0) | 0x7ffeffffffffffffL);
    }

    /** The binary128 next to this one towards +inf (up) or -inf, as nextafterl steps. */
    Binary128 step(boolean up) {
        if (isNaN()) return this;
        if (isZero()) return up ? new Binary128(1, 0) : new Binary128(1, Long.MIN_VALUE);
        boolean away = up != negative();
        long lo = low, hi = high & Long.MAX_VALUE;
        if (away) {
            lo++;
            if (lo == 0) hi++;
        } else {
            if (lo == 0) hi--;
            lo--;
        }
        return new Binary128(lo, hi | (high & Long.MIN_VALUE));
    }

    private static byte[] bytes(long high, long low) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[7 - i] = (byte) (high >>> 8 * i);
            b[15 - i] = (byte) (low >>> 8 * i);
        }
        return b;
    }
}
