package org.mdemu.vsock.binder;

/**
 * A local binder that keeps count of the references RPC sessions hold for the other side (libbinder's sentRef): one
 * per time a session sent it, given back by the other side's DEC_STRONG or when the session ends. The object may be
 * destroyed only when no session holds it. Both calls happen on the session's threads and must not block.
 */
public interface RemoteReferences {
    /** A session sent this binder in a parcel. */
    void sentBySession();

    /** The other side released count of those references, or the session holding them ended. */
    void releasedBySession(long count);
}
