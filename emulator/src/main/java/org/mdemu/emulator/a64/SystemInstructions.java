package org.mdemu.emulator.a64;

import java.lang.invoke.VarHandle;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.Prot;

/**
 * The A64 exception generation and system instructions as a Linux process at EL0 executes them, on a CPU with
 * ARMv8.0 plus what {@link JavaMachine#HWCAP} advertises:
 * <ul>
 *   <li>SVC sets {@link CpuState#EVENT_SVC}; BRK is a BREAKPOINT fault at its pc; HLT, HVC, SMC, DCPS are undefined.</li>
 *   <li>The whole hint space executes as NOP (YIELD, WFE, WFI, SEV, SEVL, BTI, ESB, CSDB, the PAC hints PACIASP,
 *   AUTIASP, XPACLRI...), as on a CPU without those features.</li>
 *   <li>Barriers (DMB, DSB, ISB, SSBB, PSSBB, SB) go through {@link #barrier}; CLREX clears the exclusive monitor.</li>
 *   <li>MRS/MSR of NZCV, FPCR, FPSR and TPIDR_EL0; MRS of TPIDRRO_EL0 (0, as Linux leaves it for 64-bit tasks),
 *   CTR_EL0, DCZID_EL0, CNTFRQ_EL0 and CNTVCT_EL0 (what Linux enables at EL0: SCTLR_EL1.UCT, CNTKCTL_EL1.EL0VCTEN).</li>
 *   <li>DC ZVA zeroes its block; DC CVAU, CVAC, CIVAC, CVAP, CVADP and IC IVAU (SCTLR_EL1.UCI) change nothing but
 *   fault as the hardware does: the address must be mapped, and readable for the DC ones.</li>
 *   <li>Everything else, EL1 registers, DAIF, the ID registers (no HWCAP_CPUID), PSTATE fields of features not
 *   implemented (DIT, SSBS, FlagM's CFINV/XAFLAG/AXFLAG), is undefined.</li>
 * </ul>
 */
final class SystemInstructions {
    private SystemInstructions() {}

    /** CTR_EL0 as Unicorn 2 (QEMU's "max" CPU) reports it: 64-byte cache lines, IDC and DIC clear. */
    static final long CTR_EL0 = 0x8444c004L;
    /** DCZID_EL0: DC ZVA allowed (DZP clear), blocks of 4 << 4 = 64 bytes. */
    static final long DCZID_EL0 = 4;
    static final int ZVA_BLOCK = 64;
    /** The generic timer's frequency, as the Unicorn engines run it: 62.5 MHz (QEMU's 16 ns tick). */
    static final long CNTFRQ_EL0 = 62_500_000L;
    /** FPCR bits that hold what is written: AHP, DN, FZ, RMode, Stride, Len (no FZ16: no FP16 arithmetic). */
    static final int FPCR_WRITABLE = 0x07f70000;
    /** FPSR bits that hold what is written: N, Z, C, V (for AArch32 contexts), QC, IDC, IXC, UFC, OFC, DZC, IOC. */
    static final int FPSR_WRITABLE = 0xf800009f;

    /** The origin of the virtual counter, shared by every machine of the JVM (a forked child reads the same clock). */
    private static final long COUNTER_ORIGIN = System.nanoTime() - (1L << 32);

    static long execute(CpuState s, int insn, long pc) {
        if ((insn & 0xff000000) == 0xd4000000) return exceptionGeneration(s, insn, pc);
        if ((insn & 0xffc00000) == 0xd5000000) return system(s, insn, pc);
        throw A64Fault.undefined(insn);
    }

    private static long exceptionGeneration(CpuState s, int insn, long pc) {
        int opc = (insn >>> 21) & 7, op2 = (insn >>> 2) & 7, ll = insn & 3;
        if (op2 == 0 && opc == 0 && ll == 1) { // SVC #imm16
            s.event = CpuState.EVENT_SVC;
            return pc + 4;
        }
        if (op2 == 0 && opc == 1 && ll == 0) throw A64Fault.atPc(FaultKind.BREAKPOINT, "brk instruction");
        throw A64Fault.undefined(insn);
    }

    private static long system(CpuState s, int insn, long pc) {
        boolean read = (insn & (1 << 21)) != 0;
        int op0 = (insn >>> 19) & 3, op1 = (insn >>> 16) & 7, crn = (insn >>> 12) & 15, crm = (insn >>> 8) & 15;
        int op2 = (insn >>> 5) & 7, rt = insn & 31;
        switch (op0) {
            case 0:
                if (read || rt != 31) break;
                if (crn == 2 && op1 == 3) return pc + 4; // hints: all NOPs here
                if (crn == 3 && op1 == 3 && barrier(s, crm, op2)) return pc + 4;
                break; // crn 4: MSR (immediate) to PSTATE fields, none of which EL0 may write here
            case 1:
                if (!read && op1 == 3 && crn == 7 && op2 == 1 && cacheMaintenance(s, crm, s.xzr(rt))) return pc + 4;
                break;
            case 3:
                if (read) {
                    s.setXzr(rt, readRegister(s, insn, op1, crn, crm, op2));
                } else {
                    writeRegister(s, insn, op1, crn, crm, op2, s.xzr(rt));
                }
                return pc + 4;
            default:
                break; // op0 2: debug registers, EL1
        }
        throw A64Fault.undefined(insn);
    }

    /** DSB, DMB, ISB, SB, CLREX (op1 3, CRn 3); false for the unallocated encodings of the group. */
    private static boolean barrier(CpuState s, int crm, int op2) {
        switch (op2) {
            case 2: // CLREX
                s.exclusiveAddress = -1;
                return true;
            case 4: // DSB (CRm 0: SSBB, 4: PSSBB; reserved options behave as SY)
            case 5: // DMB
            case 6: // ISB
                barrier();
                return true;
            case 7: // SB
                if (crm != 0) return false;
                barrier();
                return true;
            default:
                return false;
        }
    }

    /**
     * Every barrier instruction: the order guest memory accesses must keep. One CPU's accesses are in program order
     * already; this matters once several host threads run guest CPUs on shared memory.
     */
    static void barrier() {
        VarHandle.fullFence();
    }

    /** SYS #3, C7, CRm, #1: the EL0 data and instruction cache instructions by address; false if not one. */
    private static boolean cacheMaintenance(CpuState s, int crm, long address) {
        switch (crm) {
            case 4: // DC ZVA
                zeroBlock(s.memory, address);
                return true;
            case 10, 11, 12, 13, 14: // DC CVAC, CVAU, CVAP, CVADP, CIVAC
                // At EL0 these need read permission; a fault reports the register's address (FAR_EL1 for data
                // cache instructions), as a read (ESR.CM set: Linux treats it as a read fault).
                s.memory.checkPermission(address, Prot.READ);
                return true;
            case 5: // IC IVAU
                // A permission fault at EL0 is IMPLEMENTATION DEFINED; Linux's PROT_NONE pages fault at translation.
                if (s.memory.protection(address) == Prot.NONE) throw new A64Fault(FaultKind.READ_PROT, address, null);
                s.memory.checkPermission(address, 0);
                return true;
            default:
                return false;
        }
    }

    /**
     * DC ZVA: zeroes the {@link #ZVA_BLOCK}-byte block holding address. The block lies in one page; a fault is a
     * write fault at the register's address, before any byte changes.
     */
    static void zeroBlock(PagedMemory memory, long address) {
        memory.checkPermission(address, Prot.WRITE);
        long block = address & -ZVA_BLOCK;
        memory.checkAccess(block, ZVA_BLOCK, Prot.WRITE);
        for (int i = 0; i < ZVA_BLOCK; i += 8) memory.store64(block + i, 0);
    }

    /** The value MRS reads from S3_op1_Cn_Cm_op2 at EL0. */
    private static long readRegister(CpuState s, int insn, int op1, int crn, int crm, int op2) {
        if (op1 != 3) throw A64Fault.undefined(insn);
        int key = crn << 7 | crm << 3 | op2;
        return switch (key) {
            case 4 << 7 | 2 << 3 | 0 -> s.nzcv & 0xf0000000L; // NZCV
            case 4 << 7 | 4 << 3 | 0 -> s.fpcr & 0xffffffffL; // FPCR
            case 4 << 7 | 4 << 3 | 1 -> s.fpsr & 0xffffffffL; // FPSR
            case 0 << 7 | 0 << 3 | 1 -> CTR_EL0;
            case 0 << 7 | 0 << 3 | 7 -> DCZID_EL0;
            case 13 << 7 | 0 << 3 | 2 -> s.tpidr; // TPIDR_EL0
            case 13 << 7 | 0 << 3 | 3 -> 0; // TPIDRRO_EL0
            case 14 << 7 | 0 << 3 | 0 -> CNTFRQ_EL0;
            case 14 << 7 | 0 << 3 | 2 -> virtualCount(); // CNTVCT_EL0
            default -> throw A64Fault.undefined(insn);
        };
    }

    /** MSR S3_op1_Cn_Cm_op2, value at EL0. */
    private static void writeRegister(CpuState s, int insn, int op1, int crn, int crm, int op2, long value) {
        if (op1 != 3) throw A64Fault.undefined(insn);
        int key = crn << 7 | crm << 3 | op2;
        switch (key) {
            case 4 << 7 | 2 << 3 | 0 -> s.nzcv = value & 0xf0000000L;
            case 4 << 7 | 4 << 3 | 0 -> s.fpcr = (int) value & FPCR_WRITABLE;
            case 4 << 7 | 4 << 3 | 1 -> s.fpsr = (int) value & FPSR_WRITABLE;
            case 13 << 7 | 0 << 3 | 2 -> s.tpidr = value;
            default -> throw A64Fault.undefined(insn);
        }
    }

    /** CNTVCT_EL0: the host's monotonic clock in ticks of {@link #CNTFRQ_EL0}, the same for every machine. */
    static long virtualCount() {
        return (System.nanoTime() - COUNTER_ORIGIN) >>> 4;
    }
}
