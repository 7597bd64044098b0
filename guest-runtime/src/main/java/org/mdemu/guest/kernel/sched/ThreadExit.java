package org.mdemu.guest.kernel.sched;

/** Unwinds the host thread of a guest thread that ended (exit syscall, pthread_exit, return from its start routine). */
public final class ThreadExit extends RuntimeException {
    public ThreadExit() {
        super("guest thread exited", null, false, false);
    }
}
