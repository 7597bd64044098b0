package org.mdemu.guest.libm;

import org.mdemu.guest.kernel.sched.StopPoints;

/**
 * J_n and Y_n of orders above {@link RealFunctions#PRECISE_BESSEL_ORDERS} in double arithmetic, each at a cost
 * bounded by the order (issue 16: the BigDecimal series and recurrences ran for minutes at orders near 2^31).
 * J: where x >= n the forward recurrence from J_0 and J_1 is stable; below, Miller's backward recurrence from an
 * order past n, normalised by J_0 + 2 (J_2 + J_4 + ...) = 1, after a bound on (x/2)^n / n! has ruled out a result
 * that underflows. Y: the forward recurrence is stable for every x, and stops once it overflows. Both loops are
 * {@link StopPoints}: at order 2^31 they run for seconds, and a stop of the VM must not wait for them.
 */
final class LargeOrderBessel {
    private static final double RESCALE = 0x1p600;
    /** ln of the smallest subnormal double, with margin: a bound below it means J_n(x) rounds to 0. */
    private static final double LOG_UNDERFLOW = -760;

    private LargeOrderBessel() {}

    /** For n > 64 and finite x > 0. */
    static double value(long n, double x, boolean first) {
        return first ? j(n, x) : y(n, x);
    }

    private static double j(long n, double x) {
        if (x >= n) return forward(n, x, RealFunctions.bessel(0, x, true), RealFunctions.bessel(1, x, true));
        // |J_n(x)| <= (x/2)^n / n!, with Stirling's n! >= sqrt(2 pi n) (n/e)^n.
        double logBound = n * Math.log(Math.E * x / (2.0 * n)) - 0.5 * Math.log(2 * Math.PI * n);
        if (logBound < LOG_UNDERFLOW) return 0;
        long m = n + 16 + (long) Math.sqrt(40.0 * n);
        m += m & 1;
        double next = 0, current = 1, sum = 0, answer = 0;
        int answerScale = 0;
        boolean found = false;
        for (long k = m; k > 0; k--) {
            StopPoints.poll(k);
            double previous = (2.0 * k / x) * current - next; // J_{k-1}
            next = current;
            current = previous;
            long order = k - 1;
            if (order == n) {
                answer = current;
                found = true;
            }
            if (order == 0) sum += current;
            else if ((order & 1) == 0) sum += 2 * current;
            if (Math.abs(current) > RESCALE) {
                current /= RESCALE;
                next /= RESCALE;
                sum /= RESCALE;
                if (found) answerScale++;
                else answer = 0;
            }
        }
        if (answer == 0) return 0;
        double log = Math.log(Math.abs(answer)) - Math.log(Math.abs(sum)) - answerScale * Math.log(RESCALE);
        return Math.copySign(Math.exp(log), answer * sum);
    }

    private static double y(long n, double x) {
        return forward(n, x, RealFunctions.bessel(0, x, false), RealFunctions.bessel(1, x, false));
    }

    /** C_{k+1} = (2k/x) C_k - C_{k-1} from orders 0 and 1 up to n, ending early once it overflows. */
    private static double forward(long n, double x, double c0, double c1) {
        double previous = c0, current = c1;
        for (long k = 1; k < n && Double.isFinite(current); k++) {
            StopPoints.poll(k);
            double next = (2.0 * k / x) * current - previous;
            previous = current;
            current = next;
        }
        return current;
    }
}
