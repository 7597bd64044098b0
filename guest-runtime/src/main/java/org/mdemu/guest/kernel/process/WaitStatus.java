package org.mdemu.guest.kernel.process;

/**
 * How a process ended, as the kernel reports it: the wait status word that wait4 stores (decoded by sys/wait.h's
 * WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG/WCOREDUMP) and the si_code/si_status pair waitid and SIGCHLD carry.
 */
public record WaitStatus(boolean signalled, int value, boolean coreDumped) {
    /** siginfo si_code values for SIGCHLD. */
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5,
            CLD_CONTINUED = 6;
    /** wait4's word for a child stopped by signal: WIFSTOPPED, WSTOPSIG. */
    public static int stoppedWord(int signal) {
        return (signal & 0xff) << 8 | 0x7f;
    }

    /** wait4's word for a continued child: WIFCONTINUED. */
    public static final int CONTINUED_WORD = 0xffff;

    public static WaitStatus exited(int code) {
        return new WaitStatus(false, code & 0xff, false);
    }

    public static WaitStatus killed(int signal, boolean coreDumped) {
        return new WaitStatus(true, signal & 0x7f, coreDumped);
    }

    /** The int wait4 writes: exit code in bits 8-15, or the signal in bits 0-6 with the core flag in bit 7. */
    public int word() {
        return signalled ? value | (coreDumped ? 0x80 : 0) : value << 8;
    }

    public int siCode() {
        return !signalled ? CLD_EXITED : coreDumped ? CLD_DUMPED : CLD_KILLED;
    }

    /** si_status: the exit code or the signal. */
    public int siStatus() {
        return value;
    }
}
