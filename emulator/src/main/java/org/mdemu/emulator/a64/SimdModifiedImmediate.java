package org.mdemu.emulator.a64;

/**
 * Advanced SIMD modified immediate: 0 Q op 0111100000 a b c cmode o2 1 d e f g h Rd. MOVI, MVNI, ORR and BIC with
 * the immediate {@link #expandImm}; cmode 1111 (FMOV) is {@link SimdFp}'s.
 */
final class SimdModifiedImmediate {
    private SimdModifiedImmediate() {}

    /** Returns false for the FMOV encodings (cmode 1111); otherwise executes or throws undefined. */
    static boolean tryExecute(CpuState s, int insn) {
        int cmode = (insn >>> 12) & 15;
        if (cmode == 0b1111) return false;
        if ((insn & (1 << 11)) != 0) throw A64Fault.undefined(insn); // o2 = 1 outside FMOV (half): unallocated
        int rd = insn & 31;
        int imm8 = ((insn >>> 11) & 0xe0) | ((insn >>> 5) & 0x1f);
        boolean q = (insn & (1 << 30)) != 0, op = (insn & (1 << 29)) != 0;
        long imm = expandImm(op, cmode, imm8);
        long[] v = s.v;
        long lo, hi;
        boolean orrBic = (cmode & 1) != 0 && cmode < 0b1100;
        if (orrBic) {
            // ORR (op 0) / BIC (op 1) of the 16- or 32-bit shifted immediate.
            long operand = op ? ~imm : imm;
            if (op) {
                lo = v[2 * rd] & operand;
                hi = v[2 * rd + 1] & operand;
            } else {
                lo = v[2 * rd] | operand;
                hi = v[2 * rd + 1] | operand;
            }
        } else if (op && cmode == 0b1110) {
            lo = hi = imm; // MOVI 64-bit byte mask (D scalar when Q is 0)
        } else {
            lo = hi = op ? ~imm : imm; // MOVI / MVNI
        }
        v[2 * rd] = lo;
        v[2 * rd + 1] = q ? hi : 0;
        return true;
    }

    /** AdvSIMDExpandImm for cmode 0000..1110: the 64-bit immediate (before MVNI/BIC invert it). */
    static long expandImm(boolean op, int cmode, int imm8) {
        long b = imm8 & 0xffL;
        return switch (cmode >>> 1) {
            case 0 -> b * 0x0000000100000001L;
            case 1 -> (b << 8) * 0x0000000100000001L;
            case 2 -> (b << 16) * 0x0000000100000001L;
            case 3 -> (b << 24) * 0x0000000100000001L;
            case 4 -> b * 0x0001000100010001L;
            case 5 -> (b << 8) * 0x0001000100010001L;
            case 6 -> ((cmode & 1) == 0 ? (b << 8) | 0xff : (b << 16) | 0xffff) * 0x0000000100000001L;
            default -> op ? byteMask(imm8) : b * 0x0101010101010101L;
        };
    }

    /** Each bit of imm8 becomes a byte of ones or zeros (MOVI 64-bit). */
    static long byteMask(int imm8) {
        long r = 0;
        for (int i = 0; i < 8; i++) if ((imm8 & (1 << i)) != 0) r |= 0xffL << (8 * i);
        return r;
    }
}
