package org.mdemu.guest.libm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;

/**
 * libm's double and float functions served in Java (the one-instruction ones are guest code, see
 * {@link MathFunctions}). java.lang.StrictMath is fdlibm, the ancestor of the FreeBSD msun code bionic builds: the
 * functions it has are within bionic's bounds (1 ulp; 2 for the hyperbolic ones and atan2; measured by
 * LibmConformanceTest). The rest are correctly rounded: erf, erfc, lgamma, tgamma, log2 and the inverse hyperbolic
 * functions first in double-double arithmetic with an error bound ({@link DoubleDoubleFunctions}, microseconds a
 * call), and when that cannot decide the rounding, or for the Bessel functions, to 25-45 digits by
 * {@link PreciseMath} and rounded once (tens of microseconds to milliseconds). Float variants compute in double and
 * round (lgammaf rounds its double-double or BigDecimal value to float directly).
 * Each call raises the FPSR flags C's Annex F asks for: FE_INVALID for a NaN made from non-NaN arguments,
 * FE_DIVBYZERO for an exact infinity (a pole), FE_OVERFLOW and FE_UNDERFLOW (with FE_INEXACT) for results beyond
 * the format.
 */
final class RealFunctions implements LibrarySection {
    private static final MathContext MC = new MathContext(25, RoundingMode.HALF_EVEN);
    private static final Support PRECISE = Support.full("computed to 45 digits and rounded once (correctly rounded)");
    private static final Support DOUBLE_DOUBLE = Support.full("correctly rounded: double-double with an error bound, "
            + "45 digits when that cannot decide the rounding");
    private static final DoublePredicate NO_POLE = x -> false;
    /** Functions that return an exact zero for some finite non-zero arguments (so a zero is no underflow). */
    private static final java.util.Set<String> EXACT_ZEROS = java.util.Set.of("log", "log2", "log10", "acos", "acosh",
            "fmod", "remainder", "drem");
    private final MathFunctions.SignGam signgam;

    RealFunctions(MathFunctions.SignGam signgam) {
        this.signgam = signgam;
    }

    @Override
    public void declare(LibraryTable t) {
        t.data("signgam", "LIBC", 4, 4, Support.FULL, address -> signgam.address = address);
        strict(t, "sin", StrictMath::sin);
        strict(t, "cos", StrictMath::cos);
        strict(t, "tan", StrictMath::tan);
        strict(t, "asin", StrictMath::asin);
        strict(t, "acos", StrictMath::acos);
        strict(t, "atan", StrictMath::atan);
        strict(t, "sinh", StrictMath::sinh);
        strict(t, "cosh", StrictMath::cosh);
        strict(t, "tanh", StrictMath::tanh);
        strict(t, "exp", StrictMath::exp);
        strict(t, "expm1", StrictMath::expm1);
        unary(t, "log", Support.FULL, StrictMath::log, x -> x == 0);
        unary(t, "log10", Support.FULL, StrictMath::log10, x -> x == 0);
        unary(t, "log1p", Support.FULL, StrictMath::log1p, x -> x == -1);
        strict(t, "cbrt", StrictMath::cbrt);
        unary(t, "log2", DOUBLE_DOUBLE, RealFunctions::log2, x -> x == 0);
        unary(t, "exp2", Support.FULL, x -> StrictMath.pow(2, x), NO_POLE);
        unary(t, "asinh", DOUBLE_DOUBLE, RealFunctions::asinh, NO_POLE);
        unary(t, "acosh", DOUBLE_DOUBLE, x -> x < 1 ? Double.NaN : x == 1 ? 0 : x == Double.POSITIVE_INFINITY ? x
                : fastOr(DoubleDoubleFunctions.acosh(x), () -> x > 1e300 ? StrictMath.log(x) + Math.log(2)
                : precise(x, v -> PreciseMath.log(v.add(bigSqrt(v.multiply(v).subtract(BigDecimal.ONE))), MC))), NO_POLE);
        unary(t, "atanh", DOUBLE_DOUBLE, RealFunctions::atanh, x -> Math.abs(x) == 1);
        unary(t, "erf", DOUBLE_DOUBLE, x -> x == 0 ? x : Math.abs(x) > 6 ? Math.copySign(1, x)
                : fastOr(DoubleDoubleFunctions.erf(x), () -> precise(x, v -> PreciseMath.erf(v, MC))), NO_POLE);
        unary(t, "erfc", DOUBLE_DOUBLE, x -> x < -6 ? 2 : x > 27.3 ? 0
                : fastOr(DoubleDoubleFunctions.erfc(x), () -> precise(x, v -> PreciseMath.erfc(v, MC))), NO_POLE);
        unary(t, "tgamma", DOUBLE_DOUBLE, RealFunctions::tgamma, x -> x == 0);
        unary(t, "j0", PRECISE, x -> bessel(0, x, true), NO_POLE);
        unary(t, "j1", PRECISE, x -> bessel(1, x, true), NO_POLE);
        unary(t, "y0", PRECISE, x -> bessel(0, x, false), x -> x == 0);
        unary(t, "y1", PRECISE, x -> bessel(1, x, false), x -> x == 0);
        for (String p : new String[] {"", "f"}) {
            boolean single = p.equals("f");
            t.function("jn" + p, PRECISE, f -> {
                double x = arg(f, single, 0);
                ret(f, single, bessel(f.i32(0), x, true), false, true, x);
            });
            t.function("yn" + p, PRECISE, f -> {
                double x = arg(f, single, 0);
                ret(f, single, bessel(f.i32(0), x, false), x == 0, x);
            });
            t.function("lgamma" + p, DOUBLE_DOUBLE, f -> lgamma(f, single, signgam.address));
            t.function("gamma" + p, DOUBLE_DOUBLE, f -> lgamma(f, single, signgam.address));
            t.function("lgamma" + p + "_r", DOUBLE_DOUBLE, f -> lgamma(f, single, f.ptr(0)));
            t.function("gamma" + p + "_r", DOUBLE_DOUBLE, f -> lgamma(f, single, f.ptr(0)));
        }
        binary(t, "pow", Support.FULL, StrictMath::pow, (x, y) -> x == 0 && y < 0);
        binary(t, "atan2", Support.FULL, StrictMath::atan2, null);
        binary(t, "hypot", Support.FULL, RealFunctions::hypot, null);
        binary(t, "fmod", Support.FULL, (x, y) -> x % y, null);
        binary(t, "remainder", Support.FULL, RealFunctions::remainder, null);
        binary(t, "drem", Support.FULL, RealFunctions::remainder, null);
        binary(t, "scalb", Support.FULL, RealFunctions::scalb, null);
        exactBitFunctions(t);
    }

    // ---- the exact functions: decomposition, scaling, neighbours ----

    private void exactBitFunctions(LibraryTable t) {
        for (String p : new String[] {"", "f"}) {
            boolean single = p.equals("f");
            t.function("frexp" + p, f -> {
                double x = arg(f, single, 0);
                int e = 0;
                if (x != 0 && Double.isFinite(x)) {
                    e = Math.getExponent(x) + 1;
                    if (e == Double.MIN_EXPONENT) e = Math.getExponent(x * 0x1p54) + 1 - 54;
                    x = Math.scalb(x, -e);
                }
                f.memory().writeInt(f.ptr(0), e);
                retExact(f, single, x);
            });
            for (String name : new String[] {"scalbn", "scalbln", "ldexp"}) {
                if (name.equals("ldexp") && !single) continue; // ldexp itself is libc's
                boolean wide = name.equals("scalbln");
                t.function(name + p, f -> scalbn(f, single, wide ? f.i64(0) : f.i32(0)));
            }
            t.function("ilogb" + p, f -> f.ret(ilogb(arg(f, single, 0))));
            t.function("logb" + p, f -> {
                double x = arg(f, single, 0);
                double r = Double.isNaN(x) ? x : Double.isInfinite(x) ? Double.POSITIVE_INFINITY
                        : x == 0 ? Double.NEGATIVE_INFINITY : ilogb(x);
                ret(f, single, r, x == 0, x);
            });
            t.function("significand" + p, f -> {
                double x = arg(f, single, 0);
                retExact(f, single, x == 0 || !Double.isFinite(x) ? x : Math.scalb(x, -ilogb(x)));
            });
            t.function("modf" + p, f -> {
                double x = arg(f, single, 0);
                double whole = Double.isInfinite(x) ? x : x < 0 ? Math.ceil(x) : Math.floor(x);
                double fraction = Double.isInfinite(x) ? Math.copySign(0, x) : Double.isNaN(x) ? x
                        : Math.copySign(x - whole, x);
                if (single) f.memory().writeInt(f.ptr(0), Float.floatToRawIntBits((float) whole));
                else f.memory().writeLong(f.ptr(0), Double.doubleToRawLongBits(whole));
                retExact(f, single, fraction);
            });
            t.function("nextafter" + p, f -> nextToward(f, single, arg(f, single, 1)));
            t.function("nexttoward" + p, f -> {
                long[] q = f.registers().q(1);
                Binary128 y = new Binary128(q[0], q[1]);
                double x = arg(f, single, 0);
                int c = y.isNaN() || Double.isNaN(x) ? 0 : compare(x, y);
                nextToward(f, single, y.isNaN() ? Double.NaN : c == 0 ? x : c < 0 ? Double.POSITIVE_INFINITY
                        : Double.NEGATIVE_INFINITY);
            });
            t.function("remquo" + p, f -> {
                double x = arg(f, single, 0), y = arg(f, single, 1);
                double r = remainder(x, y);
                int quotient = 0;
                if (Double.isFinite(x) && Double.isFinite(y) && y != 0) {
                    java.math.BigDecimal q = new BigDecimal(x).subtract(new BigDecimal(r))
                            .divide(new BigDecimal(y), 0, RoundingMode.HALF_EVEN);
                    quotient = q.abs().remainder(BigDecimal.valueOf(8)).intValue();
                    if (q.signum() < 0 || (q.signum() == 0 && (x < 0) != (y < 0))) quotient = -quotient;
                }
                f.memory().writeInt(f.ptr(0), quotient);
                ret(f, single, r, false, x, y);
            });
            t.function("sincos" + p, f -> {
                double x = arg(f, single, 0);
                double s = StrictMath.sin(x), c = StrictMath.cos(x);
                if (single) {
                    f.memory().writeInt(f.ptr(0), Float.floatToRawIntBits((float) s));
                    f.memory().writeInt(f.ptr(1), Float.floatToRawIntBits((float) c));
                } else {
                    f.memory().writeLong(f.ptr(0), Double.doubleToRawLongBits(s));
                    f.memory().writeLong(f.ptr(1), Double.doubleToRawLongBits(c));
                }
                if (Double.isInfinite(x)) FpEnvironment.raise(f.registers(), FpEnvironment.INVALID);
            });
            t.function("nan" + p, f -> {
                long payload = nanPayload(f.cstr(0));
                if (single) f.retFloat(Float.intBitsToFloat(0x7fc00000 | (int) (payload & 0x3fffff)));
                else f.retDouble(Double.longBitsToDouble(0x7ff8000000000000L | (payload & 0x7ffffffffffffL)));
            });
        }
    }

    /** The payload FreeBSD's nan() (bionic's) reads from its argument: hexadecimal digits, up to the first other. */
    static long nanPayload(String s) {
        long payload = 0;
        if (s == null) return 0;
        String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        for (int i = 0; i < digits.length() && i < 32; i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) break;
            payload = payload << 4 | d;
        }
        return payload;
    }

    private static int compare(double x, Binary128 y) {
        Binary128 bx = Binary128.of(x);
        if (bx.isInfinite() || y.isInfinite()) {
            double yd = y.isInfinite() ? (y.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : 0;
            if (bx.isInfinite() && y.isInfinite()) return Double.compare(x, yd) == 0 ? 0 : x < yd ? -1 : 1;
            return bx.isInfinite() ? (x > 0 ? 1 : -1) : (yd > 0 ? -1 : 1);
        }
        return bx.toBigDecimal().compareTo(y.toBigDecimal());
    }

    private static void nextToward(CallFrame f, boolean single, double y) {
        double x = arg(f, single, 0);
        double r;
        if (Double.isNaN(x) || Double.isNaN(y)) {
            r = x + y;
        } else if (x == y) {
            r = single ? (float) y : y;
        } else {
            r = single ? Math.nextAfter((float) x, y) : Math.nextAfter(x, y);
        }
        int flags = 0;
        if (Double.isInfinite(r) && Double.isFinite(x)) flags = FpEnvironment.OVERFLOW | FpEnvironment.INEXACT;
        double min = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (x != y && Math.abs(r) < min && !Double.isNaN(r)) flags = FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
        FpEnvironment.raise(f.registers(), flags);
        retExact(f, single, r);
    }

    static int ilogb(double x) {
        if (Double.isNaN(x)) return Integer.MAX_VALUE;
        if (Double.isInfinite(x)) return Integer.MAX_VALUE;
        if (x == 0) return -Integer.MAX_VALUE;
        int e = Math.getExponent(x);
        return e == Double.MIN_EXPONENT - 1 ? Math.getExponent(x * 0x1p54) - 54 : e;
    }

    /** x * 2^n rounded once in the thread's rounding mode (only subnormal and overflowing results round at all). */
    private static void scalbn(CallFrame f, boolean single, long n) {
        double x = arg(f, single, 0);
        int k = (int) Math.max(-100000, Math.min(100000, n));
        double r = single ? Math.scalb((float) x, k) : Math.scalb(x, k);
        int flags = 0;
        if (Double.isFinite(x) && x != 0) {
            RoundingMode mode = FpEnvironment.rounding(f.registers());
            double min = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
            double max = single ? Float.MAX_VALUE : Double.MAX_VALUE;
            if (Double.isInfinite(r) || Math.abs(r) > max) {
                flags = FpEnvironment.OVERFLOW | FpEnvironment.INEXACT;
                boolean toInfinity = mode == RoundingMode.HALF_EVEN || (mode == RoundingMode.CEILING && x > 0)
                        || (mode == RoundingMode.FLOOR && x < 0);
                r = toInfinity ? Math.copySign(Double.POSITIVE_INFINITY, x) : Math.copySign(max, x);
            } else if (Math.abs(r) < min) {
                // The exact value in units of the smallest subnormal, rounded to an integer in the mode.
                int tinyExponent = single ? -149 : -1074;
                BigDecimal units = new BigDecimal(x).multiply(new BigDecimal(BigInteger.TWO.pow(Math.max(0, k - tinyExponent))))
                        .divide(new BigDecimal(BigInteger.TWO.pow(Math.max(0, tinyExponent - k))));
                BigDecimal rounded = units.setScale(0, mode);
                if (rounded.compareTo(units) != 0) flags = FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
                r = Math.copySign(Math.scalb(rounded.abs().doubleValue(), tinyExponent), x);
            }
        }
        FpEnvironment.raise(f.registers(), flags);
        retExact(f, single, r);
    }

    private static double log2(double x) {
        if (x < 0 || x == Double.NEGATIVE_INFINITY) return Double.NaN;
        if (x == 0) return Double.NEGATIVE_INFINITY;
        if (x == Double.POSITIVE_INFINITY) return x;
        if (Double.doubleToRawLongBits(x) << 12 == 0 && Math.getExponent(x) >= Double.MIN_EXPONENT) {
            return Math.getExponent(x);
        }
        return fastOr(DoubleDoubleFunctions.log2(x),
                () -> precise(x, v -> PreciseMath.log(v, MC).divide(PreciseMath.log(BigDecimal.valueOf(2), MC), MC)));
    }

    private static double asinh(double x) {
        if (x == 0 || !Double.isFinite(x)) return x;
        double a = Math.abs(x);
        double r = fastOr(DoubleDoubleFunctions.asinh(a), () -> a > 1e300 ? StrictMath.log(a) + Math.log(2)
                : precise(a, v -> PreciseMath.log1p(v.add(v.multiply(v).divide(BigDecimal.ONE.add(bigSqrt(
                        v.multiply(v).add(BigDecimal.ONE))), MC)), MC)));
        return Math.copySign(r, x);
    }

    private static double atanh(double x) {
        if (x == 0 || Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a > 1) return Double.NaN;
        if (a == 1) return Math.copySign(Double.POSITIVE_INFINITY, x);
        double r = fastOr(DoubleDoubleFunctions.atanh(a), () -> precise(a, v -> PreciseMath.log1p(v.multiply(
                BigDecimal.valueOf(2)).divide(BigDecimal.ONE.subtract(v), MC), MC).divide(BigDecimal.valueOf(2), MC)));
        return Math.copySign(r, x);
    }

    private static BigDecimal bigSqrt(BigDecimal v) {
        return v.sqrt(MC);
    }

    static double tgamma(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) return x;
        if (x == 0) return Math.copySign(Double.POSITIVE_INFINITY, x);
        if (x == Double.NEGATIVE_INFINITY || (x < 0 && x == Math.rint(x))) return Double.NaN;
        if (x > 172) return Double.POSITIVE_INFINITY;
        if (x < -190) return (Math.rint(x) % 2 == 0) == (x > Math.rint(x)) ? -0.0 : 0.0;
        if (Math.abs(x) < 0x1p-60) return 1 / x;
        return fastOr(DoubleDoubleFunctions.tgamma(x), () -> precise(x, v -> PreciseMath.gamma(v, MC)));
    }

    /** lgamma family: log|Gamma(x)|, with the sign of Gamma(x) stored at signAddress. */
    private static void lgamma(CallFrame f, boolean single, long signAddress) {
        double x = arg(f, single, 0);
        int sign = 1;
        double r;
        boolean pole = false;
        if (Double.isNaN(x)) {
            r = x;
        } else if (Double.isInfinite(x)) {
            r = Double.POSITIVE_INFINITY;
        } else if (x <= 0 && x == Math.rint(x)) {
            r = Double.POSITIVE_INFINITY;
            pole = true;
            if (x == 0 && 1 / x < 0) sign = -1;
        } else if (Math.abs(x) < 0x1p-70) {
            r = -StrictMath.log(Math.abs(x));
            sign = x < 0 ? -1 : 1;
        } else if (x > 0x1p1000) {
            r = x * (StrictMath.log(x) - 1);
        } else {
            DoubleDoubleFunctions.LogGamma fast = DoubleDoubleFunctions.logGamma(x);
            r = fast == null ? Double.NaN : DoubleDoubleFunctions.lgamma(fast, single);
            if (Double.isNaN(r)) {
                PreciseMath.LogGamma lg = PreciseMath.logGamma(new BigDecimal(x).round(ARGUMENT), MC);
                r = single ? lg.value().floatValue() : lg.value().doubleValue();
                sign = lg.sign();
            } else {
                sign = fast.sign();
            }
        }
        if (signAddress != 0) f.memory().writeInt(signAddress, sign);
        ret(f, single, r, pole, true, x);
    }

    /**
     * Orders up to this are computed in BigDecimal (their recurrences and series stay short); higher ones, up to
     * 2^31 - 1, by {@link LargeOrderBessel}'s double recurrences, whose cost is bounded by the order.
     */
    static final int PRECISE_BESSEL_ORDERS = 64;

    static double bessel(int n, double x, boolean first) {
        if (Double.isNaN(x)) return x;
        if (!first && x < 0) return Double.NaN;
        if (!first && x == 0) return Double.NEGATIVE_INFINITY;
        if (Double.isInfinite(x)) return 0;
        int sign = 1;
        if (n == Integer.MIN_VALUE) return LargeOrderBessel.value(1L << 31, Math.abs(x), first); // even: no sign
        if (n < 0) {
            n = -n;
            if ((n & 1) != 0) sign = -sign;
        }
        if (first && x < 0) {
            x = -x;
            if ((n & 1) != 0) sign = -sign;
        }
        if (first && x == 0) return n == 0 ? 1 : sign * 0.0;
        if (n > PRECISE_BESSEL_ORDERS) return sign * LargeOrderBessel.value(n, x, first);
        int order = n;
        BigDecimal v = new BigDecimal(x); // exact: Hankel's expansion reduces large arguments modulo 2 pi
        double r = (first ? PreciseMath.besselJ(order, v, MC) : PreciseMath.besselY(order, v, MC)).doubleValue();
        return sign * r;
    }

    private static double hypot(double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) return Double.POSITIVE_INFINITY;
        return StrictMath.hypot(x, y);
    }

    static double remainder(double x, double y) {
        return Math.IEEEremainder(x, y);
    }

    private static double scalb(double x, double n) {
        if (Double.isNaN(x) || Double.isNaN(n)) return x + n;
        if (Double.isInfinite(n)) {
            if ((n > 0 && x == 0) || (n < 0 && Double.isInfinite(x))) return Double.NaN;
            return n > 0 ? x * n : x / -n;
        }
        if (n != Math.rint(n)) return Double.NaN;
        return Math.scalb(x, (int) Math.max(-100000, Math.min(100000, n)));
    }

    /** The double-double path's result, or the slow path's when it could not decide (NaN). */
    private static double fastOr(double fast, java.util.function.DoubleSupplier slow) {
        return Double.isNaN(fast) ? slow.getAsDouble() : fast;
    }

    /** f at x computed in BigDecimal and rounded to the nearest double. */
    static double precise(double x, UnaryOperator<BigDecimal> f) {
        return f.apply(new BigDecimal(x).round(ARGUMENT)).doubleValue();
    }

    /** Arguments to 60 digits: a double has at most 767, and 60 keep 1 - 2^-53 apart from 1 by far. */
    private static final MathContext ARGUMENT = new MathContext(60, RoundingMode.HALF_EVEN);

    // ---- row helpers ----

    private static void strict(LibraryTable t, String name, DoubleUnaryOperator op) {
        unary(t, name, Support.FULL, op, NO_POLE);
    }

    private static void unary(LibraryTable t, String name, Support support, DoubleUnaryOperator op, DoublePredicate pole) {
        boolean exactZero = EXACT_ZEROS.contains(name);
        t.function(name, support, f -> {
            double x = f.f64(0);
            ret(f, false, Double.isNaN(x) ? x + x : op.applyAsDouble(x), pole.test(x), exactZero, x);
        });
        t.function(name + "f", support, f -> {
            float x = f.f32(0);
            if (Float.isNaN(x)) {
                f.retFloat(x + x);
                return;
            }
            ret(f, true, op.applyAsDouble(x), pole.test(x), exactZero, x);
        });
    }

    private interface Pole2 {
        boolean test(double x, double y);
    }

    private static void binary(LibraryTable t, String name, Support support, DoubleBinaryOperator op, Pole2 pole) {
        boolean exactZero = EXACT_ZEROS.contains(name);
        for (boolean single : new boolean[] {false, true}) {
            t.function(single ? name + "f" : name, support, f -> {
                double x = arg(f, single, 0), y = arg(f, single, 1);
                ret(f, single, op.applyAsDouble(x, y), pole != null && pole.test(x, y), exactZero, x, y);
            });
        }
    }

    static double arg(CallFrame f, boolean single, int i) {
        return single ? f.f32(i) : f.f64(i);
    }

    /**
     * Returns r (rounded to float for the f variants) and raises the flags its value calls for: FE_INVALID for a
     * NaN from non-NaN arguments, FE_DIVBYZERO for an infinity at a pole, FE_OVERFLOW for an infinity from finite
     * arguments otherwise, FE_UNDERFLOW for a subnormal result, or a zero from finite non-zero arguments of a
     * function whose exact result is never zero there (exactZero false).
     */
    static void ret(CallFrame f, boolean single, double r, boolean pole, double... args) {
        ret(f, single, r, pole, false, args);
    }

    static void ret(CallFrame f, boolean single, double r, boolean pole, boolean exactZero, double... args) {
        boolean nanArgument = false, finite = true, nonZero = true;
        for (double a : args) {
            nanArgument |= Double.isNaN(a);
            finite &= Double.isFinite(a);
            nonZero &= a != 0;
        }
        double v = single ? (float) r : r;
        double min = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        int flags = 0;
        if (Double.isNaN(v) && !nanArgument) flags |= FpEnvironment.INVALID;
        if (Double.isInfinite(v) && finite) {
            flags |= pole ? FpEnvironment.DIVBYZERO : FpEnvironment.OVERFLOW | FpEnvironment.INEXACT;
        }
        if ((v != 0 && Math.abs(v) < min) || (v == 0 && finite && nonZero && !exactZero && args.length > 0)) {
            flags |= FpEnvironment.UNDERFLOW | FpEnvironment.INEXACT;
        }
        FpEnvironment.raise(f.registers(), flags);
        if (single) f.retFloat((float) r);
        else f.retDouble(r);
    }

    static void retExact(CallFrame f, boolean single, double r) {
        if (single) f.retFloat((float) r);
        else f.retDouble(r);
    }
}
