package org.mdemu.vsock;

import java.io.InterruptedIOException;

/**
 * Tells whoever waits on one vsock object (a connection end, a listener) that its state may have changed: a
 * counter blocking host threads wait on, and one listener callback for event-driven users (the guest kernel's
 * poll machinery, the TCP forwarder). Waiters read {@link #generation()} before checking state, then wait for it to
 * move, so a change between the check and the wait is never lost.
 */
final class ChangeSignal {
    private long generation;
    private volatile Runnable listener;

    synchronized long generation() {
        return generation;
    }

    void setListener(Runnable listener) {
        this.listener = listener;
    }

    void fire() {
        synchronized (this) {
            generation++;
            notifyAll();
        }
        Runnable l = listener;
        if (l != null) l.run();
    }

    /** Waits until the generation differs from seen or the deadline (System.nanoTime based) passes. */
    synchronized void awaitAfter(long seen, long deadline) throws InterruptedIOException {
        while (generation == seen) {
            long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
            if (deadline != Long.MAX_VALUE && left <= 0) return;
            try {
                if (deadline == Long.MAX_VALUE) wait();
                else wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting on vsock");
            }
        }
    }
}
