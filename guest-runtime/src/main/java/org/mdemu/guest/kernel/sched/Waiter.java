package org.mdemu.guest.kernel.sched;

import org.mdemu.guest.kernel.GuestThread;

/** One blocked guest thread waiting for a wake-up: a futex or condition variable entry, a joiner, a sleeper. */
public final class Waiter {
    private final GuestThread thread;
    private final int bitset;
    volatile boolean signalled;
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
}
