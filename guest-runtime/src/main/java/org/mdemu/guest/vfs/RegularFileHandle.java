package org.mdemu.guest.vfs;

import java.util.Arrays;
import org.mdemu.guest.kernel.Errno;

/** An open regular file: a shared offset over the file's in-memory bytes. */
final class RegularFileHandle implements OpenFile {
    private final GuestFileSystem fs;
    private final GuestFileSystem.RegularFile file;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private long position;

    RegularFileHandle(GuestFileSystem fs, GuestFileSystem.RegularFile file, boolean readable, boolean writable,
                      boolean append) {
        this.fs = fs;
        this.file = file;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
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
        byte[] data = file.data();
        if (at >= data.length) return 0;
        int n = (int) Math.min(length, data.length - at);
        System.arraycopy(data, (int) at, buffer, offset, n);
        return n;
    }

    @Override
    public synchronized long write(byte[] buffer, int offset, int length) {
        if (!writable) return -Errno.EBADF;
        synchronized (file) {
            byte[] data = file.data();
            long at = append ? data.length : position;
            long end = at + length;
            if (end > Integer.MAX_VALUE) return -Errno.EFBIG;
            if (end > data.length) {
                if (!fs.resize(file, (int) end)) return -Errno.ENOSPC;
                data = Arrays.copyOf(data, (int) end);
            }
            System.arraycopy(buffer, offset, data, (int) at, length);
            file.setData(data);
            position = end;
        }
        return length;
    }

    @Override
    public synchronized long lseek(long offset, int whence) {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> position;
            case 2 -> file.data().length;
            default -> -1;
        };
        if (base < 0 || base + offset < 0) return -Errno.EINVAL;
        position = base + offset;
        return position;
    }

    @Override
    public long size() {
        return file.data().length;
    }

    @Override
    public int mode() {
        return 0100000;
    }
}
