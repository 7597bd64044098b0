package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/**
 * Advanced SIMD two-register miscellaneous (integer opcodes) and its scalar form: reversals, pairwise long adds,
 * bit counts, saturating accumulate/abs/neg, compares against zero, narrowing (XTN and the saturating forms),
 * SHLL and the unsigned reciprocal (square root) estimates.
 */
final class SimdTwoRegMisc {
    private SimdTwoRegMisc() {}

    // Keys: U:opcode.
    static final int U = 0x20;
    static final int REV64 = 0x00, REV16 = 0x01, SADDLP = 0x02, SUQADD = 0x03, CLS = 0x04, CNT = 0x05,
            SADALP = 0x06, SQABS = 0x07, CMGT0 = 0x08, CMEQ0 = 0x09, CMLT0 = 0x0a, ABS = 0x0b, XTN = 0x12,
            SQXTN = 0x14, URECPE = 0x1c;
    static final int REV32 = U | 0x00, UADDLP = U | 0x02, USQADD = U | 0x03, CLZ = U | 0x04, NOT_RBIT = U | 0x05,
            UADALP = U | 0x06, SQNEG = U | 0x07, CMGE0 = U | 0x08, CMLE0 = U | 0x09, NEG = U | 0x0b,
            SQXTUN = U | 0x12, SHLL = U | 0x13, UQXTN = U | 0x14, URSQRTE = U | 0x1c;

    /** Vector form: 0 Q U 01110 size 10000 opcode 10 Rn Rd. */
    static void executeVector(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0;
        int size = (insn >>> 22) & 3, key = (insn >>> 24) & U | (insn >>> 12) & 31;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        boolean allocated = switch (key) {
            case REV64, SADDLP, UADDLP, CLS, CLZ, SADALP, UADALP, XTN, SQXTN, SQXTUN, UQXTN, SHLL -> size != 3;
            case REV16, CNT -> size == 0;
            case REV32 -> size < 2;
            case NOT_RBIT -> size < 2;
            case SUQADD, USQADD, SQABS, SQNEG, CMGT0, CMGE0, CMEQ0, CMLE0, CMLT0, ABS, NEG -> size != 3 || q;
            case URECPE, URSQRTE -> size == 2;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        // NOT and RBIT work on bytes: their size field selects the operation.
        int esize = key == NOT_RBIT ? 8 : 8 << size, datasize = q ? 128 : 64;
        long nlo = s.v[2 * rn], nhi = q ? s.v[2 * rn + 1] : 0, dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long rlo = 0, rhi = 0;
        switch (key) {
            case XTN, SQXTN, SQXTUN, UQXTN -> {
                // Narrowing: the 2*esize elements of all of Vn into one half of Vd.
                long fhi = s.v[2 * rn + 1];
                for (int e = 0; e < 64 / esize; e++) {
                    rlo |= place(narrow(s, key, get(nlo, fhi, e, 2 * esize), esize), e, esize);
                }
                if (q) s.setV(rd, dlo, rlo);
                else s.setD(rd, rlo);
                return;
            }
            case SHLL -> {
                long half = q ? s.v[2 * rn + 1] : nlo;
                for (int e = 0; e < 64 / esize; e++) {
                    long r = get(half, 0, e, esize) << esize;
                    if (inHigh(e, 2 * esize)) rhi |= place(r, e, 2 * esize);
                    else rlo |= place(r, e, 2 * esize);
                }
                s.setV(rd, rlo, rhi);
                return;
            }
            case SADDLP, UADDLP, SADALP, UADALP -> {
                boolean signed = key == SADDLP || key == SADALP, accumulate = key == SADALP || key == UADALP;
                int wide = 2 * esize;
                for (int e = 0; e < datasize / wide; e++) {
                    long r = get(nlo, nhi, 2 * e, esize, signed) + get(nlo, nhi, 2 * e + 1, esize, signed);
                    if (accumulate) r += get(dlo, dhi, e, wide);
                    if (inHigh(e, wide)) rhi |= place(r, e, wide);
                    else rlo |= place(r, e, wide);
                }
            }
            case REV64, REV32, REV16 -> {
                int container = key == REV64 ? 64 : key == REV32 ? 32 : 16;
                int flip = container / esize - 1; // element index bits reversed within a container
                for (int e = 0; e < datasize / esize; e++) {
                    long r = get(nlo, nhi, e ^ flip, esize);
                    if (inHigh(e, esize)) rhi |= place(r, e, esize);
                    else rlo |= place(r, e, esize);
                }
            }
            default -> {
                for (int e = 0; e < datasize / esize; e++) {
                    long r = element(s, key, size, get(nlo, nhi, e, esize), get(dlo, dhi, e, esize), esize);
                    if (inHigh(e, esize)) rhi |= place(r, e, esize);
                    else rlo |= place(r, e, esize);
                }
            }
        }
        if (q) s.setV(rd, rlo, rhi);
        else s.setD(rd, rlo);
    }

    /** Scalar form: 01 U 11110 size 10000 opcode 10 Rn Rd. */
    static void executeScalar(CpuState s, int insn) {
        int size = (insn >>> 22) & 3, key = (insn >>> 24) & U | (insn >>> 12) & 31;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        boolean allocated = switch (key) {
            case SUQADD, USQADD, SQABS, SQNEG -> true;
            case CMGT0, CMGE0, CMEQ0, CMLE0, CMLT0, ABS, NEG -> size == 3;
            case SQXTN, SQXTUN, UQXTN -> size != 3;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size;
        long r;
        if (key == SQXTN || key == SQXTUN || key == UQXTN) {
            r = narrow(s, key, s.v[2 * rn] & mask(2 * esize), esize);
        } else {
            r = element(s, key, size, s.v[2 * rn] & mask(esize), s.v[2 * rd] & mask(esize), esize);
        }
        s.setD(rd, r & mask(esize));
    }

    /** One element of the lane-wise operations: n and d zero-extended esize-bit elements of Vn and Vd. */
    static long element(CpuState s, int key, int size, long n, long d, int esize) {
        long sn = sext(n, esize);
        return switch (key) {
            case SUQADD -> Saturation.suqadd(s, sext(d, esize), n, esize);
            case USQADD -> Saturation.usqadd(s, d, sn, esize);
            case CLS -> Long.numberOfLeadingZeros(sn < 0 ? ~sn : sn) - 1 - (64 - esize);
            case CLZ -> Long.numberOfLeadingZeros(n) - (64 - esize);
            case CNT -> Long.bitCount(n);
            case NOT_RBIT -> size == 0 ? ~n : Long.reverse(n) >>> 56;
            case SQABS -> sn == Long.MIN_VALUE ? Saturation.signedLimit(s, false, 64)
                    : Saturation.signed(s, Math.abs(sn), esize);
            case SQNEG -> sn == Long.MIN_VALUE ? Saturation.signedLimit(s, false, 64) : Saturation.signed(s, -sn, esize);
            case CMGT0 -> sn > 0 ? -1 : 0;
            case CMGE0 -> sn >= 0 ? -1 : 0;
            case CMEQ0 -> sn == 0 ? -1 : 0;
            case CMLE0 -> sn <= 0 ? -1 : 0;
            case CMLT0 -> sn < 0 ? -1 : 0;
            case ABS -> Math.abs(sn);
            case NEG -> -sn;
            case URECPE -> unsignedRecipEstimate((int) n) & 0xffffffffL;
            case URSQRTE -> unsignedRSqrtEstimate((int) n) & 0xffffffffL;
            default -> throw new IllegalArgumentException("two-reg misc key " + key);
        };
    }

    /** XTN, SQXTN, UQXTN, SQXTUN of one 2*esize-bit element (zero-extended) to esize bits. */
    static long narrow(CpuState s, int key, long element, int esize) {
        int wide = 2 * esize;
        return switch (key) {
            case XTN -> element;
            case SQXTN -> Saturation.signed(s, sext(element, wide), esize);
            case SQXTUN -> Saturation.unsigned(s, sext(element, wide), esize);
            default -> Saturation.unsignedOfUnsigned(s, element, esize); // UQXTN
        };
    }

    /** The ARM ARM's UnsignedRecipEstimate (URECPE) of a 32-bit operand. */
    static int unsignedRecipEstimate(int operand) {
        if (operand >= 0) return -1;
        return recipEstimate(operand >>> 23) << 23;
    }

    /** The ARM ARM's UnsignedRSqrtEstimate (URSQRTE) of a 32-bit operand. */
    static int unsignedRSqrtEstimate(int operand) {
        if ((operand >>> 30) == 0) return -1;
        return recipSqrtEstimate(operand >>> 23) << 23;
    }

    /** RecipEstimate: a in [256, 512) (a 9-bit fraction of 0.5..1.0) to a 9-bit estimate of 1/a in [256, 512). */
    static int recipEstimate(int a) {
        a = a * 2 + 1;
        int b = (1 << 19) / a;
        return (b + 1) >> 1;
    }

    /** RecipSqrtEstimate: a in [128, 512) (0.25..1.0) to a 9-bit estimate of 1/sqrt(a) in [256, 512). */
    static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        int b = 512;
        while ((long) a * (b + 1) * (b + 1) < (1L << 28)) b++;
        return (b + 1) >> 1;
    }
}
