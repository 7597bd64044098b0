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

    /** Makes the current or next {@link #run} return {@link CpuExit.StopRequested}; safe from any thread. */
    void requestStop();

    void setTrapHandler(TrapHandler handler);

    /** What the CPU really executes, as AT_HWCAP bits of the arm64 kernel. */
    long hwcap();
}
