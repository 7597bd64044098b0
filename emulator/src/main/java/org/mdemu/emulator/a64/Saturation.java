package org.mdemu.emulator.a64;

/**
 * Saturating integer arithmetic of Advanced SIMD: each method returns the value clamped to the esize-bit range and
 * sets FPSR.QC when it had to clamp. Values below 64 bits are passed exactly in a long; the 64-bit forms detect
 * overflow themselves.
 */
final class Saturation {
    private Saturation() {}

    /** FPSR.QC, the cumulative saturation bit. */
    static final int QC = 1 << 27;

    /** SignedSatQ: value (exact) clamped to the signed esize-bit range. */
    static long signed(CpuState s, long value, int esize) {
        if (esize == 64) return value;
        long max = (1L << (esize - 1)) - 1, min = -1L << (esize - 1);
        if (value > max) {
            s.fpsr |= QC;
            return max;
        }
        if (value < min) {
            s.fpsr |= QC;
            return min;
        }
        return value;
    }

    /** UnsignedSatQ: value (exact, signed) clamped to [0, 2^esize - 1], esize below 64. */
    static long unsigned(CpuState s, long value, int esize) {
        long max = (1L << esize) - 1;
        if (value < 0) {
            s.fpsr |= QC;
            return 0;
        }
        if (value > max) {
            s.fpsr |= QC;
            return max;
        }
        return value;
    }

    /** value taken as an unsigned 64-bit integer, clamped to [0, 2^esize - 1], esize below 64. */
    static long unsignedOfUnsigned(CpuState s, long value, int esize) {
        if (Long.compareUnsigned(value, (1L << esize) - 1) > 0) return unsignedMax(s, esize);
        return value;
    }

    /** The signed limit on the side of sign (negative: minimum), QC set. */
    static long signedLimit(CpuState s, boolean negative, int esize) {
        s.fpsr |= QC;
        return negative ? -1L << (esize - 1) : esize == 64 ? Long.MAX_VALUE : (1L << (esize - 1)) - 1;
    }

    /** The unsigned maximum, QC set. */
    static long unsignedMax(CpuState s, int esize) {
        s.fpsr |= QC;
        return SimdLanes.mask(esize);
    }

    /** SQADD of signed (sign-extended) a and b. */
    static long sqadd(CpuState s, long a, long b, int esize) {
        if (esize < 64) return signed(s, a + b, esize);
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return signedLimit(s, a < 0, 64);
        return r;
    }

    /** SQSUB of signed (sign-extended) a and b. */
    static long sqsub(CpuState s, long a, long b, int esize) {
        if (esize < 64) return signed(s, a - b, esize);
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) return signedLimit(s, a < 0, 64);
        return r;
    }

    /** UQADD of unsigned (zero-extended) a and b. */
    static long uqadd(CpuState s, long a, long b, int esize) {
        if (esize < 64) return unsigned(s, a + b, esize);
        long r = a + b;
        if (Long.compareUnsigned(r, a) < 0) return unsignedMax(s, 64);
        return r;
    }

    /** UQSUB of unsigned (zero-extended) a and b. */
    static long uqsub(CpuState s, long a, long b, int esize) {
        if (esize < 64) return unsigned(s, a - b, esize);
        if (Long.compareUnsigned(a, b) < 0) {
            s.fpsr |= QC;
            return 0;
        }
        return a - b;
    }

    /** SUQADD: signed acc plus unsigned operand, signed saturation. */
    static long suqadd(CpuState s, long signedAcc, long unsignedOperand, int esize) {
        if (esize < 64) return signed(s, signedAcc + unsignedOperand, esize);
        if (unsignedOperand >= 0) return sqadd(s, signedAcc, unsignedOperand, 64);
        // The operand is 2^63 or more: the sum is at least 0 and fits only when the wrapped sum stays non-negative.
        long r = signedAcc + unsignedOperand;
        if (signedAcc >= 0 || r < 0) return signedLimit(s, false, 64);
        return r;
    }

    /** USQADD: unsigned acc plus signed operand, unsigned saturation. */
    static long usqadd(CpuState s, long unsignedAcc, long signedOperand, int esize) {
        if (esize < 64) return unsigned(s, unsignedAcc + signedOperand, esize);
        if (signedOperand >= 0) return uqadd(s, unsignedAcc, signedOperand, 64);
        if (Long.compareUnsigned(unsignedAcc, -signedOperand) < 0) {
            s.fpsr |= QC;
            return 0;
        }
        return unsignedAcc + signedOperand;
    }

    /** SQDMULL's product: 2*a*b of signed esize-bit a and b, saturated to 2*esize bits (esize 16 or 32). */
    static long doublingProduct(CpuState s, long a, long b, int esize) {
        long p = a * b;
        if (esize == 32 && p == 1L << 62) return signedLimit(s, false, 64);
        return signed(s, 2 * p, 2 * esize);
    }

    /** SQDMULH/SQRDMULH: the high half of 2*a*b (+ 2^(esize-1) when rounding), saturated; esize 16 or 32. */
    static long doublingMultiplyHigh(CpuState s, long a, long b, int esize, boolean round) {
        long p = a * b; // |p| <= 2^62: doubling and rounding are folded into the shift
        long r = (p + (round ? 1L << (esize - 2) : 0)) >> (esize - 1);
        return signed(s, r, esize);
    }
}
