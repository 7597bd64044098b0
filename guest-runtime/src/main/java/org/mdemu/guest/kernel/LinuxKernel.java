package org.mdemu.guest.kernel;

import java.security.SecureRandom;
import java.util.Random;
import org.mdemu.guest.kernel.memory.FileMappings;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;

/**
 * The Linux system calls the payload can make, written once with guest-pointer arguments and kernel-style results
 * (value or -errno). Both the syscall table and libc's wrappers call these methods.
 */
public final class LinuxKernel {
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;
    private static final int MAX_IO = 1 << 24;
    private static final int MADV_DONTNEED = 4, MADV_DONTNEED_LOCKED = 24;

    private final GuestProcess process;
    private final FileTable files;
    private final ProcessMemory mm;
    private final Random random;
    private final FileSystemCalls fileSystem;
    private final ProcessResources resources;
    private final FileMappings fileMappings;
    private final IoCalls io;
    private final SocketCalls sockets;
    private final org.mdemu.guest.kernel.process.ProcessTable processes;
    private final org.mdemu.guest.kernel.process.ProgramImages programs;

    public LinuxKernel(GuestProcess process, FileTable files, ProcessMemory mm, Random random) {
        this(process, files, mm, random, new ProcessResources(process, files, 1, Long.MAX_VALUE));
    }

    public LinuxKernel(GuestProcess process, FileTable files, ProcessMemory mm, Random random,
                       ProcessResources resources) {
        this.process = process;
        this.files = files;
        this.mm = mm;
        this.random = random == null ? new SecureRandom() : random;
        this.fileSystem = new FileSystemCalls(process, files);
        this.resources = resources;
        this.fileMappings = new FileMappings(process.memory());
        this.io = new IoCalls(process, files);
        this.sockets = new SocketCalls(process, files, io);
        this.processes = new org.mdemu.guest.kernel.process.ProcessTable(process, resources.memoryLimit());
        this.programs = new org.mdemu.guest.kernel.process.ProgramImages(files);
    }

    /** The payload's children: creation, their end, wait4/waitid. */
    public org.mdemu.guest.kernel.process.ProcessTable processes() {
        return processes;
    }

    /** What execve answers for a path. */
    public org.mdemu.guest.kernel.process.ProgramImages programs() {
        return programs;
    }

    /** Pipes, eventfds, socket pairs, timerfds, poll, select and epoll. */
    public IoCalls io() {
        return io;
    }

    /** socket, bind, listen, accept, connect, socket names and options (AF_VSOCK sockets on the VM's device). */
    public SocketCalls sockets() {
        return sockets;
    }

    /** The file-system calls (stat, directories, names, statfs, ...). */
    public FileSystemCalls fs() {
        return fileSystem;
    }

    /** Resource limits and usage, sysinfo, prctl, CPU affinity. */
    public ProcessResources resources() {
        return resources;
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
        return brokenPipe(files.write(fd, b, 0, b.length));
    }

    /**
     * A write to a pipe or socket with no reader left raises SIGPIPE at the writer, which ends the process unless
     * the payload ignores or handles it; the call itself answers EPIPE.
     */
    long brokenPipe(long result) {
        if (result == -Errno.EPIPE && process.threads().signals() != null) {
            process.threads().signals().sendToSelf(SIGPIPE);
        }
        return result;
    }

    private static final int SIGPIPE = 13;

    public long pread(int fd, long buffer, long count, long offset) {
        byte[] b = new byte[(int) Math.min(count, MAX_IO)];
        long n = files.pread(fd, b, 0, b.length, offset);
        if (n > 0) mem().write(buffer, b, 0, (int) n);
        return n;
    }

    /** writev/readv: iovec = {void* base; size_t len}. */
    public long writev(int fd, long iov, int count) {
        if (files.get(fd) instanceof org.mdemu.guest.vfs.io.Readiness) return brokenPipe(gatherWrite(fd, iov, count));
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

    /**
     * writev on a pipe, socket or eventfd: the iovecs gathered into one write, so that a blocking write never runs
     * twice and a datagram goes out whole.
     */
    private long gatherWrite(int fd, long iov, int count) {
        return ErrnoException.resultOf(() -> {
            byte[] b = IoVectors.gather(mem(), iov, count);
            return files.write(fd, b, 0, b.length);
        });
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
        return fileSystem.fstat(fd, statbuf);
    }

    /** The clock's current value in ns, or -1 for an unknown clock. */
    private long clockNanos(int clock) {
        return switch (clock) {
            case CLOCK_REALTIME, 5, 8, 11 -> process.threads().clock().realtimeNanos();
            case CLOCK_MONOTONIC, CLOCK_BOOTTIME, 4, 6, 9, 2, 3 -> process.threads().clock().monotonicNanos();
            default -> -1;
        };
    }

    public long clockGettime(int clock, long timespec) {
        long nanos = clockNanos(clock);
        if (nanos < 0) return -Errno.EINVAL;
        if (timespec != 0) writeTimespec(timespec, nanos);
        return 0;
    }

    private void writeTimespec(long timespec, long nanos) {
        mem().writeLong(timespec, nanos / 1_000_000_000L);
        mem().writeLong(timespec + 8, nanos % 1_000_000_000L);
    }

    /** clock_getres: 1 ns for the high-resolution clocks, one 250 Hz tick for the _COARSE ones. */
    public long clockGetres(int clock, long timespec) {
        if (clockNanos(clock) < 0) return -Errno.EINVAL;
        if (timespec != 0) writeTimespec(timespec, clock == 5 || clock == 6 ? 4_000_000L : 1);
        return 0;
    }

    /** gettimeofday: struct timeval, and a zero struct timezone (UTC) when asked for. */
    public long gettimeofday(long timeval, long timezone) {
        long nanos = clockNanos(CLOCK_REALTIME);
        if (timeval != 0) {
            mem().writeLong(timeval, nanos / 1_000_000_000L);
            mem().writeLong(timeval + 8, nanos % 1_000_000_000L / 1000);
        }
        if (timezone != 0) mem().writeLong(timezone, 0);
        return 0;
    }

    public long nanosleep(long request) {
        return clockNanosleep(CLOCK_MONOTONIC, 0, request, 0);
    }

    /** clock_nanosleep: relative, or until an absolute time with TIMER_ABSTIME (1). */
    public long clockNanosleep(int clock, int flags, long request, long remaining) {
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) return -Errno.EINVAL;
        long sec = mem().readLong(request);
        long nsec = mem().readLong(request + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
        GuestClock clocks = process.threads().clock();
        long deadline = (flags & 1) != 0
                ? clocks.deadlineAt(clock == CLOCK_REALTIME ? GuestClock.REALTIME : GuestClock.MONOTONIC, sec, nsec)
                : clocks.deadlineAfter(sec, nsec);
        // Sleeping gives the CPU to the other guest threads (and runs outside the trap).
        if (!process.threads().scheduler().sleepUntil(process.currentThread(), deadline)) return -Errno.EINTR;
        return 0;
    }

    /** The random source behind getrandom and every other random byte libc hands out. */
    public Random random() {
        return random;
    }

    public long getrandom(long buffer, long count) {
        byte[] b = new byte[(int) Math.min(count, MAX_IO)];
        random.nextBytes(b);
        mem().write(buffer, b);
        return b.length;
    }

    /**
     * mmap: anonymous memory; a private copy of a regular file's pages (bytes past the end read as zero); or a
     * shared mapping kept in step with the file ({@link FileMappings}).
     */
    public long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        if ((flags & ProcessMemory.MAP_FIXED) != 0 && length > 0) fileMappings.unmap(address, (length + 4095) & -4096L);
        if ((flags & ProcessMemory.MAP_ANONYMOUS) != 0) return mm.mmap(address, length, prot, flags, fd, offset);
        if ((offset & 4095) != 0 || offset < 0 || length <= 0) return -Errno.EINVAL;
        int type = flags & 3;
        if (type == 0) return -Errno.EINVAL;
        try {
            boolean isShared = type != ProcessMemory.MAP_PRIVATE;
            GuestFileSystem.RegularFile file = files.mapSource(fd, isShared, (prot & Prot.WRITE) != 0);
            int anonymous = (flags & ~3) | ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS;
            long at = mm.mmap(address, length, Prot.RW, anonymous, -1, 0);
            if (Errno.isError(at)) return at;
            if (file != null) {
                if (isShared) fileMappings.mapShared(at, length, file, offset);
                else fileMappings.mapPrivate(at, length, file, offset);
                mm.name(at, length, files.pathOf(fd));
            }
            mm.mprotect(at, (length + 4095) & -4096L, prot);
            return at;
        } catch (ErrnoException e) {
            return e.result();
        }
    }

    public long mremap(long oldAddress, long oldSize, long newSize, int flags, long newAddress) {
        long result = mm.mremap(oldAddress, oldSize, newSize, flags, newAddress);
        if (!Errno.isError(result) && fileMappings.covers(oldAddress)) fileMappings.remapped(oldAddress, result, newSize);
        return result;
    }

    /**
     * madvise: MADV_DONTNEED (and _LOCKED) give private pages back, so they read as zeros or as the file again;
     * every other advice Linux 6.1 knows is accepted with no visible effect.
     */
    public long madvise(long address, long length, int advice) {
        boolean known = advice >= 0 && advice <= 4 || advice >= 8 && advice <= 25;
        if ((address & 4095) != 0 || length < 0 || !known) return -Errno.EINVAL;
        if (length == 0) return 0;
        long size = (length + 4095) & -4096L;
        if (!mm.isMapped(address, size)) return -Errno.ENOMEM;
        if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED) fileMappings.discard(address, size);
        return 0;
    }

    /** msync: memory is the backing store, so only the arguments and the range are checked. */
    public long msync(long address, long length, int flags) {
        if ((address & 4095) != 0 || (flags & ~7) != 0 || (flags & 5) == 5) return -Errno.EINVAL;
        return mm.isMapped(address, length) ? 0 : -Errno.ENOMEM;
    }

    /**
     * mlock / munlock: every guest page is resident already. As the kernel checks: the range widens to whole pages,
     * an empty one is fine, one that wraps is EINVAL, one with any unmapped page ENOMEM.
     */
    public long mlock(long address, long length) {
        if (length == 0) return 0;
        long start = address & -4096L;
        long end = address + length + 4095;
        if (Long.compareUnsigned(end, address) < 0) return -Errno.EINVAL;
        end &= -4096L;
        return mm.isMapped(start, end - start) ? 0 : -Errno.ENOMEM;
    }

    /** mlock2: mlock with MLOCK_ONFAULT (1) as its only flag. */
    public long mlock2(long address, long length, int flags) {
        return (flags & ~1) != 0 ? -Errno.EINVAL : mlock(address, length);
    }

    /** mlockall: MCL_CURRENT (1), MCL_FUTURE (2), MCL_ONFAULT (4), the last only with one of the others. */
    public long mlockall(int flags) {
        return flags == 0 || (flags & ~7) != 0 || flags == 4 ? -Errno.EINVAL : 0;
    }

    public long munmap(long address, long length) {
        if ((address & 4095) == 0 && length > 0) fileMappings.unmap(address, (length + 4095) & -4096L);
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
