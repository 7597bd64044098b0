package org.mdemu.emulator.gdb;

/**
 * Linux signal numbers (arm64) and gdb's target-independent ones, which the remote protocol carries. They agree
 * below 7 and for SEGV, FPE, KILL, PIPE, ALRM and TERM, and differ for the rest (gdb's SIGBUS is 10, SIGUSR1 30, ...).
 */
final class GdbSignals {
    /** gdb's number for Linux signal n (index), from gdb's signals.def. */
    private static final int[] TO_GDB = {0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15, 0, 20, 19, 17, 18,
            21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12};

    private GdbSignals() {}

    static int toGdb(int linux) {
        return linux > 0 && linux < TO_GDB.length && TO_GDB[linux] != 0 ? TO_GDB[linux] : 143; // GDB_SIGNAL_UNKNOWN
    }

    /** The Linux signal for gdb's number, or 0 if there is none. */
    static int toLinux(int gdb) {
        for (int i = 1; i < TO_GDB.length; i++) if (TO_GDB[i] == gdb) return i;
        return 0;
    }
}
