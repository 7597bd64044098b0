package org.mdemu.guest.bionic;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * arm64 Android's {@code long double}: IEEE 754 binary128 (1 sign bit, 15 exponent bits, 112 fraction bits), held
 * as two little-endian 64-bit halves {low, high} as it sits in memory and in a q register. Conversion from text is
 * exact with round-half-even, so strtold keeps the 113-bit precision a double would lose.
 */
final class LongDouble {
    private static final int BIAS = 16383;
    private static final int FRACTION_BITS = 112;
    private static final BigInteger MAX_BITS = BigInteger.valueOf(0x7fff).shiftLeft(FRACTION_BITS);

    private LongDouble() {}

    /** Converts a complete C floating literal (decimal, hex, inf, infinity, nan) to {low, high}. */
    static long[] parse(String text) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) t = t.substring(1);
        String lower = t.toLowerCase();
        long sign = negative ? Long.MIN_VALUE : 0;
        if (lower.startsWith("inf")) return new long[] {0, sign | 0x7fffL << 48};
        if (lower.startsWith("nan")) return new long[] {0, sign | 0x7fffL << 48 | 1L << 47};
        BigInteger num, den;
        if (lower.startsWith("0x")) {
            String body = lower.substring(2);
            int p = body.indexOf('p');
            int exponent = p < 0 ? 0 : Integer.parseInt(body.substring(p + 1).replace("+", ""));
            String digits = p < 0 ? body : body.substring(0, p);
            int dot = digits.indexOf('.');
            if (dot >= 0) {
                exponent -= 4 * (digits.length() - dot - 1);
                digits = digits.substring(0, dot) + digits.substring(dot + 1);
            }
            num = new BigInteger(digits.isEmpty() ? "0" : digits, 16);
            den = BigInteger.ONE;
            if (exponent >= 0) num = num.shiftLeft(exponent);
            else den = den.shiftLeft(-exponent);
        } else {
            BigDecimal d = new BigDecimal(t.endsWith(".") ? t + "0" : t);
            if (d.scale() > 0) {
                num = d.unscaledValue();
                den = BigInteger.TEN.pow(d.scale());
            } else {
                num = d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale()));
                den = BigInteger.ONE;
            }
        }
        return encode(sign, num, den);
    }

    /** Rounds num/den (non-negative) to binary128. */
    private static long[] encode(long sign, BigInteger num, BigInteger den) {
        if (num.signum() == 0) return new long[] {0, sign};
        int e = num.bitLength() - den.bitLength();
        if (compareScaled(num, den, e) < 0) e--;
        if (e > BIAS) return new long[] {0, sign | 0x7fffL << 48};
        e = Math.max(e, 1 - BIAS);
        int shift = FRACTION_BITS - e;
        BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        BigInteger bits = BigInteger.valueOf(e + BIAS - 1L).shiftLeft(FRACTION_BITS).add(q);
        if (bits.compareTo(MAX_BITS) >= 0) return new long[] {0, sign | 0x7fffL << 48};
        return new long[] {bits.longValue(), sign | bits.shiftRight(64).longValue()};
    }

    /** Compares num/den with 2^e. */
    private static int compareScaled(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }

    /** The exact value of a finite binary128 as a non-negative magnitude, or null for nan and inf. */
    static BigDecimal toBigDecimal(long[] q) {
        int exponent = (int) ((q[1] >>> 48) & 0x7fff);
        if (exponent == 0x7fff) return null;
        BigInteger fraction = BigInteger.valueOf(q[1] & 0xffffffffffffL).shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(q[0])));
        if (exponent != 0) fraction = fraction.setBit(FRACTION_BITS);
        int scale = (exponent == 0 ? 1 : exponent) - BIAS - FRACTION_BITS;
        BigDecimal m = new BigDecimal(fraction);
        return scale >= 0 ? m.multiply(new BigDecimal(BigInteger.TWO.pow(scale)))
                : m.divide(new BigDecimal(BigInteger.TWO.pow(-scale)));
    }

    /** The nearest double (signs, infinities and nans kept), for what only needs double precision. */
    static double toDouble(long[] q) {
        boolean negative = q[1] < 0;
        BigDecimal m = toBigDecimal(q);
        if (m == null) {
            boolean nan = (q[1] & 0xffffffffffffL) != 0 || q[0] != 0;
            return nan ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double d = m.doubleValue();
        return negative ? -d : d;
    }
}
