package org.mdemu.guest.trace;

import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockObserver;
import org.mdemu.vsock.binder.RpcObserver;

/** One device or session observed by both the trace lines and the timeline. */
public final class TraceFanOut {
    private TraceFanOut() {}

    /** Both observers (either may be null). */
    public static VsockObserver vsock(VsockObserver a, VsockObserver b) {
        if (a == null) return b;
        if (b == null) return a;
        RpcObserver binder = binder(a.binderSessions(), b.binderSessions());
        return new VsockObserver() {
            @Override public void connected(VsockConnection end) { a.connected(end); b.connected(end); }
            @Override public void accepted(VsockConnection end) { a.accepted(end); b.accepted(end); }
            @Override public void closed(VsockConnection end, boolean reset) { a.closed(end, reset); b.closed(end, reset); }
            @Override public RpcObserver binderSessions() { return binder; }
        };
    }

    /** Both observers (either may be null). */
    public static RpcObserver binder(RpcObserver a, RpcObserver b) {
        if (a == null) return b;
        if (b == null) return a;
        return new RpcObserver() {
            @Override
            public void transactionSent(long flow, long address, int code, int flags, int size, String descriptor) {
                a.transactionSent(flow, address, code, flags, size, descriptor);
                b.transactionSent(flow, address, code, flags, size, descriptor);
            }

            @Override
            public void transactionReturned(long flow, long address, int code, int status, int replySize, String descriptor) {
                a.transactionReturned(flow, address, code, status, replySize, descriptor);
                b.transactionReturned(flow, address, code, status, replySize, descriptor);
            }

            @Override
            public void transactionReceived(long flow, long address, int code, int flags, int size, String descriptor) {
                a.transactionReceived(flow, address, code, flags, size, descriptor);
                b.transactionReceived(flow, address, code, flags, size, descriptor);
            }

            @Override
            public void transactionHandled(long flow, long address, int code, int status, int replySize, String descriptor) {
                a.transactionHandled(flow, address, code, status, replySize, descriptor);
                b.transactionHandled(flow, address, code, status, replySize, descriptor);
            }
        };
    }
}
