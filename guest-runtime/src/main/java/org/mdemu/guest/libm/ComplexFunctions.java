package org.mdemu.guest.libm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;

/**
 * complex.h's functions for float, double and long double complex (an AAPCS64 homogeneous aggregate: real part in
 * v0, imaginary part in v1, a second argument in v2/v3). Finite arguments are computed in BigDecimal
 * and each part rounded once (48 digits); the branch cuts follow the sign of a zero part through the conjugate symmetry
 * f(conj z) = conj f(z) (and the odd symmetry of the inverse sines and tangents), as C's Annex G asks.
 * Infinite and NaN parts go through the same formulas in double arithmetic, which gives Annex G's results for
 * most but not all of its special cases: those rows are partial.
 */
final class ComplexFunctions implements LibrarySection {
    private static final MathContext MC = new MathContext(48, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final Support FINITE_EXACT = Support.partial(
            "finite arguments correctly rounded per part; some of Annex G's infinity/NaN special cases differ");

    /** The three C complex types and their registers. */
    enum Type {
        FLOAT("f"), DOUBLE(""), LONG_DOUBLE("l");

        final String suffix;

        Type(String suffix) {
            this.suffix = suffix;
        }
    }

    record Z(BigDecimal re, BigDecimal im) {
        Z add(Z o) {
            return new Z(re.add(o.re, MC), im.add(o.im, MC));
        }

        Z subtract(Z o) {
            return new Z(re.subtract(o.re, MC), im.subtract(o.im, MC));
        }

        Z multiply(Z o) {
            return new Z(re.multiply(o.re, MC).subtract(im.multiply(o.im, MC), MC),
                    re.multiply(o.im, MC).add(im.multiply(o.re, MC), MC));
        }

        Z divide(Z o) {
            BigDecimal d = o.re.multiply(o.re, MC).add(o.im.multiply(o.im, MC), MC);
            return new Z(re.multiply(o.re, MC).add(im.multiply(o.im, MC), MC).divide(d, MC),
                    im.multiply(o.re, MC).subtract(re.multiply(o.im, MC), MC).divide(d, MC));
        }

        Z timesI() {
            return new Z(im.negate(), re);
        }

        BigDecimal abs() {
            return re.multiply(re).add(im.multiply(im)).sqrt(MC);
        }
    }

    interface Finite {
        Z apply(Z z);
    }

    /** A double-arithmetic version for infinite and NaN parts: {re, im} in, {re, im} out. */
    interface Special {
        double[] apply(double re, double im);
    }

    /** The functions bionic added in API 26 (version node LIBC_O). */
    private static final java.util.Set<String> LIBC_O = java.util.Set.of("cacoshl", "cacosl", "casinhl", "casinl",
            "catanhl", "catanl", "ccoshl", "ccosl", "cexpl", "clog", "clogf", "clogl", "cpow", "cpowf", "cpowl", "csinhl",
            "csinl", "ctanhl", "ctanl");

    static String version(String name) {
        return LIBC_O.contains(name) ? "LIBC_O" : "LIBC";
    }

    @Override
    public void declare(LibraryTable t) {
        for (Type type : Type.values()) {
            String s = type.suffix;
            t.function("creal" + s, Support.FULL, f -> retReal(f, type, part(f, type, 0)));
            t.function("cimag" + s, Support.FULL, f -> retReal(f, type, part(f, type, 1)));
            t.function("conj" + s, Support.FULL, f -> ret(f, type, part(f, type, 0), part(f, type, 1).negate()));
            t.function("cabs" + s, Support.FULL, f -> {
                Binary128 re = part(f, type, 0), im = part(f, type, 1);
                if (re.isInfinite() || im.isInfinite()) retReal(f, type, Binary128.POSITIVE_INFINITY);
                else if (re.isNaN() || im.isNaN()) retReal(f, type, Binary128.NAN);
                else retRounded(f, type, new Z(re.toBigDecimal(), im.toBigDecimal()).abs(), null);
            });
            t.function("carg" + s, Support.FULL, f -> {
                Binary128 re = part(f, type, 0), im = part(f, type, 1);
                if (!re.isFinite() || !im.isFinite() || re.isZero() || im.isZero()) {
                    retReal(f, type, Binary128.of(StrictMath.atan2(im.toDouble(), re.toDouble()) * 1.0));
                    if (type == Type.LONG_DOUBLE) {
                        double r = StrictMath.atan2(im.toDouble(), re.toDouble());
                        if (r != 0 && !Double.isNaN(r)) {
                            BigDecimal k = new BigDecimal(r).divide(new BigDecimal(Math.PI), new MathContext(4));
                            retRounded(f, type, k.multiply(PreciseMath.pi(MC)), null);
                        }
                    }
                } else {
                    retRounded(f, type, ch.obermuhlner.math.big.BigDecimalMath.atan2(im.toBigDecimal(), re.toBigDecimal(), MC), null);
                }
            });
            t.function("cproj" + s, Support.FULL, f -> {
                Binary128 re = part(f, type, 0), im = part(f, type, 1);
                if (re.isInfinite() || im.isInfinite()) {
                    ret(f, type, Binary128.POSITIVE_INFINITY, im.negative() ? Binary128.NEGATIVE_ZERO : Binary128.POSITIVE_ZERO);
                } else {
                    ret(f, type, re, im);
                }
            });
            unary(t, "cexp" + s, type, true, ComplexFunctions::exp, (x, y) -> {
                if (y == 0 && !Double.isNaN(x)) return new double[] {Math.exp(x), y};
                if (x == Double.NEGATIVE_INFINITY && !Double.isFinite(y)) return new double[] {0, 0};
                if (x == Double.POSITIVE_INFINITY && !Double.isFinite(y)) return new double[] {x, Double.NaN};
                double e = Math.exp(x);
                return new double[] {e * Math.cos(y), e * Math.sin(y)};
            });
            unary(t, "clog" + s, type, false, ComplexFunctions::log, (x, y) -> new double[] {
                Double.isInfinite(x) || Double.isInfinite(y) ? Double.POSITIVE_INFINITY
                        : x == 0 && y == 0 ? Double.NEGATIVE_INFINITY : Double.NaN,
                Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : StrictMath.atan2(y, x)});
            unary(t, "csqrt" + s, type, false, ComplexFunctions::sqrt, (x, y) -> {
                if (Double.isInfinite(y)) return new double[] {Double.POSITIVE_INFINITY, y};
                if (x == Double.NEGATIVE_INFINITY) {
                    return new double[] {Double.isNaN(y) ? Double.NaN : 0, Math.copySign(Double.POSITIVE_INFINITY, y)};
                }
                if (x == Double.POSITIVE_INFINITY) return new double[] {x, Double.isNaN(y) ? y : Math.copySign(0, y)};
                return new double[] {Double.NaN, Double.NaN};
            });
            unary(t, "csin" + s, type, true, z -> sinh(z.timesI()).multiply(new Z(BigDecimal.ZERO, BigDecimal.ONE.negate())),
                    (x, y) -> swap(sinhSpecial(-y, x)));
            unary(t, "ccos" + s, type, true, z -> cosh(z.timesI()), (x, y) -> coshSpecial(-y, x));
            unary(t, "ctan" + s, type, true, z -> tanh(z.timesI()).multiply(new Z(BigDecimal.ZERO, BigDecimal.ONE.negate())),
                    (x, y) -> swap(tanhSpecial(-y, x)));
            unary(t, "csinh" + s, type, true, ComplexFunctions::sinh, ComplexFunctions::sinhSpecial);
            unary(t, "ccosh" + s, type, true, ComplexFunctions::cosh, ComplexFunctions::coshSpecial);
            unary(t, "ctanh" + s, type, true, ComplexFunctions::tanh, ComplexFunctions::tanhSpecial);
            unary(t, "casinh" + s, type, false, ComplexFunctions::asinh, (x, y) -> new double[] {
                Double.isNaN(x) && y == 0 ? x : Math.copySign(Double.POSITIVE_INFINITY, x),
                Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.copySign(Double.isInfinite(y)
                        ? (Double.isInfinite(x) ? Math.PI / 4 : Math.PI / 2) : 0, y)});
            unary(t, "casin" + s, type, false, ComplexFunctions::asin,
                    (x, y) -> {
                        double[] r = new double[] {Double.isNaN(y) && x == 0 ? y : Math.copySign(Double.POSITIVE_INFINITY, y),
                            Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.copySign(Double.isInfinite(x)
                                    ? (Double.isInfinite(y) ? Math.PI / 4 : Math.PI / 2) : 0, x)};
                        return new double[] {r[1], r[0]};
                    });
            unary(t, "cacos" + s, type, false, ComplexFunctions::acos, (x, y) -> new double[] {
                Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : StrictMath.atan2(Math.abs(y), x) * 1,
                Double.isNaN(x) && !Double.isInfinite(y) ? Double.NaN : -Math.copySign(Double.POSITIVE_INFINITY, y)});
            // For im z >= 0, cacos z lies in the lower half plane and cacosh z = i cacos z has re >= 0.
            unary(t, "cacosh" + s, type, false, z -> acos(z).timesI(), (x, y) -> new double[] {Double.isNaN(x) || Double.isNaN(y) ? (Double.isInfinite(x) || Double.isInfinite(y)
                    ? Double.POSITIVE_INFINITY : Double.NaN) : Double.POSITIVE_INFINITY,
                Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.copySign(StrictMath.atan2(Math.abs(y), x), y)});
            unary(t, "catanh" + s, type, false, ComplexFunctions::atanh, (x, y) -> new double[] {
                Double.isNaN(x) ? x : Math.copySign(0, x),
                Double.isNaN(y) ? (Double.isInfinite(x) ? Math.copySign(Math.PI / 2, y) : y) : Math.copySign(Math.PI / 2, y)});
            unary(t, "catan" + s, type, false, ComplexFunctions::atan,
                    (x, y) -> new double[] {Double.isNaN(x) ? x : Math.copySign(Math.PI / 2, x),
                        Double.isNaN(y) ? y : Math.copySign(0, y)});
            t.function("cpow" + s, version("cpow" + s), FINITE_EXACT, f -> {
                Binary128[] p = {part(f, type, 0), part(f, type, 1), part(f, type, 2), part(f, type, 3)};
                for (Binary128 b : p) {
                    if (!b.isFinite()) {
                        double[] r = powSpecial(p[0].toDouble(), p[1].toDouble(), p[2].toDouble(), p[3].toDouble());
                        ret(f, type, Binary128.of(r[0]), Binary128.of(r[1]));
                        return;
                    }
                }
                Z base = new Z(p[0].toBigDecimal(), p[1].toBigDecimal());
                Z power = new Z(p[2].toBigDecimal(), p[3].toBigDecimal());
                if (base.re.signum() == 0 && base.im.signum() == 0) {
                    ret(f, type, Binary128.POSITIVE_ZERO, Binary128.POSITIVE_ZERO);
                    return;
                }
                retZ(f, type, pow(base, power), false, false);
            });
        }
    }

    // ---- finite arguments, in BigDecimal ----

    /**
     * Beyond |x| = 12000, e^x is past every type's range (binary128 overflows above 11357, underflows below -11433):
     * clamping gives the same rounded result and keeps big-math's exp within its range (it threw on 1e308).
     */
    private static final BigDecimal EXP_LIMIT = BigDecimal.valueOf(12000);

    static BigDecimal clampExponent(BigDecimal x) {
        return x.compareTo(EXP_LIMIT) > 0 ? EXP_LIMIT : x.compareTo(EXP_LIMIT.negate()) < 0 ? EXP_LIMIT.negate() : x;
    }

    static Z exp(Z z) {
        BigDecimal e = PreciseMath.exp(clampExponent(z.re), MC);
        return new Z(e.multiply(PreciseMath.cos(z.im, MC), MC), e.multiply(PreciseMath.sin(z.im, MC), MC));
    }

    /** Principal log (im in [0, pi] here: callers pass im >= 0 and use the conjugate symmetry). */
    static Z log(Z z) {
        BigDecimal re = PreciseMath.log(z.re.multiply(z.re).add(z.im.multiply(z.im)), MC).divide(TWO, MC);
        return new Z(re, ch.obermuhlner.math.big.BigDecimalMath.atan2(z.im, z.re, MC));
    }

    static Z sqrt(Z z) {
        BigDecimal r = z.abs();
        if (r.signum() == 0) return new Z(BigDecimal.ZERO, BigDecimal.ZERO);
        if (z.re.signum() >= 0) {
            BigDecimal t = r.add(z.re).divide(TWO, MC).sqrt(MC);
            return new Z(t, z.im.divide(t.multiply(TWO), MC));
        }
        BigDecimal t = r.subtract(z.re).divide(TWO, MC).sqrt(MC);
        return new Z(z.im.abs().divide(t.multiply(TWO), MC), z.im.signum() < 0 ? t.negate() : t);
    }

    static Z sinh(Z z) {
        z = new Z(clampExponent(z.re), z.im);
        return new Z(PreciseMath.sinh(z.re, MC).multiply(PreciseMath.cos(z.im, MC), MC),
                PreciseMath.cosh(z.re, MC).multiply(PreciseMath.sin(z.im, MC), MC));
    }

    static Z cosh(Z z) {
        z = new Z(clampExponent(z.re), z.im);
        return new Z(PreciseMath.cosh(z.re, MC).multiply(PreciseMath.cos(z.im, MC), MC),
                PreciseMath.sinh(z.re, MC).multiply(PreciseMath.sin(z.im, MC), MC));
    }

    /** tanh(x + iy) = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y). */
    static Z tanh(Z z) {
        BigDecimal x2 = z.re.multiply(TWO), y2 = z.im.multiply(TWO);
        if (z.re.abs().compareTo(BigDecimal.valueOf(60)) > 0) {
            return new Z(BigDecimal.valueOf(z.re.signum()), PreciseMath.sin(y2, MC).multiply(TWO, MC)
                    .multiply(PreciseMath.exp(clampExponent(x2.abs().negate()), MC), MC));
        }
        BigDecimal d = PreciseMath.cosh(x2, MC).add(PreciseMath.cos(y2, MC), MC);
        return new Z(PreciseMath.sinh(x2, MC).divide(d, MC), PreciseMath.sin(y2, MC).divide(d, MC));
    }

    /** asinh z = log(z + sqrt(z^2 + 1)), for re >= 0 (callers use the odd symmetry). */
    static Z asinh(Z z) {
        if (z.abs().compareTo(new BigDecimal("1e-30")) < 0) return z;
        if (z.re.signum() < 0) {
            Z r = asinh(new Z(z.re.negate(), z.im.negate()));
            return new Z(r.re.negate(), r.im.negate());
        }
        if (z.im.signum() == 0) return new Z(ch.obermuhlner.math.big.BigDecimalMath.asinh(z.re, MC), BigDecimal.ZERO);
        if (z.re.signum() == 0) {
            // The imaginary axis: i asin(y) inside [-i, i]; beyond, the cut's right side (re = +0).
            BigDecimal y = z.im.abs();
            BigDecimal halfPi = PreciseMath.pi(MC).divide(TWO, MC);
            Z r = y.compareTo(BigDecimal.ONE) <= 0 ? new Z(BigDecimal.ZERO, ch.obermuhlner.math.big.BigDecimalMath.asin(y, MC))
                    : new Z(ch.obermuhlner.math.big.BigDecimalMath.acosh(y, MC), halfPi);
            return z.im.signum() < 0 ? new Z(r.re, r.im.negate()) : r;
        }
        Z one = new Z(BigDecimal.ONE, BigDecimal.ZERO);
        return log(z.add(sqrt(z.multiply(z).add(one))));
    }

    /** acos z = pi/2 - asin z, asin z = -i asinh(i z). */
    static Z acos(Z z) {
        Z asin = asin(z);
        return new Z(PreciseMath.pi(MC).divide(TWO, MC).subtract(asin.re, MC), asin.im.negate());
    }

    /** asin z = -i asinh(iz), which for im z >= 0 is asinh(y + ix) with its parts swapped (no signed zero lost). */
    static Z asin(Z z) {
        Z a = asinh(new Z(z.im, z.re));
        return new Z(a.im, a.re);
    }

    /** atan z = -i atanh(iz): for im z >= 0, atanh(y + ix) with its parts swapped. */
    static Z atan(Z z) {
        Z a = atanh(new Z(z.im, z.re));
        return new Z(a.im, a.re);
    }

    /** atanh z = (log(1 + z) - log(1 - z)) / 2. */
    static Z atanh(Z z) {
        if (z.abs().compareTo(new BigDecimal("1e-30")) < 0) return z;
        if (z.re.signum() == 0) return new Z(BigDecimal.ZERO, ch.obermuhlner.math.big.BigDecimalMath.atan(z.im, MC));
        if (z.im.signum() == 0 && z.re.abs().compareTo(BigDecimal.ONE) < 0) {
            return new Z(PreciseMath.log1p(z.re.multiply(TWO).divide(BigDecimal.ONE.subtract(z.re), MC), MC)
                    .divide(TWO, MC), BigDecimal.ZERO);
        }
        if (z.im.signum() == 0 && z.re.compareTo(BigDecimal.ONE) > 0) {
            // The cut's upper side: 1/2 log((x+1)/(x-1)) + i pi/2.
            return new Z(PreciseMath.log(z.re.add(BigDecimal.ONE).divide(z.re.subtract(BigDecimal.ONE), MC), MC)
                    .divide(TWO, MC), PreciseMath.pi(MC).divide(TWO, MC));
        }
        Z one = new Z(BigDecimal.ONE, BigDecimal.ZERO);
        Z l = logAnywhere(one.add(z)).subtract(logAnywhere(one.subtract(z)));
        return new Z(l.re.divide(TWO, MC), l.im.divide(TWO, MC));
    }

    private static Z logAnywhere(Z z) {
        if (z.im.signum() >= 0) return log(z);
        Z c = log(new Z(z.re, z.im.negate()));
        return new Z(c.re, c.im.negate());
    }

    /** a^w as msun computes it: |a|^re(w) e^(-im(w) arg a), angle re(w) arg a + im(w) log|a|. */
    static Z pow(Z a, Z w) {
        BigDecimal abs = a.abs(), arg = ch.obermuhlner.math.big.BigDecimalMath.atan2(a.im, a.re, MC);
        BigDecimal logAbs = PreciseMath.log(abs, MC);
        BigDecimal r = PreciseMath.exp(clampExponent(w.re.multiply(logAbs, MC).subtract(w.im.multiply(arg, MC), MC)), MC);
        BigDecimal theta = w.re.multiply(arg, MC).add(w.im.multiply(logAbs, MC), MC);
        return new Z(r.multiply(PreciseMath.cos(theta, MC), MC), r.multiply(PreciseMath.sin(theta, MC), MC));
    }

    // ---- infinite and NaN parts, in double arithmetic ----

    private static double[] swap(double[] v) {
        return new double[] {v[1], -v[0]};
    }

    private static double[] sinhSpecial(double x, double y) {
        if (Double.isInfinite(x) && !Double.isFinite(y)) return new double[] {x, Double.NaN};
        if (y == 0) return new double[] {Math.sinh(x), y};
        return new double[] {Math.sinh(x) * Math.cos(y), Math.cosh(x) * Math.sin(y)};
    }

    private static double[] coshSpecial(double x, double y) {
        if (Double.isInfinite(x) && !Double.isFinite(y)) return new double[] {Double.POSITIVE_INFINITY, Double.NaN};
        if (y == 0) return new double[] {Math.cosh(x), Double.isNaN(x) ? y : x * y};
        return new double[] {Math.cosh(x) * Math.cos(y), Math.sinh(x) * Math.sin(y)};
    }

    private static double[] tanhSpecial(double x, double y) {
        if (Double.isInfinite(x)) return new double[] {Math.copySign(1, x), Double.isFinite(y) ? Math.copySign(0, Math.sin(2 * y)) : Math.copySign(0, y)};
        if (Double.isNaN(x) && y == 0) return new double[] {x, y};
        return new double[] {Double.NaN, Double.NaN};
    }

    private static double[] powSpecial(double a, double b, double c, double d) {
        double abs = Math.hypot(a, b), arg = Math.atan2(b, a);
        double r = Math.pow(abs, c), theta = c * arg;
        if (d != 0) {
            r *= Math.exp(-d * arg);
            theta += d * Math.log(abs);
        }
        return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
    }

    // ---- registers ----

    /** Part i of the complex arguments: v0 re, v1 im, v2 re of the second, v3 its im. */
    static Binary128 part(CallFrame f, Type type, int i) {
        return switch (type) {
            case FLOAT -> Binary128.of((double) f.registers().s(i));
            case DOUBLE -> Binary128.of(f.registers().d(i));
            case LONG_DOUBLE -> {
                long[] q = f.registers().q(i);
                yield new Binary128(q[0], q[1]);
            }
        };
    }

    private static void put(CallFrame f, Type type, int i, Binary128 v) {
        switch (type) {
            case FLOAT -> f.registers().setS(i, (float) v.toDouble());
            case DOUBLE -> f.registers().setD(i, v.toDouble());
            case LONG_DOUBLE -> f.registers().setQ(i, v.low(), v.high());
        }
    }

    static void ret(CallFrame f, Type type, Binary128 re, Binary128 im) {
        put(f, type, 0, re);
        put(f, type, 1, im);
    }

    private static void retReal(CallFrame f, Type type, Binary128 v) {
        put(f, type, 0, v);
    }

    /** Whether a finite part is exactly +1 or -1. */
    private static boolean isUnit(Binary128 v) {
        return v.isFinite() && v.toBigDecimal().abs().compareTo(BigDecimal.ONE) == 0;
    }

    /** A special-case value: exact in every type, except multiples of pi/4, which are rounded to the type. */
    private static Binary128 special(Type type, double v) {
        if (type != Type.LONG_DOUBLE || v == 0 || !Double.isFinite(v)) return Binary128.of(v);
        BigDecimal quarters = new BigDecimal(v).divide(new BigDecimal(Math.PI / 4), new MathContext(6))
                .setScale(0, RoundingMode.HALF_EVEN);
        return Binary128.of(quarters.multiply(PreciseMath.pi(MC)).divide(BigDecimal.valueOf(4), MC), RoundingMode.HALF_EVEN);
    }

    private static void retRounded(CallFrame f, Type type, BigDecimal v, Binary128 unused) {
        put(f, type, 0, round(type, v, false));
    }

    /** v rounded once to the type (a zero keeps the given sign). */
    private static Binary128 round(Type type, BigDecimal v, boolean negativeZero) {
        if (v.signum() == 0) return negativeZero ? Binary128.NEGATIVE_ZERO : Binary128.POSITIVE_ZERO;
        return switch (type) {
            case FLOAT -> Binary128.of((double) v.floatValue());
            case DOUBLE -> Binary128.of(v.doubleValue());
            case LONG_DOUBLE -> Binary128.of(v, RoundingMode.HALF_EVEN);
        };
    }

    private static void retZ(CallFrame f, Type type, Z z, boolean negativeZeroRe, boolean negativeZeroIm) {
        ret(f, type, round(type, z.re, negativeZeroRe), round(type, z.im, negativeZeroIm));
    }

    /**
     * A unary complex function. Finite arguments: computed for the closed upper half plane (and, for odd functions,
     * the right half) and mapped back by symmetry, so a zero part's sign picks the side of a branch cut.
     */
    private static void unary(LibraryTable t, String name, Type type, boolean entire, Finite finite, Special special) {
        boolean odd = name.startsWith("casin") || name.startsWith("catan") || name.startsWith("csin")
                || name.startsWith("ctan");
        t.function(name, version(name), FINITE_EXACT, f -> {
            Binary128 re = part(f, type, 0), im = part(f, type, 1);
            boolean atanh = name.startsWith("catanh"), atan = !atanh && name.startsWith("catan");
            if ((atanh && im.isZero() && isUnit(re)) || (atan && re.isZero() && isUnit(im))) {
                // Annex G: catanh(+-1 +- i0) = +-inf +- i0 with divide-by-zero; catan z = -i catanh(iz) puts the
                // same pole at +-i, infinite along the imaginary axis (RowFuzzTest's finding: log(0) threw).
                FpEnvironment.raise(f.registers(), FpEnvironment.DIVBYZERO);
                double r = atanh ? (re.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : (re.negative() ? -0.0 : 0.0);
                double i = atanh ? (im.negative() ? -0.0 : 0.0) : (im.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                ret(f, type, special(type, r), special(type, i));
                return;
            }
            boolean pole = name.startsWith("clog") && re.isZero() && im.isZero();
            if (!re.isFinite() || !im.isFinite() || pole) {
                // Annex G's special values; the few that are multiples of pi/4 are rounded to the type.
                double[] r = special.apply(re.toDouble(), im.toDouble());
                if (pole) FpEnvironment.raise(f.registers(), FpEnvironment.DIVBYZERO);
                ret(f, type, special(type, r[0]), special(type, r[1]));
                return;
            }
            // f(-z) = -f(z) for the odd ones, then f(conj z) = conj f(z): compute in the closed upper half plane.
            boolean flipRe = odd && re.negative();
            boolean conjugate = flipRe != im.negative();
            BigDecimal x = re.toBigDecimal(), y = im.toBigDecimal().abs();
            if (flipRe) x = x.negate();
            Z r = finite.apply(new Z(x, y));
            BigDecimal rr = r.re, ri = conjugate ? r.im.negate() : r.im;
            if (flipRe) {
                rr = rr.negate();
                ri = ri.negate();
            }
            boolean zeroReNegative = rr.signum() == 0 && flipRe;
            // cacos(x + i0) = acos x - i0: its zero imaginary part has the sign opposite to the argument's.
            boolean zeroImNegative = ri.signum() == 0 && (conjugate != flipRe) != (name.startsWith("cacos") && !name.startsWith("cacosh"));
            retZ(f, type, new Z(rr, ri), zeroReNegative, zeroImNegative);
        });
    }
}
