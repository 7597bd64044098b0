package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * {@code __cxa_thread_atexit_impl}: the destructors of a thread's C++ thread_local objects (libc++abi's
 * {@code __cxa_thread_atexit} registers them here). They run most recent first when the thread ends — before its
 * pthread key destructors — and, for the thread calling exit(), before the atexit handlers, as bionic's
 * {@code __cxa_thread_finalize} does.
 */
public final class ThreadExitDestructors implements LibrarySection {
    private record Destructor(long function, long argument) {}

    private final GuestProcess process;
    private final Map<Integer, Deque<Destructor>> byThread = new HashMap<>();

    public ThreadExitDestructors(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__cxa_thread_atexit_impl", f -> {
            byThread.computeIfAbsent(process.currentThread().tid(), k -> new ArrayDeque<>())
                    .push(new Destructor(f.ptr(0), f.ptr(1)));
            f.ret(0);
        });
    }

    /** Runs the calling thread's destructors, including any a destructor registers meanwhile; guest code is called. */
    public void finalizeCurrentThread() {
        if (process == null) return;
        int tid = process.currentThread().tid();
        while (true) {
            Deque<Destructor> pending = byThread.get(tid);
            if (pending == null || pending.isEmpty()) {
                byThread.remove(tid);
                return;
            }
            Destructor d = pending.pop();
            process.calls().call(d.function(), d.argument());
        }
    }
}
