package org.mdemu.guest.kernel.signals;

/** The process's disposition of each signal (sigaction), shared by all threads. */
public final class SignalActions {
    public static final int NSIG = 64;
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final long SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000,
            SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;
    public static final int SIGKILL = 9, SIGSEGV = 11, SIGSTOP = 19, SIGCHLD = 17, SIGCONT = 18, SIGURG = 23,
            SIGWINCH = 28, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
    /** SIGKILL and SIGSTOP can be neither caught nor blocked. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    /** One signal's action, as the kernel's struct sigaction holds it. */
    public record Action(long handler, long flags, long restorer, long mask) {
        static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[NSIG + 1];

    public SignalActions() {
        java.util.Arrays.fill(actions, Action.DEFAULT);
    }

    public static long bit(int signal) {
        return 1L << (signal - 1);
    }

    public static boolean valid(int signal) {
        return signal >= 1 && signal <= NSIG;
    }

    public synchronized Action get(int signal) {
        return actions[signal];
    }

    public synchronized void set(int signal, Action action) {
        actions[signal] = new Action(action.handler(), action.flags(), action.restorer(), action.mask() & ~UNBLOCKABLE);
    }

    /**
     * Whether the end of a process by this signal is a crash with a tombstone: bionic's debuggerd handler catches
     * SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGSTKFLT, SIGSYS and SIGTRAP; other fatal signals end it silently.
     */
    public static boolean crashReported(int signal) {
        return switch (signal) {
            case 4, 5, 6, 7, 8, 11, 16, 31 -> true;
            default -> false;
        };
    }

    /** Whether a signal nobody handles stops the process (until SIGCONT or SIGKILL). */
    public static boolean stopsByDefault(int signal) {
        return signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU;
    }

    /** Whether a signal nobody handles ends the process (else it is ignored, or stops it: {@link #stopsByDefault}). */
    public static boolean terminatesByDefault(int signal) {
        return switch (signal) {
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> false;
            default -> true;
        };
    }
}
