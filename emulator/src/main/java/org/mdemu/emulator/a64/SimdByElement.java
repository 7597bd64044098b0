package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/**
 * Advanced SIMD vector x indexed element (integer opcodes) and its scalar form. Halfwords index with H:L:M and
 * take Rm from V0-V15; words index with H:L and Rm is M:Rm. The long forms take Vn's upper half when Q = 1.
 */
final class SimdByElement {
    private SimdByElement() {}

    static final int U = 0x10;
    static final int MLA = U | 0x0, SMLAL = 0x2, UMLAL = U | 0x2, SQDMLAL = 0x3, MLS = U | 0x4, SMLSL = 0x6,
            UMLSL = U | 0x6, SQDMLSL = 0x7, MUL = 0x8, SMULL = 0xa, UMULL = U | 0xa, SQDMULL = 0xb, SQDMULH = 0xc,
            SQRDMULH = 0xd;

    /** 0 Q U 01111 size L M Rm opcode H 0 Rn Rd. */
    static void executeVector(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0;
        int size = (insn >>> 22) & 3, key = (insn >>> 25) & U | (insn >>> 12) & 15;
        boolean allocated = switch (key) {
            case MLA, SMLAL, UMLAL, SQDMLAL, MLS, SMLSL, UMLSL, SQDMLSL, MUL, SMULL, UMULL, SQDMULL, SQDMULH,
                    SQRDMULH -> size == 1 || size == 2;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size, rn = (insn >>> 5) & 31, rd = insn & 31;
        long b = indexedElement(s, insn, size);
        long nlo = s.v[2 * rn], nhi = s.v[2 * rn + 1], dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long rlo = 0, rhi = 0;
        switch (key) {
            case MUL, MLA, MLS, SQDMULH, SQRDMULH -> {
                for (int e = 0; e < (q ? 128 : 64) / esize; e++) {
                    long a = get(nlo, nhi, e, esize), d = get(dlo, dhi, e, esize);
                    long r = switch (key) {
                        case MUL -> a * b;
                        case MLA -> d + a * b;
                        case MLS -> d - a * b;
                        default -> Saturation.doublingMultiplyHigh(s, sext(a, esize), sext(b, esize), esize,
                                key == SQRDMULH);
                    };
                    if (inHigh(e, esize)) rhi |= place(r, e, esize);
                    else rlo |= place(r, e, esize);
                }
                if (q) s.setV(rd, rlo, rhi);
                else s.setD(rd, rlo);
            }
            default -> {
                boolean unsigned = (key & U) != 0;
                long half = q ? nhi : nlo, eb = unsigned ? b : sext(b, esize);
                int wide = 2 * esize;
                for (int e = 0; e < 64 / esize; e++) {
                    long r = longElement(s, key, get(half, 0, e, esize, !unsigned), eb, get(dlo, dhi, e, wide), esize);
                    if (inHigh(e, wide)) rhi |= place(r, e, wide);
                    else rlo |= place(r, e, wide);
                }
                s.setV(rd, rlo, rhi);
            }
        }
    }

    /** 01 U 11111 size L M Rm opcode H 0 Rn Rd: SQDMLAL, SQDMLSL, SQDMULL, SQDMULH, SQRDMULH. */
    static void executeScalar(CpuState s, int insn) {
        int size = (insn >>> 22) & 3, key = (insn >>> 25) & U | (insn >>> 12) & 15;
        boolean allocated = switch (key) {
            case SQDMLAL, SQDMLSL, SQDMULL, SQDMULH, SQRDMULH -> size == 1 || size == 2;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size, rn = (insn >>> 5) & 31, rd = insn & 31;
        long b = sext(indexedElement(s, insn, size), esize), a = sext(s.v[2 * rn], esize);
        if (key == SQDMULH || key == SQRDMULH) {
            s.setD(rd, Saturation.doublingMultiplyHigh(s, a, b, esize, key == SQRDMULH) & mask(esize));
        } else {
            s.setD(rd, longElement(s, key, a, b, s.v[2 * rd], esize) & mask(2 * esize));
        }
    }

    /** The element of Vm the encoding indexes, zero-extended. */
    static long indexedElement(CpuState s, int insn, int size) {
        int h = (insn >>> 11) & 1, l = (insn >>> 21) & 1, m = (insn >>> 20) & 1;
        int rm, index;
        if (size == 1) {
            rm = (insn >>> 16) & 15;
            index = h << 2 | l << 1 | m;
        } else {
            rm = (insn >>> 16) & 31;
            index = h << 1 | l;
        }
        return get(s.v[2 * rm], s.v[2 * rm + 1], index, 8 << size);
    }

    /** One 2*esize-bit result of a long by-element operation: a, b extended per signedness, d the accumulator. */
    static long longElement(CpuState s, int key, long a, long b, long d, int esize) {
        int wide = 2 * esize;
        return switch (key) {
            case SMLAL, UMLAL -> d + a * b;
            case SMLSL, UMLSL -> d - a * b;
            case SMULL, UMULL -> a * b;
            case SQDMULL -> Saturation.doublingProduct(s, a, b, esize);
            case SQDMLAL -> Saturation.sqadd(s, sext(d, wide), Saturation.doublingProduct(s, a, b, esize), wide);
            case SQDMLSL -> Saturation.sqsub(s, sext(d, wide), Saturation.doublingProduct(s, a, b, esize), wide);
            default -> throw new IllegalArgumentException("by-element key " + key);
        };
    }
}
