package org.mdemu.guest.binder;

import java.util.ArrayDeque;
import java.util.Deque;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Waiter;

/**
 * The process's binder threads (ABinderProcess_*): the pool size the payload asks for, and the threads that serve
 * RPC connections. A thread joins the pool by calling ABinderProcess_joinThreadPool (the RPC server's threads do so
 * too); it then serves the connections handed to the pool, one at a time, and never returns.
 */
public final class BinderThreadPool implements LibrarySection {
    private final GuestProcess process;
    private int maxThreads;
    private boolean started;
    /** Connections waiting for a pool thread, and the pool threads waiting for a connection. */
    private final Deque<Runnable> work = new ArrayDeque<>();
    private final Deque<Waiter> idle = new ArrayDeque<>();
    private final ThreadLocal<Integer> handling = ThreadLocal.withInitial(() -> 0);
    /**
     * Guest callbacks (death notifications, onDestroy) raised where guest code cannot run (another host thread):
     * run by the next binder call.
     */
    private final Deque<Runnable> pendingCallbacks = new ArrayDeque<>();

    public BinderThreadPool(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("ABinderProcess_setThreadPoolMaxThreadCount", Support.full("the RPC server opens a thread per"
                + " connection whatever the count, as libbinder's RpcServer does"), f -> {
            synchronized (this) {
                if (started) {
                    f.ret(false);
                    return;
                }
                maxThreads = f.i32(0);
            }
            f.ret(true);
        });
        t.function("ABinderProcess_startThreadPool", Support.full("marks the pool started: there is no kernel binder"
                + " to serve; RPC servers start their own threads"), f -> {
            synchronized (this) {
                started = true;
            }
        });
        t.function("ABinderProcess_isThreadPoolStarted", "LIBBINDER_NDK34", Support.FULL, f -> {
            synchronized (this) {
                f.ret(started);
            }
        });
        t.functionCallingGuest("ABinderProcess_joinThreadPool", Support.full("serves RPC connections handed to the"
                + " pool; never returns"), f -> joinThreadPool());
    }

    /** Hands work (serving one RPC connection) to a pool thread; wakes an idle one. */
    public void submit(Runnable connectionWork) {
        Waiter w;
        synchronized (this) {
            work.addLast(connectionWork);
            w = idle.pollFirst();
        }
        if (w != null) process.threads().scheduler().wake(w);
    }

    synchronized int idleThreads() {
        return idle.size();
    }

    synchronized int pendingWork() {
        return work.size();
    }

    /** Runs as a pool thread: takes connection work forever, blocking (without the CPU) while there is none. */
    void joinThreadPool() {
        GuestThread self = process.currentThread();
        while (true) {
            Runnable next;
            Waiter w = null;
            synchronized (this) {
                next = work.pollFirst();
                if (next == null) {
                    w = new Waiter(self, 0).on("binder thread pool").external();
                    idle.addLast(w);
                }
            }
            if (next != null) {
                next.run();
                continue;
            }
            process.threads().scheduler().block(w, Long.MAX_VALUE);
        }
    }

    /** Runs a local object's onTransact marked as handling a transaction (AIBinder_isHandlingTransaction). */
    public <T> T serving(java.util.function.Supplier<T> body) {
        handling.set(handling.get() + 1);
        try {
            return body.get();
        } finally {
            handling.set(handling.get() - 1);
        }
    }

    boolean handlingTransaction() {
        return handling.get() > 0;
    }

    /** Runs a guest callback now if this thread may call guest code, else keeps it for the next binder call. */
    void runGuestCallback(Runnable callback) {
        if (process.threads().scheduler().current() != null
                && process.threads().scheduler().current().host == Thread.currentThread()
                && !process.threads().scheduler().inTrap()) {
            callback.run();
        } else {
            synchronized (pendingCallbacks) {
                pendingCallbacks.add(callback);
            }
        }
    }

    void runPendingCallbacks() {
        while (true) {
            Runnable r;
            synchronized (pendingCallbacks) {
                r = pendingCallbacks.pollFirst();
            }
            if (r == null) return;
            r.run();
        }
    }

    synchronized int maxThreads() {
        return maxThreads;
    }
}
