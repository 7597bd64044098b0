package org.mdemu.emulator.a64;

/**
 * The ARM ARM's floating-point pseudocode (FPAdd, FPMul, FPDiv, FPSqrt, FPMulAdd, FPMax/Min(Num), FPCompare,
 * FPRoundInt, FPToFixed, FixedToFP, FPConvert, FPRecpX, FPMulX, the reciprocal steps) on raw bits: a value of format
 * n (16, 32 or 64) is its bit pattern in the low n bits of a long. Each operation reads FPCR from the state (DN, FZ,
 * AHP and, unless the instruction names one, the rounding mode) and ORs the exceptions it raises into FPSR.
 *
 * <p>Finite results are computed exactly as an integer significand times a power of two (a sticky bit jammed into
 * bit 0 when bits below the rounding point were dropped) and rounded once by {@link #round}, which follows FPRoundBase:
 * tininess before rounding, flush-to-zero of tiny results with UFC, inexact only when the exact value is not the
 * result. No allocation.
 */
public final class FpArith {
    private FpArith() {}

    public static final int FPCR_AHP = 1 << 26, FPCR_DN = 1 << 25, FPCR_FZ = 1 << 24;
    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;

    /** Rounding modes: FPCR.RMode values 0-3, then the ones only instructions name. */
    public static final int RN = 0, RP = 1, RM = 2, RZ = 3, RA = 4, RODD = 5;

    /** Operand classes as FPUnpack reports them. */
    static final int ZERO = 0, FINITE = 1, INF = 2, QNAN = 3, SNAN = 4;

    public static int rmode(int fpcr) {
        return (fpcr >>> 22) & 3;
    }

    static int fracBits(int n) {
        return n == 64 ? 52 : n == 32 ? 23 : 10;
    }

    static int expBits(int n) {
        return n == 64 ? 11 : n == 32 ? 8 : 5;
    }

    static long signBit(int n) {
        return 1L << (n - 1);
    }

    static boolean sign(int n, long op) {
        return ((op >>> (n - 1)) & 1) != 0;
    }

    public static long zero(int n, boolean negative) {
        return negative ? signBit(n) : 0;
    }

    public static long infinity(int n, boolean negative) {
        long inf = n == 64 ? 0x7ff0000000000000L : n == 32 ? 0x7f800000L : 0x7c00L;
        return negative ? inf | signBit(n) : inf;
    }

    public static long defaultNaN(int n) {
        return n == 64 ? 0x7ff8000000000000L : n == 32 ? 0x7fc00000L : 0x7e00L;
    }

    static long maxNormal(int n, boolean negative) {
        long max = n == 64 ? 0x7fefffffffffffffL : n == 32 ? 0x7f7fffffL : 0x7bffL;
        return negative ? max | signBit(n) : max;
    }

    /** FPUnpack's class of op; a denormal under FPCR.FZ (single and double) is a zero and raises IDC. */
    static int type(CpuState s, int n, long op) {
        return type(s, n, op, false);
    }

    /** FPUnpackCV: as {@link #type}, with FPCR.AHP making a half-precision exponent of all ones a normal number. */
    static int type(CpuState s, int n, long op, boolean conversion) {
        int f = fracBits(n);
        long emax = (1L << expBits(n)) - 1;
        long exp = (op >>> f) & emax, frac = op & ((1L << f) - 1);
        if (exp == 0) {
            if (frac == 0) return ZERO;
            if (n != 16 && (s.fpcr & FPCR_FZ) != 0) {
                s.fpsr |= IDC;
                return ZERO;
            }
            return FINITE;
        }
        if (exp == emax && !(n == 16 && conversion && (s.fpcr & FPCR_AHP) != 0)) {
            if (frac == 0) return INF;
            return (frac >>> (f - 1)) != 0 ? QNAN : SNAN;
        }
        return FINITE;
    }

    /** The integer significand of a finite op (value = significand * 2^exponent). */
    static long significand(int n, long op) {
        int f = fracBits(n);
        long frac = op & ((1L << f) - 1);
        return ((op >>> f) & ((1L << expBits(n)) - 1)) == 0 ? frac : frac | 1L << f;
    }

    static int exponent(int n, long op) {
        int f = fracBits(n);
        int exp = (int) ((op >>> f) & ((1L << expBits(n)) - 1));
        return (exp == 0 ? 1 : exp) - ((1 << (expBits(n) - 1)) - 1) - f;
    }

    public static boolean isNaN(int n, long op) {
        int f = fracBits(n);
        long emax = (1L << expBits(n)) - 1;
        return ((op >>> f) & emax) == emax && (op & ((1L << f) - 1)) != 0;
    }

    /** FPProcessNaN: a signalling NaN raises IOC; the result is the default NaN under FPCR.DN, else op quieted. */
    static long processNaN(CpuState s, int n, int type, long op) {
        if (type == SNAN) s.fpsr |= IOC;
        if ((s.fpcr & FPCR_DN) != 0) return defaultNaN(n);
        return op | 1L << (fracBits(n) - 1);
    }

    /** FPProcessNaNs once one of the operands is known to be a NaN: signalling ones first, then in operand order. */
    static long processNaNs(CpuState s, int n, int ta, long a, int tb, long b) {
        if (ta == SNAN) return processNaN(s, n, ta, a);
        if (tb == SNAN) return processNaN(s, n, tb, b);
        if (ta == QNAN) return processNaN(s, n, ta, a);
        return processNaN(s, n, tb, b);
    }

    static long processNaNs3(CpuState s, int n, int ta, long a, int tb, long b, int tc, long c) {
        if (ta == SNAN) return processNaN(s, n, ta, a);
        if (tb == SNAN) return processNaN(s, n, tb, b);
        if (tc == SNAN) return processNaN(s, n, tc, c);
        if (ta == QNAN) return processNaN(s, n, ta, a);
        if (tb == QNAN) return processNaN(s, n, tb, b);
        return processNaN(s, n, tc, c);
    }

    /**
     * FPRoundBase: rounds the positive value sig * 2^exp (sig < 2^63; if bits were dropped to make it, sig has at least
     * two bits below the result's last place and a sticky bit in bit 0) to format n with the sign given.
     */
    public static long round(CpuState s, int n, int rmode, boolean negative, int exp, long sig) {
        int fpcr = s.fpcr;
        int f = fracBits(n), e = expBits(n);
        int minExp = 2 - (1 << (e - 1));
        int p = 63 - Long.numberOfLeadingZeros(sig);
        int exponent = exp + p;
        long signBit = negative ? signBit(n) : 0;
        if (n != 16 && (fpcr & FPCR_FZ) != 0 && exponent < minExp) {
            s.fpsr |= UFC;
            return signBit;
        }
        int biased = exponent - minExp + 1;
        int shift = p - f;
        if (biased <= 0) {
            shift += 1 - biased;
            biased = 0;
        }
        long mant;
        boolean inexact;
        int half; // the error compared with half a unit in the last place
        if (shift <= 0) {
            mant = sig << -shift;
            inexact = false;
            half = -1;
        } else if (shift >= 64) {
            mant = 0;
            inexact = true;
            half = -1;
        } else {
            mant = sig >>> shift;
            long rem = sig & ((1L << shift) - 1);
            inexact = rem != 0;
            half = Long.compare(rem, 1L << (shift - 1));
        }
        int flags = 0;
        if (biased == 0 && inexact) flags |= UFC;
        boolean roundUp, overflowToInf;
        switch (rmode) {
            case RN -> {
                roundUp = half > 0 || (half == 0 && (mant & 1) != 0);
                overflowToInf = true;
            }
            case RP -> {
                roundUp = inexact && !negative;
                overflowToInf = !negative;
            }
            case RM -> {
                roundUp = inexact && negative;
                overflowToInf = negative;
            }
            default -> {
                roundUp = false;
                overflowToInf = false;
            }
        }
        if (roundUp) {
            mant++;
            if (mant == 1L << f) biased = 1;
            if (mant == 1L << (f + 1)) {
                biased++;
                mant >>>= 1;
            }
        }
        if (inexact && rmode == RODD) mant |= 1;
        long result;
        if (n != 16 || (fpcr & FPCR_AHP) == 0) {
            if (biased >= (1 << e) - 1) {
                flags |= OFC;
                inexact = true;
                result = overflowToInf ? infinity(n, negative) : maxNormal(n, negative);
            } else {
                result = signBit | (long) biased << f | (mant & ((1L << f) - 1));
            }
        } else if (biased >= 1 << e) {
            flags |= IOC;
            inexact = false;
            result = signBit | 0x7fff;
        } else {
            result = signBit | (long) biased << f | (mant & ((1L << f) - 1));
        }
        if (inexact) flags |= IXC;
        s.fpsr |= flags;
        return result;
    }

    /** Rounds the positive 128-bit value (hi:lo) * 2^exp, below 2^127. */
    static long roundWide(CpuState s, int n, int rmode, boolean negative, int exp, long hi, long lo) {
        if (hi == 0) {
            if (lo >= 0) return round(s, n, rmode, negative, exp, lo);
            return round(s, n, rmode, negative, exp + 1, (lo >>> 1) | (lo & 1));
        }
        int shift = 127 - Long.numberOfLeadingZeros(hi) - 62;
        long sig;
        boolean sticky;
        if (shift < 64) {
            sig = (hi << (64 - shift)) | (lo >>> shift);
            sticky = (lo << (64 - shift)) != 0;
        } else {
            sig = hi;
            sticky = lo != 0;
        }
        return round(s, n, rmode, negative, exp + shift, sticky ? sig | 1 : sig);
    }

    static long shiftRightJam(long x, int d) {
        if (d == 0) return x;
        if (d >= 63) return x != 0 ? 1 : 0;
        return (x >>> d) | ((x & ((1L << d) - 1)) != 0 ? 1 : 0);
    }

    /** FPAdd, or FPSub when subtract (NaNs are processed with op2 as given). */
    public static long add(CpuState s, int n, long a, long b, boolean subtract) {
        if ((s.fpcr & (3 << 22)) == 0 && FpFast.applies(n, a, b)) return FpFast.add(s, n, a, b, subtract);
        return addExact(s, n, a, b, subtract);
    }

    static long addExact(CpuState s, int n, long a, long b, boolean subtract) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        boolean sa = sign(n, a), sb = sign(n, b) ^ subtract;
        int rmode = rmode(s.fpcr);
        if (ta == INF && tb == INF && sa != sb) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (ta == INF) return infinity(n, sa);
        if (tb == INF) return infinity(n, sb);
        if (ta == ZERO && tb == ZERO) return zero(n, sa == sb ? sa : rmode == RM);
        if (ta == ZERO) return (b & (signBit(n) - 1)) | zero(n, sb);
        if (tb == ZERO) return a;
        long ma = significand(n, a), mb = significand(n, b);
        int ea = exponent(n, a), eb = exponent(n, b);
        int la = Long.numberOfLeadingZeros(ma) - 2, lb = Long.numberOfLeadingZeros(mb) - 2;
        ma <<= la;
        ea -= la;
        mb <<= lb;
        eb -= lb;
        if (ea < eb || (ea == eb && ma < mb)) {
            long tm = ma;
            ma = mb;
            mb = tm;
            int te = ea;
            ea = eb;
            eb = te;
            boolean ts = sa;
            sa = sb;
            sb = ts;
        }
        mb = shiftRightJam(mb, ea - eb);
        long m = sa == sb ? ma + mb : ma - mb;
        if (m == 0) return zero(n, rmode == RM);
        return round(s, n, rmode, sa, ea, m);
    }

    /** FPMul. */
    public static long mul(CpuState s, int n, long a, long b) {
        if ((s.fpcr & (3 << 22)) == 0 && FpFast.applies(n, a, b)) return FpFast.mul(s, n, a, b);
        return mulExact(s, n, a, b);
    }

    static long mulExact(CpuState s, int n, long a, long b) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        return mulValues(s, n, ta, a, tb, b, false);
    }

    /** FPMulX: as FPMul, but infinity times zero is 2 with the product's sign. */
    public static long mulx(CpuState s, int n, long a, long b) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        return mulValues(s, n, ta, a, tb, b, true);
    }

    private static long mulValues(CpuState s, int n, int ta, long a, int tb, long b, boolean x) {
        boolean sign = sign(n, a) ^ sign(n, b);
        if ((ta == INF && tb == ZERO) || (ta == ZERO && tb == INF)) {
            if (x) return two(n) | zero(n, sign);
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (ta == INF || tb == INF) return infinity(n, sign);
        if (ta == ZERO || tb == ZERO) return zero(n, sign);
        long ma = significand(n, a), mb = significand(n, b);
        return roundWide(s, n, rmode(s.fpcr), sign, exponent(n, a) + exponent(n, b), Math.multiplyHigh(ma, mb), ma * mb);
    }

    static long two(int n) {
        return n == 64 ? 0x4000000000000000L : n == 32 ? 0x40000000L : 0x4000L;
    }

    /** FPDiv. */
    public static long div(CpuState s, int n, long a, long b) {
        if ((s.fpcr & (3 << 22)) == 0 && FpFast.applies(n, a, b)) return FpFast.div(s, n, a, b);
        return divExact(s, n, a, b);
    }

    static long divExact(CpuState s, int n, long a, long b) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        boolean sign = sign(n, a) ^ sign(n, b);
        if ((ta == INF && tb == INF) || (ta == ZERO && tb == ZERO)) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (ta == INF || tb == ZERO) {
            if (ta != INF) s.fpsr |= DZC;
            return infinity(n, sign);
        }
        if (ta == ZERO || tb == INF) return zero(n, sign);
        long ma = significand(n, a), mb = significand(n, b);
        int la = Long.numberOfLeadingZeros(ma) - 11, lb = Long.numberOfLeadingZeros(mb) - 11;
        ma <<= la;
        mb <<= lb;
        int exp = exponent(n, a) - la - exponent(n, b) + lb - 60;
        long q = ma / mb, r = ma % mb;
        for (int i = 0; i < 6; i++) {
            r <<= 10;
            q = (q << 10) | (r / mb);
            r %= mb;
        }
        return round(s, n, rmode(s.fpcr), sign, exp, r != 0 ? q | 1 : q);
    }

    /** FPSqrt. */
    public static long sqrt(CpuState s, int n, long a) {
        if ((s.fpcr & (3 << 22)) == 0 && FpFast.applies(n, a, a)) return FpFast.sqrt(s, n, a);
        return sqrtExact(s, n, a);
    }

    static long sqrtExact(CpuState s, int n, long a) {
        int ta = type(s, n, a);
        if (ta >= QNAN) return processNaN(s, n, ta, a);
        boolean sign = sign(n, a);
        if (ta == ZERO) return zero(n, sign);
        if (sign) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (ta == INF) return infinity(n, false);
        long m = significand(n, a);
        int top = 63 - Long.numberOfLeadingZeros(m);
        int e = exponent(n, a) + top;
        // The significand as a double in [1, 4) with the exponent's parity; its correctly rounded root y and the exact
        // remainder x - y*y tell on which side of y the exact root lies (never on a midpoint).
        double x = Double.longBitsToDouble((long) (1023 + (e & 1)) << 52 | ((m << (52 - top)) & ((1L << 52) - 1)));
        double y = Math.sqrt(x);
        double r = Math.fma(-y, y, x);
        long my = (Double.doubleToRawLongBits(y) & ((1L << 52) - 1)) | 1L << 52;
        long sig = (my << 2) + (r > 0 ? 1 : r < 0 ? -1 : 0);
        return round(s, n, rmode(s.fpcr), false, (e >> 1) - 54, sig);
    }

    /** FPMulAdd: addend + a * b with one rounding. */
    public static long mulAdd(CpuState s, int n, long addend, long a, long b) {
        int tc = type(s, n, addend), ta = type(s, n, a), tb = type(s, n, b);
        boolean infZero = (ta == INF && tb == ZERO) || (ta == ZERO && tb == INF);
        if (tc == QNAN && infZero) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if (tc >= QNAN || ta >= QNAN || tb >= QNAN) return processNaNs3(s, n, tc, addend, ta, a, tb, b);
        return fused(s, n, tc, addend, ta, a, tb, b, 0);
    }

    /** FPMulAdd's numeric part (no NaN operands): (addend + a * b) * 2^scale rounded once. */
    private static long fused(CpuState s, int n, int tc, long c, int ta, long a, int tb, long b, int scale) {
        boolean sc = sign(n, c), sp = sign(n, a) ^ sign(n, b);
        boolean infP = ta == INF || tb == INF, zeroP = ta == ZERO || tb == ZERO;
        int rmode = rmode(s.fpcr);
        if ((ta == INF && tb == ZERO) || (ta == ZERO && tb == INF) || (tc == INF && infP && sc != sp)) {
            s.fpsr |= IOC;
            return defaultNaN(n);
        }
        if ((tc == INF && !sc) || (infP && !sp)) return infinity(n, false);
        if (tc == INF || infP) return infinity(n, true);
        if (tc == ZERO && zeroP) return zero(n, sc == sp ? sc : rmode == RM);
        if (zeroP) return round(s, n, rmode, sc, exponent(n, c) + scale, significand(n, c));
        long ma = significand(n, a), mb = significand(n, b);
        long ph = Math.multiplyHigh(ma, mb), pl = ma * mb;
        int pe = exponent(n, a) + exponent(n, b) + scale;
        if (tc == ZERO) return roundWide(s, n, rmode, sp, pe, ph, pl);
        // Both operands with their top bit at bit 125, then the smaller shifted right (sticky) and added.
        int k = 125 - (ph != 0 ? 127 - Long.numberOfLeadingZeros(ph) : 63 - Long.numberOfLeadingZeros(pl));
        if (k >= 64) {
            ph = pl << (k - 64);
            pl = 0;
        } else if (k > 0) {
            ph = (ph << k) | (pl >>> (64 - k));
            pl <<= k;
        }
        pe -= k;
        long mc = significand(n, c);
        int kc = 125 - (63 - Long.numberOfLeadingZeros(mc));
        long ch = mc << (kc - 64), cl = 0;
        int ce = exponent(n, c) + scale - kc;
        boolean productLarger = pe > ce || (pe == ce && (Long.compareUnsigned(ph, ch) > 0
                || (ph == ch && Long.compareUnsigned(pl, cl) >= 0)));
        long xh, xl, yh, yl;
        int exp, d;
        boolean sign;
        if (productLarger) {
            xh = ph; xl = pl; yh = ch; yl = cl; exp = pe; d = pe - ce; sign = sp;
        } else {
            xh = ch; xl = cl; yh = ph; yl = pl; exp = ce; d = ce - pe; sign = sc;
        }
        if (d >= 128) {
            yl = (yh | yl) != 0 ? 1 : 0;
            yh = 0;
        } else if (d >= 64) {
            boolean sticky = yl != 0 || (d > 64 && (yh << (128 - d)) != 0);
            yl = d == 64 ? yh : yh >>> (d - 64);
            yh = 0;
            if (sticky) yl |= 1;
        } else if (d > 0) {
            boolean sticky = (yl << (64 - d)) != 0;
            yl = (yl >>> d) | (yh << (64 - d));
            yh >>>= d;
            if (sticky) yl |= 1;
        }
        long rh, rl;
        if (sc == sp) {
            rl = xl + yl;
            rh = xh + yh + (Long.compareUnsigned(rl, xl) < 0 ? 1 : 0);
        } else {
            rl = xl - yl;
            rh = xh - yh - (Long.compareUnsigned(xl, yl) < 0 ? 1 : 0);
        }
        if (rh == 0 && rl == 0) return zero(n, rmode == RM);
        return roundWide(s, n, rmode, sign, exp, rh, rl);
    }

    /** FPRecipStepFused: 2 - a * b. */
    public static long recipStep(CpuState s, int n, long a, long b) {
        return step(s, n, a, b, false);
    }

    /** FPRSqrtStepFused: (3 - a * b) / 2. */
    public static long rsqrtStep(CpuState s, int n, long a, long b) {
        return step(s, n, a, b, true);
    }

    private static long step(CpuState s, int n, long a, long b, boolean rsqrt) {
        a ^= signBit(n);
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        if ((ta == INF && tb == ZERO) || (ta == ZERO && tb == INF)) {
            return rsqrt ? (n == 64 ? 0x3ff8000000000000L : n == 32 ? 0x3fc00000L : 0x3e00L) : two(n);
        }
        long c = rsqrt ? (n == 64 ? 0x4008000000000000L : n == 32 ? 0x40400000L : 0x4200L) : two(n);
        return fused(s, n, FINITE, c, ta, a, tb, b, rsqrt ? -1 : 0);
    }

    /** The order of two non-NaN operands' values (denormals flushed by FZ count as zeros). */
    static int compareValues(int n, int ta, long a, int tb, long b) {
        long ka = ta == ZERO ? 0 : sign(n, a) ? -(a & (signBit(n) - 1)) : a & (signBit(n) - 1);
        long kb = tb == ZERO ? 0 : sign(n, b) ? -(b & (signBit(n) - 1)) : b & (signBit(n) - 1);
        return Long.compare(ka, kb);
    }

    /** FPCompare: NZCV as bits 3:0; unordered raises IOC for a signalling NaN, or for any NaN when signalNaNs. */
    public static int compare(CpuState s, int n, long a, long b, boolean signalNaNs) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) {
            if (ta == SNAN || tb == SNAN || signalNaNs) s.fpsr |= IOC;
            return 0b0011;
        }
        int c = compareValues(n, ta, a, tb, b);
        return c == 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
    }

    /** FPCompareEQ/GE/GT (cond 0, 1, 2): EQ is quiet, GE and GT signal on any NaN. */
    public static boolean compareCond(CpuState s, int n, long a, long b, int cond) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) {
            if (ta == SNAN || tb == SNAN || cond != 0) s.fpsr |= IOC;
            return false;
        }
        int c = compareValues(n, ta, a, tb, b);
        return cond == 0 ? c == 0 : cond == 1 ? c >= 0 : c > 0;
    }

    /** FPMax (max) or FPMin. */
    public static long maxMin(CpuState s, int n, long a, long b, boolean max) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta >= QNAN || tb >= QNAN) return processNaNs(s, n, ta, a, tb, b);
        int c = compareValues(n, ta, a, tb, b);
        boolean first = max ? c > 0 : c < 0;
        int t = first ? ta : tb;
        if (t == ZERO) {
            boolean sa = sign(n, a), sb = sign(n, b);
            return zero(n, max ? sa && sb : sa || sb);
        }
        return first ? a : b;
    }

    /** FPMaxNum (max) or FPMinNum: a single quiet NaN operand loses to a number. */
    public static long maxMinNum(CpuState s, int n, long a, long b, boolean max) {
        int ta = type(s, n, a), tb = type(s, n, b);
        if (ta == QNAN && tb != QNAN) a = infinity(n, max);
        else if (ta != QNAN && tb == QNAN) b = infinity(n, max);
        return maxMin(s, n, a, b, max);
    }

    /** FPRoundInt with the rounding given; exact raises IXC when the result differs (FRINTX). */
    public static long roundInt(CpuState s, int n, long a, int rmode, boolean exact) {
        int ta = type(s, n, a);
        if (ta >= QNAN) return processNaN(s, n, ta, a);
        boolean sign = sign(n, a);
        if (ta == INF) return a;
        if (ta == ZERO) return zero(n, sign);
        int e = exponent(n, a);
        if (e >= 0) return a;
        long m = significand(n, a);
        long mag, rem;
        int half;
        if (-e >= 64) {
            mag = 0;
            rem = m;
            half = -1;
        } else {
            mag = m >>> -e;
            rem = m & ((1L << -e) - 1);
            half = Long.compare(rem, 1L << (-e - 1));
        }
        mag += roundsUp(rmode, sign, mag, rem != 0, half) ? 1 : 0;
        if (rem != 0 && exact) s.fpsr |= IXC;
        if (mag == 0) return zero(n, sign);
        return round(s, n, RZ, sign, 0, mag);
    }

    /** Whether a magnitude rounds away from zero, given its integer part, inexactness and the rest compared with 1/2. */
    private static boolean roundsUp(int rmode, boolean negative, long mag, boolean inexact, int half) {
        return switch (rmode) {
            case RN -> half > 0 || (half == 0 && (mag & 1) != 0);
            case RA -> half >= 0;
            case RP -> inexact && !negative;
            case RM -> inexact && negative;
            default -> false;
        };
    }

    /**
     * FPToFixed: a scaled by 2^fbits, rounded as given, saturated to a signed or unsigned m-bit integer (IOC on NaN or
     * saturation, else IXC if inexact). A 32-bit result is returned zero-extended.
     */
    public static long toFixed(CpuState s, int n, long a, int fbits, boolean unsigned, int m, int rmode) {
        int ta = type(s, n, a);
        long result = toFixedValue(s, n, ta, a, fbits, unsigned, m, rmode);
        return m == 32 ? result & 0xffffffffL : result;
    }

    private static long toFixedValue(CpuState s, int n, int ta, long a, int fbits, boolean unsigned, int m, int rmode) {
        if (ta >= QNAN) {
            s.fpsr |= IOC;
            return 0;
        }
        if (ta == ZERO) return 0;
        boolean sign = sign(n, a);
        long mag = 0;
        boolean inexact = false, huge = ta == INF;
        if (!huge) {
            long sig = significand(n, a);
            int e = exponent(n, a) + fbits;
            if (e >= 0) {
                if (64 - Long.numberOfLeadingZeros(sig) + e > 64) huge = true;
                else mag = sig << e;
            } else {
                long rem;
                int half;
                if (-e >= 64) {
                    rem = sig;
                    half = -1;
                } else {
                    mag = sig >>> -e;
                    rem = sig & ((1L << -e) - 1);
                    half = Long.compare(rem, 1L << (-e - 1));
                }
                inexact = rem != 0;
                if (roundsUp(rmode, sign, mag, inexact, half)) mag++;
            }
        }
        if (unsigned) {
            if (sign ? huge || mag != 0 : huge || (m == 32 && Long.compareUnsigned(mag, 0xffffffffL) > 0)) {
                s.fpsr |= IOC;
                return sign ? 0 : m == 32 ? 0xffffffffL : -1L;
            }
        } else {
            long limit = m == 32 ? 1L << 31 : Long.MIN_VALUE; // 2^(m-1) as an unsigned magnitude
            if (huge || Long.compareUnsigned(mag, sign ? limit : limit - 1) > 0) {
                s.fpsr |= IOC;
                return sign ? (m == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE) : limit - 1;
            }
            if (sign) mag = -mag;
        }
        if (inexact) s.fpsr |= IXC;
        return mag;
    }

    /** FixedToFP: the m-bit integer op (signed or unsigned) divided by 2^fbits, rounded to format n. */
    public static long fromFixed(CpuState s, int n, long op, int fbits, boolean unsigned, int m, int rmode) {
        if (m == 32) op = unsigned ? op & 0xffffffffL : (int) op;
        if (op == 0) return 0;
        boolean negative = !unsigned && op < 0;
        long mag = negative ? -op : op;
        if (mag < 0) return round(s, n, rmode, negative, 1 - fbits, (mag >>> 1) | (mag & 1));
        return round(s, n, rmode, negative, -fbits, mag);
    }

    /** FPConvert from format from to format to, with the rounding given (round to odd for FCVTXN). */
    public static long convert(CpuState s, int from, int to, long a, int rmode) {
        int ta = type(s, from, a, true);
        boolean sign = sign(from, a);
        boolean altHp = to == 16 && (s.fpcr & FPCR_AHP) != 0;
        if (ta >= QNAN) {
            if (ta == SNAN || altHp) s.fpsr |= IOC;
            if (altHp) return zero(to, sign);
            if ((s.fpcr & FPCR_DN) != 0) return defaultNaN(to);
            int ff = fracBits(from), ft = fracBits(to);
            long payload = (a & ((1L << (ff - 1)) - 1)) << (52 - ff) >>> (52 - ft);
            return infinity(to, sign) | 1L << (ft - 1) | payload;
        }
        if (ta == INF) {
            if (altHp) {
                s.fpsr |= IOC;
                return zero(to, sign) | 0x7fff;
            }
            return infinity(to, sign);
        }
        if (ta == ZERO) return zero(to, sign);
        long m = significand(from, a);
        int e = exponent(from, a);
        // The whole source significand (at most 53 bits, exact): round() needs no sticky bit.
        return round(s, to, rmode, sign, e, m);
    }

    /** FPRecpX: the exponent inverted, fraction zero (a reciprocal's scale). */
    public static long recpX(CpuState s, int n, long a) {
        int ta = type(s, n, a);
        if (ta >= QNAN) return processNaN(s, n, ta, a);
        int f = fracBits(n);
        long emax = (1L << expBits(n)) - 1;
        long exp = (a >>> f) & emax;
        long signBit = a & signBit(n);
        return signBit | (exp == 0 ? emax - 1 : ~exp & emax) << f;
    }
}
