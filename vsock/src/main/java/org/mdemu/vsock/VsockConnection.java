package org.mdemu.vsock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of a vsock stream connection (the {@code ParcelFileDescriptor} of {@code connectVsock} on a device). Two
 * ways to use it:
 * <ul>
 *   <li><b>Blocking</b>, for host code: {@link #getInputStream()} and {@link #getOutputStream()}. A read waits for
 *   data and answers -1 at end of stream (the peer shut its output or closed); a write waits while the peer's
 *   receive buffer is full. A connection reset (the VM stopped, the peer aborted) is an IOException
 *   ({@link VsockException} with {@link VsockException.Reason#CONNECTION_RESET}).</li>
 *   <li><b>Non-blocking</b>, for event-driven code (the guest kernel's sockets, the TCP forwarder): {@link #tryRead}
 *   and {@link #tryWrite} never wait and answer a count or one of {@link #WOULD_BLOCK}, {@link #EOF},
 *   {@link #CLOSED}, {@link #RESET}; {@link #setListener} is called after every change of either direction (from
 *   whichever thread made it, so it must only hand the news on, not block).</li>
 * </ul>
 * Each direction buffers at most {@link #bufferCapacity()} bytes: a peer that never reads stops this end's writes
 * there (backpressure), nothing grows without bound. {@link #close()} is a graceful close of both directions (the
 * peer reads what was sent, then end of stream); {@link #reset()} aborts.
 */
public final class VsockConnection implements AutoCloseable {
    /** Nothing to read or no room to write now. */
    public static final int WOULD_BLOCK = 0;
    /** tryRead: end of stream. */
    public static final int EOF = -1;
    /** tryWrite: this end shut its output, or the peer no longer reads (EPIPE). */
    public static final int CLOSED = -1;
    /** The connection was reset (ECONNRESET). */
    public static final int RESET = -2;

    private final VsockAddress local, peer;
    private final StreamBuffer in, out;
    private final ChangeSignal signal = new ChangeSignal();
    private final VsockDevice device;
    private final boolean ownsPort;
    /** Shared by both ends of one connection: tracing joins what one end sends to what the other receives. */
    private final long id;
    private final boolean connectingEnd;
    private static final AtomicLong IDS = new AtomicLong();
    private VsockConnection other;
    private volatile boolean closed;
    private volatile int readTimeoutMillis;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    private VsockConnection(VsockDevice device, VsockAddress local, VsockAddress peer, StreamBuffer in,
                            StreamBuffer out, boolean ownsPort, long id, boolean connectingEnd) {
        this.id = id;
        this.connectingEnd = connectingEnd;
        this.device = device;
        this.local = local;
        this.peer = peer;
        this.in = in;
        this.out = out;
        this.ownsPort = ownsPort;
    }

    /** A connected pair: [0] at the connecting device, [1] at the listening one. */
    static VsockConnection[] pair(VsockDevice client, VsockAddress clientAddress, boolean clientOwnsPort,
                                  VsockDevice server, VsockAddress serverAddress, int capacity) {
        StreamBuffer toServer = new StreamBuffer(capacity), toClient = new StreamBuffer(capacity);
        long id = IDS.incrementAndGet();
        VsockConnection c = new VsockConnection(client, clientAddress, serverAddress, toClient, toServer, clientOwnsPort,
                id, true);
        VsockConnection s = new VsockConnection(server, serverAddress, clientAddress, toServer, toClient, false, id, false);
        c.other = s;
        s.other = c;
        return new VsockConnection[] {c, s};
    }

    public VsockAddress localAddress() {
        return local;
    }

    public VsockAddress peerAddress() {
        return peer;
    }

    /** A number both ends of this connection share, unique in the JVM (1, 2, ...). */
    public long id() {
        return id;
    }

    /** Whether this is the end that connected (the other one was accepted from a listener). */
    public boolean isConnectingEnd() {
        return connectingEnd;
    }

    /** The most bytes one direction holds before its writer has to wait. */
    public int bufferCapacity() {
        return out.capacity();
    }

    /** Reads what is there: a count, {@link #WOULD_BLOCK} (when len &gt; 0), {@link #EOF} or {@link #RESET}. */
    public int tryRead(byte[] b, int off, int len) {
        if (len == 0) return 0;
        int n = in.read(b, off, len);
        if (n > 0) changed();
        return n;
    }

    /** Writes what fits: a count, {@link #WOULD_BLOCK} (buffer full), {@link #CLOSED} or {@link #RESET}. */
    public int tryWrite(byte[] b, int off, int len) {
        if (len == 0) return in.isReset() ? RESET : 0;
        int n = out.write(b, off, len);
        if (n > 0) changed();
        return n;
    }

    /** Bytes waiting to be read at this end. */
    public int available() {
        return in.available();
    }

    /** Bytes this end could write now without waiting (0 once the output is closed, shut or reset). */
    public int writeSpace() {
        return out.writerClosed() || out.readerClosed() || out.isReset() ? 0 : out.space();
    }

    /** Bytes written by this end that the peer has not read yet. */
    public int unreadByPeer() {
        return out.available();
    }

    /** No more data will arrive: the peer shut its output or closed, or this end shut its input. */
    public boolean inputShutdown() {
        return in.writerClosed() || in.readerClosed();
    }

    /** Nothing more can be sent: this end shut its output, or the peer shut its input or closed. */
    public boolean outputShutdown() {
        return out.writerClosed() || out.readerClosed();
    }

    public boolean isReset() {
        return in.isReset();
    }

    /**
     * How long a blocking read through {@link #getInputStream()} waits for data before it throws
     * {@link SocketTimeoutException} (the connection stays usable); 0, the default, waits forever. As
     * {@code Socket.setSoTimeout}.
     */
    public void setReadTimeout(int millis) {
        if (millis < 0) throw new IllegalArgumentException("negative read timeout " + millis);
        readTimeoutMillis = millis;
    }

    /** Called (on the changing thread) after any change of either direction or of the connection's state. */
    public void setListener(Runnable listener) {
        signal.setListener(listener);
        if (listener != null) listener.run();
    }

    /** SHUT_RD: this end reads end of stream from now on; the peer's writes fail. */
    public void shutdownInput() {
        in.closeReader();
        changed();
    }

    /** SHUT_WR: the peer reads end of stream once it has read what was sent. */
    public void shutdownOutput() {
        out.closeWriter();
        changed();
    }

    /** Graceful close of both directions; the end is forgotten by its device. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        in.closeReader();
        out.closeWriter();
        changed();
        device.forget(this, ownsPort);
    }

    /** Aborts the connection: both ends see {@link #RESET} (ECONNRESET). */
    public void reset() {
        in.reset();
        out.reset();
        changed();
        if (!closed) {
            closed = true;
            device.forget(this, ownsPort);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void changed() {
        signal.fire();
        other.signal.fire();
    }

    /** Blocking reads: -1 at end of stream, IOException on reset. */
    public InputStream getInputStream() {
        return input;
    }

    /** Blocking writes: each write returns once every byte is in the peer's buffer. */
    public OutputStream getOutputStream() {
        return output;
    }

    @Override
    public String toString() {
        return "vsock connection " + local + " -> " + peer;
    }

    private VsockException resetError() {
        return new VsockException(VsockException.Reason.CONNECTION_RESET, "Connection reset: " + this);
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            int timeout = readTimeoutMillis;
            long deadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000L;
            while (true) {
                long seen = signal.generation();
                int n = tryRead(b, off, len);
                if (n > 0 || n == EOF) return n;
                if (n == RESET) throw resetError();
                if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                    throw new SocketTimeoutException("no data within " + timeout + " ms on " + VsockConnection.this);
                }
                signal.awaitAfter(seen, deadline);
            }
        }

        @Override
        public int available() {
            return in.available();
        }

        @Override
        public void close() {
            shutdownInput();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                long seen = signal.generation();
                int n = tryWrite(b, off, len);
                if (n == RESET) throw resetError();
                if (n == CLOSED) throw new VsockException(VsockException.Reason.CLOSED, "Broken pipe: " + VsockConnection.this);
                if (n > 0) {
                    off += n;
                    len -= n;
                } else {
                    signal.awaitAfter(seen, Long.MAX_VALUE);
                }
            }
        }

        @Override
        public void close() {
            shutdownOutput();
        }
    }
}
