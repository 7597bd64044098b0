package org.mdemu.guest.vfs.io;

/**
 * One direction of a pipe or socket pair: bytes (or messages) written at one end and read at the other, with the
 * open reader and writer counts that give EOF and EPIPE. Read and write block through {@link IoWait} unless
 * nonBlocking (then -EAGAIN). Results are counts or -errno.
 */
public interface Channel {
    long read(byte[] buffer, int offset, int length, boolean nonBlocking);

    long write(byte[] buffer, int offset, int length, boolean nonBlocking);

    /** POLLIN/POLLRDNORM when data (or EOF) is there, plus POLLHUP once every writer is gone. */
    int readEvents();

    /** POLLOUT/POLLWRNORM when a write would not block, POLLERR once every reader is gone. */
    int writeEvents();

    void closeReader();

    void closeWriter();

    boolean writersGone();

    boolean readersGone();

    PollWaiters waiters();

    /** What FIONREAD tells: the bytes waiting (for messages, the size of the next one). */
    default long queued() {
        return 0;
    }
}
