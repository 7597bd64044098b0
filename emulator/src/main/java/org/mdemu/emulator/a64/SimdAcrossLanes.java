package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.*;

/** Advanced SIMD across lanes (ADDV, SADDLV/UADDLV, SMAXV/UMAXV/SMINV/UMINV) and scalar pairwise ADDP. */
final class SimdAcrossLanes {
    private SimdAcrossLanes() {}

    static final int U = 0x20;
    static final int SADDLV = 0x03, SMAXV = 0x0a, SMINV = 0x1a, ADDV = 0x1b;

    /** 0 Q U 01110 size 11000 opcode 10 Rn Rd. */
    static void execute(CpuState s, int insn) {
        boolean q = (insn & (1 << 30)) != 0;
        int size = (insn >>> 22) & 3, key = (insn >>> 24) & U | (insn >>> 12) & 31;
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        boolean allocated = switch (key) {
            case SADDLV, SADDLV | U, SMAXV, SMAXV | U, SMINV, SMINV | U, ADDV -> size != 3 && (size != 2 || q);
            default -> false;
        };
        if (!allocated) throw A64Fault.undefined(insn);
        int esize = 8 << size, elements = (q ? 128 : 64) / esize;
        boolean signed = (key & U) == 0;
        long lo = s.v[2 * rn], hi = s.v[2 * rn + 1];
        long r = get(lo, hi, 0, esize, signed);
        for (int e = 1; e < elements; e++) {
            long x = get(lo, hi, e, esize, signed);
            r = switch (key & 31) {
                case SMAXV -> Math.max(r, x);
                case SMINV -> Math.min(r, x);
                default -> r + x; // ADDV, SADDLV, UADDLV
            };
        }
        int resultSize = (key & 31) == SADDLV ? 2 * esize : esize;
        s.setD(rd, r & mask(resultSize));
    }

    /** Scalar pairwise, 01 U 11110 size 11000 opcode 10 Rn Rd: only ADDP (D) is integer. */
    static void executeScalarPairwise(CpuState s, int insn) {
        int size = (insn >>> 22) & 3, key = (insn >>> 24) & U | (insn >>> 12) & 31;
        if (key != 0x1b || size != 3) throw A64Fault.undefined(insn);
        int rn = (insn >>> 5) & 31, rd = insn & 31;
        s.setD(rd, s.v[2 * rn] + s.v[2 * rn + 1]);
    }
}
