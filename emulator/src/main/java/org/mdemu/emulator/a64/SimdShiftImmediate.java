package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/**
 * Advanced SIMD shift by immediate (integer opcodes) and its scalar form. immh:immb encodes the element size (the
 * highest set bit of immh) and the shift: right shifts 2*esize - immh:immb (1..esize), left shifts immh:immb - esize
 * (0..esize-1). The narrowing forms take esize as the narrow size.
 */
final class SimdShiftImmediate {
    private SimdShiftImmediate() {}

    static final int U = 0x20;
    static final int SSHR = 0x00, SSRA = 0x02, SRSHR = 0x04, SRSRA = 0x06, SRI = U | 0x08, SHL = 0x0a,
            SLI = U | 0x0a, SQSHLU = U | 0x0c, SQSHL = 0x0e, UQSHL = U | 0x0e, SHRN = 0x10, SQSHRUN = U | 0x10,
            RSHRN = 0x11, SQRSHRUN = U | 0x11, SQSHRN = 0x12, UQSHRN = U | 0x12, SQRSHRN = 0x13, UQRSHRN = U | 0x13,
            SSHLL = 0x14, USHLL = U | 0x14;

    /** 0 Q U 011110 immh immb opcode 1 Rn Rd, immh != 0. */
    static void executeVector(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0;
        int key = (insn >>> 24) & U | (insn >>> 11) & 31, immh = (insn >>> 19) & 15, immhb = (insn >>> 16) & 127;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        int esize = 8 << (31 - Integer.numberOfLeadingZeros(immh));
        boolean narrowing = isNarrowing(key);
        boolean allocated = switch (key) {
            case SSHR, SSHR | U, SSRA, SSRA | U, SRSHR, SRSHR | U, SRSRA, SRSRA | U, SRI, SHL, SLI, SQSHLU, SQSHL,
                    UQSHL -> esize != 64 || q;
            case SHRN, SQSHRUN, RSHRN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN, SSHLL, USHLL -> esize != 64;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        long nlo = s.v[2 * rn], nhi = s.v[2 * rn + 1], dlo = s.v[2 * rd], dhi = s.v[2 * rd + 1];
        long rlo = 0, rhi = 0;
        if (narrowing) {
            int shift = 2 * esize - immhb;
            for (int e = 0; e < 64 / esize; e++) {
                rlo |= place(narrow(s, key, get(nlo, nhi, e, 2 * esize), shift, esize), e, esize);
            }
            if (q) s.setV(rd, dlo, rlo);
            else s.setD(rd, rlo);
            return;
        }
        if (key == SSHLL || key == USHLL) {
            int shift = immhb - esize;
            long half = q ? nhi : nlo;
            for (int e = 0; e < 64 / esize; e++) {
                long r = get(half, 0, e, esize, key == SSHLL) << shift;
                if (inHigh(e, 2 * esize)) rhi |= place(r, e, 2 * esize);
                else rlo |= place(r, e, 2 * esize);
            }
            s.setV(rd, rlo, rhi);
            return;
        }
        for (int e = 0; e < (q ? 128 : 64) / esize; e++) {
            long r = element(s, key, get(nlo, nhi, e, esize), get(dlo, dhi, e, esize), immhb, esize);
            if (inHigh(e, esize)) rhi |= place(r, e, esize);
            else rlo |= place(r, e, esize);
        }
        if (q) s.setV(rd, rlo, rhi);
        else s.setD(rd, rlo);
    }

    /** 01 U 111110 immh immb opcode 1 Rn Rd, immh != 0. */
    static void executeScalar(CpuState s, int insn) {
        int key = (insn >>> 24) & U | (insn >>> 11) & 31, immh = (insn >>> 19) & 15, immhb = (insn >>> 16) & 127;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        int esize = 8 << (31 - Integer.numberOfLeadingZeros(immh));
        boolean allocated = switch (key) {
            case SSHR, SSHR | U, SSRA, SSRA | U, SRSHR, SRSHR | U, SRSRA, SRSRA | U, SRI, SHL, SLI -> esize == 64;
            case SQSHLU, SQSHL, UQSHL -> true;
            case SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN -> esize != 64;
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        long r;
        if (isNarrowing(key)) {
            r = narrow(s, key, s.v[2 * rn] & mask(2 * esize), 2 * esize - immhb, esize);
        } else {
            r = element(s, key, s.v[2 * rn] & mask(esize), s.v[2 * rd] & mask(esize), immhb, esize);
        }
        s.setD(rd, r & mask(esize));
    }

    private static boolean isNarrowing(int key) {
        return (key & 31) >= SHRN && (key & 31) <= SQRSHRN;
    }

    /** One same-size element: n and d zero-extended esize-bit elements of Vn and Vd. */
    static long element(CpuState s, int key, long n, long d, int immhb, int esize) {
        int right = 2 * esize - immhb, left = immhb - esize;
        long sn = sext(n, esize);
        return switch (key) {
            case SSHR -> sshr(sn, right);
            case SSHR | U -> ushr(n, right);
            case SSRA -> d + sshr(sn, right);
            case SSRA | U -> d + ushr(n, right);
            case SRSHR -> srshr(sn, right);
            case SRSHR | U -> urshr(n, right);
            case SRSRA -> d + srshr(sn, right);
            case SRSRA | U -> d + urshr(n, right);
            case SRI -> {
                long m = ushr(mask(esize), right);
                yield (d & ~m) | ushr(n, right);
            }
            case SHL -> n << left;
            case SLI -> {
                long m = mask(esize) << left;
                yield (d & ~m) | (n << left);
            }
            case SQSHL -> SimdThreeSame.shiftByRegister(s, sn, left, esize, false, false, true);
            case UQSHL -> SimdThreeSame.shiftByRegister(s, n, left, esize, true, false, true);
            case SQSHLU -> {
                if (sn < 0) {
                    s.fpsr |= Saturation.QC;
                    yield 0;
                }
                yield SimdThreeSame.shiftByRegister(s, sn, left, esize, true, false, true);
            }
            default -> throw new IllegalArgumentException("shift-immediate key " + key);
        };
    }

    /** One narrowing shift: element a zero-extended 2*esize-bit element of Vn, shifted right by 1..esize. */
    static long narrow(CpuState s, int key, long element, int shift, int esize) {
        int wide = 2 * esize;
        long sn = sext(element, wide);
        return switch (key) {
            case SHRN -> element >>> shift;
            case RSHRN -> urshr(element, shift);
            case SQSHRN -> Saturation.signed(s, sshr(sn, shift), esize);
            case SQRSHRN -> Saturation.signed(s, srshr(sn, shift), esize);
            // A 64-bit element rounded right by 1 can be 2^63: compare as unsigned.
            case UQSHRN -> Saturation.unsignedOfUnsigned(s, ushr(element, shift), esize);
            case UQRSHRN -> Saturation.unsignedOfUnsigned(s, urshr(element, shift), esize);
            case SQSHRUN -> Saturation.unsigned(s, sshr(sn, shift), esize);
            case SQRSHRUN -> Saturation.unsigned(s, srshr(sn, shift), esize);
            default -> throw new IllegalArgumentException("narrowing shift key " + key);
        };
    }
}
