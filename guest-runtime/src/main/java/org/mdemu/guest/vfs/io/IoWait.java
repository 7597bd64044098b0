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
        scheduler.requireOutsideTrap();
        Waiter w = new Waiter(scheduler.current(), 0);
        for (PollWaiters s : sources) s.add(w);
        try {
            return scheduler.block(w, deadline);
        } finally {
            for (PollWaiters s : sources) s.remove(w);
        }
    }

    /** Waits until ready holds (checked after every change); false if the deadline passed first. */
    public boolean awaitUntil(BooleanSupplier ready, PollWaiters source, long deadline) {
        while (!ready.getAsBoolean()) {
            if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) return false;
            awaitChange(List.of(source), deadline);
        }
        return true;
    }
}
