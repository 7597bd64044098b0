package org.mdemu.guest.vfs.io;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.Waiter;

/**
 * The threads waiting for an open file's readiness to change (a blocked read or write, poll, epoll_wait). The file
 * calls {@link #changed} whenever its events may differ; each waiter is woken once and then re-checks what it
 * waits for. Used only by the thread holding the CPU, so checking readiness and registering never race a change.
 */
public final class PollWaiters {
    private final Scheduler scheduler;
    private final List<Waiter> waiters = new ArrayList<>();
    /** Counts changes, so that edge-triggered epoll entries can tell whether anything happened since they reported. */
    private long generation;

    private final String what;
    private final boolean external;

    public PollWaiters(Scheduler scheduler) {
        this(scheduler, "file", false);
    }

    /**
     * @param what the kind of file, for the wait channels of thread dumps
     * @param external whether the host changes the file (a vsock socket), so a wait on it may end from outside
     */
    public PollWaiters(Scheduler scheduler, String what, boolean external) {
        this.scheduler = scheduler;
        this.what = what;
        this.external = external;
    }

    public String what() {
        return what;
    }

    public boolean isExternal() {
        return external;
    }

    public synchronized void add(Waiter w) {
        waiters.add(w);
    }

    public synchronized void remove(Waiter w) {
        waiters.remove(w);
    }

    /** Wakes every waiter: the file's readiness may have changed. */
    public void changed() {
        List<Waiter> woken;
        synchronized (this) {
            generation++;
            if (waiters.isEmpty()) return;
            woken = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (Waiter w : woken) scheduler.wake(w);
    }

    public synchronized long generation() {
        return generation;
    }

    public synchronized int size() {
        return waiters.size();
    }
}
