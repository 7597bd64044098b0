package org.mdemu.vsock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vsock "wire" between the host and the guests of one JVM: routes connections by context id. The host is CID 2
 * ({@link #host()}); each VM attaches a device with its own CID (3, 4, ... in attach order, never reused while the
 * fabric lives). A guest reaches the host (CID 2) and itself (its CID or CID 1); the host reaches every guest;
 * guests do not reach each other, as on a device where vsock only joins a VM and its host.
 *
 * <p>Connections are in-process: two bounded {@link StreamBuffer}s per connection, no copies through sockets.
 * {@link VsockTcpForwarder} bridges a port to TCP on 127.0.0.1 for tools outside the JVM.
 */
public final class VsockFabric {
    private static final VsockFabric SHARED = new VsockFabric(StreamBuffer.DEFAULT_CAPACITY);

    private final Map<Integer, VsockDevice> devices = new ConcurrentHashMap<>();
    private final int bufferCapacity;
    private int nextCid = VsockAddress.FIRST_GUEST_CID;
    private VsockDevice host;

    /** A private fabric (tests); bufferCapacity bytes per direction of each connection. */
    public VsockFabric(int bufferCapacity) {
        if (bufferCapacity < 4096) throw new IllegalArgumentException("vsock buffer of " + bufferCapacity + " bytes");
        this.bufferCapacity = bufferCapacity;
    }

    /** The fabric every VM of this JVM is attached to. */
    public static VsockFabric shared() {
        return SHARED;
    }

    /** The host's device, CID 2. */
    public synchronized VsockDevice host() {
        if (host == null) {
            host = new VsockDevice(this, VsockAddress.CID_HOST, bufferCapacity);
            devices.put(VsockAddress.CID_HOST, host);
        }
        return host;
    }

    /** Attaches a new guest with the next free CID. */
    public synchronized VsockDevice attachGuest() {
        int cid = nextCid++;
        VsockDevice d = new VsockDevice(this, cid, bufferCapacity);
        devices.put(cid, d);
        return d;
    }

    /** The attached device with that CID, or null. */
    public VsockDevice device(int cid) {
        return devices.get(cid);
    }

    void detach(VsockDevice d) {
        synchronized (this) {
            if (d == host) host = null;
        }
        devices.remove(d.cid(), d);
    }

    /** The device a connection from `from` to `cid` reaches. */
    VsockDevice route(VsockDevice from, int cid) throws VsockException {
        if (cid == VsockAddress.CID_LOCAL || cid == from.cid()) return from;
        VsockDevice to = cid == VsockAddress.CID_HOST ? host() : devices.get(cid);
        boolean reachable = to != null && (from.cid() == VsockAddress.CID_HOST || cid == VsockAddress.CID_HOST);
        if (!reachable) {
            throw new VsockException(VsockException.Reason.NETWORK_UNREACHABLE, "vsock CID "
                    + Integer.toUnsignedString(cid) + " is not reachable from CID " + from.cid());
        }
        return to;
    }
}
