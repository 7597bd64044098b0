package org.mdemu.guest.debug;

/**
 * How the stopped process goes on (gdb's {@code c}, {@code s}, {@code C}, {@code vCont}): every thread continues;
 * stepTid, if not -1, runs exactly one instruction the next time it runs and stops again; signal, if not 0, is the
 * signal the stopped thread's fault stop passes on to the payload (0 suppresses it: the instruction runs again).
 */
public record ResumePlan(int stepTid, int signalTid, int signal) {
    public static ResumePlan continueAll() {
        return new ResumePlan(-1, -1, 0);
    }

    public static ResumePlan step(int tid) {
        return new ResumePlan(tid, -1, 0);
    }
}
