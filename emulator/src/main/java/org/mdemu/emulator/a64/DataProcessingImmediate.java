package org.mdemu.emulator.a64;

/**
 * The A64 data processing (immediate) group: ADR/ADRP, ADD/SUB/ADDS/SUBS immediate, logical immediate, MOVZ/MOVN/MOVK,
 * bitfield (SBFM/BFM/UBFM), EXTR. The rest of the group (MTE ADDG/SUBG, v8.9 min/max immediate) is undefined.
 */
final class DataProcessingImmediate {
    private DataProcessingImmediate() {}

    static long execute(CpuState s, int insn, long pc) {
        switch ((insn >>> 23) & 7) { // op0, bits 25:23
            case 0, 1 -> pcRelative(s, insn, pc);
            case 2 -> addSubImmediate(s, insn);
            case 4 -> logicalImmediate(s, insn);
            case 5 -> moveWide(s, insn);
            case 6 -> bitfield(s, insn);
            case 7 -> extract(s, insn);
            default -> throw A64Fault.undefined(insn); // 3: add/sub immediate with tags, min/max immediate
        }
        return pc + 4;
    }

    /** ADR: Rd = pc + imm21; ADRP: Rd = pc with bits 11:0 cleared + imm21 * 4096. */
    static void pcRelative(CpuState s, int insn, long pc) {
        long imm = (long) (insn << 8 >> 13) << 2 | ((insn >>> 29) & 3); // immhi:immlo sign-extended
        long value = insn < 0 ? (pc & ~0xfffL) + (imm << 12) : pc + imm;
        s.setXzr(insn & 31, value);
    }

    static void addSubImmediate(CpuState s, int insn) {
        boolean sf = insn < 0, sub = (insn & (1 << 30)) != 0, setFlags = (insn & (1 << 29)) != 0;
        long imm = (insn >>> 10) & 0xfff;
        if ((insn & (1 << 22)) != 0) imm <<= 12;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        long a = s.xsp(rn);
        if (sub) imm = ~imm;
        int carry = sub ? 1 : 0;
        long result = a + imm + carry;
        if (setFlags) {
            s.nzcv = sf ? AddWithCarry.flags64(a, imm, carry) : AddWithCarry.flags32((int) a, (int) imm, carry);
            writeZr(s, rd, result, sf);
        } else {
            s.setXsp(rd, sf ? result : result & 0xffffffffL);
        }
    }

    static void logicalImmediate(CpuState s, int insn) {
        boolean sf = insn < 0;
        int n = (insn >>> 22) & 1;
        if (!sf && n != 0) throw A64Fault.undefined(insn);
        long imm = BitMasks.logicalImmediate(n, (insn >>> 10) & 0x3f, (insn >>> 16) & 0x3f, sf ? 64 : 32);
        if (imm == 0) throw A64Fault.undefined(insn);
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        long a = s.xzr(rn);
        long result;
        switch ((insn >>> 29) & 3) {
            case 0 -> result = a & imm;
            case 1 -> result = a | imm;
            case 2 -> result = a ^ imm;
            default -> {
                result = a & imm;
                s.nzcv = sf ? AddWithCarry.logical64(result) : AddWithCarry.logical32((int) result);
                writeZr(s, rd, result, sf);
                return;
            }
        }
        s.setXsp(rd, sf ? result : result & 0xffffffffL); // AND/ORR/EOR (immediate) write SP for 31
    }

    static void moveWide(CpuState s, int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, hw = (insn >>> 21) & 3;
        if (opc == 1 || (!sf && hw >= 2)) throw A64Fault.undefined(insn);
        int pos = hw << 4, rd = insn & 31;
        long imm = (long) ((insn >>> 5) & 0xffff) << pos;
        long result = switch (opc) {
            case 0 -> ~imm; // MOVN
            case 2 -> imm; // MOVZ
            default -> (s.xzr(rd) & ~(0xffffL << pos)) | imm; // MOVK
        };
        writeZr(s, rd, result, sf);
    }

    /** SBFM (opc 0), BFM (1), UBFM (2) and their aliases. */
    static void bitfield(CpuState s, int insn) {
        boolean sf = insn < 0;
        int opc = (insn >>> 29) & 3, n = (insn >>> 22) & 1, immr = (insn >>> 16) & 0x3f, imms = (insn >>> 10) & 0x3f;
        if (opc == 3 || (sf ? n != 1 : (n | immr >>> 5 | imms >>> 5) != 0)) throw A64Fault.undefined(insn);
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        s.setXzr(rd, bitfieldMove(opc, sf ? 64 : 32, immr, imms, s.xzr(rn), s.xzr(rd)));
    }

    /**
     * The result of SBFM/BFM/UBFM (opc 0/1/2) on src, with dst the old destination (read by BFM only), zero-extended
     * for datasize 32.
     */
    public static long bitfieldMove(int opc, int datasize, int immr, int imms, long src, long dst) {
        int n = datasize == 64 ? 1 : 0;
        long wmask = BitMasks.bitfieldWmask(n, imms, immr, datasize);
        long tmask = BitMasks.bitfieldTmask(n, imms, immr, datasize);
        long rotated = datasize == 64 ? Long.rotateRight(src, immr)
                : Integer.rotateRight((int) src, immr) & 0xffffffffL;
        long base = opc == 1 ? dst : 0;
        long bot = (base & ~wmask) | (rotated & wmask);
        long top = opc == 0 ? -((src >>> imms) & 1) : base;
        long result = (top & ~tmask) | (bot & tmask);
        return datasize == 64 ? result : result & 0xffffffffL;
    }

    /** EXTR (and ROR immediate): bits lsb+datasize-1..lsb of Rn:Rm. */
    static void extract(CpuState s, int insn) {
        boolean sf = insn < 0;
        int op21 = (insn >>> 29) & 3, n = (insn >>> 22) & 1, o0 = (insn >>> 21) & 1, imms = (insn >>> 10) & 0x3f;
        if (op21 != 0 || o0 != 0 || n != (sf ? 1 : 0) || (!sf && imms >= 32)) throw A64Fault.undefined(insn);
        int rm = (insn >>> 16) & 31, rn = (insn >>> 5) & 31, rd = insn & 31;
        long hi = s.xzr(rn), lo = s.xzr(rm), result;
        if (sf) {
            result = imms == 0 ? lo : lo >>> imms | hi << (64 - imms);
        } else {
            result = ((hi << 32 | (lo & 0xffffffffL)) >>> imms) & 0xffffffffL;
        }
        s.setXzr(rd, result);
    }

    /** Writes a result to Rd with 31 as XZR, zero-extending a W result. */
    static void writeZr(CpuState s, int rd, long result, boolean sf) {
        s.setXzr(rd, sf ? result : result & 0xffffffffL);
    }
}
