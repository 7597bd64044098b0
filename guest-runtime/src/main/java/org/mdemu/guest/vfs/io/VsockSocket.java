package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockDevice;
import org.mdemu.vsock.VsockException;
import org.mdemu.vsock.VsockListener;

/**
 * An AF_VSOCK stream socket of the guest, on the VM's {@link VsockDevice}: unbound, bound, listening (a
 * {@link VsockListener}) or connected (a {@link VsockConnection}). Host-side events (a host thread connecting,
 * writing, closing; the TCP forwarder's Netty thread) arrive as listener callbacks that wake the guest threads
 * waiting in {@link PollWaiters}; a guest thread blocked in accept, connect, read or write blocks only itself.
 *
 * <p>Connections complete at once (both ends live in this JVM): a blocking connect returns 0 or the error, a
 * non-blocking one EINPROGRESS with the socket already connected (or SO_ERROR set), as a caller polling for
 * POLLOUT then reading SO_ERROR expects. A connection to a port nobody listens on fails with ECONNRESET, as on
 * virtio-vsock (the other side answers with a reset, not a refusal).
 *
 * <p><b>Java code of the guest</b> (a system library such as the binder RPC server behind
 * {@code AVmPayload_runVsockRpcServer}) uses the same sockets, on a guest thread (inside a library function's
 * handler): {@code VsockSocket server = kernel.sockets().newVsockSocket(0)}, {@code server.bind(VsockAddress.CID_ANY,
 * port)}, {@code server.listen(backlog)}, then {@code VsockSocket conn = server.accept(0)} in a loop; each
 * accepted socket's {@link #read}/{@link #write} (and {@link #receive}/{@link #send}) block only the calling guest
 * thread, through the scheduler, exactly as the payload's own read/write do; results are counts or -errno, accept
 * throws ErrnoException. Close with {@link #close()}. Blocking calls must run outside the CPU trap (they call
 * {@code requireOutsideTrap} before changing anything, so the handler is simply re-run there). To hand a
 * connection to the payload as a descriptor, install it: {@code files.install(conn, "socket:[...]", O_RDWR)}.
 *
 * <p><b>Host code</b> connects with {@code VirtualMachine.connectVsock(port)} (a {@link VsockConnection} with
 * blocking streams), or listens for the guest with {@code VirtualMachineManager.listenVsock(port)} (CID 2).
 */
public final class VsockSocket implements GuestSocket, Readiness {
    public static final int AF_VSOCK = 40;

    private final VsockDevice device;
    private final IoWait io;
    private final PollWaiters waiters;
    private final SocketOptions options = new SocketOptions();
    private volatile boolean nonBlocking;
    /** The bound local address (cid as given to bind); null while unbound. */
    private VsockAddress bound;
    private boolean ownsPort;
    private volatile VsockListener listener;
    private volatile VsockConnection connection;
    private volatile int pendingError;
    private final ShutdownState shut = new ShutdownState();

    public VsockSocket(VsockDevice device, IoWait io, int flags) {
        this.device = device;
        this.io = io;
        this.waiters = new PollWaiters(io.scheduler(), "vsock socket", true);
        setStatusFlags(flags);
    }

    private VsockSocket(VsockDevice device, IoWait io, int flags, VsockConnection accepted) {
        this(device, io, flags);
        this.connection = accepted;
        this.bound = accepted.localAddress();
        accepted.setListener(waiters::changed);
    }

    public static int errnoOf(VsockException e) {
        return switch (e.reason()) {
            case ADDRESS_IN_USE -> Errno.EADDRINUSE;
            case CONNECTION_REFUSED, CONNECTION_RESET, CLOSED -> Errno.ECONNRESET;
            case NETWORK_UNREACHABLE -> Errno.ENETUNREACH;
        };
    }

    @Override
    public int family() {
        return AF_VSOCK;
    }

    @Override
    public int type() {
        return UnixSocket.SOCK_STREAM;
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    public synchronized long bind(int cid, int port) {
        if (bound != null || connection != null) return -Errno.EINVAL;
        if (cid != VsockAddress.CID_ANY && cid != device.cid() && cid != VsockAddress.CID_LOCAL) {
            return -Errno.EADDRNOTAVAIL;
        }
        try {
            int p = device.bind(port);
            bound = new VsockAddress(cid, p);
            ownsPort = true;
            return 0;
        } catch (VsockException e) {
            return -errnoOf(e);
        }
    }

    public synchronized long listen(int backlog) {
        if (connection != null) return -Errno.EINVAL;
        if (listener != null) {
            listener.setBacklog(backlog);
            return 0;
        }
        if (bound == null) return -Errno.EINVAL;
        try {
            VsockListener l = device.listen(bound.port(), backlog);
            listener = l;
            ownsPort = false;
            l.setListener(waiters::changed);
            return 0;
        } catch (VsockException e) {
            return -errnoOf(e);
        }
    }

    public boolean listening() {
        return listener != null;
    }

    /** accept4: the next connection as a new socket with the given flags (SOCK_NONBLOCK); errors as ErrnoException. */
    public VsockSocket accept(int flags) {
        VsockListener l = listener;
        if (l == null) throw new ErrnoException(Errno.EINVAL);
        long deadline = Long.MAX_VALUE;
        if (l.pending() == 0 && !nonBlocking) {
            io.requireOutsideTrap();
            deadline = io.deadlineAfter(options.receiveTimeoutNanos);
        }
        while (true) {
            VsockConnection c = l.poll();
            if (c != null) return new VsockSocket(device, io, flags, c);
            if (l.isClosed()) throw new ErrnoException(Errno.EINVAL);
            if (nonBlocking) throw new ErrnoException(Errno.EAGAIN);
            try {
                if (!io.awaitUntil(() -> l.pending() > 0 || l.isClosed(), waiters, deadline)) {
                    throw new ErrnoException(Errno.EAGAIN);
                }
            } catch (IoWait.Interrupted signal) {
                throw new ErrnoException((int) -io.interruptedResult(0, deadline == Long.MAX_VALUE));
            }
        }
    }

    /** connect: 0, EINPROGRESS (non-blocking; the outcome is in SO_ERROR and poll), or -errno. */
    public long connect(int cid, int port) {
        VsockConnection c;
        synchronized (this) {
            if (listener != null) return -Errno.EINVAL;
            if (connection != null) return -Errno.EISCONN;
            try {
                if (bound != null) {
                    c = device.connect(bound.port(), ownsPort, new VsockAddress(cid, port));
                    ownsPort = false;
                } else {
                    c = device.connect(new VsockAddress(cid, port));
                }
            } catch (VsockException e) {
                if (nonBlocking) {
                    pendingError = errnoOf(e);
                    waiters.changed();
                    return -Errno.EINPROGRESS;
                }
                return -errnoOf(e);
            }
            connection = c;
            bound = c.localAddress();
        }
        c.setListener(waiters::changed);
        return nonBlocking ? -Errno.EINPROGRESS : 0;
    }

    /** SO_ERROR: the pending error, cleared by reading it. */
    public int takeError() {
        int e = pendingError;
        pendingError = 0;
        return e;
    }

    /** getsockname: the bound address (VMADDR_CID_ANY/PORT_ANY while unbound). */
    public synchronized VsockAddress localAddress() {
        return bound != null ? bound : new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY);
    }

    /** getpeername: the peer, or null when not connected. */
    public VsockAddress peerAddress() {
        VsockConnection c = connection;
        return c == null ? null : c.peerAddress();
    }

    @Override
    public long queuedBytes() {
        VsockConnection c = connection;
        return c == null ? 0 : c.available();
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        return receive(buffer, offset, length, false);
    }

    @Override
    public long receive(byte[] buffer, int offset, int length, boolean dontWait) {
        VsockConnection c = connection;
        if (c == null) return -Errno.ENOTCONN;
        if (shut.readShut()) return 0;
        if (length == 0) return 0;
        boolean noWait = nonBlocking || dontWait;
        long deadline = Long.MAX_VALUE;
        if (!noWait && c.available() == 0 && !c.inputShutdown() && !c.isReset()) {
            io.requireOutsideTrap();
            deadline = io.deadlineAfter(options.receiveTimeoutNanos);
        }
        while (true) {
            int n = c.tryRead(buffer, offset, length);
            if (n > 0) return n;
            if (n == VsockConnection.EOF) return 0;
            if (n == VsockConnection.RESET) return -Errno.ECONNRESET;
            if (noWait) return -Errno.EAGAIN;
            try {
                if (!io.awaitUntil(() -> c.available() > 0 || c.inputShutdown() || c.isReset(), waiters, deadline)) {
                    return -Errno.EAGAIN;
                }
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(0, deadline == Long.MAX_VALUE);
            }
        }
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        return send(buffer, offset, length, false);
    }

    /** A blocking send waits until every byte is in the peer's buffer; a non-blocking one sends what fits. */
    @Override
    public long send(byte[] buffer, int offset, int length, boolean dontWait) {
        VsockConnection c = connection;
        if (shut.writeShut()) return -Errno.EPIPE;
        if (c == null) return -Errno.ENOTCONN;
        boolean noWait = nonBlocking || dontWait;
        if (length == 0) return c.isReset() ? -Errno.ECONNRESET : 0;
        long deadline = Long.MAX_VALUE;
        if (!noWait && c.writeSpace() < length && !c.outputShutdown() && !c.isReset()) {
            io.requireOutsideTrap();
            deadline = io.deadlineAfter(options.sendTimeoutNanos);
        }
        int written = 0;
        while (written < length) {
            int n = c.tryWrite(buffer, offset + written, length - written);
            if (n == VsockConnection.RESET) return written > 0 ? written : -Errno.ECONNRESET;
            if (n == VsockConnection.CLOSED) return written > 0 ? written : -Errno.EPIPE;
            if (n > 0) {
                written += n;
                continue;
            }
            if (noWait) return written > 0 ? written : -Errno.EAGAIN;
            try {
                if (!io.awaitUntil(() -> c.writeSpace() > 0 || c.outputShutdown() || c.isReset(), waiters, deadline)) {
                    return written > 0 ? written : -Errno.EAGAIN;
                }
            } catch (IoWait.Interrupted signal) {
                return io.interruptedResult(written, deadline == Long.MAX_VALUE);
            }
        }
        return written;
    }

    @Override
    public long shutdown(int how) {
        if (how < UnixSocket.SHUT_RD || how > UnixSocket.SHUT_RDWR) return -Errno.EINVAL;
        VsockConnection c = connection;
        if (c == null) return -Errno.ENOTCONN;
        return shut.shutdown(how, c::shutdownInput, c::shutdownOutput);
    }

    @Override
    public void setStatusFlags(int flags) {
        nonBlocking = (flags & FileTable.O_NONBLOCK) != 0;
    }

    @Override
    public int readyEvents() {
        VsockListener l = listener;
        if (l != null) return l.pending() > 0 ? PollEvents.READABLE : 0;
        VsockConnection c = connection;
        if (c == null) {
            return pendingError != 0 ? PollEvents.POLLERR | PollEvents.POLLHUP | PollEvents.WRITABLE : 0;
        }
        if (c.isReset()) return PollEvents.POLLERR | PollEvents.POLLHUP | PollEvents.READABLE | PollEvents.WRITABLE;
        int events = 0;
        boolean inputDone = shut.readShut() || c.inputShutdown();
        if (c.available() > 0 || inputDone) events |= PollEvents.READABLE;
        if (inputDone) events |= PollEvents.POLLRDHUP;
        boolean outputDone = shut.writeShut() || c.outputShutdown();
        if (c.writeSpace() > 0 || outputDone) events |= PollEvents.WRITABLE;
        if (inputDone && outputDone) events |= PollEvents.POLLHUP;
        return events;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public void close() {
        VsockListener l;
        VsockConnection c;
        synchronized (this) {
            l = listener;
            c = connection;
            listener = null;
            connection = null;
            if (l == null && c == null && bound != null && ownsPort) device.unbind(bound.port());
            ownsPort = false;
        }
        if (l != null) l.close();
        if (c != null) {
            c.setListener(null);
            c.close();
        }
    }
}
