package org.mdemu.emulator.a64;

/**
 * The A64 branches: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET. Each returns the next pc. Undefined: BC.cond
 * (v8.8), the PAC branches (BRAA, RETAA...: no PAC is reported), ERET/DRPS at EL0 and every unallocated encoding.
 */
final class Branches {
    private Branches() {}

    static long execute(CpuState s, int insn, long pc) {
        if ((insn & 0x7c000000) == 0x14000000) { // B, BL
            if (insn < 0) s.x[30] = pc + 4;
            return pc + ((long) (insn << 6) >> 4);
        }
        if ((insn & 0x7e000000) == 0x34000000) { // CBZ, CBNZ
            long value = s.xzr(insn & 31);
            if (insn >= 0) value = (int) value;
            boolean zero = value == 0, branchIfNonZero = (insn & (1 << 24)) != 0;
            return zero != branchIfNonZero ? pc + imm19(insn) : pc + 4;
        }
        if ((insn & 0x7e000000) == 0x36000000) { // TBZ, TBNZ
            int bit = (insn >>> 26) & 0x20 | (insn >>> 19) & 0x1f;
            boolean set = ((s.xzr(insn & 31) >>> bit) & 1) != 0, branchIfSet = (insn & (1 << 24)) != 0;
            return set == branchIfSet ? pc + ((long) (insn << 13 >> 18) << 2) : pc + 4;
        }
        if ((insn & 0xff000010) == 0x54000000) { // B.cond (o1 = 0, o0 = 0; o0 = 1 is BC.cond)
            return s.holds(insn & 0xf) ? pc + imm19(insn) : pc + 4;
        }
        // BR, BLR, RET: opc 0000/0001/0010, op2 11111, op3 000000, op4 00000; the rest (PAC, ERET, DRPS) undefined.
        int masked = insn & 0xfffffc1f;
        if (masked == 0xd61f0000 || masked == 0xd63f0000 || masked == 0xd65f0000) {
            long target = s.xzr((insn >>> 5) & 31);
            if (masked == 0xd63f0000) s.x[30] = pc + 4;
            return target;
        }
        throw A64Fault.undefined(insn);
    }

    /** The imm19 of B.cond and CBZ/CBNZ (bits 23:5), scaled and sign-extended. */
    private static long imm19(int insn) {
        return (long) (insn << 8 >> 13) << 2;
    }
}
