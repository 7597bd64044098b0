package org.mdemu.guest.binder;

import java.io.EOFException;
import java.io.IOException;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.Waiter;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.binder.RpcTransport;

/**
 * An RPC binder connection as the guest's libbinder sees its vsock socket: reads and writes by guest threads that
 * wait for data or room without holding the CPU (the connection's change listener wakes them), as a blocking
 * socket call does in the kernel.
 */
final class GuestVsockTransport implements RpcTransport {
    private final VsockConnection connection;
    private final Scheduler scheduler;
    private volatile Waiter waiter;

    GuestVsockTransport(VsockConnection connection, Scheduler scheduler) {
        this.connection = connection;
        this.scheduler = scheduler;
        connection.setListener(() -> {
            Waiter w = waiter;
            if (w != null) scheduler.wake(w);
        });
    }

    @Override
    public long connectionId() {
        return connection.id();
    }

    @Override
    public boolean connectingEnd() {
        return connection.isConnectingEnd();
    }

    private Waiter arm() {
        GuestThread self = scheduler.current();
        Waiter w = new Waiter(self, 0).on("binder vsock read").external();
        waiter = w;
        return w;
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            Waiter w = arm();
            int n = connection.tryRead(b, off, len);
            if (n == VsockConnection.WOULD_BLOCK) {
                scheduler.block(w, Long.MAX_VALUE);
                continue;
            }
            waiter = null;
            if (n == VsockConnection.EOF) throw new EOFException("vsock peer closed the connection");
            if (n == VsockConnection.RESET) throw new IOException("vsock connection reset");
            off += n;
            len -= n;
        }
        waiter = null;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            Waiter w = arm();
            int n = connection.tryWrite(b, off, len);
            if (n == VsockConnection.WOULD_BLOCK) {
                scheduler.block(w, Long.MAX_VALUE);
                continue;
            }
            waiter = null;
            if (n == VsockConnection.CLOSED) throw new IOException("vsock peer no longer reads (EPIPE)");
            if (n == VsockConnection.RESET) throw new IOException("vsock connection reset");
            off += n;
            len -= n;
        }
        waiter = null;
    }

    @Override
    public void close() {
        connection.close();
    }
}
