package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
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
    }
}
