package org.mdemu.guest.kernel.sched;

import org.mdemu.guest.kernel.GuestThread;

/** One blocked guest thread waiting for a wake-up: a futex or condition variable entry, a joiner, a sleeper. */
public final class Waiter {
    private final GuestThread thread;
    private final int bitset;
    volatile boolean signalled;
    /** Whether a signal for the thread may end this wait (as EINTR), and whether one did. */
    boolean interruptible;
    volatile boolean interrupted;
    /** Set and read under the scheduler's monitor: the thread is parked in block, and has been queued for the CPU. */
    boolean blocking;
    volatile boolean enqueued;

    public Waiter(GuestThread thread, int bitset) {
        this.thread = thread;
        this.bitset = bitset;
    }

    public GuestThread thread() {
        return thread;
    }

    public int bitset() {
        return bitset;
    }

    public boolean signalled() {
        return signalled;
    }

    /** Makes the wait end early, with {@link #interrupted()} set, when a signal is sent to the thread. */
    public Waiter interruptible() {
        interruptible = true;
        return this;
    }

    public boolean interrupted() {
        return interrupted;
    }
}
