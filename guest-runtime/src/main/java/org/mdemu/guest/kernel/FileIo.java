package org.mdemu.guest.kernel;

/**
 * File-descriptor I/O as the kernel offers it, for Java code above the syscall layer (stdio, liblog, the boot
 * sequence). Every method returns a non-negative result or {@code -errno}, like the syscall it mirrors.
 */
public interface FileIo {
    long openat(int dirfd, String path, int flags, int mode);

    long read(int fd, byte[] buffer, int offset, int length);

    long write(int fd, byte[] buffer, int offset, int length);

    long lseek(int fd, long offset, int whence);

    long fsync(int fd);

    long close(int fd);

    int AT_FDCWD = -100;
}
