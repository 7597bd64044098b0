package org.mdemu.guest.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.DirectoryEntry;
import org.mdemu.guest.vfs.DirectoryHandle;
import org.mdemu.guest.vfs.FileStatus;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.Mount;
import org.mdemu.guest.vfs.OpenFile;

/**
 * The file-system system calls with guest-pointer arguments: paths are read from guest memory, results written in
 * the arm64 kernel's struct layouts (stat, statx, statfs, linux_dirent64, iovec). The VFS work itself is in
 * {@link FileTable}; libc's wrappers call these same methods. Results are values or {@code -errno}.
 */
public final class FileSystemCalls {
    public static final int STAT_SIZE = 128, STATX_SIZE = 256, STATFS_SIZE = 120, STATVFS_SIZE = 112,
            DIRENT_SIZE = 280;
    public static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    private static final int STATX_BASIC_STATS = 0x7ff, AT_STATX_SYNC_TYPE = 0x6000;
    private static final long ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8, ST_VALID = 0x20;
    private static final int MAX_IO = 1 << 24;
    private static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37,
            F_OFD_SETLKW = 38, F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2, LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4,
            LOCK_UN = 8;

    private final FileTable files;
    private final GuestProcess process;

    public FileSystemCalls(GuestProcess process, FileTable files) {
        this.process = process;
        this.files = files;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    /** The guest string at p; NULL is EFAULT. */
    private String path(long p) {
        if (p == 0) throw new ErrnoException(Errno.EFAULT);
        return mem().readCString(p);
    }

    // ---- data transfer

    public long pwrite(int fd, long buffer, long count, long offset) {
        return ErrnoException.resultOf(() -> {
            if (files.get(fd) == null) return -Errno.EBADF;
            if (offset < 0) return -Errno.EINVAL;
            if (count == 0) return 0;
            if (!LinuxKernel.accessOk(buffer, count)) return -Errno.EFAULT;
            byte[] b = UserCopies.copyIn(mem(), buffer, (int) Math.min(count, MAX_IO));
            return files.pwrite(fd, b, 0, b.length, offset);
        });
    }

    /** readv and preadv (offset >= 0): fills each iovec in turn, stopping at a short read. */
    public long readv(int fd, long iov, int count, long offset) {
        return ErrnoException.resultOf(() -> {
            if (count < 0 || count > 1024) return -Errno.EINVAL;
            if (offset < 0 && files.get(fd) instanceof org.mdemu.guest.vfs.io.Readiness) return scatterRead(fd, iov, count);
            long total = 0;
            for (int i = 0; i < count; i++) {
                long base = mem().readLong(iov + 16L * i), len = mem().readLong(iov + 16L * i + 8);
                if (len < 0) return total > 0 ? total : -Errno.EINVAL;
                byte[] b = new byte[(int) Math.min(len, MAX_IO)];
                long n = offset < 0 ? files.read(fd, b, 0, b.length) : files.pread(fd, b, 0, b.length, offset + total);
                if (n < 0) return total > 0 ? total : n;
                mem().write(base, b, 0, (int) n);
                total += n;
                if (n < len) break;
            }
            return total;
        });
    }

    /**
     * readv on a pipe, socket or eventfd: one read of the whole length, spread over the iovecs, so that a read
     * never blocks after taking data and a datagram lands whole.
     */
    private long scatterRead(int fd, long iov, int count) {
        byte[] b = IoVectors.buffer(mem(), iov, count);
        long n = files.read(fd, b, 0, b.length);
        if (n > 0) IoVectors.scatter(mem(), iov, count, b, n);
        return n;
    }

    /** pwritev: writes each iovec at increasing offsets. */
    public long pwritev(int fd, long iov, int count, long offset) {
        return ErrnoException.resultOf(() -> {
            if (count < 0 || count > 1024 || offset < 0) return -Errno.EINVAL;
            long total = 0;
            for (int i = 0; i < count; i++) {
                long base = mem().readLong(iov + 16L * i), len = mem().readLong(iov + 16L * i + 8);
                long n = pwrite(fd, base, len, offset + total);
                if (n < 0) return total > 0 ? total : n;
                total += n;
            }
            return total;
        });
    }

    // ---- status

    public long newfstatat(int dirfd, long path, long statbuf, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~(FileTable.AT_SYMLINK_NOFOLLOW | FileTable.AT_EMPTY_PATH | 0x800)) != 0) return -Errno.EINVAL;
            writeStat(statbuf, files.stat(dirfd, path(path), flags));
            return 0;
        });
    }

    public long fstat(int fd, long statbuf) {
        return ErrnoException.resultOf(() -> {
            writeStat(statbuf, files.fstat(fd));
            return 0;
        });
    }

    /** The generic arm64 struct stat (asm-generic/stat.h), 128 bytes. */
    private void writeStat(long statbuf, FileStatus s) {
        ByteBuffer b = ByteBuffer.allocate(STAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, s.device()).putLong(8, s.ino()).putInt(16, s.mode()).putInt(20, s.nlink());
        b.putLong(32, s.rdev()).putLong(48, s.size()).putInt(56, FileStatus.BLOCK_SIZE).putLong(64, s.blocks());
        long[] times = {s.atime(), s.mtime(), s.ctime()};
        for (int i = 0; i < 3; i++) {
            b.putLong(72 + 16 * i, Math.floorDiv(times[i], 1_000_000_000L));
            b.putLong(80 + 16 * i, Math.floorMod(times[i], 1_000_000_000L));
        }
        mem().write(statbuf, b.array());
    }

    /** statx(2): struct statx (256 bytes); every basic field is filled, no birth time. */
    public long statx(int dirfd, long path, int flags, int mask, long buffer) {
        return ErrnoException.resultOf(() -> {
            if ((mask & 0x80000000) != 0 || (flags & ~(FileTable.AT_SYMLINK_NOFOLLOW | FileTable.AT_EMPTY_PATH
                    | 0x800 | AT_STATX_SYNC_TYPE)) != 0 || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE) {
                return -Errno.EINVAL;
            }
            FileStatus s = files.stat(dirfd, path(path), flags);
            ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, STATX_BASIC_STATS).putInt(4, FileStatus.BLOCK_SIZE).putInt(16, s.nlink());
            b.putShort(28, (short) s.mode()).putLong(32, s.ino()).putLong(40, s.size()).putLong(48, s.blocks());
            long[] times = {s.atime(), 0, s.ctime(), s.mtime()};
            for (int i = 0; i < 4; i++) {
                b.putLong(64 + 16 * i, Math.floorDiv(times[i], 1_000_000_000L));
                b.putInt(72 + 16 * i, (int) Math.floorMod(times[i], 1_000_000_000L));
            }
            b.putInt(128, (int) (s.rdev() >> 8)).putInt(132, (int) (s.rdev() & 0xff));
            b.putInt(136, 0).putInt(140, (int) s.device()).putLong(144, s.device());
            mem().write(buffer, b.array());
            return 0;
        });
    }

    public long statfs(long path, long buffer) {
        return ErrnoException.resultOf(() -> writeStatfs(buffer, files.mountOf(FileIo.AT_FDCWD, path(path))));
    }

    public long fstatfs(int fd, long buffer) {
        return ErrnoException.resultOf(() -> writeStatfs(buffer, files.mountOf(fd, null)));
    }

    /** statvfs / fstatvfs (fd >= 0 with path 0): bionic's struct statvfs, made from the same mount figures. */
    public long statvfs(int fd, long path, long buffer) {
        return ErrnoException.resultOf(() -> {
            Mount m = path == 0 ? files.mountOf(fd, null) : files.mountOf(FileIo.AT_FDCWD, path(path));
            Mount.Usage u = files.fileSystem().usage(m);
            ByteBuffer b = ByteBuffer.allocate(STATVFS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, FileStatus.BLOCK_SIZE).putLong(8, FileStatus.BLOCK_SIZE).putLong(16, u.blocks())
                    .putLong(24, u.freeBlocks()).putLong(32, u.freeBlocks()).putLong(40, u.files())
                    .putLong(48, u.freeFiles()).putLong(56, u.freeFiles()).putLong(64, m.device())
                    .putLong(72, mountFlags(m)).putLong(80, GuestFileSystem.NAME_MAX);
            mem().write(buffer, b.array());
            return 0;
        });
    }

    /** struct statfs of arm64 (every field 64-bit), 120 bytes; f_flags carries ST_VALID as the kernel sets it. */
    private long writeStatfs(long buffer, Mount m) {
        Mount.Usage u = files.fileSystem().usage(m);
        ByteBuffer b = ByteBuffer.allocate(STATFS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, m.magic()).putLong(8, FileStatus.BLOCK_SIZE).putLong(16, u.blocks()).putLong(24, u.freeBlocks())
                .putLong(32, u.freeBlocks()).putLong(40, u.files()).putLong(48, u.freeFiles())
                .putInt(56, m.device()).putLong(64, GuestFileSystem.NAME_MAX).putLong(72, FileStatus.BLOCK_SIZE)
                .putLong(80, mountFlags(m) | ST_VALID);
        mem().write(buffer, b.array());
        return 0;
    }

    private static long mountFlags(Mount m) {
        if (m.readOnly()) return ST_RDONLY | ST_NODEV;
        if (m.magic() == GuestFileSystem.PROC_MAGIC || m.magic() == GuestFileSystem.SYSFS_MAGIC) {
            return ST_NOSUID | ST_NODEV | ST_NOEXEC;
        }
        return ST_NOSUID | ST_NODEV;
    }

    public long faccessat(int dirfd, long path, int mode, int flags) {
        return ErrnoException.resultOf(() -> files.access(dirfd, path(path), mode, flags));
    }

    // ---- directories and names

    /** getdents64: as many linux_dirent64 records as fit; EINVAL if not even the next one does. */
    public long getdents64(int fd, long buffer, long count) {
        return ErrnoException.resultOf(() -> {
            DirectoryHandle dir = files.directory(fd);
            synchronized (dir) {
                int used = 0;
                for (DirectoryEntry e = dir.peek(); e != null; e = dir.peek()) {
                    byte[] record = dirent(e, dir.tell() + 1);
                    if (used + record.length > count) {
                        if (used == 0) return -Errno.EINVAL;
                        break;
                    }
                    mem().write(buffer + used, record);
                    used += record.length;
                    dir.advance();
                }
                return used;
            }
        });
    }

    /** A linux_dirent64 (= bionic's struct dirent) record: ino, off, reclen, type, name, padded to 8 bytes. */
    public static byte[] dirent(DirectoryEntry e, long nextOffset) {
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        int reclen = (19 + name.length + 1 + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(reclen).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, e.ino()).putLong(8, nextOffset).putShort(16, (short) reclen).put(18, (byte) e.type());
        b.put(19, name);
        return b.array();
    }

    public long symlinkat(long target, int dirfd, long path) {
        return ErrnoException.resultOf(() -> files.symlinkat(path(target), dirfd, path(path)));
    }

    public long linkat(int olddirfd, long oldPath, int newdirfd, long newPath, int flags) {
        return ErrnoException.resultOf(() -> files.linkat(olddirfd, path(oldPath), newdirfd, path(newPath), flags));
    }

    public long mkdirat(int dirfd, long path, int mode) {
        return ErrnoException.resultOf(() -> files.mkdirat(dirfd, path(path), mode));
    }

    public long unlinkat(int dirfd, long path, int flags) {
        return ErrnoException.resultOf(() -> files.unlinkat(dirfd, path(path), flags));
    }

    public long renameat2(int olddirfd, long oldPath, int newdirfd, long newPath, int flags) {
        return ErrnoException.resultOf(() -> files.renameat2(olddirfd, path(oldPath), newdirfd, path(newPath), flags));
    }

    public long truncate(long path, long length) {
        return ErrnoException.resultOf(() -> files.truncate(path(path), length));
    }

    public long ftruncate(int fd, long length) {
        return files.ftruncate(fd, length);
    }

    public long fallocate(int fd, int mode, long offset, long length) {
        return files.fallocate(fd, mode, offset, length);
    }

    public long fadvise(int fd, long offset, long length, int advice) {
        return files.fadvise(fd, offset, length, advice);
    }

    /** fsync, fdatasync, syncfs: memory is the storage; the encrypted store writes its host image back. */
    public long fsync(int fd) {
        return files.fsync(fd);
    }

    /** sync(2): always succeeds. */
    public long sync() {
        files.syncAll();
        return 0;
    }

    /** getcwd(2): the length including the NUL, or ERANGE. */
    public long getcwd(long buffer, long size) {
        return ErrnoException.resultOf(() -> {
            byte[] cwd = files.cwd().getBytes(StandardCharsets.UTF_8);
            if (size < cwd.length + 1L) return -Errno.ERANGE;
            mem().write(buffer, java.util.Arrays.copyOf(cwd, cwd.length + 1));
            return cwd.length + 1L;
        });
    }

    public long chdir(long path) {
        return ErrnoException.resultOf(() -> files.chdir(path(path)));
    }

    public long fchdir(int fd) {
        return files.fchdir(fd);
    }

    /** readlinkat: the link text without a NUL, truncated to size. */
    public long readlinkat(int dirfd, long path, long buffer, long size) {
        return ErrnoException.resultOf(() -> {
            if (size <= 0) return -Errno.EINVAL;
            byte[] target = files.readlinkat(dirfd, path(path)).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(size, target.length);
            mem().write(buffer, target, 0, n);
            return n;
        });
    }

    public long fchmodat(int dirfd, long path, int mode, int flags) {
        return ErrnoException.resultOf(() -> files.chmod(dirfd, path(path), mode, flags));
    }

    public long fchmod(int fd, int mode) {
        return files.chmod(fd, null, mode, 0);
    }

    public long fchownat(int dirfd, long path, int flags) {
        return ErrnoException.resultOf(() -> files.chown(dirfd, path(path), flags));
    }

    public long fchown(int fd) {
        return files.chown(fd, null, 0);
    }

    /** utimensat: times NULL means now; a NULL path (Linux's extension) means dirfd itself, as futimens uses. */
    public long utimensat(int dirfd, long path, long times, int flags) {
        return ErrnoException.resultOf(() -> {
            long now = process.threads().clock().realtimeNanos();
            long atime = now, mtime = now;
            if (times != 0) {
                atime = timestamp(times, now);
                mtime = timestamp(times + 16, now);
            }
            return files.setTimes(dirfd, path == 0 ? null : path(path), atime, mtime, flags);
        });
    }

    private long timestamp(long timespec, long now) {
        long sec = mem().readLong(timespec), nsec = mem().readLong(timespec + 8);
        if (nsec == UTIME_NOW) return now;
        if (nsec == UTIME_OMIT) return Long.MIN_VALUE;
        if (nsec < 0 || nsec >= 1_000_000_000L) throw new ErrnoException(Errno.EINVAL);
        return sec * 1_000_000_000L + nsec;
    }

    public long dup(int fd) {
        return files.dup(fd);
    }

    public long dup3(int oldfd, int newfd, int flags) {
        return files.dup3(oldfd, newfd, flags);
    }

    /** fcntl: descriptor commands go to the file table; record locks are checked and granted here. */
    public long fcntl(int fd, int cmd, long arg) {
        return switch (cmd) {
            case F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW -> ErrnoException.resultOf(() -> lock(fd, cmd, arg));
            default -> files.fcntl(fd, cmd, arg);
        };
    }

    /**
     * POSIX record locks (struct flock: short type, short whence, off_t start, off_t len, pid_t pid). The payload is
     * the only process and a process's own locks never conflict, so every valid request is granted and F_GETLK
     * answers F_UNLCK.
     */
    private long lock(int fd, int cmd, long flock) {
        int access = files.statusFlags(fd) & FileTable.O_ACCMODE;
        if (flock == 0) return -Errno.EFAULT;
        int type = mem().readShort(flock), whence = mem().readShort(flock + 2);
        if (type < F_RDLCK || type > F_UNLCK || whence < 0 || whence > 2) return -Errno.EINVAL;
        if (cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
            if (mem().readInt(flock + 24) != 0) return -Errno.EINVAL;
        }
        if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
            mem().writeShort(flock, F_UNLCK);
            return 0;
        }
        if (type == F_RDLCK && access == FileTable.O_WRONLY || type == F_WRLCK && access == FileTable.O_RDONLY) {
            return -Errno.EBADF;
        }
        return 0;
    }

    public static final int TCGETS = 0x5401, FIONREAD = 0x541B, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451,
            FIOASYNC = 0x5452, FIOQSIZE = 0x5460, FIGETBSZ = 2;
    public static final String IOCTL_NOTE = "FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC (no SIGIO follows), FIONREAD (regular"
            + " files, pipes, sockets), FIOQSIZE, FIGETBSZ; no file is a terminal, so TCGETS and the other terminal"
            + " requests, like any other request, answer ENOTTY";

    /**
     * ioctl(2): the requests the kernel serves for every file (do_vfs_ioctl) and FIONREAD where the file has it;
     * everything else is ENOTTY, as for a file whose driver has no such request. The request is an unsigned int.
     */
    public long ioctl(int fd, long request, long arg) {
        return ErrnoException.resultOf(() -> {
            OpenFile f = files.get(fd);
            if (f == null) return -Errno.EBADF;
            switch ((int) request) {
                case FIOCLEX, FIONCLEX -> {
                    return files.fcntl(fd, FileTable.F_SETFD, (int) request == FIOCLEX ? FileTable.FD_CLOEXEC : 0);
                }
                case FIONBIO -> {
                    int flags = files.statusFlags(fd);
                    boolean on = mem().readInt(arg) != 0;
                    return files.fcntl(fd, FileTable.F_SETFL, on ? flags | FileTable.O_NONBLOCK : flags & ~FileTable.O_NONBLOCK);
                }
                case FIOASYNC -> {
                    mem().readInt(arg);
                    return 0;
                }
                case FIONREAD -> {
                    long n = f.queuedBytes();
                    if (n < 0) return n;
                    mem().writeInt(arg, (int) Math.min(n, Integer.MAX_VALUE));
                    return 0;
                }
                case FIOQSIZE -> {
                    int type = f.mode() & 0170000;
                    if (type != 0100000 && type != 0040000 && type != 0120000) return -Errno.ENOTTY;
                    mem().writeLong(arg, files.fstat(fd).size());
                    return 0;
                }
                case FIGETBSZ -> {
                    mem().writeInt(arg, FileStatus.BLOCK_SIZE);
                    return 0;
                }
                default -> {
                    return -Errno.ENOTTY;
                }
            }
        });
    }

    /** flock: whole-file locks; with one process holding every lock there is never a conflict. */
    public long flock(int fd, int operation) {
        int op = operation & ~LOCK_NB;
        if (op != LOCK_SH && op != LOCK_EX && op != LOCK_UN) return -Errno.EINVAL;
        return ErrnoException.resultOf(() -> {
            files.statusFlags(fd);
            return 0;
        });
    }

    public long umask(int mask) {
        return files.umask(mask);
    }
}
