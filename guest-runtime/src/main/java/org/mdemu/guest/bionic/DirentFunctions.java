package org.mdemu.guest.bionic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.mdemu.guest.vfs.DirectoryEntry;
import org.mdemu.guest.vfs.DirectoryHandle;
import org.mdemu.guest.vfs.FileTable;

/**
 * dirent.h: directory streams over a directory descriptor. A {@code DIR*} is a guest block holding the stream's
 * own struct dirent (readdir returns a pointer into it, as bionic's does); entries come from the same open
 * directory getdents64 reads, written in the same linux_dirent64 layout.
 */
public final class DirentFunctions implements LibrarySection {
    private static final int O_DIRECTORY_FLAGS = FileTable.O_RDONLY | FileTable.O_DIRECTORY | FileTable.O_CLOEXEC;

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final FileTable files;
    /** DIR* -> its descriptor. */
    private final Map<Long, Integer> streams = new ConcurrentHashMap<>();

    public DirentFunctions(GuestProcess process, LinuxKernel kernel, FileTable files) {
        this.process = process;
        this.kernel = kernel;
        this.files = files;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("opendir", f -> f.ret(open(kernel.openat(FileIo.AT_FDCWD, f.ptr(0), O_DIRECTORY_FLAGS, 0))));
        t.function("fdopendir", this::fdopendir);
        for (String suffix : new String[] {"", "64"}) {
            t.function("readdir" + suffix, this::readdir);
            t.function("readdir" + suffix + "_r", this::readdirR);
            t.functionCallingGuest("scandir" + suffix, Support.full("filters and sorts through the guest's functions"),
                    this::scandir);
            t.function("alphasort" + suffix, Support.full("C locale: byte order"), this::alphasort);
        }
        t.function("closedir", this::closedir);
        t.function("rewinddir", f -> {
            Integer fd = streams.get(f.ptr(0));
            if (fd != null) kernel.lseek(fd, 0, 0);
        });
        t.function("dirfd", f -> f.ret(stream(f.ptr(0))));
        t.function("telldir", f -> f.ret(stream(f.ptr(0)) < 0 ? -1 : handle(streams.get(f.ptr(0))).tell()));
        t.function("seekdir", f -> {
            Integer fd = streams.get(f.ptr(0));
            if (fd != null) kernel.lseek(fd, f.i64(1), 0);
        });
    }

    /** Wraps a directory descriptor (or a -errno) in a new DIR. */
    private long open(long fd) {
        if (Errno.isError(fd)) {
            process.setErrno((int) -fd);
            return 0;
        }
        long dir = process.heap().malloc(FileSystemCalls.DIRENT_SIZE);
        if (dir == 0) {
            kernel.close((int) fd);
            process.setErrno(Errno.ENOMEM);
            return 0;
        }
        streams.put(dir, (int) fd);
        return dir;
    }

    private void fdopendir(CallFrame f) {
        try {
            handle(f.i32(0));
            f.ret(open(f.i32(0)));
        } catch (ErrnoException e) {
            process.setErrno(e.errno());
            f.ret(0);
        }
    }

    private DirectoryHandle handle(int fd) {
        return files.directory(fd);
    }

    /** The stream's descriptor, or -1 with EINVAL for something that is not an open DIR. */
    private long stream(long dir) {
        Integer fd = streams.get(dir);
        if (fd == null) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        return fd;
    }

    /** The next entry written at out, or 0 at the end of the directory. */
    private long next(int fd, long out) {
        DirectoryHandle dir = handle(fd);
        synchronized (dir) {
            DirectoryEntry e = dir.peek();
            if (e == null) return 0;
            process.memory().write(out, FileSystemCalls.dirent(e, dir.tell() + 1));
            dir.advance();
            return out;
        }
    }

    private void readdir(CallFrame f) {
        long dir = f.ptr(0);
        Integer fd = streams.get(dir);
        if (fd == null) {
            process.setErrno(Errno.EBADF);
            f.ret(0);
            return;
        }
        try {
            f.ret(next(fd, dir));
        } catch (ErrnoException e) {
            process.setErrno(e.errno());
            f.ret(0);
        }
    }

    /** readdir_r(dir, entry, result): 0 or an errno number, *result = entry or NULL at the end. */
    private void readdirR(CallFrame f) {
        Integer fd = streams.get(f.ptr(0));
        if (fd == null) {
            f.ret(Errno.EBADF);
            return;
        }
        try {
            process.memory().writeLong(f.ptr(2), next(fd, f.ptr(1)));
            f.ret(0);
        } catch (ErrnoException e) {
            f.ret(e.errno());
        }
    }

    private void closedir(CallFrame f) {
        Integer fd = f.ptr(0) == 0 ? null : streams.remove(f.ptr(0));
        if (fd == null) {
            process.setErrno(Errno.EINVAL);
            f.ret(-1);
            return;
        }
        process.heap().free(f.ptr(0));
        f.ret(process.libcResult(kernel.close(fd)));
    }

    /**
     * scandir(path, &namelist, filter, compar): each entry copied to its own malloc'd dirent, kept when the guest
     * filter says so, sorted with the guest comparator (called with pointers to the two dirent pointers).
     */
    private void scandir(CallFrame f) {
        long namelist = f.ptr(1), filter = f.ptr(2), compare = f.ptr(3);
        long fd = kernel.openat(FileIo.AT_FDCWD, f.ptr(0), O_DIRECTORY_FLAGS, 0);
        if (Errno.isError(fd)) {
            f.ret(process.libcResult(fd));
            return;
        }
        List<Long> kept = new ArrayList<>();
        try {
            DirectoryHandle dir = handle((int) fd);
            for (DirectoryEntry e = dir.peek(); e != null; e = dir.peek()) {
                byte[] record = FileSystemCalls.dirent(e, dir.tell() + 1);
                dir.advance();
                long copy = process.heap().malloc(record.length);
                process.memory().write(copy, record);
                if (filter != 0 && process.calls().call(filter, copy) == 0) {
                    process.heap().free(copy);
                } else {
                    kept.add(copy);
                }
            }
        } finally {
            kernel.close((int) fd);
        }
        if (compare != 0 && kept.size() > 1) {
            long pair = process.heap().malloc(16);
            kept.sort((a, b) -> {
                process.memory().writeLong(pair, a);
                process.memory().writeLong(pair + 8, b);
                return (int) process.calls().call(compare, pair, pair + 8);
            });
            process.heap().free(pair);
        }
        long array = process.heap().malloc(Math.max(8, 8L * kept.size()));
        for (int i = 0; i < kept.size(); i++) process.memory().writeLong(array + 8L * i, kept.get(i));
        process.memory().writeLong(namelist, array);
        f.ret(kept.size());
    }

    /** alphasort(const dirent**, const dirent**): strcmp of the names, the C locale's collation. */
    private void alphasort(CallFrame f) {
        byte[] a = name(process.memory().readLong(f.ptr(0)));
        byte[] b = name(process.memory().readLong(f.ptr(1)));
        f.ret(Integer.signum(java.util.Arrays.compareUnsigned(a, b)));
    }

    private byte[] name(long dirent) {
        return process.memory().readCString(dirent + 19).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
