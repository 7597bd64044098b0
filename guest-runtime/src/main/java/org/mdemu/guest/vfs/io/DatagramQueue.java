package org.mdemu.guest.vfs.io;

import java.util.ArrayDeque;
import org.mdemu.guest.kernel.Errno;

/**
 * One direction of an AF_UNIX SOCK_DGRAM socket pair: whole messages, kept apart. A read takes one message and
 * drops what does not fit the buffer; a write waits while the queue holds more than its byte budget (Linux's
 * default socket send buffer).
 */
public final class DatagramQueue implements Channel {
    public static final int CAPACITY = 212992;

    private final IoWait io;
    private final PollWaiters waiters;
    private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
    private int bytes;
    private boolean readerGone, writerGone;

    public DatagramQueue(IoWait io) {
        this(io, new PollWaiters(io.scheduler(), "socket", false));
    }

    /** A channel whose changes wake waiters shared with others (both directions of a socket pair). */
    public DatagramQueue(IoWait io, PollWaiters waiters) {
        this.io = io;
        this.waiters = waiters;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    private synchronized boolean hasMessage() {
        return !messages.isEmpty();
    }

    private synchronized boolean fits(int length) {
        return bytes + length <= CAPACITY;
    }

    @Override
    public synchronized long queued() {
        byte[] next = messages.peekFirst();
        return next == null ? 0 : next.length;
    }

    @Override
    public long read(byte[] buffer, int offset, int length, boolean nonBlocking) {
        if (!hasMessage() && !writersGone()) {
            if (nonBlocking) return -Errno.EAGAIN;
            io.requireOutsideTrap();
            try {
                io.awaitUntil(() -> hasMessage() || writersGone(), waiters, Long.MAX_VALUE);
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
        }
        byte[] m;
        synchronized (this) {
            m = messages.pollFirst();
            if (m == null) return 0;
            bytes -= m.length;
        }
        int n = Math.min(length, m.length);
        System.arraycopy(m, 0, buffer, offset, n);
        waiters.changed();
        return n;
    }

    @Override
    public long write(byte[] buffer, int offset, int length, boolean nonBlocking) {
        if (writersGone()) return -Errno.EPIPE;
        if (readersGone()) return -Errno.ECONNREFUSED;
        if (length > CAPACITY) return -Errno.EMSGSIZE;
        if (!fits(length)) {
            if (nonBlocking) return -Errno.EAGAIN;
            io.requireOutsideTrap();
            try {
                io.awaitUntil(() -> fits(length) || readersGone(), waiters, Long.MAX_VALUE);
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
            if (readersGone()) return -Errno.ECONNREFUSED;
        }
        byte[] m = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        synchronized (this) {
            messages.addLast(m);
            bytes += length;
        }
        waiters.changed();
        return length;
    }

    @Override
    public synchronized int readEvents() {
        return (!messages.isEmpty() ? PollEvents.READABLE : 0) | (writerGone ? PollEvents.POLLHUP : 0);
    }

    @Override
    public synchronized int writeEvents() {
        if (readerGone) return PollEvents.POLLERR;
        return bytes < CAPACITY ? PollEvents.WRITABLE : 0;
    }

    @Override
    public void closeReader() {
        synchronized (this) {
            readerGone = true;
        }
        waiters.changed();
    }

    @Override
    public void closeWriter() {
        synchronized (this) {
            writerGone = true;
        }
        waiters.changed();
    }

    @Override
    public synchronized boolean writersGone() {
        return writerGone;
    }

    @Override
    public synchronized boolean readersGone() {
        return readerGone;
    }
}
