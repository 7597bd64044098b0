package org.mdemu.emulator.a64;

/**
 * The A64 scalar floating point: data processing with 1, 2 and 3 sources, compares, conditional compare/select,
 * immediates, conversions between FP and integer or fixed point, FMOV between registers; FPCR rounding, FPSR flags,
 * NaN propagation and default NaN as the ARM ARM specifies ({@link FpArith}). Single and double precision; half
 * precision only in FCVT (FP16 arithmetic is not implemented: undefined).
 */
final class ScalarFp {
    private ScalarFp() {}

    /** Executes an instruction of the scalar FP groups: sf 0 S 1111x, as the top-level decode routes them. */
    static long execute(CpuState s, int insn, long pc) {
        if ((insn & (1 << 29)) != 0) throw A64Fault.undefined(insn);
        if ((insn & (1 << 24)) != 0) {
            dataProcessing3(s, insn);
        } else if ((insn & (1 << 21)) == 0) {
            fixedPointConversion(s, insn);
        } else {
            switch ((insn >>> 10) & 3) {
                case 1 -> conditionalCompare(s, insn);
                case 2 -> dataProcessing2(s, insn);
                case 3 -> conditionalSelect(s, insn);
                default -> {
                    if ((insn & (1 << 12)) != 0) immediate(s, insn);
                    else if ((insn & (1 << 13)) != 0) compare(s, insn);
                    else if ((insn & (1 << 14)) != 0) dataProcessing1(s, insn);
                    else if ((insn & (1 << 15)) == 0) integerConversion(s, insn);
                    else throw A64Fault.undefined(insn);
                }
            }
        }
        return pc + 4;
    }

    /** The format of the type field (23:22) for arithmetic: 32 or 64; half (FP16) and 10 are undefined. */
    private static int arithmeticSize(int insn) {
        if ((insn & (1 << 31)) != 0) throw A64Fault.undefined(insn);
        return switch ((insn >>> 22) & 3) {
            case 0 -> 32;
            case 1 -> 64;
            default -> throw A64Fault.undefined(insn);
        };
    }

    static long read(CpuState s, int reg, int n) {
        long v = s.v[2 * reg];
        return n == 64 ? v : v & ((1L << n) - 1);
    }

    private static void dataProcessing3(CpuState s, int insn) {
        int n = arithmeticSize(insn);
        int d = insn & 31, rn = (insn >>> 5) & 31, ra = (insn >>> 10) & 31, rm = (insn >>> 16) & 31;
        boolean o1 = (insn & (1 << 21)) != 0, o0 = (insn & (1 << 15)) != 0;
        long a = read(s, ra, n), x = read(s, rn, n), y = read(s, rm, n);
        long signBit = FpArith.signBit(n);
        if (o1) a ^= signBit;
        if (o0 != o1) x ^= signBit;
        s.setD(d, FpArith.mulAdd(s, n, a, x, y));
    }

    private static void dataProcessing2(CpuState s, int insn) {
        int n = arithmeticSize(insn);
        int d = insn & 31, rn = (insn >>> 5) & 31, rm = (insn >>> 16) & 31;
        long a = read(s, rn, n), b = read(s, rm, n);
        long r = switch ((insn >>> 12) & 15) {
            case 0 -> FpArith.mul(s, n, a, b);
            case 1 -> FpArith.div(s, n, a, b);
            case 2 -> FpArith.add(s, n, a, b, false);
            case 3 -> FpArith.add(s, n, a, b, true);
            case 4 -> FpArith.maxMin(s, n, a, b, true);
            case 5 -> FpArith.maxMin(s, n, a, b, false);
            case 6 -> FpArith.maxMinNum(s, n, a, b, true);
            case 7 -> FpArith.maxMinNum(s, n, a, b, false);
            case 8 -> FpArith.mul(s, n, a, b) ^ FpArith.signBit(n);
            default -> throw A64Fault.undefined(insn);
        };
        s.setD(d, r);
    }

    private static void dataProcessing1(CpuState s, int insn) {
        if ((insn & (1 << 31)) != 0) throw A64Fault.undefined(insn);
        int opcode = (insn >>> 15) & 63, type = (insn >>> 22) & 3;
        int d = insn & 31, rn = (insn >>> 5) & 31;
        if (opcode >= 4 && opcode <= 7) {
            int from = type == 0 ? 32 : type == 1 ? 64 : type == 3 ? 16 : 0;
            int opc = opcode & 3;
            int to = opc == 0 ? 32 : opc == 1 ? 64 : opc == 3 ? 16 : 0;
            if (from == 0 || to == 0 || from == to) throw A64Fault.undefined(insn);
            s.setD(d, FpArith.convert(s, from, to, read(s, rn, from), FpArith.rmode(s.fpcr)));
            return;
        }
        int n = arithmeticSize(insn);
        long a = read(s, rn, n);
        long r = switch (opcode) {
            case 0 -> a;
            case 1 -> a & ~FpArith.signBit(n);
            case 2 -> a ^ FpArith.signBit(n);
            case 3 -> FpArith.sqrt(s, n, a);
            case 8 -> FpArith.roundInt(s, n, a, FpArith.RN, false);
            case 9 -> FpArith.roundInt(s, n, a, FpArith.RP, false);
            case 10 -> FpArith.roundInt(s, n, a, FpArith.RM, false);
            case 11 -> FpArith.roundInt(s, n, a, FpArith.RZ, false);
            case 12 -> FpArith.roundInt(s, n, a, FpArith.RA, false);
            case 14 -> FpArith.roundInt(s, n, a, FpArith.rmode(s.fpcr), true);
            case 15 -> FpArith.roundInt(s, n, a, FpArith.rmode(s.fpcr), false);
            default -> throw A64Fault.undefined(insn); // FRINT32/64 (FEAT_FRINTTS), BFCVT, unallocated
        };
        s.setD(d, r);
    }

    private static void compare(CpuState s, int insn) {
        if ((insn & 0xc007) != 0) throw A64Fault.undefined(insn); // op (15:14) and opcode2<2:0> must be zero
        int n = arithmeticSize(insn);
        long a = read(s, (insn >>> 5) & 31, n);
        long b = (insn & 8) != 0 ? 0 : read(s, (insn >>> 16) & 31, n);
        s.nzcv = (long) FpArith.compare(s, n, a, b, (insn & 16) != 0) << 28;
    }

    private static void conditionalCompare(CpuState s, int insn) {
        int n = arithmeticSize(insn);
        if (s.holds((insn >>> 12) & 15)) {
            long a = read(s, (insn >>> 5) & 31, n), b = read(s, (insn >>> 16) & 31, n);
            s.nzcv = (long) FpArith.compare(s, n, a, b, (insn & 16) != 0) << 28;
        } else {
            s.nzcv = (long) (insn & 15) << 28;
        }
    }

    private static void conditionalSelect(CpuState s, int insn) {
        int n = arithmeticSize(insn);
        int reg = s.holds((insn >>> 12) & 15) ? (insn >>> 5) & 31 : (insn >>> 16) & 31;
        s.setD(insn & 31, read(s, reg, n));
    }

    private static void immediate(CpuState s, int insn) {
        if (((insn >>> 5) & 31) != 0) throw A64Fault.undefined(insn);
        int n = arithmeticSize(insn);
        s.setD(insn & 31, expandImm(n, (insn >>> 13) & 0xff));
    }

    /** VFPExpandImm: the 8-bit immediate of FMOV as a value of format n. */
    static long expandImm(int n, int imm8) {
        int e = FpArith.expBits(n), f = FpArith.fracBits(n);
        long sign = (long) (imm8 >>> 7) << (n - 1);
        int b6 = (imm8 >>> 6) & 1;
        long exp = ((long) (b6 ^ 1) << (e - 1)) | (b6 == 1 ? ((1L << (e - 3)) - 1) << 2 : 0) | ((imm8 >>> 4) & 3);
        return sign | exp << f | (long) (imm8 & 15) << (f - 4);
    }

    private static void fixedPointConversion(CpuState s, int insn) {
        boolean sf = (insn & (1 << 31)) != 0;
        int scale = (insn >>> 10) & 63;
        if (!sf && scale < 32) throw A64Fault.undefined(insn);
        int n = switch ((insn >>> 22) & 3) {
            case 0 -> 32;
            case 1 -> 64;
            default -> throw A64Fault.undefined(insn);
        };
        int fbits = 64 - scale, m = sf ? 64 : 32;
        int d = insn & 31, rn = (insn >>> 5) & 31;
        switch ((insn >>> 16) & 31) {
            case 0b00010, 0b00011 -> s.setD(d, FpArith.fromFixed(s, n, s.xzr(rn), fbits, (insn & 0x10000) != 0, m,
                    FpArith.rmode(s.fpcr)));
            case 0b11000, 0b11001 -> {
                long r = FpArith.toFixed(s, n, read(s, rn, n), fbits, (insn & 0x10000) != 0, m, FpArith.RZ);
                s.setXzr(d, r);
            }
            default -> throw A64Fault.undefined(insn);
        }
    }

    private static void integerConversion(CpuState s, int insn) {
        boolean sf = (insn & (1 << 31)) != 0;
        int type = (insn >>> 22) & 3, rmode = (insn >>> 19) & 3, opcode = (insn >>> 16) & 7;
        int d = insn & 31, rn = (insn >>> 5) & 31;
        int m = sf ? 64 : 32;
        if (opcode == 6 || opcode == 7) {
            fmovGeneral(s, insn, sf, type, rmode, opcode == 7, d, rn);
            return;
        }
        int n = switch (type) {
            case 0 -> 32;
            case 1 -> 64;
            default -> throw A64Fault.undefined(insn);
        };
        if (opcode < 2) {
            long r = FpArith.toFixed(s, n, read(s, rn, n), 0, opcode == 1, m, rmode);
            s.setXzr(d, r);
        } else if (rmode != 0) {
            throw A64Fault.undefined(insn);
        } else if (opcode < 4) {
            s.setD(d, FpArith.fromFixed(s, n, s.xzr(rn), 0, opcode == 3, m, FpArith.rmode(s.fpcr)));
        } else {
            s.setXzr(d, FpArith.toFixed(s, n, read(s, rn, n), 0, opcode == 5, m, FpArith.RA));
        }
    }

    private static void fmovGeneral(CpuState s, int insn, boolean sf, int type, int rmode, boolean toVector, int d,
            int rn) {
        if (!sf && type == 0 && rmode == 0) {
            if (toVector) s.setD(d, s.xzr(rn) & 0xffffffffL);
            else s.setXzr(d, s.v[2 * rn] & 0xffffffffL);
        } else if (sf && type == 1 && rmode == 0) {
            if (toVector) s.setD(d, s.xzr(rn));
            else s.setXzr(d, s.v[2 * rn]);
        } else if (sf && type == 2 && rmode == 1) {
            if (toVector) s.v[2 * d + 1] = s.xzr(rn);
            else s.setXzr(d, s.v[2 * rn + 1]);
        } else {
            throw A64Fault.undefined(insn); // FMOV with H (FP16), FJCVTZS (FEAT_JSCVT), unallocated
        }
    }
}
