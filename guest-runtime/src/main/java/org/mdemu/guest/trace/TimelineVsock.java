package org.mdemu.guest.trace;

import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockObserver;
import org.mdemu.vsock.binder.RpcObserver;

/** The guest's vsock connections as timeline tracks, each a slice from connect or accept to close. */
public final class TimelineVsock implements VsockObserver {
    private final PerfettoTimeline timeline;
    private final RpcObserver binder;

    public TimelineVsock(PerfettoTimeline timeline, RpcObserver binder) {
        this.timeline = timeline;
        this.binder = binder;
    }

    @Override
    public void connected(VsockConnection end) {
        timeline.connection(end.id(), "vsock " + address(end) + " -> " + peer(end), true);
    }

    @Override
    public void accepted(VsockConnection end) {
        timeline.connection(end.id(), "vsock " + address(end) + " <- " + peer(end), true);
    }

    @Override
    public void closed(VsockConnection end, boolean reset) {
        timeline.connection(end.id(), null, false);
    }

    @Override
    public RpcObserver binderSessions() {
        return binder;
    }

    private static String address(VsockConnection end) {
        return end.localAddress().cid() + ":" + Integer.toUnsignedString(end.localAddress().port());
    }

    private static String peer(VsockConnection end) {
        return end.peerAddress().cid() + ":" + Integer.toUnsignedString(end.peerAddress().port());
    }
}
