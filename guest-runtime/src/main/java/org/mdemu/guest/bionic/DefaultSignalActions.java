package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * raise(3): a signal sent to the calling thread takes its default action (signal(7)), since the guest delivers no
 * signals to handlers yet. Ignored-by-default signals return 0; terminating ones end the process as a crash by that
 * signal (with the abort message, if any, in the tombstone), as abort() does for SIGABRT.
 */
public final class DefaultSignalActions implements LibrarySection {
    /** Highest signal number on arm64 Linux (SIGRTMAX). */
    public static final int NSIG_MAX = 64;
    public static final int SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
            SIGURG = 23, SIGWINCH = 28;

    /** What the kernel does with a signal nobody handles. */
    public enum Action { IGNORE, STOP, TERMINATE }

    private final GuestProcess process;

    public DefaultSignalActions(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("raise", Support.partial("default actions only: handlers set with sigaction are not run; stop "
                + "signals (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) do not stop the process"), this::raise);
    }

    /** The default action of a valid signal number (1..64), as signal(7) lists it for Linux. */
    public static Action defaultAction(int signal) {
        return switch (signal) {
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH -> Action.IGNORE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> Action.STOP;
            default -> Action.TERMINATE;
        };
    }

    private void raise(CallFrame f) {
        int signal = f.i32(0);
        if (signal < 0 || signal > NSIG_MAX) {
            f.ret(process.libcResult(-Errno.EINVAL));
            return;
        }
        if (signal != 0 && defaultAction(signal) == Action.TERMINATE) process.control().crash(signal, null);
        f.ret(0);
    }
}
