package org.mdemu.guest.machine;

/**
 * Receives every {@code svc} the guest executes. Called on the thread running {@link Cpu#run}, with the CPU
 * paused just after the svc instruction; the handler reads arguments from and writes results to the registers.
 * A handler that wants the CPU to leave {@code run} (exit, block, crash) calls {@link Cpu#requestStop()}.
 * Exceptions thrown here end the current {@code run} and are rethrown from it.
 */
@FunctionalInterface
public interface TrapHandler {
    /**
     * @param svcAddress address of the svc instruction that trapped. The immediate is not decoded: Linux ignores
     *     it, and the trap gate tells functions apart by address, so the hot path saves a memory read.
     */
    void onSupervisorCall(Cpu cpu, long svcAddress);

    /**
     * The svc at this address served without {@link #onSupervisorCall} (see {@link DirectTrap}), or null when it must
     * take the general path. Asked once per svc an engine compiles; the answer stays valid for the process (the
     * direct trap itself declines when a condition that needs the general path comes later).
     */
    default DirectTrap directTrap(long svcAddress) {
        return null;
    }
}
