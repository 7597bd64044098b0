package org.mdemu.vsock;

/**
 * One direction of a vsock connection: the receive buffer of its reader, bounded (Linux's virtio-vsock default of
 * 256 KiB), so a reader that never reads stops its writer instead of growing the host's memory. Results of
 * {@link #read} and {@link #write} use {@link VsockConnection}'s codes.
 */
final class StreamBuffer {
    static final int DEFAULT_CAPACITY = 256 * 1024;

    private final byte[] ring;
    private int head, count;
    private boolean writerClosed, readerClosed, reset;

    StreamBuffer(int capacity) {
        ring = new byte[capacity];
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
        int n = Math.min(len, ring.length - count);
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        if (n > first) System.arraycopy(b, off + first, ring, 0, n - first);
        count += n;
        return n;
    }

    synchronized int available() {
        return count;
    }

    synchronized int space() {
        return ring.length - count;
    }

    int capacity() {
        return ring.length;
    }

    synchronized void closeWriter() {
        writerClosed = true;
    }

    /** The reader is gone: what is buffered is dropped, later writes fail. */
    synchronized void closeReader() {
        readerClosed = true;
        count = 0;
    }

    synchronized void reset() {
        reset = true;
        count = 0;
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
