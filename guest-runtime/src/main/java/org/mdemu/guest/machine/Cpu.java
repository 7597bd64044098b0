package org.mdemu.guest.machine;

/**
 * One AArch64 CPU. Guest threads share it by saving and restoring register contexts; a second implementation
 * (another engine) can stand behind the same interface.
 */
public interface Cpu {
    CpuRegisters registers();

    /** Captures the full register state of the thread now on this CPU. */
    CpuContext saveContext();

    /** Puts a previously saved register state on this CPU. */
    void restoreContext(CpuContext context);

    /** A register state with everything zero except what the caller sets after restoring it. */
    CpuContext newContext();

    /**
     * Runs from the current pc until execution reaches stopAddress, a stop is requested, a fault happens, or
     * instructionBudget instructions have completed (0 = no limit). A used-up budget returns
     * {@link CpuExit.SliceExpired} with the CPU exactly after the last completed instruction: the place to pause a
     * thread and resume it later.
     */
    CpuExit run(long stopAddress, long instructionBudget);

    /**
     * Whether {@link #requestStop()} from another host thread leaves the CPU exactly between two instructions, so
     * that the thread can be resumed. False for the Unicorn engines: after a foreign stop they may report the pc of
     * the start of the translation block while instructions after it already took effect (see
     * docs/ARCHITECTURE.md, "Threads"), so a foreign stop may only end the guest, and time slices are cut by
     * instruction budgets.
     */
    default boolean pausableFromAnotherThread() {
        return false;
    }

    /**
     * Makes the current or next {@link #run} return {@link CpuExit.StopRequested}; safe from any thread. Called by
     * the trap handler, the CPU stops right after the trapping instruction, exactly. Called from another host thread,
     * it stops soon, at a point that is exact only if {@link #pausableFromAnotherThread()}.
     */
    void requestStop();

    void setTrapHandler(TrapHandler handler);

    /**
     * What a debugger needs beyond {@link #run} and the registers, or an exception naming the engine when it has no
     * such support. Software breakpoints need nothing more (BRK written through {@link GuestMemory} is reported as a
     * {@link CpuExit.FaultKind#BREAKPOINT} fault at its address), nor does single-stepping (an instruction budget of 1).
     */
    default CpuDebug debug() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " offers no debugger support");
    }

    /** What the CPU really executes, as AT_HWCAP bits of the arm64 kernel. */
    long hwcap();
}
