package org.mdemu.guest.vfs;

import org.mdemu.guest.kernel.Errno;

/** An open file description: what read/write/lseek do on it. Results are counts or -errno. */
public interface OpenFile {
    long read(byte[] buffer, int offset, int length);

    long write(byte[] buffer, int offset, int length);

    default long pread(byte[] buffer, int offset, int length, long position) {
        return -Errno.ESPIPE;
    }

    /** pwrite64 at a position, leaving the file offset alone. */
    default long pwrite(byte[] buffer, int offset, int length, long position) {
        return -Errno.ESPIPE;
    }

    /** fcntl(F_SETFL): the status flags that can change after open (O_APPEND, O_NONBLOCK, ...). */
    default void setStatusFlags(int flags) {
    }

    default long lseek(long offset, int whence) {
        return -Errno.ESPIPE;
    }

    /** Size for fstat, or 0 for devices. */
    default long size() {
        return 0;
    }

    /** st_mode file-type bits: 0100000 regular, 020000 character device, 040000 directory. */
    default int mode() {
        return 0020000;
    }

    /** FIONREAD: the bytes a read would find now, or -ENOTTY for a file that does not say. */
    default long queuedBytes() {
        return -Errno.ENOTTY;
    }

    default void close() {
    }
}
