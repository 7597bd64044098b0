package org.mdemu.guest.trace;

import java.util.function.IntSupplier;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockObserver;
import org.mdemu.vsock.binder.RpcObserver;

/**
 * The {@code vsock} lines of a trace: the guest's connections as they are made, accepted and closed, with both
 * addresses as {@code cid:port}, e.g. {@code 1042/1042 0.201311 vsock accept 3:5678 <- 2:1073741824 (connection 7)}.
 * The connection number is the one both ends share, so a host-side log can be matched to it. Also hands the
 * binder lines to the RPC sessions served on the device, when those are traced.
 */
public final class VsockTraceLines implements VsockObserver {
    private final CallTracer tracer;
    private final IntSupplier tid;
    private final RpcObserver binder;

    /** binder: the observer of the device's binder sessions, or null. */
    public VsockTraceLines(CallTracer tracer, IntSupplier tid, RpcObserver binder) {
        this.tracer = tracer;
        this.tid = tid;
        this.binder = binder;
    }

    @Override
    public void connected(VsockConnection end) {
        if (tracer.traces(TraceCategory.VSOCK)) line("connect", end, "->", "");
    }

    @Override
    public void accepted(VsockConnection end) {
        if (tracer.traces(TraceCategory.VSOCK)) line("accept", end, "<-", "");
    }

    @Override
    public void closed(VsockConnection end, boolean reset) {
        if (tracer.traces(TraceCategory.VSOCK)) line(reset ? "reset" : "close", end, "<->", "");
    }

    private void line(String what, VsockConnection end, String arrow, String extra) {
        tracer.event(tid.getAsInt(), "vsock " + what + " " + end.localAddress().cid() + ":"
                + Integer.toUnsignedString(end.localAddress().port()) + " " + arrow + " " + end.peerAddress().cid() + ":"
                + Integer.toUnsignedString(end.peerAddress().port()) + " (connection " + end.id() + ")" + extra);
    }

    @Override
    public RpcObserver binderSessions() {
        return binder;
    }
}
