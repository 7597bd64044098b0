package org.mdemu.guest.bionic;

/** strsignal texts as bionic words them (its sys_siglist, by Linux arm64 signal number). */
final class SignalNames {
    private static final String[] TEXT = {null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trap",
        "Aborted", "Bus error", "Floating point exception", "Killed", "User signal 1", "Segmentation fault",
        "User signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continue",
        "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition",
        "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
        "Window size changed", "I/O possible", "Power failure", "Bad system call"};
    /** bionic keeps the first ten real-time signals for itself: SIGRTMIN is 32 + 10. */
    private static final int SIGRTMIN = 42, SIGRTMAX = 64, SIGSYS = 31;

    private SignalNames() {}

    /** bionic's strsignal: names for 1..30 (its range check stops short of SIGSYS), numbered texts otherwise. */
    static String describe(int signal) {
        if (signal >= 1 && signal < SIGSYS) return TEXT[signal];
        if (signal >= SIGRTMIN && signal <= SIGRTMAX) return "Real-time signal " + (signal - SIGRTMIN);
        return "Unknown signal " + signal;
    }
}
