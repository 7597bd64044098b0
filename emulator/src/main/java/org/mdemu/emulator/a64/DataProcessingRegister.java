package org.mdemu.emulator.a64;

/**
 * The A64 data processing (register) group: logical and add/sub shifted register, add/sub extended register,
 * ADC/SBC, CCMN/CCMP, the CSEL family, 1-source (RBIT, REV*, CLZ, CLS), 2-source (UDIV/SDIV, shifts by register,
 * CRC32/CRC32C) and 3-source (MADD/MSUB, SMADDL/SMSUBL/UMADDL/UMSUBL, SMULH/UMULH). Undefined: FlagM (RMIF, SETF8/16),
 * PAC and MTE data processing, CSSC, and every unallocated encoding.
 */
final class DataProcessingRegister {
    private DataProcessingRegister() {}

    static long execute(CpuState s, int insn, long pc) {
        int op2 = (insn >>> 21) & 0xf;
        if ((insn & (1 << 28)) == 0) { // op1 = 0
            if (op2 < 8) logicalShifted(s, insn);
            else if ((op2 & 1) == 0) addSubShifted(s, insn);
            else addSubExtended(s, insn);
        } else if (op2 >= 8) {
            threeSource(s, insn);
        } else {
            switch (op2) {
                case 0 -> addSubWithCarry(s, insn);
                case 2 -> conditionalCompare(s, insn);
                case 4 -> conditionalSelect(s, insn);
                case 6 -> {
                    if ((insn & (1 << 30)) == 0) twoSource(s, insn);
                    else oneSource(s, insn);
                }
                default -> throw A64Fault.undefined(insn);
            }
        }
        return pc + 4;
    }

    static void logicalShifted(CpuState s, int insn) {
        boolean sf = insn < 0;
        int imm6 = (insn >>> 10) & 0x3f;
        if (!sf && imm6 >= 32) throw A64Fault.undefined(insn);
        int type = (insn >>> 22) & 3, rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        long b = sf ? ShiftExtend.shift64(s.xzr(rm), type, imm6) : ShiftExtend.shift32((int) s.xzr(rm), type, imm6);
        if ((insn & (1 << 21)) != 0) b = ~b; // N: BIC, ORN, EON, BICS
        long a = s.xzr(rn), result;
        switch ((insn >>> 29) & 3) {
            case 0 -> result = a & b;
            case 1 -> result = a | b;
            case 2 -> result = a ^ b;
            default -> {
                result = a & b;
                s.nzcv = sf ? AddWithCarry.logical64(result) : AddWithCarry.logical32((int) result);
            }
        }
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }

    static void addSubShifted(CpuState s, int insn) {
        boolean sf = insn < 0;
        int type = (insn >>> 22) & 3, imm6 = (insn >>> 10) & 0x3f;
        if (type == ShiftExtend.ROR || (!sf && imm6 >= 32)) throw A64Fault.undefined(insn);
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        long b = sf ? ShiftExtend.shift64(s.xzr(rm), type, imm6) : ShiftExtend.shift32((int) s.xzr(rm), type, imm6);
        long result = addSub(s, insn, s.xzr(rn), b, sf);
        s.setXzr(rd, result);
    }

    static void addSubExtended(CpuState s, int insn) {
        boolean sf = insn < 0;
        int opt = (insn >>> 22) & 3, imm3 = (insn >>> 10) & 7;
        if (opt != 0 || imm3 > 4) throw A64Fault.undefined(insn);
        int rm = (insn >>> 16) & 31, option = (insn >>> 13) & 7, rn = (insn >>> 5) & 31, rd = insn & 31;
        long b = ShiftExtend.extend(s.xzr(rm), option, imm3);
        long result = addSub(s, insn, s.xsp(rn), b, sf);
        if ((insn & (1 << 29)) != 0) s.setXzr(rd, result);
        else s.setXsp(rd, result);
    }

    /** a + b or a - b by bits 30 (op) and 29 (S, sets the flags); returns the result zero-extended for W. */
    private static long addSub(CpuState s, int insn, long a, long b, boolean sf) {
        int carry = 0;
        if ((insn & (1 << 30)) != 0) {
            b = ~b;
            carry = 1;
        }
        if ((insn & (1 << 29)) != 0) {
            s.nzcv = sf ? AddWithCarry.flags64(a, b, carry) : AddWithCarry.flags32((int) a, (int) b, carry);
        }
        long result = a + b + carry;
        return sf ? result : result & 0xffffffffL;
    }

    /** ADC/ADCS/SBC/SBCS; op3 (bits 15:10) other than 0 is FlagM (RMIF, SETF) or unallocated. */
    static void addSubWithCarry(CpuState s, int insn) {
        if ((insn & 0xfc00) != 0) throw A64Fault.undefined(insn);
        boolean sf = insn < 0;
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        long a = s.xzr(rn), b = s.xzr(rm);
        if ((insn & (1 << 30)) != 0) b = ~b;
        int carry = (s.nzcv & CpuState.C) != 0 ? 1 : 0;
        if ((insn & (1 << 29)) != 0) {
            s.nzcv = sf ? AddWithCarry.flags64(a, b, carry) : AddWithCarry.flags32((int) a, (int) b, carry);
        }
        long result = a + b + carry;
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }

    /** CCMN/CCMP register (bit 11 = 0) and immediate (bit 11 = 1): flags of the compare if cond holds, else #nzcv. */
    static void conditionalCompare(CpuState s, int insn) {
        // S must be 1, o2 (bit 10) and o3 (bit 4) 0.
        if ((insn & (1 << 29)) == 0 || (insn & (1 << 10)) != 0 || (insn & (1 << 4)) != 0) {
            throw A64Fault.undefined(insn);
        }
        boolean sf = insn < 0;
        int cond = (insn >>> 12) & 0xf;
        if (!s.holds(cond)) {
            s.nzcv = (long) (insn & 0xf) << 28;
            return;
        }
        int rn = (insn >>> 5) & 31, field = (insn >>> 16) & 31;
        long a = s.xzr(rn), b = (insn & (1 << 11)) != 0 ? field : s.xzr(field);
        int carry = 0;
        if ((insn & (1 << 30)) != 0) {
            b = ~b;
            carry = 1;
        }
        s.nzcv = sf ? AddWithCarry.flags64(a, b, carry) : AddWithCarry.flags32((int) a, (int) b, carry);
    }

    /** CSEL, CSINC, CSINV, CSNEG. */
    static void conditionalSelect(CpuState s, int insn) {
        int op2 = (insn >>> 10) & 3;
        if ((insn & (1 << 29)) != 0 || op2 >= 2) throw A64Fault.undefined(insn);
        boolean sf = insn < 0;
        int rm = (insn >>> 16) & 31, cond = (insn >>> 12) & 0xf, rn = (insn >>> 5) & 31, rd = insn & 31;
        long result;
        if (s.holds(cond)) {
            result = s.xzr(rn);
        } else {
            result = s.xzr(rm);
            if ((insn & (1 << 30)) != 0) result = ~result;
            if (op2 == 1) result++;
        }
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }

    static void twoSource(CpuState s, int insn) {
        if ((insn & (1 << 29)) != 0) throw A64Fault.undefined(insn); // S: MTE SUBPS
        boolean sf = insn < 0;
        int rm = (insn >>> 16) & 31, opcode = (insn >>> 10) & 0x3f, rn = (insn >>> 5) & 31, rd = insn & 31;
        long a = s.xzr(rn), b = s.xzr(rm), result;
        switch (opcode) {
            case 0b000010 -> result = sf ? udiv64(a, b) : Integer.toUnsignedLong(udiv32((int) a, (int) b));
            case 0b000011 -> result = sf ? sdiv64(a, b) : sdiv32((int) a, (int) b);
            case 0b001000 -> result = sf ? a << b : (int) a << b;
            case 0b001001 -> result = sf ? a >>> b : (int) a >>> b;
            case 0b001010 -> result = sf ? a >> b : (int) a >> b;
            case 0b001011 -> result = sf ? Long.rotateRight(a, (int) b) : Integer.rotateRight((int) a, (int) b);
            case 0b010000, 0b010001, 0b010010, 0b010011, 0b010100, 0b010101, 0b010110, 0b010111 -> {
                int size = opcode & 3;
                if (sf != (size == 3)) throw A64Fault.undefined(insn);
                int crc = (opcode & 4) == 0 ? Crc32.crc32((int) a, b, 1 << size) : Crc32.crc32c((int) a, b, 1 << size);
                result = Integer.toUnsignedLong(crc); // a W result even for CRC32X
            }
            default -> throw A64Fault.undefined(insn); // MTE, PACGA, CSSC min/max, unallocated
        }
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }

    /** UDIV: 0 when dividing by zero. */
    public static long udiv64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    public static int udiv32(int a, int b) {
        return b == 0 ? 0 : Integer.divideUnsigned(a, b);
    }

    /** SDIV: 0 when dividing by zero; MIN / -1 wraps to MIN (as Java's division does). */
    public static long sdiv64(long a, long b) {
        return b == 0 ? 0 : a / b;
    }

    public static int sdiv32(int a, int b) {
        return b == 0 ? 0 : a / b;
    }

    static void oneSource(CpuState s, int insn) {
        // S (bit 29) and opcode2 (bits 20:16) must be 0; opcode2 1 is PAC, opcode 0010xx... CSSC: all undefined.
        if ((insn & 0x201f0000) != 0) throw A64Fault.undefined(insn);
        boolean sf = insn < 0;
        int opcode = (insn >>> 10) & 0x3f, rn = (insn >>> 5) & 31, rd = insn & 31;
        long a = s.xzr(rn), result;
        if (sf) {
            result = switch (opcode) {
                case 0 -> Long.reverse(a);
                case 1 -> rev16(a);
                case 2 -> Long.rotateRight(Long.reverseBytes(a), 32); // REV32
                case 3 -> Long.reverseBytes(a);
                case 4 -> Long.numberOfLeadingZeros(a);
                case 5 -> Long.numberOfLeadingZeros(a ^ (a >> 1)) - 1; // CLS
                default -> throw A64Fault.undefined(insn);
            };
        } else {
            int w = (int) a;
            result = switch (opcode) {
                case 0 -> Integer.reverse(w);
                case 1 -> (int) rev16(w);
                case 2 -> Integer.reverseBytes(w);
                case 4 -> Integer.numberOfLeadingZeros(w);
                case 5 -> Integer.numberOfLeadingZeros(w ^ (w >> 1)) - 1;
                default -> throw A64Fault.undefined(insn);
            };
            result &= 0xffffffffL;
        }
        s.setXzr(rd, result);
    }

    /** REV16: the bytes of each halfword swapped. */
    public static long rev16(long a) {
        return (a & 0x00ff00ff00ff00ffL) << 8 | (a >>> 8) & 0x00ff00ff00ff00ffL;
    }

    static void threeSource(CpuState s, int insn) {
        boolean sf = insn < 0;
        int op54 = (insn >>> 29) & 3, op31 = (insn >>> 21) & 7, o0 = (insn >>> 15) & 1;
        int rm = (insn >>> 16) & 31, ra = (insn >>> 10) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        if (op54 != 0 || (!sf && op31 != 0)) throw A64Fault.undefined(insn);
        long a = s.xzr(rn), b = s.xzr(rm), result;
        switch (op31) {
            case 0 -> result = o0 == 0 ? s.xzr(ra) + a * b : s.xzr(ra) - a * b; // MADD, MSUB
            case 1 -> result = o0 == 0 ? s.xzr(ra) + (long) (int) a * (int) b : s.xzr(ra) - (long) (int) a * (int) b;
            case 5 -> {
                long p = (a & 0xffffffffL) * (b & 0xffffffffL);
                result = o0 == 0 ? s.xzr(ra) + p : s.xzr(ra) - p;
            }
            // SMULH/UMULH: Ra should be 31; like Unicorn 2 (and as the CONSTRAINED UNPREDICTABLE choices allow) it is
            // ignored.
            case 2 -> {
                if (o0 != 0) throw A64Fault.undefined(insn);
                result = Math.multiplyHigh(a, b);
            }
            case 6 -> {
                if (o0 != 0) throw A64Fault.undefined(insn);
                result = umulh(a, b);
            }
            default -> throw A64Fault.undefined(insn);
        }
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }

    /** The high 64 bits of the unsigned 128-bit product. */
    public static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
