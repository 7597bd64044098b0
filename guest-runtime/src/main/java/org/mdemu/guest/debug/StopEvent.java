package org.mdemu.guest.debug;

/**
 * Why the payload's process stopped for the debugger, and in which thread.
 *
 * @param tid the thread that stopped (the others stopped with it: all-stop)
 * @param reason what stopped it
 * @param signal the Linux signal number the stop reports (SIGTRAP for breakpoints, steps and watchpoints, SIGINT
 *               for an interrupt, the fault's or abort's signal otherwise)
 * @param watchAddress for a watchpoint, the watched address accessed
 * @param watchAccess for a watchpoint, {@link org.mdemu.guest.machine.Prot#READ} or {@code WRITE}
 */
public record StopEvent(int tid, Reason reason, int signal, long watchAddress, int watchAccess) {
    /** LIBRARY: dlopen loaded libraries; the client re-reads the library list and, as for gdbserver's
     * library event, normally resumes at once. */
    public enum Reason { INITIAL, BREAKPOINT, WATCHPOINT, STEP, INTERRUPT, SIGNAL, LIBRARY }

    public static final int SIGINT = 2, SIGTRAP = 5;

    static StopEvent of(int tid, Reason reason, int signal) {
        return new StopEvent(tid, reason, signal, 0, 0);
    }
}
