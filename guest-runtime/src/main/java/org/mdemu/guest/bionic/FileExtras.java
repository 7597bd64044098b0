package org.mdemu.guest.bionic;

import java.util.HashSet;
import java.util.Set;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.vfs.FileTable;

/**
 * The file and descriptor calls bionic exports that the older sections did not have: utime(s)/futimes/lutimes over
 * utimensat, lchmod, mknod/mkfifo, copy_file_range/splice/vmsplice/tee, preadv2/pwritev2, sendmmsg/recvmmsg,
 * close_range, memfd_create, lockf, readahead, sync_file_range, mincore, scandirat, the extended attribute calls,
 * inotify and signalfd, the pidfd calls and process_vm_readv/writev on the payload's own process, and the
 * FORTIFY checks of fd_set, poll and send/recv.
 */
public final class FileExtras extends GuestSection {
    private static final int AT_FDCWD = FileIo.AT_FDCWD, AT_SYMLINK_NOFOLLOW = 0x100, O_CLOEXEC = 02000000;
    private static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFIFO = 0010000;
    private static final int MAX_CHUNK = 1 << 20;
    private final FileTable files;
    private final Set<Integer> pidfds = new HashSet<>();
    private Rows rows;

    public FileExtras(GuestProcess process, FileTable files) {
        super(process);
        this.files = files;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        declareTimes(t);
        declareCopies(t);
        declareDescriptors(t);
        declareProcessAccess(t);
        declareFortify(t);
    }

    // ---- times, modes, nodes ------------------------------------------------------------------------------------

    private void declareTimes(LibraryTable t) {
        t.function("utime", f -> f.ret(utimes(f, AT_FDCWD, f.ptr(0), f.ptr(1), true, 0)));
        t.function("utimes", f -> f.ret(utimes(f, AT_FDCWD, f.ptr(0), f.ptr(1), false, 0)));
        t.function("futimes", "LIBC_O", Support.FULL, f -> f.ret(futimes(f, f.i32(0), f.ptr(1))));
        t.function("lutimes", "LIBC_O", Support.FULL,
                f -> f.ret(utimes(f, AT_FDCWD, f.ptr(0), f.ptr(1), false, AT_SYMLINK_NOFOLLOW)));
        t.function("futimesat", "LIBC_O", Support.FULL, f -> f.ret(utimes(f, f.i32(0), f.ptr(1), f.ptr(2), false, 0)));
        t.function("lchmod", "LIBC_36", Support.full("as bionic's: chmod for anything but a symbolic link, whose mode"
                + " cannot change (EOPNOTSUPP)"), f -> f.ret(rows.call(f, "fchmodat", AT_FDCWD, f.ptr(0), f.i32(1),
                AT_SYMLINK_NOFOLLOW)));
        Support nodes = Support.partial("regular files; FIFOs are not supported by the VM's file systems"
                + " (EOPNOTSUPP); device nodes need CAP_MKNOD (EPERM)");
        t.function("mknod", nodes, f -> f.ret(mknod(f, AT_FDCWD, f.ptr(0), f.i32(1))));
        t.function("mknodat", nodes, f -> f.ret(mknod(f, f.i32(0), f.ptr(1), f.i32(2))));
        t.function("mkfifo", nodes, f -> f.ret(mknod(f, AT_FDCWD, f.ptr(0), (f.i32(1) & 07777) | S_IFIFO)));
        t.function("mkfifoat", nodes, f -> f.ret(mknod(f, f.i32(0), f.ptr(1), (f.i32(2) & 07777) | S_IFIFO)));
        Support xattr = Support.partial("the VM's file systems keep no extended attributes: ENOTSUP (EBADF/ENOENT"
                + " for a bad descriptor or path)");
        for (String name : new String[] {"getxattr", "lgetxattr", "setxattr", "lsetxattr", "listxattr", "llistxattr",
            "removexattr", "lremovexattr"}) {
            t.function(name, xattr, f -> f.ret(xattrOnPath(f, f.ptr(0), name.startsWith("l"))));
        }
        for (String name : new String[] {"fgetxattr", "fsetxattr", "flistxattr", "fremovexattr"}) {
            t.function(name, xattr, f -> f.ret(files.get(f.i32(0)) == null ? fail(Errno.EBADF) : fail(Errno.EOPNOTSUPP)));
        }
    }

    /** utime (utimbuf: two time_t) or utimes/futimesat (two timevals) through utimensat. */
    private long utimes(CallFrame f, int dirfd, long path, long times, boolean utimbuf, int flags) {
        long ts = 0;
        if (times != 0) {
            ts = heap().calloc(2, 16);
            for (int i = 0; i < 2; i++) {
                long seconds = mem().readLong(times + (utimbuf ? 8L * i : 16L * i));
                long nanos = utimbuf ? 0 : mem().readLong(times + 16L * i + 8) * 1000;
                if (!utimbuf && (nanos < 0 || nanos >= 1_000_000_000L)) {
                    heap().free(ts);
                    return fail(Errno.EINVAL);
                }
                mem().writeLong(ts + 16L * i, seconds);
                mem().writeLong(ts + 16L * i + 8, nanos);
            }
        }
        try {
            return rows.call(f, "utimensat", dirfd, path, ts, flags);
        } finally {
            if (ts != 0) heap().free(ts);
        }
    }

    private long futimes(CallFrame f, int fd, long times) {
        long ts = 0;
        if (times != 0) {
            ts = heap().calloc(2, 16);
            for (int i = 0; i < 2; i++) {
                mem().writeLong(ts + 16L * i, mem().readLong(times + 16L * i));
                mem().writeLong(ts + 16L * i + 8, mem().readLong(times + 16L * i + 8) * 1000);
            }
        }
        try {
            return rows.call(f, "futimens", fd, ts);
        } finally {
            if (ts != 0) heap().free(ts);
        }
    }

    private long mknod(CallFrame f, int dirfd, long path, int mode) {
        int type = mode & S_IFMT;
        if (type == 0 || type == S_IFREG) {
            long fd = rows.call(f, "openat", dirfd, path, FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_EXCL
                    | O_CLOEXEC, mode & 07777);
            if ((int) fd < 0) return -1;
            rows.call(f, "close", fd);
            return 0;
        }
        if (type == S_IFIFO) return fail(Errno.EOPNOTSUPP);
        if (type == 0020000 || type == 0060000 || type == 0140000) return fail(Errno.EPERM);
        return fail(Errno.EINVAL);
    }

    private long xattrOnPath(CallFrame f, long path, boolean noFollow) {
        long st = heap().calloc(1, 128);
        try {
            if ((int) rows.call(f, noFollow ? "lstat" : "stat", path, st) != 0) return -1;
            return fail(Errno.EOPNOTSUPP);
        } finally {
            heap().free(st);
        }
    }

    // ---- copies -------------------------------------------------------------------------------------------------

    private void declareCopies(LibraryTable t) {
        Support copy = Support.full("moves up to 1 MiB per call through a buffer");
        t.function("copy_file_range", "LIBC_U", copy, f -> f.ret(f.i32(5) != 0 ? fail(Errno.EINVAL)
                : transfer(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i64(4))));
        t.function("splice", copy, f -> f.ret(transfer(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i64(4))));
        t.function("vmsplice", Support.full("writes the buffers to the pipe (or reads them from its read end)"), f -> {
            int fd = f.i32(0);
            int mode = files.get(fd) == null ? -1 : files.statusFlags(fd) & FileTable.O_ACCMODE;
            f.ret(mode == FileTable.O_RDONLY ? rows.call(f, "readv", fd, f.ptr(1), f.i64(2))
                    : rows.call(f, "writev", fd, f.ptr(1), f.i64(2)));
        });
        t.function("tee", Support.partial("the VM's pipes cannot be read without consuming them: EINVAL, as for"
                + " descriptors that are not pipes"), f -> f.ret(files.get(f.i32(0)) == null || files.get(f.i32(1)) == null
                ? fail(Errno.EBADF) : fail(Errno.EINVAL)));
        t.function("readahead", f -> f.ret(files.get(f.i32(0)) == null ? fail(Errno.EBADF) : 0));
        t.function("sync_file_range", "LIBC_O", Support.full("memory is the storage: checks its arguments"), f -> {
            if ((f.i32(3) & ~7) != 0 || f.i64(1) < 0 || f.i64(2) < 0) f.ret(fail(Errno.EINVAL));
            else f.ret(files.get(f.i32(0)) == null ? fail(Errno.EBADF) : 0);
        });
        for (String suffix : new String[] {"", "64v"}) {
            t.function("preadv" + suffix + "2", "LIBC_T", Support.full("RWF_HIPRI, RWF_DSYNC, RWF_SYNC accepted;"
                    + " RWF_NOWAIT EOPNOTSUPP"), f -> f.ret(rw2(f, "preadv", "readv", f.i32(0), f.ptr(1), f.i32(2), f.i64(3), f.i32(4))));
            t.function("pwritev" + suffix + "2", "LIBC_T", Support.full("RWF_HIPRI, RWF_DSYNC, RWF_SYNC, RWF_APPEND"
                    + " accepted; RWF_NOWAIT EOPNOTSUPP"), f -> f.ret(rw2(f, "pwritev", "writev", f.i32(0), f.ptr(1), f.i32(2), f.i64(3), f.i32(4))));
        }
        t.function("sendmmsg", Support.full("each message through sendmsg; stops at the first failure"),
                f -> f.ret(multiple(f, "sendmsg", f.i32(0), f.ptr(1), f.u32(2), f.i32(3))));
        t.function("recvmmsg", Support.full("each message through recvmsg; MSG_WAITFORONE honoured, the timeout is"
                + " checked between messages"), f -> f.ret(multiple(f, "recvmsg", f.i32(0), f.ptr(1), f.u32(2), f.i32(3))));
    }

    /** copy_file_range/splice: reads up to len (from *offIn when given) and writes it (at *offOut when given). */
    private long transfer(int in, long offIn, int out, long offOut, long len) {
        if (files.get(in) == null || files.get(out) == null) return fail(Errno.EBADF);
        if (len <= 0) return 0;
        byte[] buffer = new byte[(int) Math.min(len, MAX_CHUNK)];
        long n = offIn != 0 ? files.pread(in, buffer, 0, buffer.length, mem().readLong(offIn))
                : files.read(in, buffer, 0, buffer.length);
        if (Errno.isError(n)) return fail((int) -n);
        if (n == 0) return 0;
        long written = 0;
        while (written < n) {
            long w = offOut != 0 ? files.pwrite(out, buffer, (int) written, (int) (n - written), mem().readLong(offOut) + written)
                    : files.write(out, buffer, (int) written, (int) (n - written));
            if (Errno.isError(w)) {
                if (written == 0) return fail((int) -w);
                break;
            }
            written += w;
        }
        if (offIn != 0) mem().writeLong(offIn, mem().readLong(offIn) + written);
        if (offOut != 0) mem().writeLong(offOut, mem().readLong(offOut) + written);
        return written;
    }

    private long rw2(CallFrame f, String positioned, String plain, int fd, long iov, int count, long offset, int flags) {
        final int hipri = 1, dsync = 2, sync = 4, nowait = 8, append = 16;
        if ((flags & ~(hipri | dsync | sync | nowait | append)) != 0) return fail(Errno.EOPNOTSUPP);
        if ((flags & nowait) != 0) return fail(Errno.EOPNOTSUPP);
        if (offset == -1) return rows.call(f, plain, fd, iov, count);
        return rows.call(f, positioned, fd, iov, count, offset);
    }

    /** struct mmsghdr {struct msghdr msg_hdr; unsigned msg_len;}: 64 bytes on LP64. */
    private long multiple(CallFrame f, String each, int fd, long messages, long count, int flags) {
        final int waitForOne = 0x10000, dontWait = 0x40;
        long done = 0;
        for (long i = 0; i < count; i++) {
            long header = messages + 64 * i;
            long r = rows.call(f, each, fd, header, flags & ~waitForOne);
            if (r < 0) return done > 0 ? done : -1;
            mem().writeInt(header + 56, (int) r);
            done++;
            if ((flags & waitForOne) != 0) flags |= dontWait;
        }
        return done;
    }

    // ---- descriptors ------------------------------------------------------------------------------------------

    private void declareDescriptors(LibraryTable t) {
        t.function("close_range", "LIBC_U", Support.full("CLOSE_RANGE_CLOEXEC and CLOSE_RANGE_UNSHARE"), f -> {
            long first = f.u32(0), last = f.u32(1);
            int flags = f.i32(2);
            final int unshare = 2, cloexec = 4;
            if ((flags & ~(unshare | cloexec)) != 0 || first > last) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            for (String name : files.openDescriptors()) {
                int fd = Integer.parseInt(name);
                if (fd < first || fd > last) continue;
                if ((flags & cloexec) != 0) files.fcntl(fd, FileTable.F_SETFD, FileTable.FD_CLOEXEC);
                else files.close(fd);
            }
            f.ret(0);
        });
        t.function("memfd_create", "LIBC_R", Support.full("an unlinked file in the VM's tmpfs; sealing is accepted"
                + " and not enforced"), this::memfdCreate);
        for (String name : new String[] {"lockf", "lockf64"}) {
            t.function(name, "LIBC_N", Support.full("one process never conflicts with itself: locks are granted"), f -> {
                int fd = f.i32(0), cmd = f.i32(1);
                if (files.get(fd) == null) {
                    f.ret(fail(Errno.EBADF));
                    return;
                }
                switch (cmd) {
                    case 0, 3 -> f.ret(0);
                    case 1, 2 -> f.ret((files.statusFlags(fd) & FileTable.O_ACCMODE) == FileTable.O_RDONLY
                            ? fail(Errno.EBADF) : 0);
                    default -> f.ret(fail(Errno.EINVAL));
                }
            });
        }
        for (String name : new String[] {"scandirat", "scandirat64"}) {
            t.functionCallingGuest(name, "LIBC_N", Support.full("scandir of the path taken relative to the directory"),
                    f -> f.ret(scandirat(f, name.endsWith("64") ? "scandir64" : "scandir")));
        }
        Support watches = Support.partial("descriptors and watches work; the VM's file systems report no events, so"
                + " a read finds none (EAGAIN) and poll never reports it readable");
        t.function("inotify_init", watches, f -> f.ret(rows.call(f, "eventfd", 0, 0)));
        t.function("inotify_init1", watches, f -> {
            int flags = f.i32(0);
            if ((flags & ~(04000 | O_CLOEXEC)) != 0) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            f.ret(rows.call(f, "eventfd", 0, (flags & 04000) | (flags & O_CLOEXEC)));
        });
        t.function("inotify_add_watch", watches, f -> {
            if (files.get(f.i32(0)) == null) {
                f.ret(fail(Errno.EBADF));
                return;
            }
            long st = heap().calloc(1, 128);
            try {
                f.ret((int) rows.call(f, "stat", f.ptr(1), st) != 0 ? -1 : nextWatch++);
            } finally {
                heap().free(st);
            }
        });
        t.function("inotify_rm_watch", watches, f -> f.ret(files.get(f.i32(0)) == null ? fail(Errno.EBADF)
                : f.i32(1) > 0 && f.i32(1) < nextWatch ? 0 : fail(Errno.EINVAL)));
        Support signalfd = Support.partial("a descriptor is made; signals stay with the process's ordinary delivery,"
                + " the descriptor never becomes readable");
        for (String name : new String[] {"signalfd", "signalfd64"}) {
            t.function(name, name.endsWith("64") ? "LIBC_P" : "LIBC", signalfd, f -> {
                int fd = f.i32(0), flags = f.i32(2);
                if ((flags & ~(04000 | O_CLOEXEC)) != 0) f.ret(fail(Errno.EINVAL));
                else if (fd != -1) f.ret(files.get(fd) == null ? fail(Errno.EBADF) : fd);
                else f.ret(rows.call(f, "eventfd", 0, flags));
            });
        }
    }

    private int nextWatch = 1;

    private void memfdCreate(CallFrame f) {
        byte[] name = optionalCbytes(f.ptr(0));
        int flags = f.i32(1);
        final int mfdCloexec = 1, mfdAllowSealing = 2;
        if ((flags & ~(mfdCloexec | mfdAllowSealing | 4 | 8)) != 0 || name == null || name.length > 249) {
            f.ret(fail(Errno.EINVAL));
            return;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            String path = "/tmp/.memfd:" + latin1(name) + "." + Long.toHexString(System.nanoTime()) + attempt;
            long p = mallocString(path);
            try {
                long fd = rows.call(f, "openat", AT_FDCWD, p, FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_EXCL
                        | ((flags & mfdCloexec) != 0 ? O_CLOEXEC : 0), 0600);
                if ((int) fd < 0) {
                    if (errno() == Errno.EEXIST) continue;
                    f.ret(-1);
                    return;
                }
                rows.call(f, "unlink", p);
                f.ret(fd);
                return;
            } finally {
                heap().free(p);
            }
        }
        f.ret(fail(Errno.EEXIST));
    }

    private long scandirat(CallFrame f, String scandir) {
        int dirfd = f.i32(0);
        long path = f.ptr(1);
        byte[] p = cbytes(path);
        if (dirfd == AT_FDCWD || (p.length > 0 && p[0] == '/')) {
            return rows.call(f, scandir, path, f.ptr(2), f.ptr(3), f.ptr(4));
        }
        String base = files.pathOf(dirfd);
        if (base == null) return fail(Errno.EBADF);
        long full = mallocString(base + "/" + latin1(p));
        try {
            return rows.call(f, scandir, full, f.ptr(2), f.ptr(3), f.ptr(4));
        } finally {
            heap().free(full);
        }
    }

    // ---- the own process ----------------------------------------------------------------------------------------

    private void declareProcessAccess(LibraryTable t) {
        Support self = Support.full("the payload's own process (the only one in the VM); other pids ESRCH");
        t.function("pidfd_open", "LIBC_S", self, f -> {
            if (f.i32(0) != process.pid()) {
                f.ret(fail(f.i32(0) <= 0 ? Errno.EINVAL : Errno.ESRCH));
                return;
            }
            long fd = rows.call(f, "eventfd", 0, O_CLOEXEC);
            if ((int) fd >= 0) pidfds.add((int) fd);
            f.ret(fd);
        });
        t.function("pidfd_send_signal", "LIBC_S", self, f -> {
            if (!pidfds.contains(f.i32(0)) || files.get(f.i32(0)) == null) {
                f.ret(fail(Errno.EBADF));
                return;
            }
            f.ret(f.i32(3) != 0 ? fail(Errno.EINVAL) : rows.call(f, "kill", process.pid(), f.i32(1)));
        });
        t.function("pidfd_getfd", "LIBC_S", self, f -> {
            if (!pidfds.contains(f.i32(0)) || files.get(f.i32(0)) == null) {
                f.ret(fail(Errno.EBADF));
                return;
            }
            f.ret(f.i32(2) != 0 ? fail(Errno.EINVAL) : rows.call(f, "fcntl", f.i32(1), FileTable.F_DUPFD_CLOEXEC, 0));
        });
        t.function("process_madvise", "LIBC_S", self, f -> {
            if (!pidfds.contains(f.i32(0)) || files.get(f.i32(0)) == null) {
                f.ret(fail(Errno.EBADF));
                return;
            }
            long iov = f.ptr(1), count = f.i64(2), total = 0;
            for (long i = 0; i < count; i++) {
                long base = mem().readLong(iov + 16 * i), len = mem().readLong(iov + 16 * i + 8);
                if ((int) rows.call(f, "madvise", base, len, f.i32(3)) != 0) return;
                total += len;
            }
            f.ret(total);
        });
        t.function("process_vm_readv", self, f -> f.ret(vmCopy(f, true)));
        t.function("process_vm_writev", self, f -> f.ret(vmCopy(f, false)));
        t.function("mincore", Support.full("guest memory is always resident"), f -> {
            long addr = f.ptr(0), len = f.i64(1), vec = f.ptr(2);
            if ((addr & 4095) != 0) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            long pages = (len + 4095) / 4096;
            if (!mem().isMapped(addr, pages * 4096)) {
                f.ret(fail(Errno.ENOMEM));
                return;
            }
            byte[] ones = new byte[(int) pages];
            java.util.Arrays.fill(ones, (byte) 1);
            mem().write(vec, ones);
            f.ret(0);
        });
        t.function("mseal", "LIBC_36", Support.full("the Microdroid kernel (before 6.10) has no mseal: ENOSYS, as"
                + " bionic's wrapper answers there"), f -> f.ret(fail(Errno.ENOSYS)));
    }

    private long vmCopy(CallFrame f, boolean read) {
        int pid = f.i32(0);
        long local = f.ptr(1), localCount = f.i64(2), remote = f.ptr(3), remoteCount = f.i64(4);
        if (f.i64(5) != 0) return fail(Errno.EINVAL);
        if (pid != process.pid()) return fail(Errno.ESRCH);
        java.io.ByteArrayOutputStream source = new java.io.ByteArrayOutputStream();
        long fromIov = read ? remote : local, fromCount = read ? remoteCount : localCount;
        long toIov = read ? local : remote, toCount = read ? localCount : remoteCount;
        for (long i = 0; i < fromCount; i++) {
            long base = mem().readLong(fromIov + 16 * i), len = mem().readLong(fromIov + 16 * i + 8);
            source.writeBytes(mem().read(base, (int) Math.min(len, 1 << 26)));
        }
        byte[] bytes = source.toByteArray();
        int at = 0;
        for (long i = 0; i < toCount && at < bytes.length; i++) {
            long base = mem().readLong(toIov + 16 * i), len = mem().readLong(toIov + 16 * i + 8);
            int n = (int) Math.min(len, bytes.length - at);
            mem().write(base, bytes, at, n);
            at += n;
        }
        return at;
    }

    // ---- FORTIFY ------------------------------------------------------------------------------------------------

    private void declareFortify(LibraryTable t) {
        Fortify fortify = new Fortify(process);
        t.function("__FD_SET_chk", f -> fdSet(f, "FD_SET", 1));
        t.function("__FD_CLR_chk", f -> fdSet(f, "FD_CLR", 0));
        t.function("__FD_ISSET_chk", f -> fdSet(f, "FD_ISSET", 2));
        t.function("__poll_chk", f -> {
            checkPollfds("poll", f.i64(3), f.i64(1));
            f.ret(rows.call(f, "poll", f.ptr(0), f.i64(1), f.i32(2)));
        });
        t.function("__ppoll_chk", f -> {
            checkPollfds("ppoll", f.i64(4), f.i64(1));
            f.ret(rows.call(f, "ppoll", f.ptr(0), f.i64(1), f.ptr(2), f.ptr(3)));
        });
        t.function("__ppoll64_chk", f -> {
            checkPollfds("ppoll64", f.i64(4), f.i64(1));
            f.ret(rows.call(f, "ppoll", f.ptr(0), f.i64(1), f.ptr(2), f.ptr(3)));
        });
        t.function("__recvfrom_chk", f -> {
            fortify.checkAccess("recvfrom", "write into", f.i64(2), f.i64(3));
            f.ret(rows.call(f, "recvfrom", f.i32(0), f.ptr(1), f.i64(2), f.i32(4), f.ptr(5), f.ptr(6)));
        });
        t.function("__sendto_chk", "LIBC_O", Support.FULL, f -> {
            fortify.checkAccess("sendto", "read from", f.i64(2), f.i64(3));
            f.ret(rows.call(f, "sendto", f.i32(0), f.ptr(1), f.i64(2), f.i32(4), f.ptr(5), f.i32(6)));
        });
        t.function("ppoll64", "LIBC_P", Support.FULL, f -> f.ret(rows.call(f, "ppoll", f.ptr(0), f.i64(1), f.ptr(2), f.ptr(3))));
        t.function("pselect64", "LIBC_P", Support.FULL,
                f -> f.ret(rows.call(f, "pselect", f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4), f.ptr(5))));
        t.function("epoll_pwait64", "LIBC_P", Support.FULL,
                f -> f.ret(rows.call(f, "epoll_pwait", f.i32(0), f.ptr(1), f.i32(2), f.i32(3), f.ptr(4))));
        for (String name : new String[] {"epoll_pwait2", "epoll_pwait2_64"}) {
            t.function(name, "LIBC_V", Support.full("the timeout (a timespec) at millisecond resolution"), f -> {
                long ts = f.ptr(3);
                long millis = ts == 0 ? -1 : mem().readLong(ts) * 1000 + (mem().readLong(ts + 8) + 999_999) / 1_000_000;
                f.ret(rows.call(f, "epoll_pwait", f.i32(0), f.ptr(1), f.i32(2), (int) Math.min(millis, Integer.MAX_VALUE), f.ptr(4)));
            });
        }
    }

    private void checkPollfds(String name, long arrayBytes, long count) {
        long length = Long.divideUnsigned(arrayBytes, 8);
        if (Long.compareUnsigned(length, count) < 0) {
            process.control().crash(6, String.format("FORTIFY: %s: %d-element pollfd array too small for %d fds", name,
                    length, count));
        }
    }

    /** __FD_*_chk(fd, set, set_size): the FORTIFY checks of the fd_set macros; op 1 sets, 0 clears, 2 tests. */
    private void fdSet(CallFrame f, String name, int op) {
        int fd = f.i32(0);
        long set = f.ptr(1), size = f.i64(2);
        if (fd < 0) {
            process.control().crash(6, String.format("FORTIFY: %s: file descriptor %d < 0", name, fd));
            return;
        }
        if (fd >= 1024) {
            process.control().crash(6, String.format("FORTIFY: %s: file descriptor %d >= FD_SETSIZE 1024", name, fd));
            return;
        }
        if (size < 128) {
            process.control().crash(6, String.format("FORTIFY: %s: set is too small: %d < 128", name, size));
            return;
        }
        long word = set + 8L * (fd / 64);
        long bit = 1L << (fd % 64);
        long value = mem().readLong(word);
        if (op == 1) mem().writeLong(word, value | bit);
        else if (op == 0) mem().writeLong(word, value & ~bit);
        else f.ret((value & bit) != 0 ? 1 : 0);
    }
}
