package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.FileSystemCalls;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestPath;

/**
 * unistd.h and fcntl.h file I/O and names, plus the file-name functions of stdio.h (rename, remove) and stdlib.h
 * (realpath, mkstemp family). Each wrapper calls the kernel method its syscall row calls; -1 and errno on failure.
 */
public final class FileFunctions implements LibrarySection {
    private static final int AT_FDCWD = FileIo.AT_FDCWD;
    private static final int SIGABRT = 6;
    private static final String TEMP_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final FileSystemCalls fs;
    private final FileTable files;
    private final Random random;

    public FileFunctions(GuestProcess process, LinuxKernel kernel, FileTable files) {
        this.process = process;
        this.kernel = kernel;
        this.fs = kernel == null ? null : kernel.fs();
        this.files = files;
        this.random = kernel == null ? new SecureRandom() : kernel.random();
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("read", f -> f.ret(libc(kernel.read(f.i32(0), f.ptr(1), f.i64(2)))));
        t.function("write", f -> f.ret(libc(kernel.write(f.i32(0), f.ptr(1), f.i64(2)))));
        for (String name : new String[] {"pread", "pread64"}) {
            t.function(name, f -> f.ret(libc(kernel.pread(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)))));
        }
        for (String name : new String[] {"pwrite", "pwrite64"}) {
            t.function(name, f -> f.ret(libc(fs.pwrite(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)))));
        }
        t.function("readv", f -> f.ret(libc(fs.readv(f.i32(0), f.ptr(1), f.i32(2), -1))));
        t.function("writev", f -> f.ret(libc(kernel.writev(f.i32(0), f.ptr(1), f.i32(2)))));
        for (String name : new String[] {"preadv", "preadv64"}) {
            t.function(name, "LIBC_N", Support.FULL, f -> f.ret(libc(f.i64(3) < 0 ? -Errno.EINVAL
                    : fs.readv(f.i32(0), f.ptr(1), f.i32(2), f.i64(3)))));
        }
        for (String name : new String[] {"pwritev", "pwritev64"}) {
            t.function(name, "LIBC_N", Support.FULL, f -> f.ret(libc(fs.pwritev(f.i32(0), f.ptr(1), f.i32(2), f.i64(3)))));
        }
        for (String name : new String[] {"open", "open64"}) {
            t.function(name, f -> f.ret(libc(kernel.openat(AT_FDCWD, f.ptr(0), f.i32(1), f.i32(2)))));
        }
        for (String name : new String[] {"openat", "openat64"}) {
            t.function(name, f -> f.ret(libc(kernel.openat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)))));
        }
        t.function("__open_2", f -> f.ret(libc(kernel.openat(AT_FDCWD, f.ptr(0), f.i32(1), 0))));
        t.function("__openat_2", f -> f.ret(libc(kernel.openat(f.i32(0), f.ptr(1), f.i32(2), 0))));
        for (String name : new String[] {"creat", "creat64"}) {
            t.function(name, f -> f.ret(libc(kernel.openat(AT_FDCWD, f.ptr(0),
                    FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_TRUNC, f.i32(1)))));
        }
        t.function("isatty", Support.full("no terminals exist: ENOTTY, or EBADF"), f -> {
            process.setErrno(files.get(f.i32(0)) == null ? Errno.EBADF : Errno.ENOTTY);
            f.ret(0);
        });
        for (String name : new String[] {"lseek", "lseek64"}) {
            t.function(name, f -> f.ret(libc(kernel.lseek(f.i32(0), f.i64(1), f.i32(2)))));
        }
        t.function("dup", f -> f.ret(libc(fs.dup(f.i32(0)))));
        t.function("dup2", this::dup2);
        t.function("dup3", f -> f.ret(libc(fs.dup3(f.i32(0), f.i32(1), f.i32(2)))));
        t.function("fcntl", Support.partial(org.mdemu.guest.kernel.SyscallTable.FCNTL_NOTE),
                f -> f.ret(libc(fs.fcntl(f.i32(0), f.i32(1), f.i64(2)))));
        t.function("flock", Support.full("one process holds every lock, so none ever conflicts"),
                f -> f.ret(libc(fs.flock(f.i32(0), f.i32(1)))));
        t.function("fsync", f -> f.ret(libc(fs.fsync(f.i32(0)))));
        t.function("fdatasync", f -> f.ret(libc(fs.fsync(f.i32(0)))));
        t.function("sync", f -> fs.sync());
        t.function("syncfs", "LIBC_P", Support.FULL, f -> f.ret(libc(fs.fsync(f.i32(0)))));
        for (String suffix : new String[] {"", "64"}) {
            t.function("fallocate" + suffix, Support.partial("mode 0, FALLOC_FL_KEEP_SIZE and PUNCH_HOLE"),
                    f -> f.ret(libc(fs.fallocate(f.i32(0), f.i32(1), f.i64(2), f.i64(3)))));
            t.function("posix_fallocate" + suffix, f -> f.ret(-fs.fallocate(f.i32(0), 0, f.i64(1), f.i64(2))));
            t.function("posix_fadvise" + suffix, Support.full("advice is checked and accepted"),
                    f -> f.ret(-fs.fadvise(f.i32(0), f.i64(1), f.i64(2), f.i32(3))));
        }
        for (String name : new String[] {"ftruncate", "ftruncate64"}) {
            t.function(name, f -> f.ret(libc(fs.ftruncate(f.i32(0), f.i64(1)))));
        }
        for (String name : new String[] {"truncate", "truncate64"}) {
            t.function(name, f -> f.ret(libc(fs.truncate(f.ptr(0), f.i64(1)))));
        }
        t.function("access", f -> f.ret(libc(fs.faccessat(AT_FDCWD, f.ptr(0), f.i32(1), 0))));
        t.function("faccessat", f -> f.ret(libc(fs.faccessat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)))));
        t.function("unlink", f -> f.ret(libc(fs.unlinkat(AT_FDCWD, f.ptr(0), 0))));
        t.function("unlinkat", f -> f.ret(libc(fs.unlinkat(f.i32(0), f.ptr(1), f.i32(2)))));
        t.function("rmdir", f -> f.ret(libc(fs.unlinkat(AT_FDCWD, f.ptr(0), FileTable.AT_REMOVEDIR))));
        t.function("remove", this::remove);
        t.function("mkdir", f -> f.ret(libc(fs.mkdirat(AT_FDCWD, f.ptr(0), f.i32(1)))));
        t.function("mkdirat", f -> f.ret(libc(fs.mkdirat(f.i32(0), f.ptr(1), f.i32(2)))));
        t.function("symlink", f -> f.ret(libc(fs.symlinkat(f.ptr(0), AT_FDCWD, f.ptr(1)))));
        t.function("symlinkat", f -> f.ret(libc(fs.symlinkat(f.ptr(0), f.i32(1), f.ptr(2)))));
        t.function("link", f -> f.ret(libc(fs.linkat(AT_FDCWD, f.ptr(0), AT_FDCWD, f.ptr(1), 0))));
        t.function("linkat", f -> f.ret(libc(fs.linkat(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i32(4)))));
        t.function("rename", f -> f.ret(libc(fs.renameat2(AT_FDCWD, f.ptr(0), AT_FDCWD, f.ptr(1), 0))));
        t.function("renameat", f -> f.ret(libc(fs.renameat2(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), 0))));
        t.function("renameat2", "LIBC_R", Support.partial("RENAME_NOREPLACE and RENAME_EXCHANGE"),
                f -> f.ret(libc(fs.renameat2(f.i32(0), f.ptr(1), f.i32(2), f.ptr(3), f.i32(4)))));
        t.function("getcwd", this::getcwd);
        t.function("chdir", f -> f.ret(libc(fs.chdir(f.ptr(0)))));
        t.function("fchdir", f -> f.ret(libc(fs.fchdir(f.i32(0)))));
        t.function("readlink", f -> f.ret(libc(fs.readlinkat(AT_FDCWD, f.ptr(0), f.ptr(1), f.i64(2)))));
        t.function("readlinkat", f -> f.ret(libc(fs.readlinkat(f.i32(0), f.ptr(1), f.ptr(2), f.i64(3)))));
        t.function("realpath", this::realpath);
        fortified(t);
        t.function("mkstemp", f -> f.ret(makeTemporaryFile(f.ptr(0), 0, 0)));
        t.function("mkstemp64", f -> f.ret(makeTemporaryFile(f.ptr(0), 0, 0)));
        t.function("mkstemps", f -> f.ret(makeTemporaryFile(f.ptr(0), f.i32(1), 0)));
        t.function("mkostemp", f -> f.ret(makeTemporaryFile(f.ptr(0), 0, f.i32(1))));
        t.function("mkdtemp", this::mkdtemp);
        t.function("mktemp", Support.full("racy by design, as everywhere"), this::mktemp);
    }

    /**
     * The _FORTIFY_SOURCE entry points the NDK's headers call when the buffer size is known: the size check, then
     * the same kernel call; a failed check aborts the payload with bionic's FORTIFY message.
     */
    private void fortified(LibraryTable t) {
        Support fortify = Support.full("checks the buffer size like bionic, then the plain call");
        t.function("__read_chk", "LIBC", fortify, f -> f.ret(libc(kernel.read(f.i32(0),
                f.ptr(1), intoBuffer("read", f.i64(2), f.i64(3))))));
        for (String name : new String[] {"__pread_chk", "__pread64_chk"}) {
            t.function(name, "LIBC", fortify, f -> f.ret(libc(kernel.pread(f.i32(0), f.ptr(1),
                    intoBuffer(name.equals("__pread_chk") ? "pread" : "pread64", f.i64(2), f.i64(4)), f.i64(3)))));
        }
        t.function("__readlink_chk", "LIBC", fortify, f -> f.ret(libc(fs.readlinkat(AT_FDCWD, f.ptr(0), f.ptr(1),
                intoBuffer("readlink", f.i64(2), f.i64(3))))));
        t.function("__readlinkat_chk", "LIBC", fortify, f -> f.ret(libc(fs.readlinkat(f.i32(0), f.ptr(1), f.ptr(2),
                intoBuffer("readlinkat", f.i64(3), f.i64(4))))));
        t.function("__write_chk", "LIBC_N", fortify, f -> f.ret(libc(kernel.write(f.i32(0), f.ptr(1),
                fromBuffer("write", f.i64(2), f.i64(3))))));
        for (String name : new String[] {"__pwrite_chk", "__pwrite64_chk"}) {
            t.function(name, "LIBC_N", fortify, f -> f.ret(libc(fs.pwrite(f.i32(0), f.ptr(1),
                    fromBuffer(name.equals("__pwrite_chk") ? "pwrite" : "pwrite64", f.i64(2), f.i64(4)), f.i64(3)))));
        }
        t.function("__getcwd_chk", "LIBC_N", fortify, f -> {
            intoBuffer("getcwd", f.i64(1), f.i64(2));
            getcwd(f);
        });
    }

    private long intoBuffer(String function, long count, long bufferSize) {
        return checkBuffer(function, "write into", count, bufferSize);
    }

    private long fromBuffer(String function, long count, long bufferSize) {
        return checkBuffer(function, "read from", count, bufferSize);
    }

    private long checkBuffer(String function, String action, long count, long bufferSize) {
        if (count < 0) {
            process.control().crash(SIGABRT, "FORTIFY: " + function + ": count " + Long.toUnsignedString(count)
                    + " > SSIZE_MAX");
        }
        if (Long.compareUnsigned(count, bufferSize) > 0) {
            process.control().crash(SIGABRT, String.format("FORTIFY: %s: prevented %d-byte %s %d-byte buffer", function,
                    count, action, bufferSize));
        }
        return count;
    }

    private void dup2(CallFrame f) {
        int oldfd = f.i32(0), newfd = f.i32(1);
        if (oldfd == newfd) {
            f.ret(libc(files.get(oldfd) == null ? -Errno.EBADF : oldfd));
            return;
        }
        f.ret(libc(fs.dup3(oldfd, newfd, 0)));
    }

    /** remove: unlink, or rmdir when the path is a directory. */
    private void remove(CallFrame f) {
        long r = fs.unlinkat(AT_FDCWD, f.ptr(0), 0);
        if (r == -Errno.EISDIR) r = fs.unlinkat(AT_FDCWD, f.ptr(0), FileTable.AT_REMOVEDIR);
        f.ret(libc(r));
    }

    /** getcwd: bionic allocates the buffer when given NULL (size 0 means "as large as needed"). */
    private void getcwd(CallFrame f) {
        long buffer = f.ptr(0), size = f.i64(1);
        boolean allocated = buffer == 0;
        if (allocated) {
            size = size == 0 ? GuestPath.PATH_MAX : size;
            buffer = process.heap().malloc(size);
            if (buffer == 0) {
                process.setErrno(Errno.ENOMEM);
                f.ret(0);
                return;
            }
        } else if (size == 0) {
            process.setErrno(Errno.EINVAL);
            f.ret(0);
            return;
        }
        long r = fs.getcwd(buffer, size);
        if (Errno.isError(r)) {
            if (allocated) process.heap().free(buffer);
            process.setErrno((int) -r);
            f.ret(0);
            return;
        }
        f.ret(buffer);
    }

    /** realpath: follows every link; a NULL resolved buffer gets a malloc'd one. */
    private void realpath(CallFrame f) {
        if (f.ptr(0) == 0) {
            process.setErrno(Errno.EINVAL);
            f.ret(0);
            return;
        }
        try {
            byte[] path = files.canonicalize(f.cstr(0)).getBytes(StandardCharsets.UTF_8);
            long out = f.ptr(1) != 0 ? f.ptr(1) : process.heap().malloc(path.length + 1L);
            process.memory().write(out, java.util.Arrays.copyOf(path, path.length + 1));
            f.ret(out);
        } catch (ErrnoException e) {
            process.setErrno(e.errno());
            f.ret(0);
        }
    }

    /**
     * Replaces the six X's before a suffix with random name characters; false (EINVAL) if the template does not
     * end in XXXXXX plus the suffix.
     */
    private boolean randomizeTemplate(long template, int suffixLength) {
        byte[] name = process.memory().readCString(template).getBytes(StandardCharsets.UTF_8);
        int end = name.length - suffixLength;
        if (suffixLength < 0 || end < 6) return false;
        for (int i = end - 6; i < end; i++) if (name[i] != 'X') return false;
        for (int i = end - 6; i < end; i++) name[i] = (byte) TEMP_CHARS.charAt(random.nextInt(TEMP_CHARS.length()));
        process.memory().write(template, name);
        return true;
    }

    private void restoreTemplate(long template, int suffixLength) {
        byte[] name = process.memory().readCString(template).getBytes(StandardCharsets.UTF_8);
        int end = name.length - suffixLength;
        for (int i = end - 6; i < end; i++) name[i] = 'X';
        process.memory().write(template, name);
    }

    /** mkstemp, mkstemps, mkostemp: O_RDWR | O_CREAT | O_EXCL, mode 0600, retried on a name collision. */
    private long makeTemporaryFile(long template, int suffixLength, int extraFlags) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!randomizeTemplate(template, suffixLength)) return libc(-Errno.EINVAL);
            long fd = kernel.openat(AT_FDCWD, template, FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_EXCL
                    | (extraFlags & ~FileTable.O_ACCMODE), 0600);
            if (fd != -Errno.EEXIST) return libc(fd);
            restoreTemplate(template, suffixLength);
        }
        return libc(-Errno.EEXIST);
    }

    private void mkdtemp(CallFrame f) {
        long template = f.ptr(0);
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!randomizeTemplate(template, 0)) {
                process.setErrno(Errno.EINVAL);
                f.ret(0);
                return;
            }
            long r = fs.mkdirat(AT_FDCWD, template, 0700);
            if (r == 0) {
                f.ret(template);
                return;
            }
            restoreTemplate(template, 0);
            if (r != -Errno.EEXIST) {
                process.setErrno((int) -r);
                f.ret(0);
                return;
            }
        }
        process.setErrno(Errno.EEXIST);
        f.ret(0);
    }

    /** mktemp: a name that does not exist yet, or an empty string. */
    private void mktemp(CallFrame f) {
        long template = f.ptr(0);
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!randomizeTemplate(template, 0)) {
                process.setErrno(Errno.EINVAL);
                process.memory().writeByte(template, 0);
                f.ret(template);
                return;
            }
            if (files.access(process.memory().readCString(template)) == -Errno.ENOENT) {
                f.ret(template);
                return;
            }
            restoreTemplate(template, 0);
        }
        process.setErrno(Errno.EEXIST);
        process.memory().writeByte(template, 0);
        f.ret(template);
    }
}
