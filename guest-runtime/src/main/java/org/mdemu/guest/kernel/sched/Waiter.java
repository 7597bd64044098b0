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
    /** What the thread waits on, as the kernel's wait channel reads in a thread dump. */
    private volatile String channel = "wait";
    /** The futex the thread waits on, or -1: named only when a dump asks (a handoff should not format text). */
    private volatile long futex = -1;
    /** Whether something outside the guest (the host, over vsock) may end the wait. */
    private volatile boolean external;
    /** The wait's deadline while blocked (Long.MAX_VALUE: none). */
    volatile long deadline = Long.MAX_VALUE;

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

    /** Names what the thread waits on (a futex address, a file, a thread to join), for thread dumps. */
    public Waiter on(String channel) {
        this.channel = channel;
        return this;
    }

    /** Names the futex at address as what the thread waits on. */
    public Waiter onFutex(long address) {
        this.futex = address;
        return this;
    }

    public String channel() {
        long address = futex;
        return address >= 0 ? String.format("futex 0x%x", address) : channel;
    }

    /** Marks a wait the host can end (a vsock connection or listener, binder work from the host). */
    public Waiter external() {
        external = true;
        return this;
    }

    public boolean isExternal() {
        return external;
    }
}
