package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;

/**
 * timerfd_create(2): a timer on a guest clock whose expirations are read as an 8-byte count. Expirations are worked
 * out from the clock when asked, so no host thread ticks: a waiter sleeps until the next expiry's host deadline.
 */
public final class TimerFd implements OpenFile, Readiness {
    public static final int TFD_TIMER_ABSTIME = 1, TFD_NONBLOCK = FileTable.O_NONBLOCK, TFD_CLOEXEC = FileTable.O_CLOEXEC;

    private final IoWait io;
    private final GuestClock clock;
    private final int clockId;
    private final PollWaiters waiters;
    /** The next expiry on the timer's clock in ns; 0 when disarmed. */
    private long next, interval, expirations;
    private volatile boolean nonBlocking;

    public TimerFd(IoWait io, GuestClock clock, int clockId, int flags) {
        this.io = io;
        this.clock = clock;
        this.clockId = clockId;
        this.waiters = new PollWaiters(io.scheduler(), "timerfd", false);
        setStatusFlags(flags);
    }

    private long now() {
        return clock.nanos(clockId == GuestClock.REALTIME ? GuestClock.REALTIME : GuestClock.MONOTONIC);
    }

    /** Counts the expirations that have happened by now. Called holding the monitor. */
    private void catchUp() {
        long now = now();
        if (next == 0 || now < next) return;
        long n = interval > 0 ? 1 + (now - next) / interval : 1;
        expirations += n;
        next = interval > 0 ? next + n * interval : 0;
    }

    /**
     * timerfd_settime: arms (value > 0: relative, or absolute with TFD_TIMER_ABSTIME) or disarms (value 0) the timer;
     * returns the previous {remaining, interval} in ns.
     */
    public synchronized long[] set(int flags, long value, long newInterval) {
        long[] old = get();
        expirations = 0;
        interval = newInterval;
        if (value == 0) next = 0;
        else next = (flags & TFD_TIMER_ABSTIME) != 0 ? Math.max(value, 1) : now() + value;
        waiters.changed();
        return old;
    }

    /** timerfd_gettime: {time until the next expiry, interval} in ns; {0, interval} when disarmed. */
    public synchronized long[] get() {
        catchUp();
        return new long[] {next == 0 ? 0 : Math.max(1, next - now()), interval};
    }

    private synchronized long takeExpirations() {
        catchUp();
        long n = expirations;
        expirations = 0;
        return n;
    }

    private synchronized boolean expired() {
        catchUp();
        return expirations > 0;
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        if (length < 8) return -Errno.EINVAL;
        long n;
        while ((n = takeExpirations()) == 0) {
            if (nonBlocking) return -Errno.EAGAIN;
            try {
                io.awaitChange(java.util.List.of(waiters), selfChangeDeadline());
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
        }
        for (int i = 0; i < 8; i++) buffer[offset + i] = (byte) (n >>> (8 * i));
        return 8;
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        return -Errno.EINVAL;
    }

    @Override
    public void setStatusFlags(int flags) {
        nonBlocking = (flags & FileTable.O_NONBLOCK) != 0;
    }

    @Override
    public int readyEvents() {
        return expired() ? PollEvents.READABLE : 0;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public synchronized long selfChangeDeadline() {
        if (next == 0) return Long.MAX_VALUE;
        return clock.deadlineAt(clockId == GuestClock.REALTIME ? GuestClock.REALTIME : GuestClock.MONOTONIC,
                next / 1_000_000_000L, next % 1_000_000_000L);
    }

    @Override
    public int mode() {
        return 0;
    }
}
