package org.mdemu.guest.debug;

/** The debugger's side (the GDB server): told of stops and of the process's end. Calls must not block. */
public interface DebugListener {
    /** The process stopped: every thread stands still until {@link GuestDebugger#resume}. */
    void stopped(StopEvent event);

    /** The process ended: with exit status code, or (signalled) killed by signal code. */
    void processEnded(boolean signalled, int code);
}
