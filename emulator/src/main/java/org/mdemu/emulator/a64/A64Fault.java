package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.CpuExit;

/**
 * An instruction the hardware refused: a memory fault, an alignment fault, an undefined encoding, a BRK. Thrown by
 * instruction semantics before they change any register; the instruction loop turns it into {@link CpuExit.Fault}
 * with the faulting instruction's pc. No stack trace: faults are part of normal guest execution (SIGSEGV handlers,
 * probes).
 */
public final class A64Fault extends RuntimeException {
    private final CpuExit.FaultKind kind;
    private final long address;

    public A64Fault(CpuExit.FaultKind kind, long address, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.address = address;
    }

    /** An encoding this engine does not execute: SIGILL, exactly as the hardware would answer it. */
    public static A64Fault undefined(int insn) {
        return new A64Fault(CpuExit.FaultKind.UNDEFINED_INSTRUCTION, -1,
                String.format("undefined instruction 0x%08x", insn));
    }

    public CpuExit.FaultKind kind() {
        return kind;
    }

    /** The data address of a memory or alignment fault; -1 for faults at the pc (undefined, BRK). */
    public long address() {
        return address;
    }
}
