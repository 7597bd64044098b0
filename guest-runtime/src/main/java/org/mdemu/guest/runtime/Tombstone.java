package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Signals by name, and the frame-pointer backtrace of a thread from its last pc, lr and fp (for the thread dump of
 * a run whose time ran out; crashes get a full tombstone from {@code org.mdemu.guest.debuggerd}).
 */
final class Tombstone {
    private static final int MAX_FRAMES = 64;

    record Signal(int number, String name, int code, String codeName) {}

    private Tombstone() {}

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    static String signalName(int signal) {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "signal " + signal;
    }

    /** The backtrace from a thread's pc, link register and frame pointer. */
    static List<Long> backtrace(long pc, long lr, long fp, GuestMemory memory) {
        List<Long> frames = new ArrayList<>();
        frames.add(pc);
        boolean lrSaved = false;
        if (fp != 0 && memory.isMapped(fp, 16)) {
            lrSaved = memory.readLong(fp + 8) == lr;
        }
        if (!lrSaved && lr != 0) frames.add(lr - 4);
        while (fp != 0 && (fp & 7) == 0 && frames.size() < MAX_FRAMES && memory.isMapped(fp, 16)) {
            long next = memory.readLong(fp);
            long ret = memory.readLong(fp + 8);
            if (ret == 0) break;
            frames.add(ret - 4);
            if (next <= fp) break;
            fp = next;
        }
        return frames;
    }
}
