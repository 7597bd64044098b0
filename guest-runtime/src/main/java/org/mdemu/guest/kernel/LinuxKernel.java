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
        resources.setChildren(processes::childrenUsage);
        this.programs = new org.mdemu.guest.kernel.process.ProgramImages(files);
    }

    /** The payload's children: creation, their end, wait4/waitid. */
    public org.mdemu.guest.kernel.process.ProcessTable processes() {
        return processes;
    }

    /** clone(2) without CLONE_VM: fork's child, resuming after the call with 0, on newsp when it is not 0. */
    public long cloneProcess(int flags, long newsp, long parentTid, long tls, long childTid) {
        int refused = org.mdemu.guest.kernel.process.ProcessTable.cloneFlagsRefused(flags);
        if (refused != 0) return -refused;
        process.threads().scheduler().requireOutsideTrap();
        return ErrnoException.resultOf(() -> {
            int pid = processes.fork(resources.softLimit(ProcessResources.RLIMIT_NPROC), regs -> {
                regs.setX(0, 0);
                if (newsp != 0) regs.setSp(newsp);
                if ((flags & org.mdemu.guest.kernel.process.ProcessTable.CLONE_SETTLS) != 0) regs.setTpidr(tls);
            }, child -> {
                GuestProcess p = child.process();
                if ((flags & org.mdemu.guest.kernel.process.ProcessTable.CLONE_CHILD_SETTID) != 0 && childTid != 0) {
                    p.memory().writeInt(childTid, p.pid());
                }
                if ((flags & org.mdemu.guest.kernel.process.ProcessTable.CLONE_CHILD_CLEARTID) != 0) {
                    p.currentThread().setClearChildTid(childTid);
                }
            });
            if ((flags & org.mdemu.guest.kernel.process.ProcessTable.CLONE_PARENT_SETTID) != 0 && parentTid != 0) {
                process.memory().writeInt(parentTid, pid);
            }
            return pid;
        });
    }

    /** The process's file mappings (fork re-attaches the child's shared ones to their files). */
    public FileMappings fileMappings() {
        return fileMappings;
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

    /**
     * read: as vfs_read checks, a bad descriptor first, then a buffer that cannot lie in user space (count is a
     * size_t); a buffer whose first byte is not writable is EFAULT before anything is consumed, and when only its
     * start is writable, that much is read (what did not fit goes back for a seekable file).
     */
    public long read(int fd, long buffer, long count) {
        return ErrnoException.resultOf(() -> {
            if (files.get(fd) == null) return -Errno.EBADF;
            if (count == 0) return files.read(fd, new byte[0], 0, 0);
            if (!accessOk(buffer, count)) return -Errno.EFAULT;
            mem().check(buffer, 1, Prot.WRITE);
            byte[] b = new byte[(int) Math.min(count, MAX_IO)];
            long n = files.read(fd, b, 0, b.length);
            if (n <= 0) return n;
            int copied = UserCopies.copyOut(mem(), buffer, b, (int) n);
            if (copied < n) files.lseek(fd, copied - n, 1); // SEEK_CUR: a seekable file keeps what did not fit
            return copied;
        });
    }

    /** write: a bad descriptor, then a buffer outside user space, EFAULT for an unreadable start; else its readable start. */
    public long write(int fd, long buffer, long count) {
        return ErrnoException.resultOf(() -> {
            if (files.get(fd) == null) return -Errno.EBADF;
            if (count == 0) return 0;
            if (!accessOk(buffer, count)) return -Errno.EFAULT;
            byte[] b = UserCopies.copyIn(mem(), buffer, (int) Math.min(count, MAX_IO));
            return brokenPipe(files.write(fd, b, 0, b.length));
        });
    }

    /** The kernel's access_ok: [address, address + size) lies in user space (size is unsigned). */
    static boolean accessOk(long address, long size) {
        long limit = ProcessMemory.TASK_SIZE;
        return Long.compareUnsigned(size, limit) <= 0 && Long.compareUnsigned(address, limit - size) <= 0;
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
        return ErrnoException.resultOf(() -> {
            if (files.get(fd) == null) return -Errno.EBADF;
            if (offset < 0) return -Errno.EINVAL;
            if (count == 0) return 0;
            if (!accessOk(buffer, count)) return -Errno.EFAULT;
            mem().check(buffer, 1, Prot.WRITE);
            byte[] b = new byte[(int) Math.min(count, MAX_IO)];
            long n = files.pread(fd, b, 0, b.length, offset);
            if (n <= 0) return n;
            return UserCopies.copyOut(mem(), buffer, b, (int) n);
        });
    }

    /** writev/readv: iovec = {void* base; size_t len}. */
    public long writev(int fd, long iov, int count) {
        return ErrnoException.resultOf(() -> {
            if (files.get(fd) == null) return -Errno.EBADF;
            // The count is an unsigned long in the kernel: beyond UIO_MAXIOV (1024), negative ones included, EINVAL.
            if (count < 0 || count > IoVectors.MAX_COUNT) return -Errno.EINVAL;
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
        });
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
        return ErrnoException.resultOf(() -> {
            if (path == 0) return -Errno.EFAULT;
            return files.openat(dirfd, mem().readCString(path), flags, mode);
        });
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
        return ErrnoException.resultOf(() -> {
            long nanos = clockNanos(clock);
            if (nanos < 0) return -Errno.EINVAL;
            if (timespec != 0) writeTimespec(timespec, nanos);
            return 0;
        });
    }

    private void writeTimespec(long timespec, long nanos) {
        mem().writeLong(timespec, nanos / 1_000_000_000L);
        mem().writeLong(timespec + 8, nanos % 1_000_000_000L);
    }

    /** clock_getres: 1 ns for the high-resolution clocks, one 250 Hz tick for the _COARSE ones. */
    public long clockGetres(int clock, long timespec) {
        return ErrnoException.resultOf(() -> {
            if (clockNanos(clock) < 0) return -Errno.EINVAL;
            if (timespec != 0) writeTimespec(timespec, clock == 5 || clock == 6 ? 4_000_000L : 1);
            return 0;
        });
    }

    /** gettimeofday: struct timeval, and a zero struct timezone (UTC) when asked for. */
    public long gettimeofday(long timeval, long timezone) {
        return ErrnoException.resultOf(() -> {
            long nanos = clockNanos(CLOCK_REALTIME);
            if (timeval != 0) {
                mem().writeLong(timeval, nanos / 1_000_000_000L);
                mem().writeLong(timeval + 8, nanos % 1_000_000_000L / 1000);
            }
            if (timezone != 0) mem().writeLong(timezone, 0);
            return 0;
        });
    }

    public long nanosleep(long request) {
        return clockNanosleep(CLOCK_MONOTONIC, 0, request, 0);
    }

    /** clock_nanosleep: relative, or until an absolute time with TIMER_ABSTIME (1). */
    public long clockNanosleep(int clock, int flags, long request, long remaining) {
        return ErrnoException.resultOf(() -> {
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
        });
    }

    /** The random source behind getrandom and every other random byte libc hands out. */
    public Random random() {
        return random;
    }

    /** getrandom: up to 32 MiB - 1 per call as Linux caps it; a buffer writable only at its start gets that much. */
    public long getrandom(long buffer, long count) {
        return ErrnoException.resultOf(() -> {
            if (count == 0) return 0;
            if (!accessOk(buffer, count)) return -Errno.EFAULT;
            byte[] b = new byte[(int) Math.min(count, MAX_IO)];
            mem().check(buffer, 1, Prot.WRITE);
            random.nextBytes(b);
            return UserCopies.copyOut(mem(), buffer, b, b.length);
        });
    }

    /**
     * mmap: anonymous memory; a private copy of a regular file's pages (bytes past the end read as zero); or a
     * shared mapping kept in step with the file ({@link FileMappings}).
     */
    public long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        return ErrnoException.resultOf(() -> {
            if ((offset & 4095) != 0) return -Errno.EINVAL;
            boolean anonymous = (flags & ProcessMemory.MAP_ANONYMOUS) != 0;
            if (!anonymous && files.get(fd) == null) return -Errno.EBADF;
            long refused = ProcessMemory.checkMapRequest(address, length, flags);
            if (refused != 0) return refused;
            int type = flags & ProcessMemory.MAP_TYPE;
            if (!anonymous) {
                if (type == ProcessMemory.MAP_SHARED_VALIDATE && (flags & ~ProcessMemory.LEGACY_MAP_MASK) != 0) {
                    return -Errno.EOPNOTSUPP;
                }
                if (type != ProcessMemory.MAP_SHARED && type != ProcessMemory.MAP_PRIVATE
                        && type != ProcessMemory.MAP_SHARED_VALIDATE) {
                    return -Errno.EINVAL;
                }
                if (offset < 0 || offset + length < 0) return -Errno.EOVERFLOW;
            }
            long size = (length + 4095) & -4096L;
            if ((flags & ProcessMemory.MAP_FIXED) != 0) fileMappings.unmap(address, size);
            if (anonymous) return mm.mmap(address, length, prot, flags, fd, offset);
            boolean isShared = type != ProcessMemory.MAP_PRIVATE;
            GuestFileSystem.RegularFile file = files.mapSource(fd, isShared, (prot & Prot.WRITE) != 0);
            int anonymousFlags = (flags & ~ProcessMemory.MAP_TYPE) | ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS;
            long at = mm.mmap(address, length, Prot.RW, anonymousFlags, -1, 0);
            if (Errno.isError(at)) return at;
            if (file != null) {
                if (isShared) fileMappings.mapShared(at, length, file, offset);
                else fileMappings.mapPrivate(at, length, file, offset);
                mm.name(at, length, files.pathOf(fd));
            }
            mm.mprotect(at, size, prot & Prot.RWX);
            // As do_mmap clears VM_MAYWRITE: a shared mapping of a file not open for writing never becomes writable.
            if (isShared && (files.statusFlags(fd) & FileTable.O_ACCMODE) != FileTable.O_RDWR) {
                mm.restrict(at, size, Prot.READ | Prot.EXEC);
            }
            return at;
        });
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
        if ((address & 4095) == 0 && length > 0 && Long.compareUnsigned(address, ProcessMemory.TASK_SIZE) <= 0
                && Long.compareUnsigned(length, ProcessMemory.TASK_SIZE - address) <= 0) {
            fileMappings.unmap(address, (length + 4095) & -4096L);
        }
        return mm.munmap(address, length);
    }

    /** brk: the break's new place, or its old one when it cannot move (as the syscall answers). */
    public long brk(long address) {
        return mm.brk(address);
    }

    public long mprotect(long address, long length, int prot) {
        return mm.mprotect(address, length, prot);
    }

    /** uname: six 65-byte fields as Microdroid's kernel reports them. */
    public long uname(long buffer) {
        return ErrnoException.resultOf(() -> {
            String[] fields = {"Linux", "localhost", "6.1.75-android14-11-mdemu", "#1 SMP PREEMPT", "aarch64", "(none)"};
            for (int i = 0; i < fields.length; i++) {
                byte[] b = new byte[65];
                byte[] s = fields[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, b, 0, Math.min(64, s.length));
                mem().write(buffer + 65L * i, b);
            }
            return 0;
        });
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
