package org.mdemu.guest.vfs;

import org.mdemu.guest.kernel.Errno;

/** An open regular file: a shared offset over the file's in-memory bytes. */
final class RegularFileHandle implements OpenFile {
    private final GuestFileSystem fs;
    private final GuestFileSystem.RegularFile file;
    private final boolean readable;
    private final boolean writable;
    private volatile boolean append;
    private long position;

    RegularFileHandle(GuestFileSystem fs, GuestFileSystem.RegularFile file, boolean readable, boolean writable,
                      boolean append) {
        this.fs = fs;
        this.file = file;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    GuestFileSystem.RegularFile file() {
        return file;
    }

    boolean writable() {
        return writable;
    }

    /** FIONREAD on a regular file: what lies between the position and the end. */
    @Override
    public synchronized long queuedBytes() {
        return Math.max(0, file.length() - position);
    }

    @Override
    public synchronized long read(byte[] buffer, int offset, int length) {
        long n = pread(buffer, offset, length, position);
        if (n > 0) position += n;
        return n;
    }

    @Override
    public long pread(byte[] buffer, int offset, int length, long at) {
        if (!readable) return -Errno.EBADF;
        if (at < 0) return -Errno.EINVAL;
        return file.read(at, buffer, offset, length);
    }

    @Override
    public synchronized long write(byte[] buffer, int offset, int length) {
        long n = writeAt(buffer, offset, length, position);
        if (n >= 0) position = append ? file.length() : position + n;
        return n;
    }

    /** As on Linux, a file opened O_APPEND appends even through pwrite. */
    @Override
    public long pwrite(byte[] buffer, int offset, int length, long at) {
        if (at < 0) return -Errno.EINVAL;
        return writeAt(buffer, offset, length, at);
    }

    private long writeAt(byte[] buffer, int offset, int length, long position) {
        if (!writable) return -Errno.EBADF;
        synchronized (file) {
            long at = append ? file.length() : position;
            // Files live in one array: a write reaching past what it holds is too large (the end may overflow).
            if (at < 0 || at > GuestFileSystem.RegularFile.MAX_LENGTH - length) return -Errno.EFBIG;
            long end = at + length;
            if (end > file.length() && !fs.resize(file, (int) end)) return -Errno.ENOSPC;
            file.write(at, buffer, offset, length);
        }
        return length;
    }

    @Override
    public void setStatusFlags(int flags) {
        append = (flags & FileTable.O_APPEND) != 0;
    }

    @Override
    public synchronized long lseek(long offset, int whence) {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> position;
            case 2 -> file.length();
            case 3, 4 -> seekData(offset, whence);
            default -> -1;
        };
        if (whence == 3 || whence == 4) {
            if (base < 0) return base;
            position = base;
            return position;
        }
        if (base < 0 || base + offset < 0) return -Errno.EINVAL;
        position = base + offset;
        return position;
    }

    /** SEEK_DATA / SEEK_HOLE on a file without holes: data everywhere, one hole at the end. */
    private long seekData(long offset, int whence) {
        long size = file.length();
        if (offset < 0 || offset >= size) return -Errno.ENXIO;
        return whence == 3 ? offset : size;
    }

    @Override
    public long size() {
        return file.length();
    }

    @Override
    public int mode() {
        return GuestFileSystem.S_IFREG;
    }
}
