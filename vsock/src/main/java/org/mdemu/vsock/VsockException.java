package org.mdemu.vsock;

import java.io.IOException;

/** A vsock operation failed; {@link #reason()} says why in terms that map one to one onto Linux errno values. */
public final class VsockException extends IOException {
    public enum Reason {
        /** Nobody listens on the port, or its backlog is full (ECONNREFUSED). */
        CONNECTION_REFUSED,
        /** The port is bound already (EADDRINUSE). */
        ADDRESS_IN_USE,
        /** The peer machine went away, or the connection was aborted (ECONNRESET). */
        CONNECTION_RESET,
        /** No machine has that context id, or it cannot be reached from here (ENETUNREACH). */
        NETWORK_UNREACHABLE,
        /** The device or listener is closed. */
        CLOSED
    }

    private final Reason reason;

    public VsockException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
