package org.mdemu.vsock;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A listening vsock port: connections arrive in a bounded backlog (a full backlog refuses new ones, as the kernel
 * does) and are taken with {@link #accept()} (blocking, host code) or {@link #poll()} (non-blocking, the guest
 * kernel). {@link #setListener} is called whenever a connection arrives or the listener closes.
 */
public final class VsockListener implements AutoCloseable {
    private final VsockDevice device;
    private final VsockAddress address;
    private final ArrayDeque<VsockConnection> backlog = new ArrayDeque<>();
    private final ChangeSignal signal = new ChangeSignal();
    private volatile int backlogLimit;
    private boolean closed;

    VsockListener(VsockDevice device, VsockAddress address, int backlog) {
        this.device = device;
        this.address = address;
        setBacklog(backlog);
    }

    public VsockAddress address() {
        return address;
    }

    public int port() {
        return address.port();
    }

    /** net.core.somaxconn: Linux's default since 5.4, which Microdroid's init leaves as it is. */
    public static final int SOMAXCONN = 4096;

    /**
     * listen(2) again on a listening socket changes the backlog; at least 1, as Linux rounds 0 up, and at most
     * somaxconn, to which __sys_listen caps it as an unsigned number (a negative backlog is somaxconn too).
     */
    public void setBacklog(int backlog) {
        this.backlogLimit = Integer.compareUnsigned(backlog, SOMAXCONN) > 0 ? SOMAXCONN : Math.max(1, backlog);
    }

    /** Queues an incoming connection; false when the backlog is full or the listener closed. */
    boolean offer(VsockConnection c) {
        synchronized (this) {
            if (closed || backlog.size() >= backlogLimit) return false;
            backlog.addLast(c);
        }
        signal.fire();
        return true;
    }

    /** The next pending connection, or null if none is waiting (or the listener is closed). */
    public VsockConnection poll() {
        VsockConnection c;
        synchronized (this) {
            c = backlog.pollFirst();
        }
        if (c != null) {
            signal.fire();
            device.accepted(c);
        }
        return c;
    }

    public synchronized int pending() {
        return backlog.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Waits for the next connection. */
    public VsockConnection accept() throws VsockException, InterruptedIOException {
        return accept(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** Waits for the next connection at most the timeout; null if none came. */
    public VsockConnection accept(long timeout, TimeUnit unit) throws VsockException, InterruptedIOException {
        long nanos = unit.toNanos(timeout);
        long deadline = nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : System.nanoTime() + nanos;
        while (true) {
            long seen = signal.generation();
            VsockConnection c = poll();
            if (c != null) return c;
            if (isClosed()) throw new VsockException(VsockException.Reason.CLOSED, "vsock listener " + address + " is closed");
            if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) return null;
            signal.awaitAfter(seen, deadline);
        }
    }

    public void setListener(Runnable listener) {
        signal.setListener(listener);
        if (listener != null) listener.run();
    }

    /** Stops listening: the port is free again, connections still in the backlog are reset. */
    @Override
    public void close() {
        ArrayDeque<VsockConnection> dropped;
        synchronized (this) {
            if (closed) return;
            closed = true;
            dropped = new ArrayDeque<>(backlog);
            backlog.clear();
        }
        for (VsockConnection c : dropped) c.reset();
        device.unlisten(this);
        signal.fire();
    }

    @Override
    public String toString() {
        return "vsock listener " + address;
    }
}
