package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * android/set_abort_message.h and assert.h's {@code __assert}: the message a crash report shows as "Abort message".
 * As in bionic, only the first message of a process is kept (the first failure is the one most worth reporting);
 * libc++abi sets it before aborting on an uncaught exception, liblog's {@code __android_log_assert} through the same
 * store.
 */
public final class AbortMessage implements LibrarySection {
    private static final int SIGABRT = 6;

    private final GuestProcess process;
    private volatile String message;

    public AbortMessage(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("android_set_abort_message", Support.full("kept for the tombstone; later messages are ignored"),
                f -> set(f.ptr(0) == 0 ? "(null)" : f.cstr(0)));
        t.function("__assert", f -> crash(String.format("%s:%d: %s", f.cstr(0), f.i32(1), f.cstr(2))));
    }

    /** Keeps the message unless the process already has one. */
    public synchronized void set(String text) {
        if (message == null) message = text;
    }

    /** The process's abort message, or null. */
    public String get() {
        return message;
    }

    /** Records the message and ends the process with SIGABRT, as bionic's assertion helpers do. */
    public void crash(String text) {
        set(text);
        process.control().crash(SIGABRT, message);
    }
}
