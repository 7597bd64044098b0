package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/**
 * Advanced SIMD three same (integer opcodes 00000-10111) and scalar three same: element-wise arithmetic, compares,
 * shifts by register, saturating and pairwise operations.
 */
final class SimdThreeSame {
    private SimdThreeSame() {}

    // Operation keys: U:opcode.
    static final int SHADD = 0x00, SQADD = 0x01, SRHADD = 0x02, LOGIC = 0x03, SHSUB = 0x04, SQSUB = 0x05,
            CMGT = 0x06, CMGE = 0x07, SSHL = 0x08, SQSHL = 0x09, SRSHL = 0x0a, SQRSHL = 0x0b, SMAX = 0x0c,
            SMIN = 0x0d, SABD = 0x0e, SABA = 0x0f, ADD = 0x10, CMTST = 0x11, MLA = 0x12, MUL = 0x13, SMAXP = 0x14,
            SMINP = 0x15, SQDMULH = 0x16, ADDP = 0x17;
    static final int U = 0x20;

    /** Vector form: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. */
    static void executeVector(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0;
        int u = (insn >>> 29) & 1, size = (insn >>> 22) & 3, opcode = (insn >>> 11) & 31;
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        int key = u << 5 | opcode;
        if (opcode == LOGIC) {
            logical(s, u, size, q, rd, rn, rm);
            return;
        }
        if (!vectorAllocated(key, size, q)) throw A64Fault.undefined(insn);
        int esize = 8 << size, elements = (q ? 128 : 64) / esize;
        long nlo = s.v[2 * rn], nhi = s.v[2 * rn + 1], mlo = s.v[2 * rm], mhi = s.v[2 * rm + 1];
        long dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long rlo = 0, rhi = 0;
        if (opcode == SMAXP || opcode == SMINP || opcode == ADDP) {
            // Pairs of the concatenation Vm:Vn (Vn the low part), 128 or 256 bits.
            long w1 = q ? nhi : mlo, w2 = q ? mlo : 0, w3 = q ? mhi : 0;
            for (int e = 0; e < elements; e++) {
                long r = pairwise(key, concatenated(nlo, w1, w2, w3, 2 * e, esize),
                        concatenated(nlo, w1, w2, w3, 2 * e + 1, esize), esize);
                if (inHigh(e, esize)) rhi |= place(r, e, esize);
                else rlo |= place(r, e, esize);
            }
        } else {
            for (int e = 0; e < elements; e++) {
                long r = element(s, key, get(nlo, nhi, e, esize), get(mlo, mhi, e, esize), get(dlo, dhi, e, esize),
                        esize);
                if (inHigh(e, esize)) rhi |= place(r, e, esize);
                else rlo |= place(r, e, esize);
            }
        }
        if (q) s.setV(rd, rlo, rhi);
        else s.setD(rd, rlo);
    }

    /** Element i of the 256-bit w3:w2:w1:w0. */
    static long concatenated(long w0, long w1, long w2, long w3, int i, int esize) {
        int bit = i * esize;
        return bit < 128 ? get(w0, w1, i, esize) : get(w2, w3, i - 128 / esize, esize);
    }

    private static boolean vectorAllocated(int key, int size, boolean q) {
        if (size == 3 && !q) return false;
        switch (key & 31) {
            case SHADD, SRHADD, SHSUB, SMAX, SMIN, SABD, SABA, MLA, SMAXP, SMINP:
                return size != 3;
            case MUL:
                return key == MUL ? size != 3 : size == 0; // PMUL: bytes only
            case SQDMULH:
                return size == 1 || size == 2;
            case ADDP:
                return key == ADDP;
            case SQADD, SQSUB, CMGT, CMGE, SSHL, SQSHL, SRSHL, SQRSHL, ADD, CMTST:
                return true;
            default:
                return false; // 11xxx: floating point
        }
    }

    /** Scalar form: 01 U 11110 size 1 Rm opcode 1 Rn Rd. */
    static void executeScalar(CpuState s, int insn) {
        int u = (insn >>> 29) & 1, size = (insn >>> 22) & 3, opcode = (insn >>> 11) & 31;
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        int key = u << 5 | opcode;
        boolean allocated = switch (opcode) {
            case SQADD, SQSUB, SQSHL, SQRSHL -> true;
            case CMGT, CMGE, SSHL, SRSHL, ADD, CMTST -> size == 3;
            case SQDMULH -> size == 1 || size == 2;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size;
        long m = mask(esize);
        s.setD(rd, element(s, key, s.v[2 * rn] & m, s.v[2 * rm] & m, 0, esize) & m);
    }

    private static void logical(CpuState s, int u, int size, boolean q, int rd, int rn, int rm) {
        long nlo = s.v[2 * rn], nhi = s.v[2 * rn + 1], mlo = s.v[2 * rm], mhi = s.v[2 * rm + 1];
        long dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long lo, hi;
        switch (u << 2 | size) {
            case 0 -> { lo = nlo & mlo; hi = nhi & mhi; }      // AND
            case 1 -> { lo = nlo & ~mlo; hi = nhi & ~mhi; }    // BIC
            case 2 -> { lo = nlo | mlo; hi = nhi | mhi; }      // ORR
            case 3 -> { lo = nlo | ~mlo; hi = nhi | ~mhi; }    // ORN
            case 4 -> { lo = nlo ^ mlo; hi = nhi ^ mhi; }      // EOR
            case 5 -> { lo = bitSelect(dlo, nlo, mlo); hi = bitSelect(dhi, nhi, mhi); }   // BSL: Vd selects
            case 6 -> { lo = bitSelect(mlo, nlo, dlo); hi = bitSelect(mhi, nhi, dhi); }   // BIT: Vm selects Vn
            default -> { lo = bitSelect(mlo, dlo, nlo); hi = bitSelect(mhi, dhi, nhi); }  // BIF: Vm selects Vd
        }
        if (q) s.setV(rd, lo, hi);
        else s.setD(rd, lo);
    }

    /** Bits of ifSet where select is 1, of ifClear where it is 0. */
    static long bitSelect(long select, long ifSet, long ifClear) {
        return (ifSet & select) | (ifClear & ~select);
    }

    private static long pairwise(int key, long a, long b, int esize) {
        long sa = sext(a, esize), sb = sext(b, esize);
        return switch (key) {
            case SMAXP -> Math.max(sa, sb);
            case SMAXP | U -> Math.max(a, b);
            case SMINP -> Math.min(sa, sb);
            case SMINP | U -> Math.min(a, b);
            default -> a + b; // ADDP
        };
    }

    /**
     * One element of a non-pairwise three-same operation: a, b, d zero-extended esize-bit elements of Vn, Vm, Vd;
     * the result's low esize bits are the element.
     */
    static long element(CpuState s, int key, long a, long b, long d, int esize) {
        long sa = sext(a, esize), sb = sext(b, esize);
        return switch (key) {
            case SHADD -> (sa + sb) >> 1;
            case SHADD | U -> (a + b) >>> 1;
            case SQADD -> Saturation.sqadd(s, sa, sb, esize);
            case SQADD | U -> Saturation.uqadd(s, a, b, esize);
            case SRHADD -> (sa + sb + 1) >> 1;
            case SRHADD | U -> (a + b + 1) >>> 1;
            case SHSUB -> (sa - sb) >> 1;
            case SHSUB | U -> (a - b) >> 1;
            case SQSUB -> Saturation.sqsub(s, sa, sb, esize);
            case SQSUB | U -> Saturation.uqsub(s, a, b, esize);
            case CMGT -> sa > sb ? -1 : 0;
            case CMGT | U -> Long.compareUnsigned(a, b) > 0 ? -1 : 0;
            case CMGE -> sa >= sb ? -1 : 0;
            case CMGE | U -> Long.compareUnsigned(a, b) >= 0 ? -1 : 0;
            case SSHL -> shiftByRegister(s, sa, b, esize, false, false, false);
            case SSHL | U -> shiftByRegister(s, a, b, esize, true, false, false);
            case SQSHL -> shiftByRegister(s, sa, b, esize, false, false, true);
            case SQSHL | U -> shiftByRegister(s, a, b, esize, true, false, true);
            case SRSHL -> shiftByRegister(s, sa, b, esize, false, true, false);
            case SRSHL | U -> shiftByRegister(s, a, b, esize, true, true, false);
            case SQRSHL -> shiftByRegister(s, sa, b, esize, false, true, true);
            case SQRSHL | U -> shiftByRegister(s, a, b, esize, true, true, true);
            case SMAX -> Math.max(sa, sb);
            case SMAX | U -> Math.max(a, b);
            case SMIN -> Math.min(sa, sb);
            case SMIN | U -> Math.min(a, b);
            case SABD -> Math.abs(sa - sb);
            case SABD | U -> Math.abs(a - b);
            case SABA -> d + Math.abs(sa - sb);
            case SABA | U -> d + Math.abs(a - b);
            case ADD -> a + b;
            case ADD | U -> a - b;
            case CMTST -> (a & b) != 0 ? -1 : 0;
            case CMTST | U -> a == b ? -1 : 0;
            case MLA -> d + a * b;
            case MLA | U -> d - a * b;
            case MUL -> a * b;
            case MUL | U -> polyMul8(a, b);
            case SQDMULH -> Saturation.doublingMultiplyHigh(s, sa, sb, esize, false);
            case SQDMULH | U -> Saturation.doublingMultiplyHigh(s, sa, sb, esize, true);
            default -> throw new IllegalArgumentException("three-same key " + key);
        };
    }

    /**
     * SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL of one element: x the element (sign-extended when signed,
     * zero-extended when unsigned), shifted left by the signed low byte of shiftElement (right when negative).
     */
    static long shiftByRegister(CpuState s, long x, long shiftElement, int esize, boolean unsigned, boolean rounding,
            boolean saturating) {
        int shift = (byte) shiftElement;
        if (shift < 0) {
            int n = -shift;
            if (rounding) return unsigned ? urshr(x, n) : srshr(x, n);
            return unsigned ? ushr(x, n) : sshr(x, n);
        }
        if (!saturating) return shl(x, shift);
        if (x == 0) return 0;
        if (shift >= esize) return unsigned ? Saturation.unsignedMax(s, esize) : Saturation.signedLimit(s, x < 0, esize);
        long shifted = x << shift;
        if (unsigned) {
            if ((shifted >>> shift) != x || (esize < 64 && (shifted >>> esize) != 0)) {
                return Saturation.unsignedMax(s, esize);
            }
        } else if ((shifted >> shift) != x || sext(shifted, esize) != shifted) {
            return Saturation.signedLimit(s, x < 0, esize);
        }
        return shifted;
    }
}
