package org.mdemu.guest.machine;

/** Why {@link Cpu#run} returned. */
public sealed interface CpuExit {
    /** Execution reached the stop address given to run (e.g. the return sentinel of a guest call). */
    record ReachedStopAddress() implements CpuExit {}

    /** {@link Cpu#requestStop()} was called, from the trap handler or from another host thread. */
    record StopRequested() implements CpuExit {}

    /** The instruction budget given to run is used up; the CPU stands exactly after its last instruction. */
    record SliceExpired() implements CpuExit {}

    /**
     * The hardware refused to go on: a memory fault, an undefined instruction, a misaligned PC.
     *
     * @param kind what happened, in the kernel's vocabulary
     * @param pc the faulting instruction's address
     * @param faultAddress the data address for memory faults, else the pc
     */
    record Fault(FaultKind kind, long pc, long faultAddress, String detail) implements CpuExit {}

    /**
     * An access to a range watched through {@link CpuDebug#addWatchpoint}, reported before it takes effect: pc is the
     * accessing instruction (not executed), address the first watched byte it touches, access {@link Prot#READ} or
     * {@link Prot#WRITE}.
     */
    record Watchpoint(long pc, long address, int access) implements CpuExit {}

    enum FaultKind {
        READ_UNMAPPED, WRITE_UNMAPPED, FETCH_UNMAPPED, READ_PROT, WRITE_PROT, FETCH_PROT, UNALIGNED,
        UNDEFINED_INSTRUCTION, BREAKPOINT, OTHER
    }
}
