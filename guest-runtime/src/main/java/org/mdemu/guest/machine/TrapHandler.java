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
     * @param svcAddress address of the svc instruction that trapped
     * @param immediate the svc's 16-bit immediate
     */
    void onSupervisorCall(Cpu cpu, long svcAddress, int immediate);
}
