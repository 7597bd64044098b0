package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Lets a libc row be written in terms of another (utimes over utimensat, C11 mtx_lock over pthread_mutex_lock), the
 * way bionic's own wrappers call each other: the other row's handler runs on the same registers with new integer
 * arguments; the caller's argument registers are put back afterwards, so a row may read its own arguments after
 * calling another (and a row that must leave the trap, a blocking lock, is retried from scratch with them).
 */
final class Rows {
    private final LibraryTable table;

    Rows(LibraryTable table) {
        this.table = table;
    }

    /** Runs row name with integer-class arguments args; returns its x0. */
    long call(CallFrame f, String name, long... args) {
        GuestSymbol s = table.lookup(name);
        if (s == null || !(s.implementation() instanceof GuestSymbol.JavaFunction fn)) {
            throw new IllegalStateException("libc row " + name + " is not a Java function");
        }
        CpuRegisters r = f.registers();
        long[] saved = new long[8];
        for (int i = 0; i < 8; i++) saved[i] = r.x(i);
        for (int i = 0; i < args.length; i++) r.setX(i, args[i]);
        try {
            fn.handler().call(new CallFrame(r, f.memory()));
            return r.x(0);
        } finally {
            // The caller's arguments stay readable after the call (and a retried call starts from them).
            for (int i = 0; i < 8; i++) r.setX(i, saved[i]);
        }
    }

    /** Whether the table has a row of that name (rows other sections or branches may add later). */
    boolean has(String name) {
        return table.lookup(name) != null;
    }
}
