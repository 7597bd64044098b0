package org.mdemu.guest.libm;

/**
 * Double-double arithmetic: an unevaluated sum hi + lo with |lo| <= ulp(hi)/2, about 106 bits, built on the exact
 * two-sum and on fma's exact product (Dekker, Knuth; Joldes, Muller and Popescu's error bounds for the operations:
 * add and multiply within 2^-104 relative, divide within 2^-103). The kernels on top (exp, expm1, log, log1p,
 * sin(pi x)) keep their own relative error under 2^-98 on the ranges the libm functions call them with; the
 * functions using them add their own analysis and then round through {@link #roundOrNaN}, which gives up (NaN)
 * when the error interval straddles a rounding boundary, so the caller falls back to the 45-digit path: Ziv's
 * strategy, correctly rounded either way.
 * Hand-written: commons-numbers-core's DD has the arithmetic but none of these kernels, and the kernels' error
 * bounds depend on the exact sequence of operations, which is kept here in one place.
 */
record DoubleDouble(double hi, double lo) {
    static final DoubleDouble ONE = new DoubleDouble(1, 0);
    /** ln 2, pi and 1/ln 2 to 106 bits. */
    static final DoubleDouble LN2 = new DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56);
    static final DoubleDouble PI = new DoubleDouble(0x1.921fb54442d18p1, 0x1.1a62633145c07p-53);
    /** ln 2 - LN2, for the exact argument reduction of exp. */
    private static final double LN2_TAIL = 0x1.7b57a079a1934p-111;
    static final DoubleDouble INV_LN2 = new DoubleDouble(0x1.71547652b82fep0, 0x1.777d0ffda0d24p-56);

    static DoubleDouble of(double x) {
        return new DoubleDouble(x, 0);
    }

    /** The exact sum a + b as a normalised pair. */
    static DoubleDouble sum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
    }

    /** The exact product a * b. */
    static DoubleDouble product(double a, double b) {
        double p = a * b;
        return new DoubleDouble(p, Math.fma(a, b, -p));
    }

    private static DoubleDouble quickSum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    double value() {
        return hi + lo;
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    DoubleDouble add(DoubleDouble y) {
        DoubleDouble s = sum(hi, y.hi), t = sum(lo, y.lo);
        DoubleDouble u = quickSum(s.hi, s.lo + t.hi);
        return quickSum(u.hi, u.lo + t.lo);
    }

    DoubleDouble add(double y) {
        DoubleDouble s = sum(hi, y);
        return quickSum(s.hi, s.lo + lo);
    }

    DoubleDouble subtract(DoubleDouble y) {
        return add(y.negate());
    }

    DoubleDouble multiply(DoubleDouble y) {
        DoubleDouble p = product(hi, y.hi);
        return quickSum(p.hi, p.lo + Math.fma(hi, y.lo, lo * y.hi));
    }

    DoubleDouble multiply(double y) {
        DoubleDouble p = product(hi, y);
        return quickSum(p.hi, Math.fma(lo, y, p.lo));
    }

    /** Multiplication by a power of two: exact while the result stays normal. */
    DoubleDouble scale(int n) {
        return new DoubleDouble(Math.scalb(hi, n), Math.scalb(lo, n));
    }

    DoubleDouble divide(DoubleDouble y) {
        double q = hi / y.hi;
        DoubleDouble r = subtract(y.multiply(q));
        double q2 = r.hi / y.hi;
        r = r.subtract(y.multiply(q2));
        double q3 = r.hi / y.hi;
        return quickSum(q, q2).add(q3);
    }

    DoubleDouble divide(double y) {
        double q = hi / y;
        DoubleDouble p = product(q, y);
        return quickSum(q, ((hi - p.hi) - p.lo + lo) / y);
    }

    DoubleDouble sqrt() {
        if (hi <= 0) return new DoubleDouble(0, 0);
        double s = Math.sqrt(hi);
        // One Newton step from the double root: s + (x - s^2) / (2 s).
        DoubleDouble r = subtract(product(s, s));
        return quickSum(s, r.hi / (2 * s));
    }

    // ---- kernels ----

    /** e^x - 1 for |x| <= 0.36 (half of ln 2 and a margin), relatively accurate near 0. */
    static DoubleDouble expm1Small(DoubleDouble x) {
        // Halve 8 times, Taylor to degree 13 (|x/256| < 2^-9.5: the next term is under 2^-135), then double back with
        // e^(2y) - 1 = (e^y - 1)(e^y - 1 + 2), which keeps the relative error near 0.
        DoubleDouble y = x.scale(-8);
        DoubleDouble term = y, sum = y;
        for (int k = 2; k <= 13; k++) {
            term = term.multiply(y).divide(k);
            sum = sum.add(term);
        }
        for (int i = 0; i < 8; i++) sum = sum.multiply(sum.add(2));
        return sum;
    }

    /**
     * e^x for -670 < x < 709: below that the result's low part would be subnormal and lose the precision the
     * bound assumes.
     */
    static DoubleDouble exp(DoubleDouble x) {
        double k = Math.rint(x.hi * INV_LN2.hi);
        // x - k ln 2 with ln 2 in three parts and the two large products exact: under 2^-150 of error for |k| < 1100.
        DoubleDouble r = x.subtract(product(k, LN2.hi)).subtract(product(k, LN2.lo)).add(-k * LN2_TAIL);
        DoubleDouble e = expm1Small(r).add(1);
        return e.scale((int) k);
    }

    /** e^x - 1 with relative accuracy everywhere (x > -745, x < 709). */
    static DoubleDouble expm1(DoubleDouble x) {
        if (Math.abs(x.hi) <= 0.34) return expm1Small(x);
        return exp(x).add(-1);
    }

    /** log(1 + u) for u > -1, relatively accurate near 0: a Newton step from the double estimate. */
    static DoubleDouble log1p(DoubleDouble u) {
        double y0 = StrictMath.log1p(u.value());
        // log(1+u) = y0 + log((1+u) e^-y0) and (1+u) e^-y0 - 1 = u e^-y0 + (e^-y0 - 1) is within 2^-52 of 0.
        DoubleDouble m = expm1(of(-y0));
        DoubleDouble t = u.multiply(m.add(1)).add(m);
        // log(1 + t) = t - t^2/2 to 2^-156.
        return of(y0).add(t.subtract(t.multiply(t).scale(-1)));
    }

    /** log x for x > 0. */
    static DoubleDouble log(DoubleDouble x) {
        int e = Math.getExponent(x.hi);
        if (Math.abs(e) > 500) return log(x.scale(-e)).add(LN2.multiply(e)); // e^-y0 below would leave the range
        if (Math.abs(x.hi - 1) < 0.5) return log1p(x.add(-1));
        double y0 = StrictMath.log(x.hi);
        DoubleDouble t = x.multiply(exp(of(-y0))).add(-1);
        return of(y0).add(t.subtract(t.multiply(t).scale(-1)));
    }

    /** sin(pi x) for a double x, reduced exactly: the argument's bits are all kept. */
    static DoubleDouble sinPi(double x) {
        double r = x - 2 * Math.rint(x / 2); // exact: r in [-1, 1]
        boolean negative = r < 0;
        r = Math.abs(r);
        if (r > 0.5) r = 1 - r; // exact (Sterbenz)
        if (r == 0) return of(0);
        DoubleDouble a = PI.multiply(r), a2 = a.multiply(a);
        // Taylor to degree 31: (pi/2)^33/33! < 2^-100 of sin's value at its smallest relative size here.
        DoubleDouble term = a, sum = a;
        for (int k = 3; k <= 31; k += 2) {
            term = term.multiply(a2).divide(-(double) (k - 1) * k);
            sum = sum.add(term);
            if (Math.abs(term.hi) < Math.abs(sum.hi) * 0x1p-110) break;
        }
        return negative ? sum.negate() : sum;
    }

    /**
     * The double nearest to the true value when every number within error (an absolute bound) of this one rounds to
     * the same double; NaN when that is not certain, or when the result is below 2^-960 or not finite. (Down there
     * an intermediate underflow's absolute error, 2^-1074, would no longer be negligible against the bound.)
     */
    double roundOrNaN(double error) {
        double up = hi + (lo + error), down = hi + (lo - error);
        if (up != down || !Double.isFinite(up) || Math.abs(up) < 0x1p-960) return Double.NaN;
        return up;
    }
}
