package org.mdemu.emulator.a64;

/** The A64 branches: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET (and the PAC-less forms clang emits). */
final class Branches {
    private Branches() {}

    static long execute(CpuState s, int insn, long pc) {
        throw A64Fault.undefined(insn);
    }
}
