package org.mdemu.guest.vfs.io;

/**
 * The SOL_SOCKET options a socket keeps: what setsockopt stored and getsockopt reads back. Buffer sizes are stored
 * doubled, as Linux does (room for its bookkeeping); the defaults are Linux's net.core.{r,w}mem_default.
 * Receive and send timeouts (SO_RCVTIMEO/SO_SNDTIMEO) end blocking reads and writes with EAGAIN.
 */
public final class SocketOptions {
    public static final int DEFAULT_BUFFER = 212992;

    public volatile int receiveBuffer = DEFAULT_BUFFER, sendBuffer = DEFAULT_BUFFER;
    public volatile boolean reuseAddress, reusePort, keepAlive, passCredentials;
    /** SO_LINGER: whether on, and the seconds. */
    public volatile int lingerOnOff, lingerSeconds;
    /** Timeouts in ns; 0: none. */
    public volatile long receiveTimeoutNanos, sendTimeoutNanos;

    /** The host deadline for a wait starting now with the given timeout (0: none). */
    public static long deadline(long timeoutNanos) {
        return timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    }
}
