package org.mdemu.guest.kernel;

import java.security.SecureRandom;
import java.util.Random;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.OpenFile;

/**
 * The Linux system calls the payload can make, written once with guest-pointer arguments and kernel-style results
 * (value or -errno). Both the syscall table and libc's wrappers call these methods.
 */
public final class LinuxKernel {
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;
    private static final int MAX_IO = 1 << 24;

    private final GuestProcess process;
    private final FileTable files;
    private final ProcessMemory mm;
    private final Random random;

    public LinuxKernel(GuestProcess process, FileTable files, ProcessMemory mm, Random random) {
        this.process = process;
        this.files = files;
        this.mm = mm;
        this.random = random == null ? new SecureRandom() : random;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    public long read(int fd, long buffer, long count) {
        if (count < 0) return -Errno.EINVAL;
        byte[] b = new byte[(int) Math.min(count, MAX_IO)];
        long n = files.read(fd, b, 0, b.length);
        if (n > 0) mem().write(buffer, b, 0, (int) n);
        return n;
    }

    public long write(int fd, long buffer, long count) {
        if (count < 0) return -Errno.EINVAL;
        if (count == 0) return files.get(fd) == null ? -Errno.EBADF : 0;
        byte[] b = mem().read(buffer, (int) Math.min(count, MAX_IO));
        return files.write(fd, b, 0, b.length);
    }

    public long pread(int fd, long buffer, long count, long offset) {
        byte[] b = new byte[(int) Math.min(count, MAX_IO)];
        long n = files.pread(fd, b, 0, b.length, offset);
        if (n > 0) mem().write(buffer, b, 0, (int) n);
        return n;
    }

    /** writev/readv: iovec = {void* base; size_t len}. */
    public long writev(int fd, long iov, int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            long base = mem().readLong(iov + 16L * i);
            long len = mem().readLong(iov + 16L * i + 8);
            long n = write(fd, base, len);
            if (n < 0) return total > 0 ? total : n;
            total += n;
        }
        return total;
    }

    public long openat(int dirfd, long path, int flags, int mode) {
        if (path == 0) return -Errno.EFAULT;
        return files.openat(dirfd, mem().readCString(path), flags, mode);
    }

    public long close(int fd) {
        return files.close(fd);
    }

    public long lseek(int fd, long offset, int whence) {
        return files.lseek(fd, offset, whence);
    }

    /** fstat: fills the arm64 generic struct stat (128 bytes). */
    public long fstat(int fd, long statbuf) {
        OpenFile f = files.get(fd);
        if (f == null) return -Errno.EBADF;
        writeStat(statbuf, f, fd + 1L);
        return 0;
    }

    public long stat(long path, long statbuf) {
        OpenFile f = files.statTarget(mem().readCString(path));
        if (f == null) return -Errno.ENOENT;
        writeStat(statbuf, f, mem().readCString(path).hashCode() & 0xffffffffL);
        return 0;
    }

    private void writeStat(long statbuf, OpenFile f, long inode) {
        byte[] zero = new byte[128];
        mem().write(statbuf, zero);
        mem().writeLong(statbuf, 1); // st_dev
        mem().writeLong(statbuf + 8, inode);
        mem().writeInt(statbuf + 16, f.mode() | 0644);
        mem().writeInt(statbuf + 20, 1); // st_nlink
        mem().writeLong(statbuf + 48, f.size());
        mem().writeInt(statbuf + 56, 4096); // st_blksize
        mem().writeLong(statbuf + 64, (f.size() + 511) / 512);
    }

    public long clockGettime(int clock, long timespec) {
        long nanos;
        switch (clock) {
            case CLOCK_REALTIME -> {
                java.time.Instant now = java.time.Instant.now();
                nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case CLOCK_MONOTONIC, CLOCK_BOOTTIME, 4, 5, 6, 2, 3 -> nanos = process.threads().clock().monotonicNanos();
            default -> {
                return -Errno.EINVAL;
            }
        }
        if (timespec != 0) {
            mem().writeLong(timespec, nanos / 1_000_000_000L);
            mem().writeLong(timespec + 8, nanos % 1_000_000_000L);
        }
        return 0;
    }

    public long nanosleep(long request) {
        long sec = mem().readLong(request);
        long nsec = mem().readLong(request + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
        process.threads().scheduler().sleepUntil(process.currentThread(), process.threads().clock().deadlineAfter(sec, nsec));
        return 0;
    }

    public long getrandom(long buffer, long count) {
        byte[] b = new byte[(int) Math.min(count, MAX_IO)];
        random.nextBytes(b);
        mem().write(buffer, b);
        return b.length;
    }

    public long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        return mm.mmap(address, length, prot, flags, fd, offset);
    }

    public long munmap(long address, long length) {
        return mm.munmap(address, length);
    }

    public long mprotect(long address, long length, int prot) {
        return mm.mprotect(address, length, prot);
    }

    /** uname: six 65-byte fields as Microdroid's kernel reports them. */
    public long uname(long buffer) {
        String[] fields = {"Linux", "localhost", "6.1.75-android14-11-mdemu", "#1 SMP PREEMPT", "aarch64", "(none)"};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = new byte[65];
            byte[] s = fields[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, b, 0, Math.min(64, s.length));
            mem().write(buffer + 65L * i, b);
        }
        return 0;
    }

    public long getpid() {
        return process.pid();
    }

    public long gettid() {
        return process.currentThread().tid();
    }

    public long exitGroup(int status) {
        process.control().exit(status);
        return 0;
    }
}
