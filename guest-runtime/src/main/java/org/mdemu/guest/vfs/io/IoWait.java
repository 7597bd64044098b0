package org.mdemu.guest.vfs.io;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.Waiter;

/**
 * Blocks the calling guest thread (never the VM) until a file's readiness changes: the thread gives the CPU up, is
 * queued on the files' {@link PollWaiters} and woken by whoever changes them, or by its deadline.
 */
public final class IoWait {
    private final Scheduler scheduler;

    public IoWait(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Must be called before any state changes by an operation that may block (see Scheduler.requireOutsideTrap). */
    public void requireOutsideTrap() {
        scheduler.requireOutsideTrap();
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
        scheduler.requireOutsideTrap();
        Waiter w = new Waiter(scheduler.current(), 0);
        for (PollWaiters s : sources) s.add(w);
        try {
            if (seen != null) {
                for (int i = 0; i < seen.length; i++) if (sources.get(i).generation() != seen[i]) return true;
            }
            return scheduler.block(w, deadline);
        } finally {
            for (PollWaiters s : sources) s.remove(w);
        }
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
            if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) return false;
            awaitChange(sources, seen, deadline);
        }
    }
}
