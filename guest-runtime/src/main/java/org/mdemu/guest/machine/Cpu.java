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
     * sliceMicros elapses (0 = no limit).
     */
    CpuExit run(long stopAddress, long sliceMicros);

    /**
     * As {@link #run(long, long)}, also returning {@link CpuExit.SliceExpired} after instructionBudget instructions
     * (0 = no limit): an exact place to pause a thread on engines that cannot be paused from another thread.
     */
    default CpuExit run(long stopAddress, long sliceMicros, long instructionBudget) {
        return run(stopAddress, sliceMicros);
    }

    /**
     * Whether {@link #requestStop()} from another host thread leaves the CPU in a state it can resume from (true
     * for engines that write back the pc on every stop). Where false, a foreign stop may only end the guest, and
     * time slices must be cut by instruction budgets.
     */
    default boolean pausableFromAnotherThread() {
        return true;
    }

    /** Makes the current or next {@link #run} return {@link CpuExit.StopRequested}; safe from any thread. */
    void requestStop();

    void setTrapHandler(TrapHandler handler);

    /** What the CPU really executes, as AT_HWCAP bits of the arm64 kernel. */
    long hwcap();
}
