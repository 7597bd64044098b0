package org.mdemu.guest.vfs;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;

/** The process's file descriptor table over the guest file system. Lowest free descriptor first, as POSIX says. */
public final class FileTable implements FileIo {
    public static final int O_ACCMODE = 3, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000,
            O_APPEND = 02000, O_DIRECTORY = 040000;
    private static final int MAX_FDS = 1024;

    private final GuestFileSystem fs;
    private final List<OpenFile> fds = new ArrayList<>();
    private String cwd = "/";

    public FileTable(GuestFileSystem fs, OpenFile stdin, OpenFile stdout, OpenFile stderr) {
        this.fs = fs;
        fds.add(stdin);
        fds.add(stdout);
        fds.add(stderr);
    }

    public synchronized String cwd() {
        return cwd;
    }

    public String resolve(String path) {
        return GuestPath.normalize(cwd(), path);
    }

    @Override
    public synchronized long openat(int dirfd, String path, int flags, int mode) {
        if (path == null) return -Errno.EFAULT;
        if (path.isEmpty()) return -Errno.ENOENT;
        if (path.length() >= GuestPath.PATH_MAX) return -Errno.ENAMETOOLONG;
        if (!path.startsWith("/") && dirfd != AT_FDCWD) return -Errno.ENOSYS;
        String p = resolve(path);
        GuestFileSystem.Node node = fs.lookup(p);
        int access = flags & O_ACCMODE;
        if (node == null) {
            if ((flags & O_CREAT) == 0) return -Errno.ENOENT;
            Object created = fs.create(p);
            if (created instanceof Integer errno) return -errno;
            node = (GuestFileSystem.Node) created;
        } else if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
            return -Errno.EEXIST;
        }
        OpenFile file;
        if (node instanceof GuestFileSystem.Directory) {
            if (access != 0) return -Errno.EISDIR;
            file = new DirectoryHandle(fs.list(p));
        } else if ((flags & O_DIRECTORY) != 0) {
            return -Errno.ENOTDIR;
        } else if (node instanceof GuestFileSystem.Device d) {
            file = d.opener().get();
        } else {
            GuestFileSystem.RegularFile f = (GuestFileSystem.RegularFile) node;
            if (access != 0 && !f.writable) return -Errno.EROFS;
            if ((flags & O_TRUNC) != 0 && access != 0) {
                fs.resize(f, 0);
                f.setData(new byte[0]);
            }
            file = new RegularFileHandle(fs, f, access != O_WRONLY, access != 0, (flags & O_APPEND) != 0);
        }
        return install(file);
    }

    private long install(OpenFile file) {
        for (int fd = 0; fd < fds.size(); fd++) {
            if (fds.get(fd) == null) {
                fds.set(fd, file);
                return fd;
            }
        }
        if (fds.size() >= MAX_FDS) return -Errno.EMFILE;
        fds.add(file);
        return fds.size() - 1;
    }

    public synchronized OpenFile get(int fd) {
        return fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
    }

    @Override
    public long read(int fd, byte[] buffer, int offset, int length) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : f.read(buffer, offset, length);
    }

    @Override
    public long write(int fd, byte[] buffer, int offset, int length) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : f.write(buffer, offset, length);
    }

    public long pread(int fd, byte[] buffer, int offset, int length, long position) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : f.pread(buffer, offset, length, position);
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : f.lseek(offset, whence);
    }

    @Override
    public long fsync(int fd) {
        return get(fd) == null ? -Errno.EBADF : 0;
    }

    @Override
    public synchronized long close(int fd) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        fds.set(fd, null);
        f.close();
        return 0;
    }

    public synchronized long dup(int fd) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : install(f);
    }

    public long unlink(String path) {
        return fs.unlink(resolve(path));
    }

    public long mkdir(String path) {
        return fs.mkdir(resolve(path));
    }

    /** 0 if path exists, else -ENOENT. */
    public long access(String path) {
        return fs.lookup(resolve(path)) == null ? -Errno.ENOENT : 0;
    }

    /** The open file a path would give for stat, or null if it does not exist. */
    public OpenFile statTarget(String path) {
        GuestFileSystem.Node node = fs.lookup(resolve(path));
        if (node == null) return null;
        if (node instanceof GuestFileSystem.Directory) return new DirectoryHandle(List.of());
        if (node instanceof GuestFileSystem.RegularFile f) return new RegularFileHandle(fs, f, true, false, false);
        return new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return 0; }
        };
    }

    /** Lists a directory's names, for getdents64. */
    static final class DirectoryHandle implements OpenFile {
        final List<String> names;
        int next;

        DirectoryHandle(List<String> names) {
            this.names = names;
        }

        @Override public long read(byte[] b, int o, int l) { return -Errno.EISDIR; }
        @Override public long write(byte[] b, int o, int l) { return -Errno.EBADF; }
        @Override public int mode() { return 0040000; }
    }
}
