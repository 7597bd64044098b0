package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.CpuExit;

/**
 * An instruction the hardware refused: a memory fault, an alignment fault, an undefined encoding, a BRK, or an access
 * a debugger watches. Thrown by instruction semantics before they change any register; the instruction loop turns it
 * into {@link CpuExit.Fault} (or {@link CpuExit.Watchpoint}) with the faulting instruction's pc. No stack trace:
 * faults are part of normal guest execution (SIGSEGV handlers, probes).
 */
public final class A64Fault extends RuntimeException {
    private final CpuExit.FaultKind kind;
    private final long address;
    private final int watchedAccess;
    private final boolean atPc;

    /** A memory or alignment fault at the data address (any 64-bit value, -1 included). */
    public A64Fault(CpuExit.FaultKind kind, long address, String detail) {
        this(kind, address, detail, 0, false);
    }

    private A64Fault(CpuExit.FaultKind kind, long address, String detail, int watchedAccess, boolean atPc) {
        super(detail, null, false, false);
        this.kind = kind;
        this.address = address;
        this.watchedAccess = watchedAccess;
        this.atPc = atPc;
    }

    /** A fault of the instruction itself (BRK, undefined): the fault address is its pc. */
    public static A64Fault atPc(CpuExit.FaultKind kind, String detail) {
        return new A64Fault(kind, 0, detail, 0, true);
    }

    /** An encoding this engine does not execute: SIGILL, exactly as the hardware would answer it. */
    public static A64Fault undefined(int insn) {
        return atPc(CpuExit.FaultKind.UNDEFINED_INSTRUCTION, String.format("undefined instruction 0x%08x", insn));
    }

    /** An access of the kind (Prot.READ or Prot.WRITE) to a watched range, address its first watched byte. */
    static A64Fault watchpoint(long address, int access) {
        return new A64Fault(CpuExit.FaultKind.OTHER, address, "watchpoint", access, false);
    }

    public CpuExit.FaultKind kind() {
        return kind;
    }

    /** The data address of a memory or alignment fault; meaningless when {@link #atPc}. */
    public long address() {
        return address;
    }

    /** Whether the fault is the instruction's own (undefined, BRK), reported at its pc. */
    public boolean atPc() {
        return atPc;
    }

    /** For a watchpoint, the access it watched (Prot.READ or Prot.WRITE); 0 for a fault. */
    public int watchedAccess() {
        return watchedAccess;
    }
}
