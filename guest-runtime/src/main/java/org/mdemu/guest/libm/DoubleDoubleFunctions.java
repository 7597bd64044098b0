package org.mdemu.guest.libm;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The fast path of the double functions {@link RealFunctions} used to compute only to 45 digits: erf, erfc, lgamma,
 * tgamma, log2, asinh, acosh, atanh in {@link DoubleDouble} arithmetic, each with an error bound. Each returns the
 * correctly rounded double, or NaN when its error interval straddles a rounding boundary (or the result is not a
 * normal double); the caller then takes the 45-digit path. Both paths round the true value once, so their results
 * are the same bits; the fast one decides all but a tiny fraction of arguments (DoubleDoubleFunctionsTest).
 *
 * <p>The bounds are deliberately loose (2^-88 to 2^-90 where the analysis gives about 2^-97): a loose bound only
 * sends a few more arguments to the slow path, a tight wrong one would return a wrong bit.
 */
final class DoubleDoubleFunctions {
    private static final double RELATIVE = 0x1p-88;
    /** 2/sqrt(pi) and log(2 pi)/2 to 106 bits. */
    private static final DoubleDouble TWO_OVER_SQRT_PI, HALF_LOG_TWO_PI, INV_SQRT_PI;
    /** Stirling's coefficients B_2k / (2k (2k-1)), k = 1..40. */
    private static final DoubleDouble[] STIRLING = new DoubleDouble[41];
    /** Stirling's series is used from here up; smaller arguments are shifted up by the recurrence. */
    private static final double STIRLING_FROM = 16;
    private static final int MAX_FRACTION_TERMS = 1000;

    static {
        MathContext mc = new MathContext(60);
        BigDecimal pi = PreciseMath.pi(mc);
        BigDecimal sqrtPi = pi.sqrt(mc);
        TWO_OVER_SQRT_PI = of(BigDecimal.valueOf(2).divide(sqrtPi, mc));
        INV_SQRT_PI = of(BigDecimal.ONE.divide(sqrtPi, mc));
        HALF_LOG_TWO_PI = of(PreciseMath.log(pi.multiply(BigDecimal.valueOf(2)), mc).divide(BigDecimal.valueOf(2), mc));
        for (int k = 1; k < STIRLING.length; k++) {
            STIRLING[k] = of(PreciseMath.bernoulli(k).divide(BigDecimal.valueOf((2L * k) * (2L * k - 1)), mc));
        }
    }

    private DoubleDoubleFunctions() {}

    static DoubleDouble of(BigDecimal v) {
        double hi = v.doubleValue();
        return new DoubleDouble(hi, v.subtract(new BigDecimal(hi)).doubleValue());
    }

    // ---- erf, erfc ----

    /** erf(x) for 0 < |x| <= 6. */
    static double erf(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-60) return round(TWO_OVER_SQRT_PI.multiply(x), RELATIVE);
        DoubleDouble r;
        if (a <= 3) {
            r = erfSeries(a);
        } else {
            DoubleDouble c = erfcFraction(a);
            if (c == null) return Double.NaN;
            r = c.negate().add(1);
        }
        return round(x < 0 ? r.negate() : r, RELATIVE);
    }

    /** erfc(x) for -6 <= x <= 27.3 (NaN beyond 25.8, where e^(-x^2) leaves DoubleDouble.exp's range). */
    static double erfc(double x) {
        if (x > 25.8) return Double.NaN;
        if (x < 0) return round(erfSeriesOrOne(-x).add(1), RELATIVE);
        if (x < 2.5) {
            // 1 - erf: erf's absolute error (2^-88) becomes the bound; erfc(2.5) = 4e-4 leaves 2^-77 relative.
            DoubleDouble r = erfSeries(x).negate().add(1);
            return r.roundOrNaN(0x1p-88);
        }
        DoubleDouble r = erfcFraction(x);
        return r == null ? Double.NaN : round(r, RELATIVE);
    }

    private static DoubleDouble erfSeriesOrOne(double a) {
        if (a <= 3) return erfSeries(a);
        DoubleDouble c = erfcFraction(a);
        return c == null ? DoubleDouble.of(Double.NaN) : c.negate().add(1);
    }

    /**
     * erf(a) = 2a/sqrt(pi) e^(-a^2) sum (2a^2)^n / (1 3 5 ... (2n+1)), a <= 3: positive terms (no cancellation),
     * summed until a term is below 2^-110 of the sum (under 70 terms at a = 3).
     */
    private static DoubleDouble erfSeries(double a) {
        DoubleDouble a2 = DoubleDouble.product(a, a), twoA2 = a2.scale(1);
        DoubleDouble term = DoubleDouble.ONE, sum = DoubleDouble.ONE;
        for (int n = 1; n < 200; n++) {
            term = term.multiply(twoA2).divide(2.0 * n + 1);
            sum = sum.add(term);
            if (term.hi() < sum.hi() * 0x1p-110) break;
        }
        return TWO_OVER_SQRT_PI.multiply(a).multiply(DoubleDouble.exp(a2.negate())).multiply(sum);
    }

    /**
     * erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), x >= 2.5, by the modified Lentz
     * method (all partial numerators and denominators positive, so no zero divisors); null if it has not converged to
     * 2^-104 within MAX_FRACTION_TERMS terms.
     */
    private static DoubleDouble erfcFraction(double x) {
        DoubleDouble f = DoubleDouble.of(x), c = f, d = DoubleDouble.of(0);
        DoubleDouble b = DoubleDouble.of(x);
        for (int k = 1; k <= MAX_FRACTION_TERMS; k++) {
            double a = 0.5 * k;
            d = DoubleDouble.ONE.divide(d.multiply(a).add(b));
            c = b.add(DoubleDouble.of(a).divide(c));
            DoubleDouble delta = c.multiply(d);
            f = f.multiply(delta);
            if (Math.abs(delta.add(-1).hi()) < 0x1p-104) {
                DoubleDouble x2 = DoubleDouble.product(x, x);
                return DoubleDouble.exp(x2.negate()).multiply(INV_SQRT_PI).divide(f);
            }
        }
        return null;
    }

    // ---- gamma ----

    /** log|Gamma(x)| to an absolute error bound, with the sign of Gamma(x). */
    record LogGamma(DoubleDouble value, double error, int sign) {}

    /** For x not a pole, 2^-70 <= |x| < 2^52, or null. */
    static LogGamma logGamma(double x) {
        if (x > 0) return logGammaPositive(DoubleDouble.of(x));
        if (x == Math.rint(x) || !(x > -0x1p52)) return null;
        // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
        DoubleDouble s = DoubleDouble.sinPi(x);
        if (s.hi() == 0) return null;
        DoubleDouble reflected = DoubleDouble.PI.divide(s.hi() < 0 ? s.negate() : s);
        LogGamma other = logGammaPositive(DoubleDouble.sum(1, -x));
        DoubleDouble l = DoubleDouble.log(reflected);
        return new LogGamma(l.subtract(other.value()), other.error() + (Math.abs(l.hi()) + 1) * RELATIVE,
                s.hi() < 0 ? -1 : 1);
    }

    /** z > 0: Stirling's series at z + n >= 16, less log(z (z+1) ... (z+n-1)). */
    private static LogGamma logGammaPositive(DoubleDouble z) {
        DoubleDouble product = DoubleDouble.ONE;
        boolean shifted = false;
        while (z.hi() < STIRLING_FROM) {
            product = product.multiply(z);
            z = z.add(1);
            shifted = true;
        }
        DoubleDouble v = stirling(z);
        double magnitude = Math.abs(v.hi());
        if (shifted) {
            DoubleDouble l = DoubleDouble.log(product);
            v = v.subtract(l);
            magnitude += Math.abs(l.hi());
        }
        return new LogGamma(v, (magnitude + 1) * RELATIVE, 1);
    }

    /**
     * (z - 1/2) log z - z + log(2 pi)/2 + sum B_2k / (2k (2k-1) z^(2k-1)), z >= 16: the terms fall below 2^-110 of
     * the value by k = 20 (the series' smallest term, near k = pi z, is e^(-2 pi z) < 2^-145).
     */
    private static DoubleDouble stirling(DoubleDouble z) {
        DoubleDouble v = z.add(-0.5).multiply(DoubleDouble.log(z)).subtract(z).add(HALF_LOG_TWO_PI);
        DoubleDouble inverse = DoubleDouble.ONE.divide(z), inverse2 = inverse.multiply(inverse), power = inverse;
        for (int k = 1; k < STIRLING.length; k++) {
            DoubleDouble term = STIRLING[k].multiply(power);
            v = v.add(term);
            if (Math.abs(term.hi()) < Math.abs(v.hi()) * 0x1p-110) break;
            power = power.multiply(inverse2);
        }
        return v;
    }

    /** lgamma rounded to double (single false) or float, or NaN. */
    static double lgamma(LogGamma lg, boolean single) {
        return single ? roundFloat(lg.value(), lg.error()) : lg.value().roundOrNaN(lg.error());
    }

    /** Gamma(x) = sign e^(log|Gamma(x)|) for x not a pole with a normal result, or NaN. */
    static double tgamma(double x) {
        LogGamma lg = logGamma(x);
        if (lg == null || !(lg.value().hi() < 708 && lg.value().hi() > -665)) return Double.NaN;
        DoubleDouble r = DoubleDouble.exp(lg.value());
        // An absolute error e in the exponent is a relative error of about e in the result.
        return round(lg.sign() < 0 ? r.negate() : r, lg.error() * 1.01 + RELATIVE);
    }

    // ---- logarithms and inverse hyperbolics ----

    /** log2(x) for positive normal or subnormal x. */
    static double log2(double x) {
        return round(DoubleDouble.log(DoubleDouble.of(x)).multiply(DoubleDouble.INV_LN2), RELATIVE);
    }

    /** asinh(a) for 0 < a < inf: log1p(a + a^2 / (1 + sqrt(1 + a^2))), log(a) + log 2 beyond 2^500. */
    static double asinh(double a) {
        if (a < 0x1p-28) return a; // a - a^3/6 ...: a^3/6 is under a quarter of a's ulp below
        if (a > 0x1p500) return round(DoubleDouble.log(DoubleDouble.of(a)).add(DoubleDouble.LN2), RELATIVE);
        DoubleDouble a2 = DoubleDouble.product(a, a);
        DoubleDouble u = a2.divide(a2.add(1).sqrt().add(1)).add(a);
        return round(DoubleDouble.log1p(u), RELATIVE);
    }

    /** acosh(x) for 1 < x < inf: log1p((x - 1) + sqrt((x - 1)(x + 1))), log(x) + log 2 beyond 2^500. */
    static double acosh(double x) {
        if (x > 0x1p500) return round(DoubleDouble.log(DoubleDouble.of(x)).add(DoubleDouble.LN2), RELATIVE);
        DoubleDouble d = DoubleDouble.sum(x, -1);
        DoubleDouble u = d.add(d.multiply(DoubleDouble.sum(x, 1)).sqrt());
        return round(DoubleDouble.log1p(u), RELATIVE);
    }

    /** atanh(a) for 0 < a < 1: log1p(2a / (1 - a)) / 2. */
    static double atanh(double a) {
        if (a < 0x1p-28) return a; // a + a^3/3 ...: a^3/3 is under a quarter of a's ulp
        DoubleDouble u = DoubleDouble.of(2 * a).divide(DoubleDouble.sum(1, -a));
        return round(DoubleDouble.log1p(u).scale(-1), RELATIVE);
    }

    // ---- rounding ----

    private static double round(DoubleDouble v, double relative) {
        return v.roundOrNaN(Math.abs(v.hi()) * relative);
    }

    /**
     * v rounded to float when the whole error interval rounds to one float. The interval's ends are rounded outwards
     * to doubles first; rounding to float is monotonic, so equal floats at both ends decide every value between.
     */
    static double roundFloat(DoubleDouble v, double error) {
        double up = Math.nextUp(v.hi() + (v.lo() + error)), down = Math.nextDown(v.hi() + (v.lo() - error));
        float a = (float) up, b = (float) down;
        if (a != b || Float.isInfinite(a) || Math.abs(a) < Float.MIN_NORMAL || Double.isNaN(up)) return Double.NaN;
        return a;
    }
}
