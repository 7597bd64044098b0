package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/**
 * Advanced SIMD three different and scalar three different: widening (long and wide), narrowing high-half and
 * long multiply-accumulate operations. esize is the narrow element size; the "2" forms (Q = 1) take the narrow
 * operands from the upper halves and write narrow results to the upper half of Vd.
 */
final class SimdThreeDifferent {
    private SimdThreeDifferent() {}

    static final int ADDL = 0x0, ADDW = 0x1, SUBL = 0x2, SUBW = 0x3, ADDHN = 0x4, ABAL = 0x5, SUBHN = 0x6,
            ABDL = 0x7, MLAL = 0x8, SQDMLAL = 0x9, MLSL = 0xa, SQDMLSL = 0xb, MULL = 0xc, SQDMULL = 0xd, PMULL = 0xe;

    /** Vector form: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd. */
    static void executeVector(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0, unsigned = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3, opcode = (insn >>> 12) & 15;
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        boolean allocated = switch (opcode) {
            case SQDMLAL, SQDMLSL, SQDMULL -> !unsigned && (size == 1 || size == 2);
            case PMULL -> !unsigned && size == 0; // size 3 (64-bit lanes) is Crypto's
            case 15 -> false;
            default -> size != 3;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size, wide = 2 * esize, elements = 64 / esize;
        long nlo = s.v[2 * rn], nhi = s.v[2 * rn + 1], mlo = s.v[2 * rm], mhi = s.v[2 * rm + 1];
        long dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long rlo = 0, rhi = 0;
        if (opcode == ADDHN || opcode == SUBHN) {
            // Narrowing: 2*esize elements of Vn and Vm, the high halves of their sums into one 64-bit half.
            for (int e = 0; e < elements; e++) {
                long a = get(nlo, nhi, e, wide), b = get(mlo, mhi, e, wide);
                long r = opcode == ADDHN ? a + b : a - b;
                if (unsigned) r += 1L << (esize - 1); // RADDHN, RSUBHN
                rlo |= place(r >>> esize, e, esize);
            }
            if (q) s.setV(rd, dlo, rlo);
            else s.setD(rd, rlo);
            return;
        }
        long hn = q ? nhi : nlo, hm = q ? mhi : mlo;
        for (int e = 0; e < elements; e++) {
            long b = get(hm, 0, e, esize, !unsigned);
            long a = opcode == ADDW || opcode == SUBW ? get(nlo, nhi, e, wide) : get(hn, 0, e, esize, !unsigned);
            long d = get(dlo, dhi, e, wide);
            long r = element(s, opcode, unsigned, a, b, d, esize);
            if (inHigh(e, wide)) rhi |= place(r, e, wide);
            else rlo |= place(r, e, wide);
        }
        s.setV(rd, rlo, rhi);
    }

    /** Scalar form (SQDMLAL, SQDMLSL, SQDMULL): 01 U 11110 size 1 Rm opcode 00 Rn Rd. */
    static void executeScalar(CpuState s, int insn) {
        int u = (insn >>> 29) & 1, size = (insn >>> 22) & 3, opcode = (insn >>> 12) & 15;
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        if (u != 0 || (size != 1 && size != 2) || (opcode != SQDMLAL && opcode != SQDMLSL && opcode != SQDMULL)) {
            throw A64Fault.undefined(insn);
        }
        int esize = 8 << size;
        long a = sext(s.v[2 * rn], esize), b = sext(s.v[2 * rm], esize), d = s.v[2 * rd];
        s.setD(rd, element(s, opcode, false, a, b, d, esize) & mask(2 * esize));
    }

    /**
     * One 2*esize-bit result: a and b extended per signedness (a is already 2*esize bits for the wide forms), d the
     * accumulator element (2*esize bits, zero-extended).
     */
    static long element(CpuState s, int opcode, boolean unsigned, long a, long b, long d, int esize) {
        int wide = 2 * esize;
        return switch (opcode) {
            case ADDL, ADDW -> a + b;
            case SUBL, SUBW -> a - b;
            case ABAL -> d + Math.abs(a - b);
            case ABDL -> Math.abs(a - b);
            case MLAL -> d + a * b;
            case MLSL -> d - a * b;
            case MULL -> a * b;
            case PMULL -> polyMul8(a, b);
            case SQDMULL -> Saturation.doublingProduct(s, a, b, esize);
            case SQDMLAL -> Saturation.sqadd(s, sext(d, wide), Saturation.doublingProduct(s, a, b, esize), wide);
            case SQDMLSL -> Saturation.sqsub(s, sext(d, wide), Saturation.doublingProduct(s, a, b, esize), wide);
            default -> throw new IllegalArgumentException("three-different opcode " + opcode);
        };
    }
}
