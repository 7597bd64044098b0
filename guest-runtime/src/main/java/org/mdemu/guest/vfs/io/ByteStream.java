package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;

/**
 * A pipe's buffer (and each direction of a stream socket pair): a 64 KiB ring, as Linux's default pipe size. Writes
 * of at most PIPE_BUF bytes are atomic: they wait (or fail with EAGAIN) until they fit whole; longer blocking writes
 * go in pieces as room appears. Reading with every writer gone gives EOF; writing with every reader gone gives EPIPE
 * (there is no SIGPIPE yet).
 */
public final class ByteStream implements Channel {
    public static final int CAPACITY = 65536, PIPE_BUF = 4096;

    private final IoWait io;
    private final PollWaiters waiters;
    private final byte[] ring = new byte[CAPACITY];
    private int head, count, readers = 1, writers = 1;

    public ByteStream(IoWait io) {
        this(io, new PollWaiters(io.scheduler(), "pipe", false));
    }

    /** A channel whose changes wake waiters shared with others (both directions of a socket pair). */
    public ByteStream(IoWait io, PollWaiters waiters) {
        this.io = io;
        this.waiters = waiters;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public long queued() {
        return available();
    }

    public synchronized int available() {
        return count;
    }

    @Override
    public long read(byte[] buffer, int offset, int length, boolean nonBlocking) {
        if (length == 0) return 0;
        if (available() == 0 && !writersGone()) {
            if (nonBlocking) return -Errno.EAGAIN;
            io.requireOutsideTrap();
            try {
                io.awaitUntil(() -> available() > 0 || writersGone(), waiters, Long.MAX_VALUE);
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, true);
            }
        }
        int n;
        synchronized (this) {
            n = Math.min(length, count);
            for (int i = 0; i < n; i++) buffer[offset + i] = ring[(head + i) % CAPACITY];
            head = (head + n) % CAPACITY;
            count -= n;
        }
        if (n > 0) waiters.changed();
        return n;
    }

    @Override
    public long write(byte[] buffer, int offset, int length, boolean nonBlocking) {
        if (readersGone()) return -Errno.EPIPE;
        if (length == 0) return 0;
        int need = length <= PIPE_BUF ? length : 1;
        if (nonBlocking) {
            if (space() < need) return -Errno.EAGAIN;
            return put(buffer, offset, length);
        }
        if (space() < length) io.requireOutsideTrap();
        int written = 0;
        while (written < length) {
            if (readersGone()) return written > 0 ? written : -Errno.EPIPE;
            if (space() >= Math.min(need, length - written)) {
                written += put(buffer, offset + written, length - written);
            } else {
                try {
                    io.awaitUntil(() -> space() >= need || readersGone(), waiters, Long.MAX_VALUE);
                } catch (IoWait.Interrupted signal) {
                    return io.interruptedResult(written, true);
                }
            }
        }
        return written;
    }

    private synchronized int space() {
        return CAPACITY - count;
    }

    private int put(byte[] buffer, int offset, int length) {
        int n;
        synchronized (this) {
            n = Math.min(length, CAPACITY - count);
            int tail = (head + count) % CAPACITY;
            for (int i = 0; i < n; i++) ring[(tail + i) % CAPACITY] = buffer[offset + i];
            count += n;
        }
        if (n > 0) waiters.changed();
        return n;
    }

    @Override
    public synchronized int readEvents() {
        return (count > 0 ? PollEvents.READABLE : 0) | (writers == 0 ? PollEvents.POLLHUP : 0);
    }

    @Override
    public synchronized int writeEvents() {
        if (readers == 0) return PollEvents.POLLERR;
        return CAPACITY - count >= PIPE_BUF ? PollEvents.WRITABLE : 0;
    }

    @Override
    public void closeReader() {
        synchronized (this) {
            if (readers > 0) readers--;
        }
        waiters.changed();
    }

    @Override
    public void closeWriter() {
        synchronized (this) {
            if (writers > 0) writers--;
        }
        waiters.changed();
    }

    @Override
    public synchronized boolean writersGone() {
        return writers == 0;
    }

    @Override
    public synchronized boolean readersGone() {
        return readers == 0;
    }
}
