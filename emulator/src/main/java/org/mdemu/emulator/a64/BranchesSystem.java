package org.mdemu.emulator.a64;

/**
 * The "branches, exception generating and system instructions" group: branches go to {@link Branches}; SVC, BRK,
 * HLT, hints, barriers, MRS/MSR and SYS to {@link SystemInstructions}.
 */
final class BranchesSystem {
    private BranchesSystem() {}

    static long execute(CpuState s, int insn, long pc) {
        // Exception generation (11010100 xxx) and system (1101010100 ...) both start with 0xd4/0xd5.
        if ((insn & 0xfe000000) == 0xd4000000) return SystemInstructions.execute(s, insn, pc);
        return Branches.execute(s, insn, pc);
    }
}
