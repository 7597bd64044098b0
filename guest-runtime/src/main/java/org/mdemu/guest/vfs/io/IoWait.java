package org.mdemu.guest.vfs.io;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.Waiter;

/**
 * Blocks the calling guest thread (never the VM) until a file's readiness changes: the thread gives the CPU up, is
 * queued on the files' {@link PollWaiters} and woken by whoever changes them, by its deadline, or by a signal for
 * the thread, which ends the wait with {@link Interrupted}.
 */
public final class IoWait {
    /**
     * A signal for the waiting thread ended the wait (the kernel's ERESTARTSYS path). The file operation decides
     * what its caller sees, usually through {@link #interruptedResult}.
     */
    public static final class Interrupted extends RuntimeException {
        private static final Interrupted INSTANCE = new Interrupted();

        private Interrupted() {
            super("wait interrupted by a signal", null, false, false);
        }
    }

    private final Scheduler scheduler;
    private final GuestClock clock;

    /** Waits on the host's clock (tests). */
    public IoWait(Scheduler scheduler) {
        this(scheduler, new GuestClock());
    }

    /** Waits whose deadlines are on the guest clock's scale (virtual in deterministic mode). */
    public IoWait(Scheduler scheduler, GuestClock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** The deadline timeoutNanos from now (0: none, Long.MAX_VALUE). */
    public long deadlineAfter(long timeoutNanos) {
        return timeoutNanos == 0 ? Long.MAX_VALUE : clock.deadlineAfter(0, timeoutNanos);
    }

    private boolean passed(long deadline) {
        return deadline != Long.MAX_VALUE && deadline - clock.now() <= 0;
    }

    /**
     * The scheduler of the process whose thread waits: a file shared by processes after fork (a pipe, a socket pair)
     * keeps the IoWait of the process that made it, but each waiter blocks on its own process's CPU.
     */
    public Scheduler scheduler() {
        return Scheduler.ofHostThread(scheduler);
    }

    /** Must be called before any state changes by an operation that may block (see Scheduler.requireOutsideTrap). */
    public void requireOutsideTrap() {
        scheduler().requireOutsideTrap();
    }

    /** Waits once: until any of the sources changes or the deadline passes. Returns false when the deadline passed. */
    public boolean awaitChange(List<PollWaiters> sources, long deadline) {
        return awaitChange(sources, null, deadline);
    }

    /**
     * Waits once, unless a source changed since seen (their {@link PollWaiters#generation()}s, read before the
     * caller looked at the files' state; null: no snapshot). Host threads (vsock peers) change files while the
     * guest thread checks them: the snapshot keeps such a change from being lost between the check and the wait.
     */
    public boolean awaitChange(List<PollWaiters> sources, long[] seen, long deadline) {
        Scheduler scheduler = scheduler();
        scheduler.requireOutsideTrap();
        Waiter w = new Waiter(scheduler.current(), 0).interruptible().on(channel(sources));
        for (PollWaiters s : sources) {
            s.add(w);
            if (s.isExternal()) w.external();
        }
        try {
            if (seen != null) {
                for (int i = 0; i < seen.length; i++) if (sources.get(i).generation() != seen[i]) return true;
            }
            boolean woken = scheduler.block(w, deadline);
            if (!woken && w.interrupted()) throw Interrupted.INSTANCE;
            return woken;
        } finally {
            for (PollWaiters s : sources) s.remove(w);
        }
    }

    private static String channel(List<PollWaiters> sources) {
        StringBuilder b = new StringBuilder();
        for (PollWaiters s : sources) b.append(b.length() == 0 ? "" : ", ").append(s.what());
        return b.length() == 0 ? "poll" : b.toString();
    }

    /**
     * What a blocking read, write or accept returns when a signal interrupted its wait: what it already moved, if
     * anything, else EINTR. A call without a timeout is marked for restart, which happens when the signal's handler
     * has SA_RESTART (as the kernel turns ERESTARTSYS into a restart); one with a timeout (SO_RCVTIMEO, SO_SNDTIMEO)
     * always fails with EINTR, as Linux's sockets do.
     */
    public long interruptedResult(long done, boolean restartable) {
        if (done > 0) return done;
        if (restartable) scheduler().current().restartInterruptedCall = true;
        return -Errno.EINTR;
    }

    /** The change counts of the sources, to pass to {@link #awaitChange(List, long[], long)}. */
    public static long[] generations(List<PollWaiters> sources) {
        long[] g = new long[sources.size()];
        for (int i = 0; i < g.length; i++) g[i] = sources.get(i).generation();
        return g;
    }

    /** Waits until ready holds (checked after every change); false if the deadline passed first. */
    public boolean awaitUntil(BooleanSupplier ready, PollWaiters source, long deadline) {
        List<PollWaiters> sources = List.of(source);
        while (true) {
            long[] seen = {source.generation()};
            if (ready.getAsBoolean()) return true;
            if (passed(deadline)) return false;
            awaitChange(sources, seen, deadline);
        }
    }
}
