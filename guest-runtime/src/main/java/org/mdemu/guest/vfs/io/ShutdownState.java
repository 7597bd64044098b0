package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;

/**
 * Which directions of a connected socket shutdown(2) closed: each is closed once, by the action the socket gives
 * (end its reading, send end of stream to the peer). SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2.
 */
final class ShutdownState {
    private volatile boolean read, write;

    /** Applies shutdown(how): 0, or -EINVAL for an unknown how. */
    long shutdown(int how, Runnable closeRead, Runnable closeWrite) {
        if (how < UnixSocket.SHUT_RD || how > UnixSocket.SHUT_RDWR) return -Errno.EINVAL;
        if (how != UnixSocket.SHUT_WR && !read) {
            read = true;
            closeRead.run();
        }
        if (how != UnixSocket.SHUT_RD && !write) {
            write = true;
            closeWrite.run();
        }
        return 0;
    }

    boolean readShut() {
        return read;
    }

    boolean writeShut() {
        return write;
    }
}
