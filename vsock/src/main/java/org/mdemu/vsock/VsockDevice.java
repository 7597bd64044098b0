package org.mdemu.vsock;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One machine's attachment to the {@link VsockFabric}: a context id, its bound ports, listeners and open connection
 * ends. A guest's device is its virtio-vsock device; the host has one device with CID 2. Closing a guest's device
 * (the VM stopped) resets every connection it had, so host peers see ECONNRESET, and frees its CID's routes.
 */
public final class VsockDevice implements AutoCloseable {
    /** Ports below this are privileged; ephemeral ports are taken from above it (as Linux's LAST_RESERVED_PORT). */
    static final int FIRST_EPHEMERAL_PORT = 1024;

    private final VsockFabric fabric;
    private final int cid;
    private final int bufferCapacity;
    private final Set<Integer> boundPorts = new HashSet<>();
    private final Map<Integer, VsockListener> listeners = new HashMap<>();
    private final Set<VsockConnection> connections = ConcurrentHashMap.newKeySet();
    private int nextEphemeral = 0x40000000;
    private boolean closed;
    private volatile VsockObserver observer;

    VsockDevice(VsockFabric fabric, int cid, int bufferCapacity) {
        this.fabric = fabric;
        this.cid = cid;
        this.bufferCapacity = bufferCapacity;
    }

    public int cid() {
        return cid;
    }

    public VsockFabric fabric() {
        return fabric;
    }

    /** Tells observer of this device's connections from now on (null: nobody); for tracing. */
    public void setObserver(VsockObserver observer) {
        this.observer = observer;
    }

    /** The observer set by {@link #setObserver}, or null. */
    public VsockObserver observer() {
        return observer;
    }

    /**
     * Reserves a local port ({@link VsockAddress#PORT_ANY}: a free ephemeral one) and returns it; the caller owns it
     * until {@link #unbind}.
     */
    public synchronized int bind(int port) throws VsockException {
        if (closed) throw new VsockException(VsockException.Reason.CLOSED, "vsock device of CID " + cid + " is closed");
        if (port == VsockAddress.PORT_ANY) {
            do {
                port = nextEphemeral++;
                if (nextEphemeral == VsockAddress.PORT_ANY || nextEphemeral < FIRST_EPHEMERAL_PORT) {
                    nextEphemeral = FIRST_EPHEMERAL_PORT;
                }
            } while (boundPorts.contains(port));
        } else if (boundPorts.contains(port)) {
            throw new VsockException(VsockException.Reason.ADDRESS_IN_USE,
                    "vsock port " + Integer.toUnsignedString(port) + " of CID " + cid + " is in use");
        }
        boundPorts.add(port);
        return port;
    }

    public synchronized void unbind(int port) {
        if (!listeners.containsKey(port)) boundPorts.remove(port);
    }

    public synchronized boolean isBound(int port) {
        return boundPorts.contains(port);
    }

    /**
     * Listens on a port. A port the caller bound before (a guest socket's bind then listen) is taken over; an
     * unbound one is bound here. A port someone already listens on is ADDRESS_IN_USE.
     */
    public synchronized VsockListener listen(int port, int backlog) throws VsockException {
        if (listeners.containsKey(port)) {
            throw new VsockException(VsockException.Reason.ADDRESS_IN_USE,
                    "vsock port " + Integer.toUnsignedString(port) + " of CID " + cid + " already has a listener");
        }
        if (!boundPorts.contains(port)) port = bind(port);
        VsockListener l = new VsockListener(this, new VsockAddress(cid, port), backlog);
        listeners.put(port, l);
        return l;
    }

    synchronized void unlisten(VsockListener l) {
        if (listeners.get(l.port()) == l) {
            listeners.remove(l.port());
            boundPorts.remove(l.port());
        }
    }

    synchronized VsockListener listener(int port) {
        return closed ? null : listeners.get(port);
    }

    /** Connects from a fresh ephemeral port to the given address. */
    public VsockConnection connect(VsockAddress to) throws VsockException {
        int port = bind(VsockAddress.PORT_ANY);
        try {
            return connect(port, true, to);
        } catch (VsockException e) {
            unbind(port);
            throw e;
        }
    }

    /**
     * Connects from a local port the caller bound (ownsPort: the connection frees it when it ends) to the given
     * address: the peer's listener gets the other end in its backlog.
     */
    public VsockConnection connect(int localPort, boolean ownsPort, VsockAddress to) throws VsockException {
        VsockDevice target = fabric.route(this, to.cid());
        VsockListener listener = target.listener(to.port());
        if (listener == null) {
            throw new VsockException(VsockException.Reason.CONNECTION_REFUSED, "Connection refused: nobody listens on "
                    + new VsockAddress(target.cid, to.port()));
        }
        VsockConnection[] pair = VsockConnection.pair(this, new VsockAddress(cid, localPort), ownsPort, target,
                new VsockAddress(target.cid, to.port()), bufferCapacity);
        connections.add(pair[0]);
        target.connections.add(pair[1]);
        if (!listener.offer(pair[1])) {
            target.connections.remove(pair[1]);
            connections.remove(pair[0]);
            throw new VsockException(VsockException.Reason.CONNECTION_REFUSED, "Connection refused: the backlog of "
                    + listener.address() + " is full");
        }
        VsockObserver o = observer;
        if (o != null) o.connected(pair[0]);
        return pair[0];
    }

    void forget(VsockConnection c, boolean ownsPort) {
        connections.remove(c);
        if (ownsPort) unbind(c.localAddress().port());
        VsockObserver o = observer;
        if (o != null) o.closed(c, c.isReset());
    }

    /** A connection to one of this device's listeners left the backlog. */
    void accepted(VsockConnection c) {
        VsockObserver o = observer;
        if (o != null) o.accepted(c);
    }

    /** Connection ends of this device not closed yet. */
    public int openConnections() {
        return connections.size();
    }

    public synchronized int listenerCount() {
        return listeners.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Detaches the machine: its listeners close, every connection it has is reset, its CID is no longer routed. */
    @Override
    public void close() {
        List<VsockListener> ls;
        synchronized (this) {
            if (closed) return;
            closed = true;
            ls = List.copyOf(listeners.values());
        }
        for (VsockListener l : ls) l.close();
        for (VsockConnection c : List.copyOf(connections)) c.reset();
        fabric.detach(this);
    }

    @Override
    public String toString() {
        return "vsock device CID " + cid;
    }
}
