package org.mdemu.guest.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A byte pipe from the guest to a host reader, with a bounded buffer. A writer blocks while the buffer is full
 * (backpressure, as a full pipe would stall a real VM's console) unless the reader has closed its end, in which
 * case output is discarded. Closing the write side makes the reader see end-of-stream after the buffered bytes.
 * The buffer grows up to its capacity as output waits in it, and is given back once the pipe is done with (the
 * reader closed, or the writer closed and everything read): a stopped VM keeps no buffer.
 */
public final class OutputPipe {
    private static final byte[] NONE = new byte[0];
    private static final int FIRST_SIZE = 16 << 10;
    private final int capacity;
    private byte[] ring;
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;
    private final InputStream input = new Reader();

    public OutputPipe(int capacity) {
        this.capacity = capacity;
        this.ring = new byte[Math.min(capacity, FIRST_SIZE)];
    }

    /** Doubles the buffer (up to the capacity) with its bytes moved to the start; false when it is at its capacity. */
    private boolean grow() {
        if (ring.length >= capacity) return false;
        byte[] bigger = new byte[(int) Math.min(capacity, 2L * ring.length)];
        int first = Math.min(count, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, count - first);
        ring = bigger;
        head = 0;
        return true;
    }

    private void release() {
        ring = NONE;
        head = 0;
        count = 0;
    }

    public InputStream inputStream() {
        return input;
    }

    public synchronized void write(byte[] data, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (readerClosed || writerClosed) return;
            if (count == ring.length && !grow()) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            int tail = (head + count) % ring.length;
            int n = Math.min(length - done, Math.min(ring.length - count, ring.length - tail));
            System.arraycopy(data, offset + done, ring, tail, n);
            count += n;
            done += n;
            notifyAll();
        }
    }

    public synchronized void closeWriter() {
        writerClosed = true;
        if (count == 0) release();
        notifyAll();
    }

    private final class Reader extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            synchronized (OutputPipe.this) {
                while (count == 0) {
                    if (writerClosed || readerClosed) {
                        release();
                        return -1;
                    }
                    try {
                        OutputPipe.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading VM output");
                    }
                }
                int n = Math.min(len, Math.min(count, ring.length - head));
                System.arraycopy(ring, head, b, off, n);
                head = (head + n) % ring.length;
                count -= n;
                if (count == 0 && writerClosed) release();
                OutputPipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (OutputPipe.this) {
                return count;
            }
        }

        @Override
        public void close() {
            synchronized (OutputPipe.this) {
                readerClosed = true;
                release();
                OutputPipe.this.notifyAll();
            }
        }
    }
}
