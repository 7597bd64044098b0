package org.mdemu.guest.libm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.UnaryOperator;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;

/**
 * libm's long double functions in binary128 (arguments and results in q registers). Exact operations (fma, sqrt,
 * fmod, remainder, rint, scaling) are computed exactly and rounded once in the thread's rounding mode; the others to
 * 45 digits and rounded once (round to nearest: C does not ask transcendental functions to honour the mode). Each
 * raises the FPSR flags its result calls for.
 */
final class LongDoubleFunctions implements LibrarySection {
    private static final MathContext MC = PreciseMath.MC;
    private static final Support EXACT = Support.full("binary128, exact then rounded in the current rounding mode");
    private static final Support PRECISE = Support.full("binary128, computed to 45 digits and rounded once");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /**
     * Arguments of the non-periodic functions are rounded to 90 digits first: a binary128 far from 1 can have
     * thousands of exact decimal digits, which would only slow the series down, and 90 digits keep even 1 - 2^-113
     * within 10^-46 of its distance from 1. Periodic functions keep the exact argument for their reduction.
     */
    static final MathContext ARGUMENT = new MathContext(90, RoundingMode.HALF_EVEN);
    private static final Binary128 HALF_PI = Binary128.of(PreciseMath.pi(MC).divide(TWO), RoundingMode.HALF_EVEN);

    /** One call: the thread's rounding mode and the flags raised so far. */
    static final class Call {
        final RoundingMode mode;
        int flags;

        Call(RoundingMode mode) {
            this.mode = mode;
        }

        Binary128 round(BigDecimal v) {
            Binary128.Rounded r = Binary128.round(v.signum() < 0, v.abs(), mode);
            flags |= r.flags();
            return r.value();
        }

        Binary128 roundNearest(BigDecimal v) {
            Binary128.Rounded r = Binary128.round(v.signum() < 0, v.abs(), RoundingMode.HALF_EVEN);
            flags |= r.flags();
            return r.value();
        }

        Binary128 invalid() {
            flags |= FpEnvironment.INVALID;
            return Binary128.NAN;
        }

        Binary128 pole(boolean negative) {
            flags |= FpEnvironment.DIVBYZERO;
            return negative ? Binary128.NEGATIVE_INFINITY : Binary128.POSITIVE_INFINITY;
        }

        /** A NaN operand passed on (quieted; FE_INVALID if it was signalling). */
        Binary128 nan(Binary128 x) {
            if (x.isSignalingNaN()) flags |= FpEnvironment.INVALID;
            return x.quiet();
        }
    }

    interface Unary {
        Binary128 apply(Binary128 x, Call c);
    }

    interface Binary {
        Binary128 apply(Binary128 x, Binary128 y, Call c);
    }

    /**
     * The cube root of x > 0 with the decimal exponent taken out in multiples of 3 (exactly): big-math's root threw
     * ArithmeticException for long double's extremes.
     */
    static BigDecimal cbrt(BigDecimal x) {
        int e = Math.floorDiv(x.precision() - x.scale() - 1, 3) * 3;
        BigDecimal u = x.movePointLeft(e);
        return ch.obermuhlner.math.big.BigDecimalMath.root(u, BigDecimal.valueOf(3), MC).movePointRight(e / 3);
    }

    @Override
    public void declare(LibraryTable t) {
        unary(t, "sqrtl", EXACT, (x, c) -> x.negative() && !x.isZero() && !x.isNaN() ? c.invalid()
                : x.isInfinite() || x.isZero() ? x : sqrt(x, c));
        unary(t, "cbrtl", PRECISE, oddOn((x, c) -> c.roundNearest(cbrt(x)), Binary128.POSITIVE_INFINITY));
        unary(t, "fabsl", Support.FULL, (x, c) -> x.abs());
        unary(t, "ceill", EXACT, (x, c) -> integral(x, RoundingMode.CEILING, c, false));
        unary(t, "floorl", EXACT, (x, c) -> integral(x, RoundingMode.FLOOR, c, false));
        unary(t, "truncl", EXACT, (x, c) -> integral(x, RoundingMode.DOWN, c, false));
        unary(t, "roundl", EXACT, (x, c) -> integral(x, RoundingMode.HALF_UP, c, false));
        unary(t, "rintl", EXACT, (x, c) -> integral(x, c.mode, c, true));
        unary(t, "nearbyintl", EXACT, (x, c) -> integral(x, c.mode, c, false));
        toLong(t, "lrintl", (x, c) -> c.mode, true);
        toLong(t, "llrintl", (x, c) -> c.mode, true);
        toLong(t, "lroundl", (x, c) -> RoundingMode.HALF_UP, false);
        toLong(t, "llroundl", (x, c) -> RoundingMode.HALF_UP, false);
        transcendental(t);
        binary(t, "copysignl", Support.FULL, (x, y, c) -> new Binary128(x.low(), x.high() & Long.MAX_VALUE | y.high() & Long.MIN_VALUE));
        binary(t, "fmaxl", Support.FULL, (x, y, c) -> minMax(x, y, c, true));
        binary(t, "fminl", Support.FULL, (x, y, c) -> minMax(x, y, c, false));
        binary(t, "fdiml", EXACT, (x, y, c) -> x.isNaN() || y.isNaN() ? (x.isNaN() ? c.nan(x) : c.nan(y))
                : compare(x, y) > 0 ? subtract(x, y, c) : Binary128.POSITIVE_ZERO);
        binary(t, "fmodl", EXACT, LongDoubleFunctions::fmod);
        binary(t, "remainderl", EXACT, (x, y, c) -> remainder(x, y, c, null));
        binary(t, "hypotl", EXACT, (x, y, c) -> x.isInfinite() || y.isInfinite() ? Binary128.POSITIVE_INFINITY
                : x.isNaN() || y.isNaN() ? c.nan(x.isNaN() ? x : y)
                : c.round(exactSqrt(square(x).add(square(y)), c)));
        binary(t, "nextafterl", Support.FULL, LongDoubleFunctions::nextAfter);
        binary(t, "nexttowardl", Support.FULL, LongDoubleFunctions::nextAfter);
        binary(t, "atan2l", PRECISE, LongDoubleFunctions::atan2);
        binary(t, "powl", PRECISE, LongDoubleFunctions::pow);
        t.function("fmal", EXACT, f -> {
            Call c = call(f);
            long[] a = f.registers().q(0), b = f.registers().q(1), d = f.registers().q(2);
            retQ(f, c, fma(new Binary128(a[0], a[1]), new Binary128(b[0], b[1]), new Binary128(d[0], d[1]), c));
        });
        t.function("remquol", EXACT, f -> {
            Call c = call(f);
            int[] quotient = new int[1];
            Binary128 r = remainder(q(f, 0), q(f, 1), c, quotient);
            f.memory().writeInt(f.ptr(0), quotient[0]);
            retQ(f, c, r);
        });
        t.function("frexpl", Support.FULL, f -> {
            Binary128 x = q(f, 0);
            int e = 0;
            if (x.isFinite() && !x.isZero()) {
                e = x.significand().bitLength() + x.scale();
                x = scaled(x, -e, new Call(RoundingMode.HALF_EVEN));
            }
            f.memory().writeInt(f.ptr(0), e);
            retQ(f, null, x);
        });
        for (String name : new String[] {"ldexpl", "scalbnl", "scalblnl"}) {
            t.function(name, EXACT, f -> {
                Call c = call(f);
                long n = name.equals("scalblnl") ? f.i64(0) : f.i32(0);
                retQ(f, c, scaled(q(f, 0), (int) Math.max(-100000, Math.min(100000, n)), c));
            });
        }
        t.function("ilogbl", Support.FULL, f -> f.ret(ilogb(q(f, 0))));
        unary(t, "logbl", Support.FULL, (x, c) -> x.isNaN() ? c.nan(x) : x.isInfinite() ? Binary128.POSITIVE_INFINITY
                : x.isZero() ? c.pole(true) : Binary128.of(ilogb(x)));
        unary(t, "significandl", Support.FULL, (x, c) -> !x.isFinite() || x.isZero() ? x : scaled(x, -ilogb(x), c));
        t.function("modfl", Support.FULL, f -> {
            Binary128 x = q(f, 0);
            Binary128 whole, fraction;
            if (x.isNaN()) {
                whole = x;
                fraction = x;
            } else if (x.isInfinite()) {
                whole = x;
                fraction = new Binary128(0, x.high() & Long.MIN_VALUE);
            } else {
                BigDecimal v = x.toBigDecimal();
                BigDecimal w = v.setScale(0, RoundingMode.DOWN);
                whole = withSign(Binary128.of(w, RoundingMode.HALF_EVEN), x.negative());
                fraction = withSign(Binary128.of(v.subtract(w), RoundingMode.HALF_EVEN), x.negative());
            }
            f.memory().writeLong(f.ptr(0), whole.low());
            f.memory().writeLong(f.ptr(0) + 8, whole.high());
            retQ(f, null, fraction);
        });
        t.function("__signbitl", Support.FULL, f -> f.ret(q(f, 0).negative() ? 1 : 0));
        t.function("nanl", Support.FULL, f -> {
            long payload = RealFunctions.nanPayload(f.cstr(0));
            retQ(f, null, new Binary128(payload, 0x7fff800000000000L));
        });
    }

    private void transcendental(LibraryTable t) {
        unary(t, "expl", PRECISE, exp(v -> PreciseMath.exp(v, MC), Binary128.POSITIVE_ZERO, 11357, -11500));
        unary(t, "exp2l", PRECISE, exp(v -> v.stripTrailingZeros().scale() <= 0
                ? (v.signum() >= 0 ? TWO.pow(v.intValueExact()) : BigDecimal.ONE.divide(TWO.pow(-v.intValueExact())))
                : PreciseMath.exp(v.multiply(PreciseMath.log(TWO, MC), MC), MC), Binary128.POSITIVE_ZERO, 16384, -16600));
        unary(t, "expm1l", PRECISE, exp(v -> PreciseMath.expm1(v, MC), Binary128.of(-1.0), 11357, -200));
        unary(t, "logl", PRECISE, log(v -> PreciseMath.log(v, MC), false));
        unary(t, "log2l", PRECISE, log(v -> v.stripTrailingZeros().unscaledValue().bitCount() == 1 && v.compareTo(BigDecimal.ONE) >= 0
                && v.stripTrailingZeros().scale() <= 0 ? BigDecimal.valueOf(v.toBigInteger().bitLength() - 1)
                : PreciseMath.log(v, MC).divide(PreciseMath.log(TWO, MC), MC), false));
        unary(t, "log10l", PRECISE, log(v -> {
            BigDecimal s = v.stripTrailingZeros();
            if (s.unscaledValue().equals(BigInteger.ONE)) return BigDecimal.valueOf(-s.scale());
            return PreciseMath.log(v, MC).divide(PreciseMath.log(BigDecimal.TEN, MC), MC);
        }, false));
        unary(t, "log1pl", PRECISE, log(v -> PreciseMath.log1p(v, MC), true));
        unary(t, "sinl", PRECISE, (x, c) -> x.isZero() ? x : x.isInfinite() ? c.invalid()
                : c.roundNearest(PreciseMath.sin(x.toBigDecimal(), MC)));
        unary(t, "cosl", PRECISE, (x, c) -> x.isNaN() ? c.nan(x) : x.isInfinite() ? c.invalid()
                : x.isZero() ? Binary128.of(1.0) : c.roundNearest(PreciseMath.cos(x.toBigDecimal(), MC)));
        unary(t, "tanl", PRECISE, (x, c) -> x.isZero() ? x : x.isInfinite() ? c.invalid()
                : c.roundNearest(PreciseMath.tan(x.toBigDecimal(), MC)));
        unary(t, "asinl", PRECISE, oddOn((x, c) -> x.abs().compareTo(BigDecimal.ONE) > 0 ? c.invalid()
                : c.roundNearest(ch.obermuhlner.math.big.BigDecimalMath.asin(x, MC)), null));
        unary(t, "acosl", PRECISE, (x, c) -> x.isNaN() ? c.nan(x) : !x.isFinite() ? c.invalid()
                : x.toBigDecimal().abs().compareTo(BigDecimal.ONE) > 0 ? c.invalid()
                : x.toBigDecimal().compareTo(BigDecimal.ONE) == 0 ? Binary128.POSITIVE_ZERO
                : c.roundNearest(ch.obermuhlner.math.big.BigDecimalMath.acos(x.toBigDecimal().round(ARGUMENT), MC)));
        unary(t, "atanl", PRECISE, oddOn((x, c) -> c.roundNearest(x.compareTo(BigDecimal.ONE) <= 0
                ? ch.obermuhlner.math.big.BigDecimalMath.atan(x, MC)
                : PreciseMath.pi(MC).divide(TWO).subtract(ch.obermuhlner.math.big.BigDecimalMath.atan(
                        BigDecimal.ONE.divide(x, MC), MC), MC)), HALF_PI));
        unary(t, "sinhl", PRECISE, oddOn((x, c) -> x.compareTo(BigDecimal.valueOf(11400)) > 0 ? overflow(c, false)
                : c.roundNearest(x.compareTo(new BigDecimal("0.01")) < 0 ? sinhSmall(x)
                : PreciseMath.sinh(x, MC)), Binary128.POSITIVE_INFINITY));
        unary(t, "coshl", PRECISE, (x, c) -> x.isNaN() ? c.nan(x) : x.isInfinite() ? Binary128.POSITIVE_INFINITY
                : x.isZero() ? Binary128.of(1.0) : x.toBigDecimal().abs().compareTo(BigDecimal.valueOf(11400)) > 0
                ? overflow(c, false) : c.roundNearest(PreciseMath.cosh(x.toBigDecimal().round(ARGUMENT), MC)));
        unary(t, "tanhl", PRECISE, oddOn((x, c) -> x.compareTo(BigDecimal.valueOf(40)) > 0 ? roundOne(c)
                : c.roundNearest(x.compareTo(new BigDecimal("0.01")) < 0 ? sinhSmall(x).divide(
                PreciseMath.cosh(x, MC), MC) : PreciseMath.tanh(x, MC)),
                Binary128.of(1.0)));
        unary(t, "asinhl", PRECISE, oddOn((x, c) -> c.roundNearest(PreciseMath.log1p(x.add(x.multiply(x).divide(
                BigDecimal.ONE.add(x.multiply(x).add(BigDecimal.ONE).sqrt(MC)), MC)), MC)), Binary128.POSITIVE_INFINITY));
        unary(t, "acoshl", PRECISE, (x, c) -> x.isNaN() ? c.nan(x) : x.negative() || (x.isFinite()
                && x.toBigDecimal().compareTo(BigDecimal.ONE) < 0) ? c.invalid() : x.isInfinite() ? x
                : x.toBigDecimal().compareTo(BigDecimal.ONE) == 0 ? Binary128.POSITIVE_ZERO
                : c.roundNearest(acosh(x.toBigDecimal().round(ARGUMENT))));
        unary(t, "atanhl", PRECISE, oddOn((x, c) -> {
            int cmp = x.compareTo(BigDecimal.ONE);
            if (cmp > 0) return c.invalid();
            if (cmp == 0) return c.pole(false);
            return c.roundNearest(PreciseMath.log1p(x.multiply(TWO).divide(BigDecimal.ONE.subtract(x), MC), MC)
                    .divide(TWO, MC));
        }, null));
        unary(t, "erfl", PRECISE, oddOn((x, c) -> x.compareTo(BigDecimal.TEN) > 0 ? roundOne(c)
                : c.roundNearest(PreciseMath.erf(x, MC)), Binary128.of(1.0)));
        unary(t, "erfcl", PRECISE, (x, c) -> x.isNaN() ? c.nan(x) : x.isInfinite() ? (x.negative() ? Binary128.of(2.0)
                : Binary128.POSITIVE_ZERO) : x.isZero() ? Binary128.of(1.0)
                : x.toBigDecimal().compareTo(BigDecimal.valueOf(110)) > 0 ? underflowToZero(c)
                : x.toBigDecimal().compareTo(BigDecimal.valueOf(-12)) < 0 ? c.roundNearest(TWO)
                : c.roundNearest(PreciseMath.erfc(x.toBigDecimal().round(ARGUMENT), MC)));
        unary(t, "tgammal", PRECISE, LongDoubleFunctions::tgamma);
        t.function("lgammal", PRECISE, f -> lgamma(f, signgam.address));
        t.function("lgammal_r", PRECISE, f -> lgamma(f, f.ptr(0)));
        t.function("sincosl", PRECISE, f -> {
            Call c = call(f);
            Binary128 x = q(f, 0);
            Binary128 s, k;
            if (x.isNaN()) {
                s = k = c.nan(x);
            } else if (x.isInfinite()) {
                s = k = c.invalid();
            } else if (x.isZero()) {
                s = x;
                k = Binary128.of(1.0);
            } else {
                s = c.roundNearest(PreciseMath.sin(x.toBigDecimal(), MC));
                k = c.roundNearest(PreciseMath.cos(x.toBigDecimal(), MC));
            }
            f.memory().writeLong(f.ptr(0), s.low());
            f.memory().writeLong(f.ptr(0) + 8, s.high());
            f.memory().writeLong(f.ptr(1), k.low());
            f.memory().writeLong(f.ptr(1) + 8, k.high());
            FpEnvironment.raise(f.registers(), c.flags);
        });
    }

    private final MathFunctions.SignGam signgam;

    LongDoubleFunctions(MathFunctions.SignGam signgam) {
        this.signgam = signgam;
    }

    // ---- helpers for the families ----

    private static BigDecimal sinhSmall(BigDecimal x) {
        BigDecimal sum = BigDecimal.ZERO, term = x, x2 = x.multiply(x, MC);
        for (int k = 1; term.abs().compareTo(x.abs().movePointLeft(MC.getPrecision() + 3)) > 0; k += 2) {
            sum = sum.add(term, MC);
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((long) (k + 1) * (k + 2)), MC);
        }
        return sum;
    }

    private static BigDecimal acosh(BigDecimal x) {
        BigDecimal y = x.subtract(BigDecimal.ONE);
        return PreciseMath.log1p(y.add(y.multiply(x.add(BigDecimal.ONE), MC).sqrt(MC)), MC);
    }

    private static Binary128 roundOne(Call c) {
        c.flags |= FpEnvironment.INEXACT;
        return Binary128.of(1.0);
    }

    private static Binary128 overflow(Call c, boolean negative) {
        c.flags |= FpEnvironment.OVERFLOW | FpEnvironment.INEXACT;
        return negative ? Binary128.NEGATIVE_INFINITY : Binary128.POSITIVE_INFINITY;
    }

    private static Binary128 underflowToZero(Call c) {
        c.flags |= FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
        return Binary128.POSITIVE_ZERO;
    }

    interface Magnitude {
        Binary128 apply(BigDecimal x, Call c);
    }

    /**
     * An odd function: f(-x) = -f(x), f(+-0) = +-0, NaN in NaN out; f is computed on |x| > 0 and atInfinity is
     * f(+inf) (null: an invalid operation).
     */
    private static Unary oddOn(Magnitude f, Binary128 atInfinity) {
        return (x, c) -> {
            if (x.isNaN()) return c.nan(x);
            if (x.isZero()) return x;
            Binary128 r;
            if (x.isInfinite()) {
                r = atInfinity == null ? c.invalid() : atInfinity;
            } else {
                r = f.apply(x.toBigDecimal().abs().round(ARGUMENT), c);
            }
            return x.negative() && !r.isNaN() ? r.negate() : r;
        };
    }

    /** exp-like: f(-inf) = atMinusInfinity, f(+inf) = +inf, overflow above high, underflow below low. */
    private static Unary exp(UnaryOperator<BigDecimal> f, Binary128 atMinusInfinity, int high, int low) {
        return (x, c) -> {
            if (x.isNaN()) return c.nan(x);
            if (x.isInfinite()) return x.negative() ? atMinusInfinity : x;
            if (x.isZero()) {
                BigDecimal r = f.apply(BigDecimal.ZERO);
                return r.signum() == 0 ? x : c.roundNearest(r);
            }
            BigDecimal v = x.toBigDecimal().round(ARGUMENT);
            if (v.compareTo(BigDecimal.valueOf(high)) > 0) return overflow(c, false);
            if (v.compareTo(BigDecimal.valueOf(low)) < 0) {
                if (atMinusInfinity.isZero()) return underflowToZero(c);
                c.flags |= FpEnvironment.INEXACT;
                return atMinusInfinity;
            }
            return c.roundNearest(f.apply(v));
        };
    }

    /** log-like: pole at 0 (at -1 for log1p), invalid below, +inf at +inf. */
    private static Unary log(UnaryOperator<BigDecimal> f, boolean onePlus) {
        return (x, c) -> {
            if (x.isNaN()) return c.nan(x);
            if (x.isInfinite()) return x.negative() ? c.invalid() : x;
            if (onePlus && x.isZero()) return x;
            BigDecimal v = x.toBigDecimal().round(ARGUMENT);
            BigDecimal argument = onePlus ? v.add(BigDecimal.ONE) : v;
            if (argument.signum() == 0) return c.pole(true);
            if (argument.signum() < 0) return c.invalid();
            if (!onePlus && v.compareTo(BigDecimal.ONE) == 0) return Binary128.POSITIVE_ZERO;
            return c.roundNearest(f.apply(v));
        };
    }

    private static Binary128 tgamma(Binary128 x, Call c) {
        if (x.isNaN()) return c.nan(x);
        if (x.isInfinite()) return x.negative() ? c.invalid() : x;
        if (x.isZero()) return c.pole(x.negative());
        BigDecimal v = x.toBigDecimal().round(ARGUMENT);
        if (v.signum() < 0 && v.stripTrailingZeros().scale() <= 0) return c.invalid();
        if (v.compareTo(BigDecimal.valueOf(1756)) > 0) return overflow(c, false);
        if (v.compareTo(BigDecimal.valueOf(-1800)) < 0) {
            BigDecimal floor = v.setScale(0, RoundingMode.FLOOR);
            boolean negative = floor.toBigInteger().testBit(0);
            c.flags |= FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
            return negative ? Binary128.NEGATIVE_ZERO : Binary128.POSITIVE_ZERO;
        }
        return c.roundNearest(PreciseMath.gamma(v, MC));
    }

    private static void lgamma(CallFrame f, long signAddress) {
        Call c = call(f);
        Binary128 x = q(f, 0);
        int sign = 1;
        Binary128 r;
        if (x.isNaN()) {
            r = c.nan(x);
        } else if (x.isInfinite()) {
            r = Binary128.POSITIVE_INFINITY;
        } else {
            BigDecimal v = x.toBigDecimal().round(ARGUMENT);
            if (v.signum() <= 0 && v.stripTrailingZeros().scale() <= 0) {
                r = c.pole(false);
                if (x.isZero() && x.negative()) sign = -1;
            } else if (v.abs().compareTo(new BigDecimal("1e1000")) > 0) {
                r = c.roundNearest(v.multiply(PreciseMath.log(v, MC).subtract(BigDecimal.ONE), MC));
            } else {
                PreciseMath.LogGamma lg = PreciseMath.logGamma(v, MC);
                r = c.roundNearest(lg.value());
                sign = lg.sign();
            }
        }
        if (signAddress != 0) f.memory().writeInt(signAddress, sign);
        retQ(f, c, r);
    }

    private static Binary128 atan2(Binary128 y, Binary128 x, Call c) {
        if (y.isNaN() || x.isNaN()) return c.nan(y.isNaN() ? y : x);
        if (y.isZero() || x.isZero() || y.isInfinite() || x.isInfinite()) {
            // Annex F's special cases, all 0 or a multiple of pi/4: those of the double function on representatives.
            double yd = y.isFinite() && !y.isZero() ? Math.signum(y.toDouble()) : y.toDouble();
            double xd = x.isFinite() && !x.isZero() ? Math.signum(x.toDouble()) : x.toDouble();
            double r = StrictMath.atan2(yd, xd);
            if (r == 0 || Double.isNaN(r)) return Binary128.of(r);
            BigDecimal pi = PreciseMath.pi(MC);
            BigDecimal exact = new BigDecimal(r).divide(new BigDecimal(Math.PI), new MathContext(4)).multiply(pi, MC);
            return c.roundNearest(exact);
        }
        return c.roundNearest(ch.obermuhlner.math.big.BigDecimalMath.atan2(y.toBigDecimal(), x.toBigDecimal(), MC));
    }

    private static Binary128 pow(Binary128 x, Binary128 y, Call c) {
        if (y.isZero()) return Binary128.of(1.0);
        if (!x.isNaN() && !x.negative() && x.isFinite() && x.toBigDecimal().compareTo(BigDecimal.ONE) == 0) {
            if (y.isSignalingNaN()) c.flags |= FpEnvironment.INVALID;
            return Binary128.of(1.0);
        }
        if (x.isNaN() || y.isNaN()) return c.nan(x.isNaN() ? x : y);
        boolean yInteger = y.isFinite() && y.toBigDecimal().stripTrailingZeros().scale() <= 0;
        boolean yOdd = yInteger && y.toBigDecimal().abs().compareTo(new BigDecimal("1e40")) < 0
                && y.toBigDecimal().toBigInteger().testBit(0);
        if (y.isInfinite()) {
            int cmp = x.isInfinite() ? 1 : x.toBigDecimal().abs().compareTo(BigDecimal.ONE);
            if (cmp == 0) return Binary128.of(1.0);
            return (cmp < 0) == y.negative() ? Binary128.POSITIVE_INFINITY : Binary128.POSITIVE_ZERO;
        }
        if (x.isZero() || x.isInfinite()) {
            boolean big = x.isInfinite() != y.negative();
            boolean negative = x.negative() && yOdd;
            if (x.isZero() && y.negative()) return c.pole(negative);
            Binary128 r = big ? Binary128.POSITIVE_INFINITY : Binary128.POSITIVE_ZERO;
            return negative ? r.negate() : r;
        }
        BigDecimal xv = x.toBigDecimal().round(ARGUMENT), yv = y.toBigDecimal();
        if (xv.signum() < 0 && !yInteger) return c.invalid();
        boolean negative = xv.signum() < 0 && yOdd;
        BigDecimal a = xv.abs();
        if (yInteger && yv.abs().compareTo(BigDecimal.valueOf(64)) <= 0) {
            BigDecimal r = a.pow(yv.abs().intValueExact());
            if (yv.signum() < 0) {
                Binary128.Rounded q = Binary128.round(negative, BigDecimal.ONE.divide(r, new MathContext(60)), RoundingMode.HALF_EVEN);
                c.flags |= q.flags();
                return q.value();
            }
            Binary128.Rounded q = Binary128.round(negative, r, RoundingMode.HALF_EVEN);
            c.flags |= q.flags();
            return q.value();
        }
        BigDecimal exponent = yv.multiply(PreciseMath.log(a, MC), MC);
        if (exponent.compareTo(BigDecimal.valueOf(11400)) > 0) return overflow(c, negative);
        if (exponent.compareTo(BigDecimal.valueOf(-11500)) < 0) {
            c.flags |= FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
            return negative ? Binary128.NEGATIVE_ZERO : Binary128.POSITIVE_ZERO;
        }
        BigDecimal r = PreciseMath.exp(exponent, new MathContext(MC.getPrecision() + 5));
        return c.roundNearest(negative ? r.negate() : r);
    }

    // ---- exact operations ----

    /** The square root of a non-negative v, exact enough to round correctly: a sticky bit below 116 exact bits. */
    private static BigDecimal exactSqrt(BigDecimal v, Call c) {
        if (v.signum() == 0) return v;
        BigInteger num, den;
        if (v.scale() > 0) {
            num = v.unscaledValue();
            den = BigInteger.TEN.pow(v.scale());
        } else {
            num = v.toBigInteger();
            den = BigInteger.ONE;
        }
        // sqrt(num/den) = sqrt(num*den)/den; scale num*den by 4^t for 240 bits of root.
        BigInteger product = num.multiply(den);
        int t = Math.max(0, (480 - product.bitLength()) / 2 + 1);
        BigInteger scaled = product.shiftLeft(2 * t);
        BigInteger root = floorSqrt(scaled);
        boolean exact = root.multiply(root).equals(scaled);
        BigInteger twice = root.shiftLeft(1).add(exact ? BigInteger.ZERO : BigInteger.ONE);
        // value = twice / (2 * 2^t * den)
        return new BigDecimal(twice).divide(new BigDecimal(den.shiftLeft(t + 1)), new MathContext(200));
    }

    /**
     * The correctly rounded square root of a positive finite x = m 2^k, in integers: the root of m 2^(2t) (k made
     * even) to at least 116 bits, plus a sticky bit when it is not exact, rounded once.
     */
    private static Binary128 sqrt(Binary128 x, Call c) {
        BigInteger m = x.significand();
        int k = x.scale();
        if ((k & 1) != 0) {
            m = m.shiftLeft(1);
            k--;
        }
        int t = Math.max(0, (233 - m.bitLength()) / 2 + 1);
        BigInteger scaled = m.shiftLeft(2 * t);
        BigInteger root = floorSqrt(scaled);
        BigInteger num = root.shiftLeft(1).add(root.multiply(root).equals(scaled) ? BigInteger.ZERO : BigInteger.ONE);
        int e = k / 2 - t - 1;
        Binary128.Rounded r = e >= 0 ? Binary128.round(false, num.shiftLeft(e), BigInteger.ONE, c.mode)
                : Binary128.round(false, num, BigInteger.ONE.shiftLeft(-e), c.mode);
        c.flags |= r.flags();
        return r.value();
    }

    /**
     * floor(sqrt(n)) for n >= 0: Newton's integer iteration from the double root of n's top bits, which doubles the
     * good bits each step (two steps for sqrtl's 233-bit operands). After the first step x >= floor(sqrt(n)), and
     * the iterates fall until they stop at it. Hand-written: JDK 17's BigInteger.sqrt() takes over 10 us for those
     * operands, ten times the rest of sqrtl.
     */
    static BigInteger floorSqrt(BigInteger n) {
        if (n.signum() == 0) return n;
        int shift = Math.max(0, n.bitLength() - 104) & ~1;
        BigInteger x = BigInteger.valueOf((long) Math.sqrt(n.shiftRight(shift).doubleValue()) + 1).shiftLeft(shift / 2);
        x = x.add(n.divide(x)).shiftRight(1);
        while (true) {
            BigInteger next = x.add(n.divide(x)).shiftRight(1);
            if (next.compareTo(x) >= 0) return x;
            x = next;
        }
    }

    private static BigDecimal square(Binary128 x) {
        BigDecimal v = x.toBigDecimal();
        return v.multiply(v);
    }

    private static Binary128 integral(Binary128 x, RoundingMode mode, Call c, boolean signalInexact) {
        if (x.isNaN()) return c.nan(x);
        if (!x.isFinite() || x.isZero() || x.biasedExponent() >= Binary128.BIAS + Binary128.FRACTION_BITS) return x;
        BigDecimal v = x.toBigDecimal();
        BigDecimal r = v.setScale(0, mode);
        if (signalInexact && r.compareTo(v) != 0) c.flags |= FpEnvironment.INEXACT;
        return withSign(Binary128.of(r, RoundingMode.HALF_EVEN), x.negative());
    }

    private static Binary128 withSign(Binary128 v, boolean negative) {
        return new Binary128(v.low(), v.high() & Long.MAX_VALUE | (negative ? Long.MIN_VALUE : 0));
    }

    private interface ModeOf {
        RoundingMode of(Binary128 x, Call c);
    }

    /** lrint/lround families: out of range or NaN is FE_INVALID and saturates as fcvtzs does. */
    private static void toLong(LibraryTable t, String name, ModeOf mode, boolean inexact) {
        t.function(name, EXACT, f -> {
            Call c = call(f);
            Binary128 x = q(f, 0);
            long r;
            if (x.isNaN()) {
                c.flags |= FpEnvironment.INVALID;
                r = 0;
            } else if (x.isInfinite()) {
                c.flags |= FpEnvironment.INVALID;
                r = x.negative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            } else {
                BigDecimal v = x.toBigDecimal();
                BigDecimal i = v.setScale(0, mode.of(x, c));
                if (i.compareTo(v) != 0) c.flags |= FpEnvironment.INEXACT;
                if (i.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    c.flags = FpEnvironment.INVALID;
                    r = Long.MAX_VALUE;
                } else if (i.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                    c.flags = FpEnvironment.INVALID;
                    r = Long.MIN_VALUE;
                } else {
                    r = i.longValueExact();
                }
            }
            FpEnvironment.raise(f.registers(), c.flags);
            f.ret(r);
        });
    }

    private static int compare(Binary128 x, Binary128 y) {
        if (x.isInfinite() || y.isInfinite()) {
            int a = x.isInfinite() ? (x.negative() ? -1 : 1) : 0, b = y.isInfinite() ? (y.negative() ? -1 : 1) : 0;
            if (a != b) return Integer.compare(a, b);
            if (a != 0) return 0;
        }
        return x.toBigDecimal().compareTo(y.toBigDecimal());
    }

    private static Binary128 subtract(Binary128 x, Binary128 y, Call c) {
        if (x.isInfinite()) return x;
        if (y.isInfinite()) return y.negate();
        return c.round(x.toBigDecimal().subtract(y.toBigDecimal()));
    }

    private static Binary128 minMax(Binary128 x, Binary128 y, Call c, boolean max) {
        if (x.isSignalingNaN() || y.isSignalingNaN()) c.flags |= FpEnvironment.INVALID;
        if (x.isNaN()) return y.isNaN() ? x.quiet() : y;
        if (y.isNaN()) return x;
        int cmp = compare(x, y);
        if (cmp == 0) return (x.negative() == max) ? y : x;
        return (cmp > 0) == max ? x : y;
    }

    private static Binary128 fmod(Binary128 x, Binary128 y, Call c) {
        if (x.isNaN() || y.isNaN()) return c.nan(x.isNaN() ? x : y);
        if (x.isInfinite() || y.isZero()) return c.invalid();
        if (y.isInfinite() || x.isZero()) return x;
        BigDecimal r = x.toBigDecimal().remainder(y.toBigDecimal());
        return withSign(Binary128.of(r.abs(), RoundingMode.HALF_EVEN), x.negative());
    }

    private static Binary128 remainder(Binary128 x, Binary128 y, Call c, int[] quotient) {
        if (x.isNaN() || y.isNaN()) return c.nan(x.isNaN() ? x : y);
        if (x.isInfinite() || y.isZero()) return c.invalid();
        if (y.isInfinite()) return x;
        BigDecimal xv = x.toBigDecimal(), yv = y.toBigDecimal();
        BigDecimal n = xv.divide(yv, 0, RoundingMode.HALF_EVEN);
        BigDecimal r = xv.subtract(n.multiply(yv));
        if (quotient != null) {
            int bits = n.abs().toBigInteger().mod(BigInteger.valueOf(8)).intValue();
            quotient[0] = (x.negative() != y.negative()) ? -bits : bits;
        }
        if (r.signum() == 0) return withSign(Binary128.POSITIVE_ZERO, x.negative());
        return Binary128.of(r, RoundingMode.HALF_EVEN);
    }

    private static Binary128 fma(Binary128 x, Binary128 y, Binary128 z, Call c) {
        if (x.isNaN() || y.isNaN() || z.isNaN()) {
            if ((x.isInfinite() && y.isZero()) || (x.isZero() && y.isInfinite())) c.flags |= FpEnvironment.INVALID;
            return c.nan(x.isNaN() ? x : y.isNaN() ? y : z);
        }
        boolean productNegative = x.negative() != y.negative();
        if (x.isInfinite() || y.isInfinite()) {
            if (x.isZero() || y.isZero()) return c.invalid();
            if (z.isInfinite() && z.negative() != productNegative) return c.invalid();
            return productNegative ? Binary128.NEGATIVE_INFINITY : Binary128.POSITIVE_INFINITY;
        }
        if (z.isInfinite()) return z;
        BigDecimal exact = x.toBigDecimal().multiply(y.toBigDecimal()).add(z.toBigDecimal());
        if (exact.signum() == 0) {
            boolean productZero = x.isZero() || y.isZero();
            boolean negative = productZero && z.isZero() ? productNegative && z.negative()
                    : c.mode == RoundingMode.FLOOR;
            if (productZero && z.isZero() && c.mode == RoundingMode.FLOOR) negative = productNegative || z.negative();
            return negative ? Binary128.NEGATIVE_ZERO : Binary128.POSITIVE_ZERO;
        }
        return c.round(exact);
    }

    private static Binary128 nextAfter(Binary128 x, Binary128 y, Call c) {
        if (x.isNaN() || y.isNaN()) return c.nan(x.isNaN() ? x : y);
        int cmp = compare(x, y);
        if (cmp == 0) return y;
        Binary128 r = x.step(cmp < 0);
        if (r.isInfinite()) c.flags |= FpEnvironment.OVERFLOW | FpEnvironment.INEXACT;
        if (r.biasedExponent() == 0) c.flags |= FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
        return r;
    }

    static int ilogb(Binary128 x) {
        if (x.isNaN() || x.isInfinite()) return Integer.MAX_VALUE;
        if (x.isZero()) return -Integer.MAX_VALUE;
        return x.significand().bitLength() - 1 + x.scale();
    }

    private static Binary128 scaled(Binary128 x, int n, Call c) {
        if (!x.isFinite() || x.isZero()) return x;
        BigInteger m = x.significand();
        int e = x.scale() + n;
        Binary128.Rounded r = e >= 0 ? Binary128.round(x.negative(), m.shiftLeft(e), BigInteger.ONE, c.mode)
                : Binary128.round(x.negative(), m, BigInteger.ONE.shiftLeft(-e), c.mode);
        c.flags |= r.flags();
        return r.value();
    }

    // ---- calls ----

    private static Call call(CallFrame f) {
        return new Call(FpEnvironment.rounding(f.registers()));
    }

    static Binary128 q(CallFrame f, int i) {
        long[] v = f.registers().q(i);
        return new Binary128(v[0], v[1]);
    }

    static void retQ(CallFrame f, Call c, Binary128 r) {
        if (c != null) FpEnvironment.raise(f.registers(), c.flags);
        f.registers().setQ(0, r.low(), r.high());
    }

    /** A unary function; a NaN argument is passed on (quieted) by every one of them. */
    private static void unary(LibraryTable t, String name, Support support, Unary op) {
        t.function(name, support, f -> {
            Call c = call(f);
            Binary128 x = q(f, 0);
            retQ(f, c, x.isNaN() && !name.equals("fabsl") ? c.nan(x) : op.apply(x, c));
        });
    }

    private static void binary(LibraryTable t, String name, Support support, Binary op) {
        t.function(name, support, f -> {
            Call c = call(f);
            retQ(f, c, op.apply(q(f, 0), q(f, 1), c));
        });
    }
}
