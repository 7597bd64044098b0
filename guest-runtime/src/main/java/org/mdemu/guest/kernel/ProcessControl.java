package org.mdemu.guest.kernel;

/** Ending the guest process, as exit_group and fatal signals do. Both stop the CPU; neither returns to the guest. */
public interface ProcessControl {
    /** Normal termination with the given status (exit_group). */
    void exit(int status);

    /** Termination by a fatal signal, e.g. SIGABRT from abort(); the reason ends up in the crash report. */
    void crash(int signal, String reason);

    /**
     * Termination by a fatal signal the kernel raised itself, with its siginfo code and fault address (e.g.
     * SIGSEGV with SI_KERNEL when a signal frame cannot be built).
     */
    default void fatalSignal(int signal, int code, long faultAddress) {
        crash(signal, null);
    }

    /**
     * Termination by a signal whose default action ends the process without a crash report (SIGKILL, SIGTERM,
     * SIGPIPE, ...: debuggerd writes tombstones only for the signals of crashes).
     */
    default void killedBy(int signal) {
        crash(signal, null);
    }
}
