package org.mdemu.vsock;

/**
 * One direction of a vsock connection: the receive buffer of its reader, bounded (Linux's virtio-vsock default of
 * 256 KiB), so a reader that never reads stops its writer instead of growing the host's memory. The ring is allocated
 * as data arrives, doubling up to the capacity, as the kernel queues received packets rather than reserving the
 * window: a backlog of connections nobody accepts or reads holds no buffers (4096 of them held 2 GiB before).
 * Results of {@link #read} and {@link #write} use {@link VsockConnection}'s codes.
 */
final class StreamBuffer {
    static final int DEFAULT_CAPACITY = 256 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_RING = 4096;

    private final int capacity;
    private byte[] ring = EMPTY;
    private int head, count;
    private boolean writerClosed, readerClosed, reset;

    StreamBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized int read(byte[] b, int off, int len) {
        if (reset) return VsockConnection.RESET;
        if (readerClosed) return VsockConnection.EOF;
        if (count == 0) return writerClosed ? VsockConnection.EOF : VsockConnection.WOULD_BLOCK;
        int n = Math.min(len, count);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, b, off, first);
        if (n > first) System.arraycopy(ring, 0, b, off + first, n - first);
        head = (head + n) % ring.length;
        count -= n;
        return n;
    }

    synchronized int write(byte[] b, int off, int len) {
        if (reset) return VsockConnection.RESET;
        if (readerClosed || writerClosed) return VsockConnection.CLOSED;
        int n = Math.min(len, capacity - count);
        if (n <= 0) return 0;
        if (count + n > ring.length) grow(count + n);
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        if (n > first) System.arraycopy(b, off + first, ring, 0, n - first);
        count += n;
        return n;
    }

    /** A ring of at least {@code needed} bytes (within the capacity), the queued bytes moved to its start. */
    private void grow(int needed) {
        int size = Math.max(ring.length, FIRST_RING);
        while (size < needed) size = Math.min(capacity, size * 2);
        byte[] bigger = new byte[Math.min(capacity, Math.max(size, needed))];
        int first = Math.min(count, ring.length - head);
        if (count > 0) {
            System.arraycopy(ring, head, bigger, 0, first);
            System.arraycopy(ring, 0, bigger, first, count - first);
        }
        ring = bigger;
        head = 0;
    }

    synchronized int available() {
        return count;
    }

    synchronized int space() {
        return capacity - count;
    }

    int capacity() {
        return capacity;
    }

    synchronized void closeWriter() {
        writerClosed = true;
    }

    /** The reader is gone: what is buffered is dropped, later writes fail. */
    synchronized void closeReader() {
        readerClosed = true;
        count = 0;
        ring = EMPTY;
    }

    synchronized void reset() {
        reset = true;
        count = 0;
        ring = EMPTY;
    }

    synchronized boolean writerClosed() {
        return writerClosed;
    }

    synchronized boolean readerClosed() {
        return readerClosed;
    }

    synchronized boolean isReset() {
        return reset;
    }
}
