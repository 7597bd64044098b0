package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.FpArith.RA;
import static org.mdemu.emulator.a64.FpArith.RM;
import static org.mdemu.emulator.a64.FpArith.RN;
import static org.mdemu.emulator.a64.FpArith.RODD;
import static org.mdemu.emulator.a64.FpArith.RP;
import static org.mdemu.emulator.a64.FpArith.RZ;

/**
 * The floating-point encodings of Advanced SIMD (vector and scalar forms: three same, two-register misc, pairwise,
 * across lanes, by element, fixed-point conversions by immediate, FMOV immediate), single and double precision, lane
 * by lane with {@link FpArith}'s rounding and exception rules. FP16 arithmetic and the later FP extensions (FHM, FCMA,
 * FRINTTS, BF16) are not implemented: encodings of this class's groups that need them are undefined.
 */
final class SimdFp {
    private SimdFp() {}

    /** Executes insn and returns true if it is one of the FP encodings of Advanced SIMD; false leaves it to Simd. */
    static boolean tryExecute(CpuState s, int insn) {
        boolean vector = (insn & 0x9e000000) == 0x0e000000, scalar = (insn & 0xde000000) == 0x5e000000;
        if (!vector && !scalar) return false;
        if ((insn & (1 << 24)) == 0) {
            if ((insn & (1 << 21)) == 0) return false;
            if ((insn & (1 << 10)) != 0) {
                if ((insn & 0xc000) != 0xc000) return false;
                return threeSame(s, insn, scalar);
            }
            if (((insn >>> 10) & 3) != 2) return false;
            int op = (insn >>> 17) & 15;
            if (op == 0) return twoRegMisc(s, insn, scalar);
            if (op == 8) return scalar ? scalarPairwise(s, insn) : acrossLanes(s, insn);
            return false;
        }
        if ((insn & (1 << 10)) == 0) return byElement(s, insn, scalar);
        if ((insn & (1 << 23)) != 0) return false;
        if (((insn >>> 19) & 15) == 0) return !scalar && modifiedImmediate(s, insn);
        return shiftByImmediate(s, insn, scalar);
    }

    static long lane(CpuState s, int reg, int esize, int i) {
        if (esize == 64) return s.v[2 * reg + i];
        int perWord = 64 / esize;
        long w = s.v[2 * reg + i / perWord];
        return (w >>> (esize * (i % perWord))) & ((1L << esize) - 1);
    }

    private static long mask(int esize) {
        return esize == 64 ? -1L : (1L << esize) - 1;
    }

    // Lane results are gathered into two words: lane i of esize bits at bit esize*i of the 128.
    private static long place(long word, int esize, int i, long value) {
        int perWord = 64 / esize;
        return word | (value & mask(esize)) << (esize * (i % perWord));
    }

    private static boolean isLow(int esize, int i) {
        return i < 64 / esize;
    }

    // ---- three same -------------------------------------------------------------------------------------------

    private static boolean threeSame(CpuState s, int insn, boolean scalar) {
        boolean q = (insn & (1 << 30)) != 0, u = (insn & (1 << 29)) != 0, a = (insn & (1 << 23)) != 0;
        int esize = (insn & (1 << 22)) != 0 ? 64 : 32;
        int opcode = (insn >>> 11) & 7; // 11xxx
        int key = (u ? 16 : 0) | (a ? 8 : 0) | opcode;
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        if (scalar) {
            switch (key) {
                case 0b00011, 0b00100, 0b00111, 0b01111, 0b10100, 0b10101, 0b11010, 0b11100, 0b11101 -> {
                    s.setD(d, threeSameOp(s, key, esize, lane(s, n, esize, 0), lane(s, m, esize, 0), 0) & mask(esize));
                    return true;
                }
                default -> throw A64Fault.undefined(insn);
            }
        }
        if (esize == 64 && !q) throw A64Fault.undefined(insn);
        switch (key) {
            case 0b01011, 0b01100, 0b11011, 0b11111, 0b00101, 0b01101, 0b10001, 0b11001 ->
                throw A64Fault.undefined(insn); // unallocated, FMLAL/FMLSL (FEAT_FHM)
            default -> {}
        }
        int lanes = (q ? 128 : 64) / esize;
        long lo = 0, hi = 0;
        boolean pairwise = key == 0b10000 || key == 0b10010 || key == 0b10110 || key == 0b11000 || key == 0b11110;
        for (int i = 0; i < lanes; i++) {
            long r;
            if (pairwise) {
                int j = 2 * i, reg = j < lanes ? n : m;
                j %= lanes;
                long x = lane(s, reg, esize, j), y = lane(s, reg, esize, j + 1);
                r = pairOp(s, key, esize, x, y);
            } else {
                r = threeSameOp(s, key, esize, lane(s, n, esize, i), lane(s, m, esize, i), lane(s, d, esize, i));
            }
            if (isLow(esize, i)) lo = place(lo, esize, i, r);
            else hi = place(hi, esize, i, r);
        }
        s.setV(d, lo, hi);
        return true;
    }

    /** The non-pairwise three-same operations, key = U:a:opcode<2:0>. */
    private static long threeSameOp(CpuState s, int key, int esize, long x, long y, long acc) {
        long sign = FpArith.signBit(esize);
        return switch (key) {
            case 0b00000 -> FpArith.maxMinNum(s, esize, x, y, true);
            case 0b00001 -> FpArith.mulAdd(s, esize, acc, x, y);
            case 0b00010 -> FpArith.add(s, esize, x, y, false);
            case 0b00011 -> FpArith.mulx(s, esize, x, y);
            case 0b00100 -> FpArith.compareCond(s, esize, x, y, 0) ? -1L : 0;
            case 0b00110 -> FpArith.maxMin(s, esize, x, y, true);
            case 0b00111 -> FpArith.recipStep(s, esize, x, y);
            case 0b01000 -> FpArith.maxMinNum(s, esize, x, y, false);
            case 0b01001 -> FpArith.mulAdd(s, esize, acc, x ^ sign, y);
            case 0b01010 -> FpArith.add(s, esize, x, y, true);
            case 0b01110 -> FpArith.maxMin(s, esize, x, y, false);
            case 0b01111 -> FpArith.rsqrtStep(s, esize, x, y);
            case 0b10011 -> FpArith.mul(s, esize, x, y);
            case 0b10100 -> FpArith.compareCond(s, esize, x, y, 1) ? -1L : 0;
            case 0b10101 -> FpArith.compareCond(s, esize, x & ~sign, y & ~sign, 1) ? -1L : 0;
            case 0b10111 -> FpArith.div(s, esize, x, y);
            case 0b11010 -> FpArith.add(s, esize, x, y, true) & ~sign;
            case 0b11100 -> FpArith.compareCond(s, esize, x, y, 2) ? -1L : 0;
            case 0b11101 -> FpArith.compareCond(s, esize, x & ~sign, y & ~sign, 2) ? -1L : 0;
            default -> throw new IllegalStateException();
        };
    }

    /** The pairwise operations: FMAXNMP, FADDP, FMAXP (U=1 a=0) and FMINNMP, FMINP (U=1 a=1). */
    private static long pairOp(CpuState s, int key, int esize, long x, long y) {
        return switch (key & 0b01111) {
            case 0b00000 -> FpArith.maxMinNum(s, esize, x, y, true);
            case 0b00010 -> FpArith.add(s, esize, x, y, false);
            case 0b00110 -> FpArith.maxMin(s, esize, x, y, true);
            case 0b01000 -> FpArith.maxMinNum(s, esize, x, y, false);
            case 0b01110 -> FpArith.maxMin(s, esize, x, y, false);
            default -> throw new IllegalStateException();
        };
    }

    // ---- pairwise and across lanes ----------------------------------------------------------------------------

    private static boolean scalarPairwise(CpuState s, int insn) {
        int opcode = (insn >>> 12) & 31;
        if (opcode != 0b01100 && opcode != 0b01101 && opcode != 0b01111) return false;
        if ((insn & (1 << 29)) == 0) throw A64Fault.undefined(insn); // FP16 forms
        boolean a = (insn & (1 << 23)) != 0;
        if (opcode == 0b01101 && a) throw A64Fault.undefined(insn);
        int esize = (insn & (1 << 22)) != 0 ? 64 : 32;
        int n = (insn >>> 5) & 31;
        int key = 16 | (a ? 8 : 0) | (opcode == 0b01100 ? 0 : opcode == 0b01101 ? 2 : 6);
        long r = pairOp(s, key, esize, lane(s, n, esize, 0), lane(s, n, esize, 1));
        s.setD(insn & 31, r & mask(esize));
        return true;
    }

    private static boolean acrossLanes(CpuState s, int insn) {
        int opcode = (insn >>> 12) & 31;
        if (opcode != 0b01100 && opcode != 0b01111) return false;
        // FP16 forms (U=0), the reserved 2S and double forms.
        if ((insn & (1 << 29)) == 0 || (insn & (1 << 22)) != 0 || (insn & (1 << 30)) == 0) {
            throw A64Fault.undefined(insn);
        }
        boolean max = (insn & (1 << 23)) == 0;
        int n = (insn >>> 5) & 31;
        long e0 = lane(s, n, 32, 0), e1 = lane(s, n, 32, 1), e2 = lane(s, n, 32, 2), e3 = lane(s, n, 32, 3);
        long r;
        if (opcode == 0b01100) {
            long x = FpArith.maxMinNum(s, 32, e0, e1, max), y = FpArith.maxMinNum(s, 32, e2, e3, max);
            r = FpArith.maxMinNum(s, 32, x, y, max);
        } else {
            long x = FpArith.maxMin(s, 32, e0, e1, max), y = FpArith.maxMin(s, 32, e2, e3, max);
            r = FpArith.maxMin(s, 32, x, y, max);
        }
        s.setD(insn & 31, r & 0xffffffffL);
        return true;
    }

    // ---- two-register misc ------------------------------------------------------------------------------------

    private static boolean twoRegMisc(CpuState s, int insn, boolean scalar) {
        boolean q = (insn & (1 << 30)) != 0, u = (insn & (1 << 29)) != 0, a = (insn & (1 << 23)) != 0;
        boolean sz = (insn & (1 << 22)) != 0;
        int opcode = (insn >>> 12) & 31;
        int d = insn & 31, n = (insn >>> 5) & 31;
        boolean fp = opcode >= 0b10110 ? !(a && opcode == 0b11100) : a && opcode >= 0b01100 && opcode <= 0b01111;
        if (!fp) return false;
        int esize = sz ? 64 : 32;
        if (!a && (opcode == 0b10110 || opcode == 0b10111)) {
            if (scalar) {
                if (!u || opcode != 0b10110 || !sz) throw A64Fault.undefined(insn);
                s.setD(d, FpArith.convert(s, 64, 32, s.v[2 * n], RODD));
                return true;
            }
            narrowWiden(s, insn, q, u, sz, opcode == 0b10111, d, n);
            return true;
        }
        int key = (u ? 64 : 0) | (a ? 32 : 0) | opcode;
        if (!supportedMisc(key, scalar)) throw A64Fault.undefined(insn);
        if (scalar) {
            s.setD(d, miscOp(s, key, esize, lane(s, n, esize, 0)) & mask(esize));
            return true;
        }
        if (sz && !q) throw A64Fault.undefined(insn);
        int lanes = (q ? 128 : 64) / esize;
        long lo = 0, hi = 0;
        for (int i = 0; i < lanes; i++) {
            long r = miscOp(s, key, esize, lane(s, n, esize, i));
            if (isLow(esize, i)) lo = place(lo, esize, i, r);
            else hi = place(hi, esize, i, r);
        }
        s.setV(d, lo, hi);
        return true;
    }

    private static boolean supportedMisc(int key, boolean scalar) {
        int opcode = key & 31;
        boolean u = (key & 64) != 0, a = (key & 32) != 0;
        if (opcode >= 0b11010 && opcode <= 0b11011) return true; // FCVT{N,M,P,Z}{S,U}
        if (opcode == 0b11100) return !a; // FCVTA{S,U}
        if (opcode == 0b11101) return true; // SCVTF/UCVTF, FRECPE/FRSQRTE
        if (a && opcode >= 0b01100 && opcode <= 0b01110) return !(u && opcode == 0b01110); // FCM.. zero
        if (scalar) return !u && a && opcode == 0b11111; // FRECPX
        if (opcode == 0b01111) return true; // FABS, FNEG
        if (opcode == 0b11000 || opcode == 0b11001) return !(u && a && opcode == 0b11000); // FRINT*
        if (opcode == 0b11111) return u && a; // FSQRT
        return false; // FRINT32/64 (FEAT_FRINTTS), unallocated
    }

    /** A two-register misc operation on one element, key = U:a:opcode. */
    private static long miscOp(CpuState s, int key, int esize, long x) {
        long sign = FpArith.signBit(esize);
        return switch (key) {
            case 0b0011000 -> FpArith.roundInt(s, esize, x, RN, false);
            case 0b0011001 -> FpArith.roundInt(s, esize, x, RM, false);
            case 0b0011010 -> FpArith.toFixed(s, esize, x, 0, false, esize, RN);
            case 0b0011011 -> FpArith.toFixed(s, esize, x, 0, false, esize, RM);
            case 0b0011100 -> FpArith.toFixed(s, esize, x, 0, false, esize, RA);
            case 0b0011101 -> FpArith.fromFixed(s, esize, x, 0, false, esize, FpArith.rmode(s.fpcr));
            case 0b1011000 -> FpArith.roundInt(s, esize, x, RA, false);
            case 0b1011001 -> FpArith.roundInt(s, esize, x, FpArith.rmode(s.fpcr), true);
            case 0b1011010 -> FpArith.toFixed(s, esize, x, 0, true, esize, RN);
            case 0b1011011 -> FpArith.toFixed(s, esize, x, 0, true, esize, RM);
            case 0b1011100 -> FpArith.toFixed(s, esize, x, 0, true, esize, RA);
            case 0b1011101 -> FpArith.fromFixed(s, esize, x, 0, true, esize, FpArith.rmode(s.fpcr));
            case 0b0101100 -> FpArith.compareCond(s, esize, x, 0, 2) ? -1L : 0; // FCMGT #0
            case 0b0101101 -> FpArith.compareCond(s, esize, x, 0, 0) ? -1L : 0; // FCMEQ #0
            case 0b0101110 -> FpArith.compareCond(s, esize, 0, x, 2) ? -1L : 0; // FCMLT #0
            case 0b1101100 -> FpArith.compareCond(s, esize, x, 0, 1) ? -1L : 0; // FCMGE #0
            case 0b1101101 -> FpArith.compareCond(s, esize, 0, x, 1) ? -1L : 0; // FCMLE #0
            case 0b0101111 -> x & ~sign;
            case 0b1101111 -> x ^ sign;
            case 0b0111000 -> FpArith.roundInt(s, esize, x, RP, false);
            case 0b0111001 -> FpArith.roundInt(s, esize, x, RZ, false);
            case 0b1111001 -> FpArith.roundInt(s, esize, x, FpArith.rmode(s.fpcr), false);
            case 0b0111010 -> FpArith.toFixed(s, esize, x, 0, false, esize, RP);
            case 0b0111011 -> FpArith.toFixed(s, esize, x, 0, false, esize, RZ);
            case 0b1111010 -> FpArith.toFixed(s, esize, x, 0, true, esize, RP);
            case 0b1111011 -> FpArith.toFixed(s, esize, x, 0, true, esize, RZ);
            case 0b0111101 -> FpEstimates.recip(s, esize, x);
            case 0b1111101 -> FpEstimates.rsqrt(s, esize, x);
            case 0b0111111 -> FpArith.recpX(s, esize, x);
            case 0b1111111 -> FpArith.sqrt(s, esize, x);
            default -> throw new IllegalStateException();
        };
    }

    /** FCVTN/FCVTN2, FCVTXN/FCVTXN2 (narrow) and FCVTL/FCVTL2 (widen). */
    private static void narrowWiden(CpuState s, int insn, boolean q, boolean u, boolean sz, boolean widen, int d,
            int n) {
        int wide = sz ? 64 : 32, narrow = sz ? 32 : 16;
        int lanes = 64 / narrow;
        if (widen) {
            if (u) throw A64Fault.undefined(insn);
            long src = s.v[2 * n + (q ? 1 : 0)];
            long lo = 0, hi = 0;
            for (int i = 0; i < lanes; i++) {
                long x = (src >>> (narrow * i)) & mask(narrow);
                long r = FpArith.convert(s, narrow, wide, x, FpArith.rmode(s.fpcr));
                if (isLow(wide, i)) lo = place(lo, wide, i, r);
                else hi = place(hi, wide, i, r);
            }
            s.setV(d, lo, hi);
            return;
        }
        if (u && !sz) throw A64Fault.undefined(insn); // FCVTXN is double to single only
        int rmode = u ? RODD : FpArith.rmode(s.fpcr);
        long word = 0;
        for (int i = 0; i < lanes; i++) {
            word = place(word, narrow, i, FpArith.convert(s, wide, narrow, lane(s, n, wide, i), rmode));
        }
        if (q) s.v[2 * d + 1] = word;
        else s.setD(d, word);
    }

    // ---- by element -------------------------------------------------------------------------------------------

    private static boolean byElement(CpuState s, int insn, boolean scalar) {
        boolean q = (insn & (1 << 30)) != 0, u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3, opcode = (insn >>> 12) & 15;
        boolean mine = u ? opcode == 0b1001 : opcode == 0b0001 || opcode == 0b0101 || opcode == 0b1001;
        if (!mine) return false;
        if (size < 2) throw A64Fault.undefined(insn); // FP16 forms and unallocated
        int esize = size == 3 ? 64 : 32;
        boolean l = (insn & (1 << 21)) != 0, h = (insn & (1 << 11)) != 0;
        if (esize == 64 && (l || (!scalar && !q))) throw A64Fault.undefined(insn);
        int index = esize == 64 ? (h ? 1 : 0) : (h ? 2 : 0) | (l ? 1 : 0);
        int d = insn & 31, n = (insn >>> 5) & 31, m = (insn >>> 16) & 31;
        long y = lane(s, m, esize, index);
        long sign = FpArith.signBit(esize);
        int lanes = scalar ? 1 : (q ? 128 : 64) / esize;
        long lo = 0, hi = 0;
        for (int i = 0; i < lanes; i++) {
            long x = lane(s, n, esize, i);
            long r = switch (opcode) {
                case 0b0001 -> FpArith.mulAdd(s, esize, lane(s, d, esize, i), x, y);
                case 0b0101 -> FpArith.mulAdd(s, esize, lane(s, d, esize, i), x ^ sign, y);
                default -> u ? FpArith.mulx(s, esize, x, y) : FpArith.mul(s, esize, x, y);
            };
            if (isLow(esize, i)) lo = place(lo, esize, i, r);
            else hi = place(hi, esize, i, r);
        }
        s.setV(d, lo, hi);
        return true;
    }

    // ---- shift by immediate: fixed-point conversions -----------------------------------------------------------

    private static boolean shiftByImmediate(CpuState s, int insn, boolean scalar) {
        int opcode = (insn >>> 11) & 31;
        if (opcode != 0b11100 && opcode != 0b11111) return false;
        boolean q = (insn & (1 << 30)) != 0, u = (insn & (1 << 29)) != 0;
        int immh = (insn >>> 19) & 15, immhb = (insn >>> 16) & 127;
        int esize;
        if ((immh & 8) != 0) esize = 64;
        else if ((immh & 4) != 0) esize = 32;
        else throw A64Fault.undefined(insn); // FP16 forms
        if (!scalar && esize == 64 && !q) throw A64Fault.undefined(insn);
        int fbits = 2 * esize - immhb;
        int d = insn & 31, n = (insn >>> 5) & 31;
        int lanes = scalar ? 1 : (q ? 128 : 64) / esize;
        long lo = 0, hi = 0;
        for (int i = 0; i < lanes; i++) {
            long x = lane(s, n, esize, i);
            long r = opcode == 0b11100 ? FpArith.fromFixed(s, esize, x, fbits, u, esize, FpArith.rmode(s.fpcr))
                    : FpArith.toFixed(s, esize, x, fbits, u, esize, RZ);
            if (isLow(esize, i)) lo = place(lo, esize, i, r);
            else hi = place(hi, esize, i, r);
        }
        s.setV(d, lo, hi);
        return true;
    }

    // ---- FMOV (vector, immediate) -----------------------------------------------------------------------------

    private static boolean modifiedImmediate(CpuState s, int insn) {
        if (((insn >>> 12) & 15) != 15) return false;
        boolean q = (insn & (1 << 30)) != 0, op = (insn & (1 << 29)) != 0, o2 = (insn & (1 << 11)) != 0;
        // o2=1: FMOV half precision (FP16) or unallocated; a double with Q=0: unallocated.
        if (o2 || (op && !q)) throw A64Fault.undefined(insn);
        int imm8 = ((insn >>> 11) & 0xe0) | ((insn >>> 5) & 31);
        if (op) {
            long v = ScalarFp.expandImm(64, imm8);
            s.setV(insn & 31, v, v);
        } else {
            long f = ScalarFp.expandImm(32, imm8);
            long w = f | f << 32;
            s.setV(insn & 31, w, q ? w : 0);
        }
        return true;
    }
}
