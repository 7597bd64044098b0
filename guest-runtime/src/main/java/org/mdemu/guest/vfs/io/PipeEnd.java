package org.mdemu.guest.vfs.io;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;

/** One end of a pipe: the read end or the write end of a shared {@link ByteStream}. */
public final class PipeEnd implements OpenFile, Readiness {
    private final ByteStream stream;
    private final boolean readEnd;
    private volatile boolean nonBlocking;

    public PipeEnd(ByteStream stream, boolean readEnd, int flags) {
        this.stream = stream;
        this.readEnd = readEnd;
        setStatusFlags(flags);
    }

    public ByteStream stream() {
        return stream;
    }

    @Override
    public long read(byte[] buffer, int offset, int length) {
        return readEnd ? stream.read(buffer, offset, length, nonBlocking) : -Errno.EBADF;
    }

    @Override
    public long write(byte[] buffer, int offset, int length) {
        return readEnd ? -Errno.EBADF : stream.write(buffer, offset, length, nonBlocking);
    }

    @Override
    public void setStatusFlags(int flags) {
        nonBlocking = (flags & FileTable.O_NONBLOCK) != 0;
    }

    @Override
    public long size() {
        return stream.available();
    }

    @Override
    public long queuedBytes() {
        return stream.available();
    }

    @Override
    public int mode() {
        return 0010000;
    }

    @Override
    public int readyEvents() {
        return readEnd ? stream.readEvents() : stream.writeEvents();
    }

    @Override
    public PollWaiters waiters() {
        return stream.waiters();
    }

    @Override
    public void close() {
        if (readEnd) stream.closeReader();
        else stream.closeWriter();
    }
}
