package org.mdemu.guest.libm;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Real functions on exact BigDecimal arguments, to more digits than binary128 holds, so that rounding the result
 * once gives the correctly rounded value (barring an argument whose result lies within 10^-45 of a rounding
 * boundary). The elementary functions come from big-math (ch.obermuhlner, MIT); the ones it lacks, or computes only
 * to absolute rather than relative accuracy near zero, are series and continued fractions written here: expm1 and
 * log1p, erf and erfc, log-gamma and gamma (Stirling with Bernoulli numbers), and the Bessel functions of the first
 * and second kind (power series, Hankel's asymptotic expansion, recurrences).
 */
final class PreciseMath {
    /** Working precision: 45 digits against binary128's 34. */
    static final MathContext MC = new MathContext(45, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2), HALF = new BigDecimal("0.5");

    private PreciseMath() {}

    private static MathContext wider(MathContext mc, int digits) {
        return new MathContext(mc.getPrecision() + Math.max(digits, 0), RoundingMode.HALF_EVEN);
    }

    private static boolean negligible(BigDecimal term, BigDecimal sum, MathContext mc) {
        if (term.signum() == 0) return true;
        if (sum.signum() == 0) return false;
        return term.abs().compareTo(sum.abs().movePointLeft(mc.getPrecision() + 2)) < 0;
    }

    /** Decimal exponent of |x| (x != 0): floor(log10|x|) within one. */
    static int magnitude(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }

    static BigDecimal pi(MathContext mc) {
        return BigDecimalMath.pi(mc);
    }

    static BigDecimal exp(BigDecimal x, MathContext mc) {
        return BigDecimalMath.exp(x, mc);
    }

    /**
     * Natural log; far from 1 it takes out the decimal exponent first (log u + e ln 10, u in [1, 10)), since
     * big-math's own reduction crawls for long double's extremes (a clogl of 1e-4950 ran for a minute).
     */
    static BigDecimal log(BigDecimal x, MathContext mc) {
        int e = x.signum() > 0 ? magnitude(x) : 0;
        if (Math.abs(e) <= 20) return BigDecimalMath.log(x, mc);
        MathContext w = wider(mc, Integer.toString(Math.abs(e)).length() + 5);
        BigDecimal u = x.movePointLeft(e);
        return BigDecimalMath.log(u, w).add(BigDecimalMath.log(BigDecimal.TEN, w).multiply(BigDecimal.valueOf(e), w), mc);
    }

    /** e^x - 1, with relative accuracy for small x. */
    static BigDecimal expm1(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(HALF) >= 0) return exp(x, wider(mc, 2)).subtract(BigDecimal.ONE, mc);
        BigDecimal sum = BigDecimal.ZERO, term = x;
        MathContext w = wider(mc, 3);
        for (int k = 2; !negligible(term, sum, mc); k++) {
            sum = sum.add(term, w);
            term = term.multiply(x, w).divide(BigDecimal.valueOf(k), w);
        }
        return sum.round(mc);
    }

    /** log(1 + x), x > -1, with relative accuracy for small x: 2 atanh(x / (2 + x)). */
    static BigDecimal log1p(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(HALF) >= 0) return log(BigDecimal.ONE.add(x), mc);
        MathContext w = wider(mc, 3);
        BigDecimal s = x.divide(TWO.add(x), w), s2 = s.multiply(s, w);
        BigDecimal sum = BigDecimal.ZERO, power = s;
        for (int k = 1; ; k += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(k), w);
            if (negligible(term, sum, mc)) break;
            sum = sum.add(term, w);
            power = power.multiply(s2, w);
        }
        return sum.multiply(TWO).round(mc);
    }

    /** sin(pi x), reducing x modulo 2 exactly first so that large arguments keep their accuracy. */
    static BigDecimal sinPi(BigDecimal x, MathContext mc) {
        BigDecimal r = x.subtract(TWO.multiply(x.divide(TWO, 0, RoundingMode.HALF_EVEN)));
        if (r.signum() == 0 || r.abs().compareTo(BigDecimal.ONE) == 0) return BigDecimal.ZERO;
        MathContext w = wider(mc, 3);
        return BigDecimalMath.sin(pi(w).multiply(r, w), mc);
    }

    /** x minus the nearest multiple of 2 pi, with pi to as many digits as x has before its point. */
    static BigDecimal reduceTwoPi(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(BigDecimal.TEN) < 0) return x;
        MathContext w = wider(mc, magnitude(x) + 5);
        BigDecimal twoPi = pi(w).multiply(TWO);
        BigDecimal k = x.divide(twoPi, w).setScale(0, RoundingMode.HALF_EVEN);
        return x.subtract(k.multiply(twoPi, w), w);
    }

    static BigDecimal sin(BigDecimal x, MathContext mc) {
        return BigDecimalMath.sin(reduceTwoPi(x, mc), mc);
    }

    static BigDecimal cos(BigDecimal x, MathContext mc) {
        return BigDecimalMath.cos(reduceTwoPi(x, mc), mc);
    }

    static BigDecimal tan(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 3);
        BigDecimal r = reduceTwoPi(x, w);
        return BigDecimalMath.sin(r, w).divide(BigDecimalMath.cos(r, w), mc);
    }

    /** sinh, cosh, tanh through exp beyond |x| = 1 (big-math's series crawl for large arguments). */
    static BigDecimal sinh(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(BigDecimal.ONE) <= 0) return BigDecimalMath.sinh(x, mc);
        MathContext w = wider(mc, 3);
        BigDecimal e = exp(x, w);
        return e.subtract(BigDecimal.ONE.divide(e, w), w).divide(TWO, mc);
    }

    static BigDecimal cosh(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(BigDecimal.ONE) <= 0) return BigDecimalMath.cosh(x, mc);
        MathContext w = wider(mc, 3);
        BigDecimal e = exp(x, w);
        return e.add(BigDecimal.ONE.divide(e, w), w).divide(TWO, mc);
    }

    static BigDecimal tanh(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(BigDecimal.ONE) <= 0) return BigDecimalMath.tanh(x, mc);
        MathContext w = wider(mc, 3);
        BigDecimal e = exp(x.abs().multiply(TWO).negate(), w);
        BigDecimal r = BigDecimal.ONE.subtract(e, w).divide(BigDecimal.ONE.add(e, w), mc);
        return x.signum() < 0 ? r.negate() : r;
    }

    // ---- erf, erfc ----

    /** erf(x): the series with positive terms for |x| <= 3, 1 - erfc beyond. */
    static BigDecimal erf(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) return BigDecimal.ZERO;
        BigDecimal a = x.abs();
        BigDecimal r;
        if (a.compareTo(BigDecimal.valueOf(3)) <= 0) {
            r = erfSeries(a, mc);
        } else {
            r = BigDecimal.ONE.subtract(erfcContinuedFraction(a, mc), mc);
        }
        return x.signum() < 0 ? r.negate() : r;
    }

    /** erf(x) = 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (1 3 5 ... (2n+1)). */
    private static BigDecimal erfSeries(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 5);
        BigDecimal x2 = x.multiply(x, w), twoX2 = x2.multiply(TWO);
        BigDecimal sum = BigDecimal.ZERO, term = BigDecimal.ONE;
        for (int n = 1; !negligible(term, sum, w); n++) {
            sum = sum.add(term, w);
            term = term.multiply(twoX2, w).divide(BigDecimal.valueOf(2L * n + 1), w);
        }
        BigDecimal factor = x.multiply(TWO).divide(BigDecimalMath.sqrt(pi(w), w), w).multiply(exp(x2.negate(), w), w);
        return sum.multiply(factor, mc);
    }

    static BigDecimal erfc(BigDecimal x, MathContext mc) {
        if (x.signum() <= 0) return BigDecimal.ONE.add(erf(x.negate(), wider(mc, 2)), mc);
        if (x.compareTo(BigDecimal.valueOf(5)) <= 0) {
            // erfc(5) is 1.5e-12: twelve more digits keep the difference exact enough.
            return BigDecimal.ONE.subtract(erfSeries(x, wider(mc, 14)), mc);
        }
        return erfcContinuedFraction(x, mc);
    }

    /** erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by modified Lentz; x > 0. */
    private static BigDecimal erfcContinuedFraction(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 5);
        BigDecimal tiny = BigDecimal.ONE.movePointLeft(200);
        BigDecimal f = x, c = x, d = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 3);
        for (int k = 1; k < 100000; k++) {
            BigDecimal a = BigDecimal.valueOf(k).multiply(HALF);
            d = x.add(a.multiply(d, w), w);
            if (d.signum() == 0) d = tiny;
            c = x.add(a.divide(c, w), w);
            if (c.signum() == 0) c = tiny;
            d = BigDecimal.ONE.divide(d, w);
            BigDecimal delta = c.multiply(d, w);
            f = f.multiply(delta, w);
            if (delta.subtract(BigDecimal.ONE).abs().compareTo(eps) < 0) break;
        }
        BigDecimal e = exp(x.multiply(x).negate(), w);
        return e.divide(BigDecimalMath.sqrt(pi(w), w).multiply(f, w), mc);
    }

    // ---- gamma ----

    /** log|Gamma(x)| and the sign of Gamma(x), for x not a pole. */
    record LogGamma(BigDecimal value, int sign) {}

    private static final int STIRLING_SHIFT = 30;
    private static BigDecimal[] bernoulli;

    /**
     * B_2k, k = 1..79, from the exact recurrence sum_{j=0}^{m} C(m+1, j) B_j = 0 on reduced fractions (big-math's
     * bernoulli() is far slower and computes on the common fork-join pool).
     */
    static synchronized BigDecimal bernoulli(int k) {
        if (bernoulli == null) {
            int max = 2 * 80;
            BigInteger[] num = new BigInteger[max + 1], den = new BigInteger[max + 1];
            num[0] = BigInteger.ONE;
            den[0] = BigInteger.ONE;
            for (int m = 1; m <= max; m++) {
                BigInteger sumNum = BigInteger.ZERO, sumDen = BigInteger.ONE, binomial = BigInteger.ONE;
                for (int j = 0; j < m; j++) {
                    // binomial = C(m+1, j)
                    if (num[j].signum() != 0) {
                        BigInteger n = binomial.multiply(num[j]);
                        sumNum = sumNum.multiply(den[j]).add(n.multiply(sumDen));
                        sumDen = sumDen.multiply(den[j]);
                        BigInteger g = sumNum.gcd(sumDen);
                        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
                            sumNum = sumNum.divide(g);
                            sumDen = sumDen.divide(g);
                        }
                    }
                    binomial = binomial.multiply(BigInteger.valueOf(m + 1L - j)).divide(BigInteger.valueOf(j + 1L));
                }
                BigInteger n = sumNum.negate(), d = sumDen.multiply(BigInteger.valueOf(m + 1L));
                BigInteger g = n.gcd(d);
                if (g.signum() == 0) g = BigInteger.ONE;
                num[m] = n.divide(g);
                den[m] = d.divide(g);
                if (den[m].signum() < 0) {
                    num[m] = num[m].negate();
                    den[m] = den[m].negate();
                }
            }
            MathContext m = new MathContext(100);
            bernoulli = new BigDecimal[80];
            for (int i = 1; i < 80; i++) bernoulli[i] = new BigDecimal(num[2 * i]).divide(new BigDecimal(den[2 * i]), m);
        }
        return bernoulli[k];
    }

    static LogGamma logGamma(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc, 25);
        if (x.compareTo(BigDecimal.ONE) == 0 || x.compareTo(TWO) == 0) return new LogGamma(BigDecimal.ZERO, 1);
        if (x.compareTo(HALF) < 0) {
            // Reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x).
            BigDecimal s = sinPi(x, w);
            LogGamma other = logGamma(BigDecimal.ONE.subtract(x).round(wider(w, 20)), mc);
            BigDecimal v = log(pi(w).divide(s.abs(), w), w).subtract(other.value(), w);
            return new LogGamma(v.round(mc), s.signum());
        }
        BigDecimal z = x.round(wider(w, 20)), product = BigDecimal.ONE;
        while (z.compareTo(BigDecimal.valueOf(STIRLING_SHIFT)) < 0) {
            product = product.multiply(z, w);
            z = z.add(BigDecimal.ONE);
        }
        BigDecimal v = stirling(z, w);
        if (product.compareTo(BigDecimal.ONE) != 0) v = v.subtract(log(product, w), w);
        return new LogGamma(v.round(mc), 1);
    }

    /** (z - 1/2) ln z - z + ln(2 pi)/2 + sum B2k / (2k (2k-1) z^(2k-1)), z >= 30. */
    private static BigDecimal stirling(BigDecimal z, MathContext w) {
        BigDecimal lnz = log(z, w);
        BigDecimal v = z.subtract(HALF).multiply(lnz, w).subtract(z, w)
                .add(log(TWO.multiply(pi(w), w), w).multiply(HALF), w);
        BigDecimal zInv = BigDecimal.ONE.divide(z, w), zInv2 = zInv.multiply(zInv, w), power = zInv;
        for (int k = 1; k < 80; k++) {
            BigDecimal term = bernoulli(k).multiply(power, w).divide(BigDecimal.valueOf((2L * k) * (2L * k - 1)), w);
            if (negligible(term, v, w)) break;
            v = v.add(term, w);
            power = power.multiply(zInv2, w);
        }
        return v;
    }

    /** Gamma(x) for x not a pole; exact factorials for small positive integers. */
    static BigDecimal gamma(BigDecimal x, MathContext mc) {
        if (x.signum() > 0 && x.stripTrailingZeros().scale() <= 0 && x.compareTo(BigDecimal.valueOf(3000)) <= 0) {
            BigInteger f = BigInteger.ONE;
            for (int i = 2; i < x.intValue(); i++) f = f.multiply(BigInteger.valueOf(i));
            return new BigDecimal(f);
        }
        LogGamma lg = logGamma(x, wider(mc, 10 + Math.max(0, magnitude(x))));
        BigDecimal g = exp(lg.value(), mc);
        return lg.sign() < 0 ? g.negate() : g;
    }

    // ---- Bessel functions (double precision callers) ----

    /** J_n(x) for n >= 0, x > 0. */
    static BigDecimal besselJ(int n, BigDecimal x, MathContext mc) {
        if (useAsymptotic(0, x)) {
            if (n <= 1) return hankel(n, x, mc, true);
            if (x.compareTo(BigDecimal.valueOf(n)) > 0) return forwardRecurrence(n, x, mc, true);
        }
        if (n > 1 && x.compareTo(BigDecimal.valueOf(n)) > 0 && x.compareTo(BigDecimal.valueOf(30)) >= 0) {
            return forwardRecurrence(n, x, mc, true);
        }
        return besselJSeries(n, x, mc);
    }

    /** Y_n(x) for n >= 0, x > 0. */
    static BigDecimal besselY(int n, BigDecimal x, MathContext mc) {
        if (n <= 1) return useAsymptotic(0, x) ? hankel(n, x, mc, false) : besselYSeries(n, x, mc);
        return forwardRecurrence(n, x, mc, false);
    }

    private static boolean useAsymptotic(int n, BigDecimal x) {
        return x.compareTo(BigDecimal.valueOf(30L + (long) n * n)) >= 0;
    }

    /** J or Y of order n from orders 0 and 1: C_{k+1} = (2k/x) C_k - C_{k-1}, stable for Y and for J while k < x. */
    private static BigDecimal forwardRecurrence(int n, BigDecimal x, MathContext mc, boolean j) {
        MathContext w = wider(mc, 10);
        BigDecimal previous = j ? besselJ(0, x, w) : besselY(0, x, w);
        BigDecimal current = j ? besselJ(1, x, w) : besselY(1, x, w);
        for (int k = 1; k < n; k++) {
            BigDecimal next = BigDecimal.valueOf(2L * k).multiply(current, w).divide(x, w).subtract(previous, w);
            previous = current;
            current = next;
        }
        return current.round(mc);
    }

    /** sum (-1)^k (x/2)^(2k+n) / (k! (n+k)!), with extra digits for the cancellation between its terms. */
    private static BigDecimal besselJSeries(int n, BigDecimal x, MathContext mc) {
        int cancellation = (int) Math.ceil(x.doubleValue() * 0.4343) + 3;
        MathContext w = wider(mc, cancellation);
        BigDecimal h = x.multiply(HALF), h2 = h.multiply(h, w).negate();
        BigDecimal term = h.pow(n, w);
        for (int i = 2; i <= n; i++) term = term.divide(BigDecimal.valueOf(i), w);
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; ; k++) {
            sum = sum.add(term, w);
            term = term.multiply(h2, w).divide(BigDecimal.valueOf((long) k * (n + k)), w);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(w.getPrecision() + 2)) < 0) break;
        }
        return sum.round(mc);
    }

    /**
     * Y0 = (2/pi) (ln(x/2) + gamma) J0 + (2/pi) sum_{k>=1} (-1)^(k+1) H_k (x/2)^(2k) / (k!)^2;
     * Y1 = (2/pi) (ln(x/2) + gamma) J1 - 2/(pi x) - (1/pi) sum_{k>=0} (-1)^k (H_k + H_{k+1}) (x/2)^(2k+1) / (k! (k+1)!).
     */
    private static BigDecimal besselYSeries(int n, BigDecimal x, MathContext mc) {
        int cancellation = (int) Math.ceil(x.doubleValue() * 0.4343) + 5;
        MathContext w = wider(mc, cancellation);
        BigDecimal h = x.multiply(HALF), h2 = h.multiply(h, w);
        BigDecimal pi = pi(w);
        BigDecimal lead = log(h, w).add(eulerGamma(w), w).multiply(TWO).divide(pi, w)
                .multiply(besselJSeries(n, x, w), w);
        BigDecimal sum = BigDecimal.ZERO, harmonic = BigDecimal.ZERO;
        if (n == 0) {
            BigDecimal power = BigDecimal.ONE;
            for (int k = 1; ; k++) {
                harmonic = harmonic.add(BigDecimal.ONE.divide(BigDecimal.valueOf(k), w), w);
                power = power.multiply(h2, w).divide(BigDecimal.valueOf((long) k * k), w);
                BigDecimal term = harmonic.multiply(power, w);
                if (k % 2 == 0) term = term.negate();
                sum = sum.add(term, w);
                if (power.compareTo(sum.abs().movePointLeft(w.getPrecision() + 2)) < 0) break;
            }
            return lead.add(sum.multiply(TWO).divide(pi, w), mc);
        }
        BigDecimal power = h; // (x/2)^(2k+1) / (k! (k+1)!)
        BigDecimal next = BigDecimal.ONE; // H_{k+1}
        for (int k = 0; ; k++) {
            BigDecimal term = harmonic.add(next, w).multiply(power, w);
            if (k % 2 == 1) term = term.negate();
            sum = sum.add(term, w);
            harmonic = next;
            next = next.add(BigDecimal.ONE.divide(BigDecimal.valueOf(k + 2L), w), w);
            power = power.multiply(h2, w).divide(BigDecimal.valueOf((long) (k + 1) * (k + 2)), w);
            if (power.compareTo(sum.abs().movePointLeft(w.getPrecision() + 2)) < 0) break;
        }
        BigDecimal twoOverPiX = TWO.divide(pi.multiply(x, w), w);
        return lead.subtract(twoOverPiX, w).subtract(sum.divide(pi, w), mc);
    }

    private static BigDecimal euler;

    /** The Euler-Mascheroni constant, by the Brent-McMillan algorithm (B1). */
    private static synchronized BigDecimal eulerGamma(MathContext mc) {
        if (euler != null && euler.precision() >= mc.getPrecision()) return euler.round(mc);
        MathContext w = wider(mc, 10);
        int digits = w.getPrecision();
        long n = (long) Math.ceil(digits * Math.log(10) / 4) + 1;
        BigDecimal nn = BigDecimal.valueOf(n * n);
        BigDecimal a = log(BigDecimal.valueOf(n), w).negate(), b = BigDecimal.ONE, u = a, v = BigDecimal.ONE;
        for (long k = 1; k < 4 * n + 40; k++) {
            BigDecimal k2 = BigDecimal.valueOf(k * k);
            b = b.multiply(nn, w).divide(k2, w);
            a = a.multiply(nn, w).divide(BigDecimal.valueOf(k), w).add(b, w).divide(BigDecimal.valueOf(k), w);
            u = u.add(a, w);
            v = v.add(b, w);
        }
        euler = u.divide(v, w);
        return euler.round(mc);
    }

    /**
     * Hankel's expansion for large x: J_n = sqrt(2/(pi x)) (P cos chi - Q sin chi),
     * Y_n = sqrt(2/(pi x)) (P sin chi + Q cos chi), chi = x - (2n+1) pi/4.
     */
    private static BigDecimal hankel(int n, BigDecimal x, MathContext mc, boolean j) {
        int digits = Math.max(0, magnitude(x)) + 5;
        MathContext w = wider(mc, digits);
        MathContext small = wider(mc, 5);
        BigDecimal mu = BigDecimal.valueOf(4L * n * n);
        BigDecimal p = BigDecimal.ZERO, q = BigDecimal.ZERO, a = BigDecimal.ONE, previous = null;
        BigDecimal eightX = x.multiply(BigDecimal.valueOf(8), small);
        for (int k = 0; k < 200; k++) {
            BigDecimal size = a.abs();
            if (previous != null && size.compareTo(previous) > 0) break;
            if (size.compareTo(BigDecimal.ONE.movePointLeft(small.getPrecision() + 2)) < 0) break;
            switch (k % 4) {
                case 0 -> p = p.add(a, small);
                case 1 -> q = q.add(a, small);
                case 2 -> p = p.subtract(a, small);
                default -> q = q.subtract(a, small);
            }
            previous = size;
            long odd = 2L * k + 1;
            a = a.multiply(mu.subtract(BigDecimal.valueOf(odd * odd)), small)
                    .divide(BigDecimal.valueOf(k + 1L).multiply(eightX, small), small);
        }
        BigDecimal chi = x.subtract(pi(w).multiply(BigDecimal.valueOf(2L * n + 1), w).divide(BigDecimal.valueOf(4), w), w);
        chi = reduceTwoPi(chi, small);
        BigDecimal cos = BigDecimalMath.cos(chi, small), sin = BigDecimalMath.sin(chi, small);
        BigDecimal scale = BigDecimalMath.sqrt(TWO.divide(pi(small).multiply(x, small), small), small);
        BigDecimal v = j ? p.multiply(cos, small).subtract(q.multiply(sin, small), small)
                : p.multiply(sin, small).add(q.multiply(cos, small), small);
        return v.multiply(scale, mc);
    }
}
