package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.FileSystemCalls;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.vfs.FileTable;

/**
 * sys/stat.h, sys/statfs.h and sys/statvfs.h: file status, permissions, times and file-system figures, each
 * wrapper on the kernel method its syscall row uses (bionic's *64 names are the same functions on LP64).
 */
public final class StatFunctions implements LibrarySection {
    private static final int AT_FDCWD = FileIo.AT_FDCWD;
    private static final String OWNERSHIP = "ownership stays root:root; read-only mounts answer EROFS";

    private final GuestProcess process;
    private final FileSystemCalls fs;

    public StatFunctions(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.fs = kernel == null ? null : kernel.fs();
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        for (String suffix : new String[] {"", "64"}) {
            t.function("stat" + suffix, f -> f.ret(libc(fs.newfstatat(AT_FDCWD, f.ptr(0), f.ptr(1), 0))));
            t.function("lstat" + suffix, f -> f.ret(libc(fs.newfstatat(AT_FDCWD, f.ptr(0), f.ptr(1),
                    FileTable.AT_SYMLINK_NOFOLLOW))));
            t.function("fstat" + suffix, f -> f.ret(libc(fs.fstat(f.i32(0), f.ptr(1)))));
            t.function("fstatat" + suffix, f -> f.ret(libc(fs.newfstatat(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)))));
            t.function("statfs" + suffix, f -> f.ret(libc(fs.statfs(f.ptr(0), f.ptr(1)))));
            t.function("fstatfs" + suffix, f -> f.ret(libc(fs.fstatfs(f.i32(0), f.ptr(1)))));
            t.function("statvfs" + suffix, f -> f.ret(libc(fs.statvfs(-1, f.ptr(0), f.ptr(1)))));
            t.function("fstatvfs" + suffix, f -> f.ret(libc(fs.statvfs(f.i32(0), 0, f.ptr(1)))));
        }
        t.function("statx", "LIBC_R", Support.full("basic stats; no birth time"),
                f -> f.ret(libc(fs.statx(f.i32(0), f.ptr(1), f.i32(2), f.i32(3), f.ptr(4)))));
        t.function("umask", f -> f.ret(fs.umask(f.i32(0))));
        t.function("__umask_chk", Support.full("aborts on bits outside 0777, like bionic"), f -> {
            if ((f.i32(0) & ~0777) != 0) {
                process.control().crash(6, String.format("FORTIFY: umask: called with invalid mask %o", f.i32(0)));
            }
            f.ret(fs.umask(f.i32(0)));
        });
        t.function("chmod", f -> f.ret(libc(fs.fchmodat(AT_FDCWD, f.ptr(0), f.i32(1), 0))));
        t.function("fchmod", f -> f.ret(libc(fs.fchmod(f.i32(0), f.i32(1)))));
        t.function("fchmodat", f -> f.ret(libc(fs.fchmodat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)))));
        t.function("chown", Support.partial(OWNERSHIP), f -> f.ret(libc(fs.fchownat(AT_FDCWD, f.ptr(0), 0))));
        t.function("lchown", Support.partial(OWNERSHIP),
                f -> f.ret(libc(fs.fchownat(AT_FDCWD, f.ptr(0), FileTable.AT_SYMLINK_NOFOLLOW))));
        t.function("fchown", Support.partial(OWNERSHIP), f -> f.ret(libc(fs.fchown(f.i32(0)))));
        t.function("fchownat", Support.partial(OWNERSHIP), f -> f.ret(libc(fs.fchownat(f.i32(0), f.ptr(1), f.i32(4)))));
        t.function("utimensat", f -> f.ret(libc(fs.utimensat(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)))));
        t.function("futimens", f -> f.ret(libc(fs.utimensat(f.i32(0), 0, f.ptr(1), 0))));
        t.function("pathconf", f -> pathconf(f, buffer -> fs.statfs(f.ptr(0), buffer), f.i32(1)));
        t.function("fpathconf", f -> pathconf(f, buffer -> fs.fstatfs(f.i32(0), buffer), f.i32(1)));
    }

    /** pathconf/fpathconf as bionic answers them: from the file system's statfs figures. */
    private void pathconf(CallFrame f, java.util.function.LongUnaryOperator statfs, int name) {
        long buffer = process.heap().malloc(FileSystemCalls.STATFS_SIZE);
        try {
            long r = statfs.applyAsLong(buffer);
            if (Errno.isError(r)) {
                f.ret(libc(r));
                return;
            }
            long namelen = process.memory().readLong(buffer + 64), bsize = process.memory().readLong(buffer + 8);
            long frsize = process.memory().readLong(buffer + 72);
            long value = switch (name) {
                case 0 -> 64; // _PC_FILESIZEBITS
                case 1 -> 127; // _PC_LINK_MAX: LINK_MAX for every file system here
                case 2, 3 -> 255; // _PC_MAX_CANON, _PC_MAX_INPUT
                case 4 -> namelen; // _PC_NAME_MAX
                case 5 -> 4096; // _PC_PATH_MAX
                case 6 -> 4096; // _PC_PIPE_BUF
                case 7, 14, 15 -> 1; // _PC_2_SYMLINKS, _PC_CHOWN_RESTRICTED, _PC_NO_TRUNC
                case 8, 12 -> frsize; // _PC_ALLOC_SIZE_MIN, _PC_REC_XFER_ALIGN
                case 11 -> bsize; // _PC_REC_MIN_XFER_SIZE
                case 16 -> 0; // _PC_VDISABLE
                case 9, 10, 13, 17, 18, 19 -> -1; // understood, but no answer: errno untouched
                default -> libc(-Errno.EINVAL);
            };
            f.ret(value);
        } finally {
            process.heap().free(buffer);
        }
    }
}
