package org.mdemu.guest.libm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The double-double path gives the correctly rounded result whenever it answers: each function on a few hundred
 * arguments spread over its range (small, near its zeros and poles, large), against the same function computed to
 * 40 digits in BigDecimal and rounded once; and it answers for nearly all of them (the speed it exists for).
 */
class DoubleDoubleFunctionsTest {
    private static final MathContext MC = new MathContext(40);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    @Test
    void constantsAreTheirValuesTo106Bits() {
        MathContext wide = new MathContext(50);
        assertClose(DoubleDouble.LN2, PreciseMath.log(TWO, wide));
        assertClose(DoubleDouble.PI, PreciseMath.pi(wide));
        assertClose(DoubleDouble.INV_LN2, BigDecimal.ONE.divide(PreciseMath.log(TWO, wide), wide));
    }

    @Test
    void kernelsAreAccurateTo2ToThe98() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            double x = (random.nextDouble() - 0.5) * 1300;
            assertRelative(DoubleDouble.exp(DoubleDouble.of(x)), PreciseMath.exp(new BigDecimal(x), MC), x);
            double y = Math.scalb(1 + random.nextDouble(), random.nextInt(-1000, 1000));
            assertRelative(DoubleDouble.log(DoubleDouble.of(y)), PreciseMath.log(new BigDecimal(y), MC), y);
            double u = Math.scalb(random.nextDouble(), -random.nextInt(0, 60)) * (random.nextBoolean() ? 1 : -0.99);
            assertRelative(DoubleDouble.log1p(DoubleDouble.of(u)), PreciseMath.log1p(new BigDecimal(u), MC), u);
            double s = (random.nextDouble() - 0.5) * 1e6;
            assertRelative(DoubleDouble.sinPi(s), PreciseMath.sinPi(new BigDecimal(s), MC), s);
        }
    }

    @Test
    void erfIsCorrectlyRounded() {
        check("erf", DoubleDoubleFunctions::erf, v -> PreciseMath.erf(v, MC), spread(-6, 6, 300, 11, 1e-20));
    }

    @Test
    void erfcIsCorrectlyRounded() {
        check("erfc", DoubleDoubleFunctions::erfc, v -> PreciseMath.erfc(v, MC), spread(-6, 27, 300, 12, 1e-20));
    }

    @Test
    void lgammaIsCorrectlyRoundedInDoubleAndFloat() {
        List<Double> args = spread(-60, 200, 300, 13, 1e-15);
        for (double x : new double[] {0.5, 1.5, 2.5, 0.999, 1.001, 1.999, 2.001, -2.5, -0.5, 1e10, 1e100, 1e300, 3e-19}) {
            args.add(x);
        }
        int decided = 0;
        for (double x : args) {
            if (x == Math.rint(x) && x <= 0) continue;
            DoubleDoubleFunctions.LogGamma fast = DoubleDoubleFunctions.logGamma(x);
            PreciseMath.LogGamma precise = PreciseMath.logGamma(new BigDecimal(x), MC);
            double d = fast == null ? Double.NaN : DoubleDoubleFunctions.lgamma(fast, false);
            double f = fast == null ? Double.NaN : DoubleDoubleFunctions.lgamma(fast, true);
            if (!Double.isNaN(d)) {
                decided++;
                assertThat(d).as("lgamma(%s)", x).isEqualTo(precise.value().doubleValue());
                assertThat(fast.sign()).as("sign of Gamma(%s)", x).isEqualTo(precise.sign());
            }
            if (!Double.isNaN(f)) assertThat((float) f).as("lgammaf(%s)", x).isEqualTo(precise.value().floatValue());
        }
        assertThat(decided).as("arguments the fast path decided").isGreaterThan(args.size() * 95 / 100);
    }

    @Test
    void tgammaIsCorrectlyRounded() {
        List<Double> args = spread(-170, 171, 300, 14, 1e-15);
        args.removeIf(x -> x == Math.rint(x) && x <= 0);
        check("tgamma", DoubleDoubleFunctions::tgamma, v -> PreciseMath.gamma(v, MC), args);
    }

    @Test
    void logarithmsAndInverseHyperbolicsAreCorrectlyRounded() {
        SplittableRandom random = new SplittableRandom(15);
        List<Double> positive = new ArrayList<>(), aboveOne = new ArrayList<>(), belowOne = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            positive.add(Math.scalb(1 + random.nextDouble(), random.nextInt(-1060, 1020)));
            aboveOne.add(1 + Math.scalb(random.nextDouble(), random.nextInt(-52, 1000)));
            belowOne.add(Math.scalb(random.nextDouble(), -random.nextInt(0, 900)));
        }
        positive.add(1 + 0x1p-52);
        positive.add(1 - 0x1p-53);
        check("log2", DoubleDoubleFunctions::log2, v -> PreciseMath.log(v, MC).divide(PreciseMath.log(TWO, MC), MC),
                positive);
        check("asinh", DoubleDoubleFunctions::asinh, v -> PreciseMath.log1p(v.add(v.multiply(v).divide(BigDecimal.ONE
                .add(v.multiply(v).add(BigDecimal.ONE).sqrt(MC)), MC)), MC), positive);
        check("acosh", DoubleDoubleFunctions::acosh, v -> PreciseMath.log(v.add(v.multiply(v).subtract(BigDecimal.ONE)
                .sqrt(MC)), MC), aboveOne);
        check("atanh", DoubleDoubleFunctions::atanh, v -> PreciseMath.log1p(v.multiply(TWO)
                .divide(BigDecimal.ONE.subtract(v), MC), MC).divide(TWO, MC), belowOne);
    }

    /** Arguments uniform in [from, to] and log-uniform in magnitude down to smallest, both signs where allowed. */
    private static List<Double> spread(double from, double to, int n, long seed, double smallest) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(from + (to - from) * random.nextDouble());
            double small = Math.exp(Math.log(smallest) * random.nextDouble());
            if (small <= to) args.add(small);
            if (-small >= from) args.add(-small);
        }
        return args;
    }

    private static void check(String name, DoubleUnaryOperator fast, UnaryOperator<BigDecimal> exact, List<Double> args) {
        int decided = 0;
        for (double x : args) {
            double r = fast.applyAsDouble(x);
            if (Double.isNaN(r)) continue;
            decided++;
            assertThat(r).as("%s(%s)", name, x).isEqualTo(exact.apply(new BigDecimal(x)).doubleValue());
        }
        assertThat(decided).as("arguments the fast path of %s decided", name).isGreaterThan(args.size() * 95 / 100);
    }

    private static void assertClose(DoubleDouble v, BigDecimal exact) {
        BigDecimal error = new BigDecimal(v.hi()).add(new BigDecimal(v.lo())).subtract(exact).abs();
        assertThat(error.compareTo(exact.abs().multiply(new BigDecimal(0x1p-106)))).isLessThanOrEqualTo(0);
    }

    private static void assertRelative(DoubleDouble v, BigDecimal exact, double x) {
        BigDecimal error = new BigDecimal(v.hi()).add(new BigDecimal(v.lo())).subtract(exact).abs();
        assertThat(error.compareTo(exact.abs().multiply(new BigDecimal(0x1p-98))))
                .as("at %s: %s against %s", x, v, exact).isLessThanOrEqualTo(0);
    }
}
