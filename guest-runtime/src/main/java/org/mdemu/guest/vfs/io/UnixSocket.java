package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.vfs.FileTable;

/**
 * One end of an AF_UNIX socket pair: it reads from one {@link Channel} and writes to the other, which its peer
 * reads. shutdown(2) closes either direction early. Transport-independent, so other connected sockets (vsock) can
 * reuse the same channels and readiness.
 */
public final class UnixSocket implements GuestSocket, Readiness {
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_SEQPACKET = 5;
    public static final int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    private final Channel in, out;
    private final int type;
    private final PollWaiters waiters;
    private final SocketOptions options = new SocketOptions();
    private final ShutdownState shut = new ShutdownState();
    private volatile boolean nonBlocking;

    private UnixSocket(Channel in, Channel out, int type, int flags) {
        this.in = in;
        this.out = out;
        this.type = type;
        this.waiters = in.waiters();
        setStatusFlags(flags);
    }

    /** The two connected ends of a new pair (SOCK_STREAM bytes, SOCK_DGRAM/SOCK_SEQPACKET messages). */
    public static UnixSocket[] pair(int type, int flags, IoWait io) {
        boolean stream = type == SOCK_STREAM;
        PollWaiters shared = new PollWaiters(io.scheduler(), "unix socket", false);
        Channel ab = stream ? new ByteStream(io, shared) : new DatagramQueue(io, shared);
        Channel ba = stream ? new ByteStream(io, shared) : new DatagramQueue(io, shared);
        return new UnixSocket[] {new UnixSocket(ba, ab, type, flags), new UnixSocket(ab, ba, type, flags)};
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public int family() {
        return 1;
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    @Override
    public long queuedBytes() {
        return in.queued();
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        return receive(buffer, offset, length, false);
    }

    @Override
    public long receive(byte[] buffer, int offset, int length, boolean dontWait) {
        if (shut.readShut()) return 0;
        return in.read(buffer, offset, length, nonBlocking || dontWait);
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        return send(buffer, offset, length, false);
    }

    @Override
    public long send(byte[] buffer, int offset, int length, boolean dontWait) {
        if (shut.writeShut()) return -Errno.EPIPE;
        return out.write(buffer, offset, length, nonBlocking || dontWait);
    }

    @Override
    public long shutdown(int how) {
        return shut.shutdown(how, in::closeReader, out::closeWriter);
    }

    @Override
    public void setStatusFlags(int flags) {
        nonBlocking = (flags & FileTable.O_NONBLOCK) != 0;
    }

    @Override
    public int readyEvents() {
        int events = out.writeEvents() & ~PollEvents.POLLERR;
        int inEvents = in.readEvents();
        events |= inEvents & PollEvents.READABLE;
        boolean peerShutWrite = in.writersGone(), peerShutRead = out.readersGone();
        boolean readShut = shut.readShut(), writeShut = shut.writeShut();
        if (readShut || peerShutWrite) events |= PollEvents.READABLE | PollEvents.POLLRDHUP;
        if ((readShut || peerShutWrite) && (writeShut || peerShutRead)) events |= PollEvents.POLLHUP;
        if (peerShutRead) events |= PollEvents.WRITABLE;
        return events;
    }

    @Override
    public PollWaiters waiters() {
        return waiters;
    }

    @Override
    public void close() {
        shutdown(SHUT_RDWR);
    }
}
