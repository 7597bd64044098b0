package org.mdemu.vsock;

/**
 * Hears of the connections of one {@link VsockDevice} (tracing): an end this device connected, one it accepted from
 * a listener's backlog, and the end of each. Calls come on the thread that made the change (a guest thread
 * connecting, accepting or closing; the VM's thread when a stopping VM resets its connections) and must not block.
 */
public interface VsockObserver {
    /** This device connected out: end is its side of the new connection. */
    void connected(VsockConnection end);

    /** A connection to one of this device's listeners was taken from the backlog. */
    void accepted(VsockConnection end);

    /** This device's end closed (reset: aborted, as when the VM stops). Once per end. */
    void closed(VsockConnection end, boolean reset);

    /**
     * The observer of the binder RPC sessions served over this device's connections (a payload's
     * AVmPayload_runVsockRpcServer), or null: tracing of a device and of the binder on it go together.
     */
    default org.mdemu.vsock.binder.RpcObserver binderSessions() {
        return null;
    }
}
