package org.mdemu.guest.vfs.io;

import org.mdemu.guest.vfs.OpenFile;

/**
 * What the socket system calls need of any socket, whatever its family: send and receive with per-call flags,
 * shutdown, and the identity getsockopt reports. Results are counts or -errno.
 */
public interface GuestSocket extends OpenFile {
    /** recv: dontWait (MSG_DONTWAIT) makes this one call non-blocking. */
    long receive(byte[] buffer, int offset, int length, boolean dontWait);

    long send(byte[] buffer, int offset, int length, boolean dontWait);

    long shutdown(int how);

    /** AF_UNIX, AF_VSOCK, ... */
    int family();

    /** SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET. */
    int type();

    /** The options setsockopt keeps for this socket. */
    SocketOptions options();

    /** S_IFSOCK. */
    @Override
    default int mode() {
        return 0140000;
    }
}
