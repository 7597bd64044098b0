package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;

/**
 * eventfd(2): a 64-bit counter. write adds (waiting while the sum would pass 2^64-2), read takes the whole count
 * (or 1 in EFD_SEMAPHORE mode), waiting while it is zero. Reads and writes move exactly 8 bytes.
 */
public final class EventFd implements OpenFile, Readiness {
    public static final int EFD_SEMAPHORE = 1, EFD_NONBLOCK = FileTable.O_NONBLOCK, EFD_CLOEXEC = FileTable.O_CLOEXEC;
    private static final long MAX = 0xfffffffffffffffeL;

    private final IoWait io;
    private final PollWaiters waiters;
    private final boolean semaphore;
    private long counter;
    private volatile boolean nonBlocking;

    public EventFd(IoWait io, long initial, int flags) {
        this.io = io;
        this.waiters = new PollWaiters(io.scheduler(), "eventfd", false);
        this.counter = initial;
        this.semaphore = (flags & EFD_SEMAPHORE) != 0;
        setStatusFlags(flags);
    }

    private synchronized long counter() {
        return counter;
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        if (length < 8) return -Errno.EINVAL;
        if (counter() == 0) {
            if (nonBlocking) return -Errno.EAGAIN;
            io.requireOutsideTrap();
            try {
                io.awaitUntil(() -> counter() != 0, waiters, Long.MAX_VALUE);
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
        }
        long value;
        synchronized (this) {
            value = semaphore ? 1 : counter;
            counter -= value;
        }
        for (int i = 0; i < 8; i++) buffer[offset + i] = (byte) (value >>> (8 * i));
        waiters.changed();
        return 8;
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        if (length < 8) return -Errno.EINVAL;
        long value = 0;
        for (int i = 0; i < 8; i++) value |= (buffer[offset + i] & 0xffL) << (8 * i);
        if (value == -1L) return -Errno.EINVAL;
        long add = value;
        if (Long.compareUnsigned(counter(), MAX - add) > 0) {
            if (nonBlocking) return -Errno.EAGAIN;
            io.requireOutsideTrap();
            try {
                io.awaitUntil(() -> Long.compareUnsigned(counter(), MAX - add) <= 0, waiters, Long.MAX_VALUE);
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
        }
        synchronized (this) {
            counter += add;
        }
        waiters.changed();
        return 8;
    }

    @Override
    public void setStatusFlags(int flags) {
        nonBlocking = (flags & FileTable.O_NONBLOCK) != 0;
    }

    @Override
    public int readyEvents() {
        long c = counter();
        return (c != 0 ? PollEvents.READABLE : 0) | (Long.compareUnsigned(c, MAX) < 0 ? PollEvents.WRITABLE : 0);
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public int mode() {
        return 0;
    }
}
