package org.mdemu.guest.vfs;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.FileIo;

/**
 * The process's file descriptor table and its view of the file system: the working directory, the umask, path
 * resolution (relative to a directory descriptor, through symbolic links) and every path and descriptor operation
 * of the VFS. Lowest free descriptor first, as POSIX says. Methods return a value or {@code -errno}; those returning
 * a record throw {@link ErrnoException}.
 */
public final class FileTable implements FileIo {
    public static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
            O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000, O_DIRECTORY = 040000, O_NOFOLLOW = 0100000,
            O_LARGEFILE = 0400000, O_CLOEXEC = 02000000, O_PATH = 010000000;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
            AT_SYMLINK_FOLLOW = 0x400, AT_EMPTY_PATH = 0x1000;
    public static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
    public static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032,
            FD_CLOEXEC = 1;
    public static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;
    public static final int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    /** Linux's fs.nr_open: the most descriptors RLIMIT_NOFILE may allow. */
    public static final int NR_OPEN = 1 << 20;
    private static final int SETFL_MASK = O_APPEND | O_NONBLOCK | 020000 | 0200000 | 01000000;
    private static final int MAX_SYMLINKS = 40;
    private static final String DELETED = " (deleted)";

    /**
     * An open file description: shared by dup'ed descriptors and, after a fork, by the descriptors of both processes'
     * tables, with the path it was opened by. The file closes when the last descriptor anywhere goes.
     */
    private static final class Description {
        final OpenFile file;
        final String path;
        final GuestFileSystem.Node node;
        volatile int flags;
        final java.util.concurrent.atomic.AtomicInteger descriptors = new java.util.concurrent.atomic.AtomicInteger();

        Description(OpenFile file, String path, GuestFileSystem.Node node, int flags) {
            this.file = file;
            this.path = path;
            this.node = node;
            this.flags = flags;
        }
    }

    private record Slot(Description description, boolean closeOnExec) {}

    private final GuestFileSystem fs;
    private final List<Slot> fds = new ArrayList<>();
    private String cwd = "/";
    private int umask = 022;
    private int maxFds = 1024;

    public FileTable(GuestFileSystem fs, OpenFile stdin, OpenFile stdout, OpenFile stderr) {
        this.fs = fs;
        fds.add(held(new Slot(new Description(stdin, "/dev/null", null, O_RDONLY), false)));
        fds.add(held(new Slot(new Description(stdout, "/dev/console", null, O_WRONLY), false)));
        fds.add(held(new Slot(new Description(stderr, "/dev/console", null, O_WRONLY), false)));
    }

    private FileTable(FileTable parent) {
        this.fs = parent.fs;
        for (Slot s : parent.fds) fds.add(s == null ? null : held(s));
        this.cwd = parent.cwd;
        this.umask = parent.umask;
        this.maxFds = parent.maxFds;
    }

    /**
     * The table a forked child starts with: the same descriptors, flags and close-on-exec bits, sharing the open file
     * descriptions (offsets, pipe ends, status flags), with its own copy of the working directory and umask.
     */
    public synchronized FileTable forkCopy() {
        return new FileTable(this);
    }

    /** Counts one more descriptor on the slot's description. */
    private static Slot held(Slot s) {
        s.description.descriptors.incrementAndGet();
        return s;
    }

    public GuestFileSystem fileSystem() {
        return fs;
    }

    public synchronized String cwd() {
        return cwd;
    }

    // ---- path resolution

    /** The absolute path that (dirfd, path) names, following symbolic links (the last one only if followLast). */
    private synchronized String walk(int dirfd, String path, boolean followLast, boolean emptyAllowed) {
        if (path == null) throw new ErrnoException(Errno.EFAULT);
        if (path.length() >= GuestPath.PATH_MAX) throw new ErrnoException(Errno.ENAMETOOLONG);
        if (path.isEmpty()) {
            if (!emptyAllowed) throw new ErrnoException(Errno.ENOENT);
            return descriptionPath(dirfd);
        }
        String base = path.startsWith("/") ? "/" : dirfd == AT_FDCWD ? cwd : directoryPath(dirfd);
        String p = GuestPath.normalize(base, path);
        // The base directory was resolved when it became the cwd or was opened: as Linux starts a relative walk at
        // that directory's dentry, only the components past it are looked up (a walk from / made each call cost the
        // depth of the tree, and a 3000-level chain quadratic time).
        String trusted = base.equals("/") ? "/" : trustedPrefix(base, p);
        for (int hops = 0; ; ) {
            String restart = null;
            String current = trusted;
            String rel = trusted.equals("/") ? p : p.substring(trusted.length());
            String[] parts = rel.isEmpty() || rel.equals("/") ? new String[0] : rel.substring(1).split("/");
            if (parts.length == 0 && !trusted.equals("/") && !(fs.lookup(p) instanceof GuestFileSystem.Directory)) {
                throw new ErrnoException(Errno.ENOENT);
            }
            for (int i = 0; i < parts.length && restart == null; i++) {
                if (parts[i].length() > GuestFileSystem.NAME_MAX) throw new ErrnoException(Errno.ENAMETOOLONG);
                String next = current.equals("/") ? "/" + parts[i] : current + "/" + parts[i];
                GuestFileSystem.Node node = fs.lookup(next);
                boolean last = i == parts.length - 1;
                if (node instanceof GuestFileSystem.Symlink link && (!last || followLast)) {
                    if (++hops > MAX_SYMLINKS) throw new ErrnoException(Errno.ELOOP);
                    String target = link.target();
                    if (target == null || target.isEmpty()) throw new ErrnoException(Errno.ENOENT);
                    String rest = String.join("/", java.util.Arrays.asList(parts).subList(i + 1, parts.length));
                    restart = GuestPath.normalize(GuestPath.normalize(current, target), rest.isEmpty() ? "." : rest);
                } else if (!last && node == null) {
                    throw new ErrnoException(Errno.ENOENT);
                } else if (!last && !(node instanceof GuestFileSystem.Directory)) {
                    throw new ErrnoException(Errno.ENOTDIR);
                }
                current = next;
            }
            if (restart != null) trusted = "/";
            if (restart == null) {
                if (path.endsWith("/") && fs.lookup(p) != null && !(fs.lookup(p) instanceof GuestFileSystem.Directory)) {
                    throw new ErrnoException(Errno.ENOTDIR);
                }
                return p;
            }
            p = restart;
        }
    }

    /** The part of p, a whole ancestor or base itself, that lies within the resolved directory base. */
    private static String trustedPrefix(String base, String p) {
        if (p.equals(base) || p.startsWith(base + "/")) return base;
        // p climbs above base ("..", lexically as GuestPath does): its longest ancestor shared with base.
        String q = base;
        while (!q.equals("/") && !(p.equals(q) || p.startsWith(q + "/"))) q = GuestPath.parent(q);
        return q;
    }

    private GuestFileSystem.Node existing(String path) {
        GuestFileSystem.Node node = fs.lookup(path);
        if (node == null) throw new ErrnoException(Errno.ENOENT);
        return node;
    }

    private Description description(int fd) {
        Slot s = slot(fd);
        if (s == null) throw new ErrnoException(Errno.EBADF);
        return s.description;
    }

    private String descriptionPath(int dirfd) {
        if (dirfd == AT_FDCWD) return cwd;
        String path = currentPath(description(dirfd));
        if (path == null || !path.startsWith("/") || path.endsWith(DELETED)) throw new ErrnoException(Errno.ENOENT);
        return path;
    }

    private String directoryPath(int dirfd) {
        Description d = description(dirfd);
        if (!(d.node instanceof GuestFileSystem.Directory)) throw new ErrnoException(Errno.ENOTDIR);
        return descriptionPath(dirfd);
    }

    /** The description's file's path now, as Linux tracks it through renames; " (deleted)" once unlinked. */
    private String currentPath(Description d) {
        if (d.node == null || d.node instanceof GuestFileSystem.Device) return d.path;
        String now = fs.pathOf(d.node);
        return now != null ? now : d.path + DELETED;
    }

    // ---- descriptors

    @Override
    public long openat(int dirfd, String path, int flags, int mode) {
        return ErrnoException.resultOf(() -> open(dirfd, path, flags, mode));
    }

    private synchronized long open(int dirfd, String path, int flags, int mode) {
        boolean create = (flags & O_CREAT) != 0;
        String p = walk(dirfd, path, (flags & O_NOFOLLOW) == 0 && !(create && (flags & O_EXCL) != 0), false);
        GuestFileSystem.Node node = fs.lookup(p);
        int access = flags & O_ACCMODE;
        if (node == null) {
            if (!create) throw new ErrnoException(Errno.ENOENT);
            if (path.endsWith("/")) throw new ErrnoException(Errno.EISDIR);
            node = fs.create(p, mode & ~umask);
        } else if (create && (flags & O_EXCL) != 0) {
            throw new ErrnoException(Errno.EEXIST);
        }
        if (node instanceof GuestFileSystem.Symlink) throw new ErrnoException(Errno.ELOOP);
        OpenFile file;
        if (node instanceof GuestFileSystem.Directory) {
            if (access != O_RDONLY || create) throw new ErrnoException(Errno.EISDIR);
            GuestFileSystem.Node directory = node;
            file = new DirectoryHandle(() -> entries(directory));
        } else if ((flags & O_DIRECTORY) != 0) {
            throw new ErrnoException(Errno.ENOTDIR);
        } else if (node instanceof GuestFileSystem.Device d) {
            if (access != O_RDONLY) GuestFileSystem.checkWritableDevice(d);
            file = d.opener().get();
        } else {
            GuestFileSystem.RegularFile f = (GuestFileSystem.RegularFile) node;
            if (access != O_RDONLY) GuestFileSystem.checkWritable(f.mount());
            if ((flags & O_TRUNC) != 0 && access != O_RDONLY) fs.truncate(f, 0);
            file = new RegularFileHandle(fs, f, access != O_WRONLY, access != O_RDONLY, (flags & O_APPEND) != 0);
        }
        return install(new Description(file, p, node, (flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE),
                (flags & O_CLOEXEC) != 0, 0);
    }

    /** The directory's entries now, wherever it has been renamed to; only "." and ".." once it is removed. */
    private List<DirectoryEntry> entries(GuestFileSystem.Node directory) {
        String p = fs.pathOf(directory);
        List<DirectoryEntry> entries = new ArrayList<>();
        if (p == null) {
            entries.add(new DirectoryEntry(directory.ino(), DirectoryEntry.DT_DIR, "."));
            return entries;
        }
        entries.add(new DirectoryEntry(fs.lookup(p).ino(), DirectoryEntry.DT_DIR, "."));
        entries.add(new DirectoryEntry(fs.lookup(GuestPath.parent(p)).ino(), DirectoryEntry.DT_DIR, ".."));
        for (String name : fs.list(p)) {
            GuestFileSystem.Node child = fs.lookup(p.equals("/") ? "/" + name : p + "/" + name);
            if (child != null) entries.add(new DirectoryEntry(child.ino(), DirectoryEntry.typeOf(child), name));
        }
        return entries;
    }

    /** Installs an open file (a pipe, a socket, a device) at the lowest free descriptor. */
    public synchronized long install(OpenFile file, String path, int flags) {
        return install(new Description(file, path, null, flags), (flags & O_CLOEXEC) != 0, 0);
    }

    private long install(Description d, boolean cloexec, int lowest) {
        for (int fd = lowest; fd < Math.min(fds.size(), maxFds); fd++) {
            if (fds.get(fd) == null) {
                fds.set(fd, held(new Slot(d, cloexec)));
                return fd;
            }
        }
        int fd = Math.max(fds.size(), lowest);
        if (fd >= maxFds) return -Errno.EMFILE;
        while (fds.size() <= fd) fds.add(null);
        fds.set(fd, held(new Slot(d, cloexec)));
        return fd;
    }

    private synchronized Slot slot(int fd) {
        return fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
    }

    public OpenFile get(int fd) {
        Slot s = slot(fd);
        return s == null ? null : s.description.file;
    }

    /** The path a descriptor was opened by, as /proc/self/fd shows it. */
    public String pathOf(int fd) {
        Slot s = slot(fd);
        if (s == null) return null;
        String path = currentPath(s.description);
        return path != null ? path : "anon_inode:[" + fd + "]";
    }

    /** Open descriptor numbers, for /proc/self/fd. */
    public synchronized List<String> openDescriptors() {
        List<String> names = new ArrayList<>();
        for (int fd = 0; fd < fds.size(); fd++) if (fds.get(fd) != null) names.add(Integer.toString(fd));
        return names;
    }

    /** RLIMIT_NOFILE: descriptors at or above the limit cannot be allocated. */
    public synchronized void setDescriptorLimit(int limit) {
        maxFds = limit;
    }

    @Override
    public long read(int fd, byte[] buffer, int offset, int length) {
        OpenFile f = get(fd);
        return f == null || accessMode(fd) == O_WRONLY ? -Errno.EBADF : f.read(buffer, offset, length);
    }

    @Override
    public long write(int fd, byte[] buffer, int offset, int length) {
        OpenFile f = get(fd);
        return f == null || accessMode(fd) == O_RDONLY ? -Errno.EBADF : f.write(buffer, offset, length);
    }

    private int accessMode(int fd) {
        Slot s = slot(fd);
        return s == null ? -1 : s.description.flags & O_ACCMODE;
    }

    public long pread(int fd, byte[] buffer, int offset, int length, long position) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        if (f instanceof DirectoryHandle) return -Errno.EISDIR;
        return f.pread(buffer, offset, length, position);
    }

    public long pwrite(int fd, byte[] buffer, int offset, int length, long position) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        if (f instanceof DirectoryHandle) return -Errno.EISDIR;
        return f.pwrite(buffer, offset, length, position);
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        OpenFile f = get(fd);
        return f == null ? -Errno.EBADF : f.lseek(offset, whence);
    }

    /** fsync, fdatasync, syncfs: a file of a mount with a backing store (the encrypted store) writes it back. */
    @Override
    public long fsync(int fd) {
        Slot s = slot(fd);
        if (s == null) return -Errno.EBADF;
        GuestFileSystem.Node node = s.description.node;
        if (node == null) return 0;
        return ErrnoException.resultOf(() -> {
            fs.sync(node.mount());
            return 0;
        });
    }

    /** sync(2). */
    public void syncAll() {
        try {
            fs.syncAll();
        } catch (ErrnoException ignored) {
            // sync reports nothing; each store logs its own failure
        }
    }

    @Override
    public synchronized long close(int fd) {
        Slot s = slot(fd);
        if (s == null) return -Errno.EBADF;
        fds.set(fd, null);
        if (s.description.descriptors.decrementAndGet() == 0) s.description.file.close();
        return 0;
    }

    /** Closes every descriptor, as the kernel does when the process exits (sockets' peers see a clean close). */
    public synchronized void closeAll() {
        for (int fd = 0; fd < fds.size(); fd++) if (fds.get(fd) != null) close(fd);
    }

    public synchronized long dup(int fd) {
        Slot s = slot(fd);
        return s == null ? -Errno.EBADF : install(s.description, false, 0);
    }

    /** dup3; dup2 is dup3 with no flags after its own same-descriptor check. */
    public synchronized long dup3(int oldfd, int newfd, int flags) {
        Slot s = slot(oldfd);
        if (s == null) return -Errno.EBADF;
        if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd) return -Errno.EINVAL;
        if (newfd < 0 || newfd >= maxFds) return -Errno.EBADF;
        if (slot(newfd) != null) close(newfd);
        while (fds.size() <= newfd) fds.add(null);
        fds.set(newfd, held(new Slot(s.description, (flags & O_CLOEXEC) != 0)));
        return newfd;
    }

    public synchronized long fcntl(int fd, int cmd, long arg) {
        Slot s = slot(fd);
        if (s == null) return -Errno.EBADF;
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg >= maxFds) return -Errno.EINVAL;
                return install(s.description, cmd == F_DUPFD_CLOEXEC, (int) arg);
            }
            case F_GETFD -> {
                return s.closeOnExec ? FD_CLOEXEC : 0;
            }
            case F_SETFD -> {
                fds.set(fd, new Slot(s.description, (arg & FD_CLOEXEC) != 0));
                return 0;
            }
            case F_GETFL -> {
                return s.description.flags;
            }
            case F_GETPIPE_SZ -> {
                return s.description.file instanceof org.mdemu.guest.vfs.io.PipeEnd ? org.mdemu.guest.vfs.io.ByteStream.CAPACITY
                        : -Errno.EBADF;
            }
            case F_SETFL -> {
                Description d = s.description;
                d.flags = (d.flags & ~SETFL_MASK) | ((int) arg & SETFL_MASK);
                d.file.setStatusFlags(d.flags);
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    /** The descriptor's status flags (access mode, O_APPEND, ...), as F_GETFL reports them; EBADF if closed. */
    public int statusFlags(int fd) {
        return description(fd).flags;
    }

    /** The open directory behind a descriptor, for getdents64 and readdir. */
    public DirectoryHandle directory(int fd) {
        OpenFile f = description(fd).file;
        if (!(f instanceof DirectoryHandle d)) throw new ErrnoException(Errno.ENOTDIR);
        return d;
    }

    /**
     * The file behind a descriptor that mmap takes pages from; null for /dev/zero (anonymous memory). Other
     * devices and directories cannot be mapped (ENODEV); the access mode must allow the mapping (EACCES).
     */
    public GuestFileSystem.RegularFile mapSource(int fd, boolean shared, boolean write) {
        Description d = description(fd);
        int access = d.flags & O_ACCMODE;
        if (access == O_WRONLY || shared && write && access != O_RDWR) throw new ErrnoException(Errno.EACCES);
        if ("/dev/zero".equals(d.path)) return null;
        if (!(d.node instanceof GuestFileSystem.RegularFile f)) throw new ErrnoException(Errno.ENODEV);
        return f;
    }

    // ---- status

    public FileStatus stat(int dirfd, String path, int flags) {
        String p = walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0, (flags & AT_EMPTY_PATH) != 0);
        if (path.isEmpty()) return fstat(dirfd);
        return status(existing(p), 0);
    }

    public FileStatus fstat(int fd) {
        Description d = description(fd);
        if (d.node != null) return status(d.node, d.file.size());
        long now = GuestFileSystem.nowNanos();
        return new FileStatus(0, 0x1000 + fd, d.file.mode() | 0600, 1, 0, d.file.size(), now, now, now);
    }

    private FileStatus status(GuestFileSystem.Node node, long openSize) {
        long size;
        if (node instanceof GuestFileSystem.RegularFile f) size = f.length();
        else if (node instanceof GuestFileSystem.Directory) size = GuestFileSystem.BLOCK;
        else if (node instanceof GuestFileSystem.Symlink l) size = l.target() == null ? 0 : l.target().length();
        else size = openSize;
        long[] t = node.times();
        return new FileStatus(node.mount().device(), node.ino(), node.mode(), fs.links(node), 0, size, t[0], t[1],
                t[2]);
    }

    /** The mount a path or descriptor lies in, for statfs. */
    public Mount mountOf(int dirfd, String path) {
        if (path == null) {
            Description d = description(dirfd);
            return d.node != null ? d.node.mount() : fs.mountAt("/dev");
        }
        String p = walk(dirfd, path, true, false);
        return existing(p).mount();
    }

    public long access(int dirfd, String path, int mode, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((mode & ~7) != 0 || (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
                return -Errno.EINVAL;
            }
            GuestFileSystem.Node node = existing(walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0,
                    (flags & AT_EMPTY_PATH) != 0));
            if ((mode & W_OK) != 0) {
                if (node instanceof GuestFileSystem.Device d) GuestFileSystem.checkWritableDevice(d);
                else if (!(node instanceof GuestFileSystem.Symlink)) GuestFileSystem.checkWritable(node.mount());
            }
            // The payload's uid 0 may read and write anything, but executes only what has an execute bit.
            if ((mode & X_OK) != 0 && !(node instanceof GuestFileSystem.Directory) && (node.mode() & 0111) == 0) {
                return -Errno.EACCES;
            }
            return 0;
        });
    }

    /** access(path, F_OK). */
    public long access(String path) {
        return access(AT_FDCWD, path, F_OK, 0);
    }

    // ---- changes

    public long mkdirat(int dirfd, String path, int mode) {
        return ErrnoException.resultOf(() -> {
            fs.mkdir(walk(dirfd, path, false, false), mode & ~umask & 07777);
            return 0;
        });
    }

    public long unlinkat(int dirfd, String path, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~AT_REMOVEDIR) != 0) return -Errno.EINVAL;
            String p = walk(dirfd, path, false, false);
            if ((flags & AT_REMOVEDIR) == 0) {
                fs.unlink(p);
            } else {
                String last = path.replaceAll("/+$", "");
                last = last.substring(last.lastIndexOf('/') + 1);
                if (last.equals(".")) return -Errno.EINVAL;
                if (last.equals("..")) return -Errno.ENOTEMPTY;
                if (p.equals("/")) return -Errno.EBUSY;
                fs.rmdir(p);
            }
            return 0;
        });
    }

    public long unlink(String path) {
        return unlinkat(AT_FDCWD, path, 0);
    }

    public long symlinkat(String target, int dirfd, String path) {
        return ErrnoException.resultOf(() -> {
            if (target == null) return -Errno.EFAULT;
            if (target.isEmpty()) return -Errno.ENOENT;
            fs.symlink(walk(dirfd, path, false, false), target);
            return 0;
        });
    }

    /** linkat: AT_SYMLINK_FOLLOW links the link's target instead of the link itself. */
    public long linkat(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
            String from = walk(olddirfd, oldPath, (flags & AT_SYMLINK_FOLLOW) != 0, (flags & AT_EMPTY_PATH) != 0);
            fs.link(from, walk(newdirfd, newPath, false, false));
            return 0;
        });
    }

    public long renameat2(int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) != 0
                    || flags == (RENAME_NOREPLACE | RENAME_EXCHANGE)) {
                return -Errno.EINVAL;
            }
            String from = walk(olddirfd, oldPath, false, false);
            String to = walk(newdirfd, newPath, false, false);
            if (from.equals("/") || to.equals("/")) return -Errno.EBUSY;
            fs.rename(from, to, (flags & RENAME_NOREPLACE) != 0, (flags & RENAME_EXCHANGE) != 0);
            return 0;
        });
    }

    public long truncate(String path, long length) {
        return ErrnoException.resultOf(() -> {
            GuestFileSystem.Node node = existing(walk(AT_FDCWD, path, true, false));
            if (node instanceof GuestFileSystem.Directory) return -Errno.EISDIR;
            if (!(node instanceof GuestFileSystem.RegularFile f)) return -Errno.EINVAL;
            fs.truncate(f, length);
            return 0;
        });
    }

    public long ftruncate(int fd, long length) {
        return ErrnoException.resultOf(() -> {
            Description d = description(fd);
            if (!(d.file instanceof RegularFileHandle h) || !h.writable()) return -Errno.EINVAL;
            fs.truncate(h.file(), length);
            return 0;
        });
    }

    /**
     * fallocate: mode 0 extends the file to cover the range (zero-filled, charged to the tmpfs capacity);
     * FALLOC_FL_KEEP_SIZE alone is accepted (memory is never short of blocks); with FALLOC_FL_PUNCH_HOLE the range
     * reads as zeros. Other modes answer EOPNOTSUPP.
     */
    public long fallocate(int fd, int mode, long offset, long length) {
        return ErrnoException.resultOf(() -> {
            Description d = description(fd);
            if (offset < 0 || length <= 0) return -Errno.EINVAL;
            if ((d.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
            if (d.node instanceof GuestFileSystem.Directory) return -Errno.EISDIR;
            if (!(d.file instanceof RegularFileHandle h)) return d.node == null ? -Errno.ESPIPE : -Errno.ENODEV;
            GuestFileSystem.RegularFile f = h.file();
            GuestFileSystem.checkWritable(f.mount());
            long end = offset + length;
            if (end < 0) return -Errno.EFBIG;
            switch (mode) {
                case 0 -> {
                    synchronized (f) {
                        if (end > f.length()) fs.truncate(f, end);
                    }
                }
                case FALLOC_FL_KEEP_SIZE -> { }
                case FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE -> {
                    f.zero(offset, end);
                }
                default -> {
                    return -Errno.EOPNOTSUPP;
                }
            }
            return 0;
        });
    }

    /** posix_fadvise / fadvise64: advice only, checked and accepted (memory needs no read-ahead). */
    public long fadvise(int fd, long offset, long length, int advice) {
        OpenFile f = get(fd);
        if (f == null) return -Errno.EBADF;
        if (advice < 0 || advice > 5 || length < 0) return -Errno.EINVAL;
        return slot(fd).description.node == null ? -Errno.ESPIPE : 0;
    }

    public long chdir(String path) {
        return ErrnoException.resultOf(() -> {
            String p = walk(AT_FDCWD, path, true, false);
            if (!(existing(p) instanceof GuestFileSystem.Directory)) return -Errno.ENOTDIR;
            synchronized (this) {
                cwd = p;
            }
            return 0;
        });
    }

    public long fchdir(int fd) {
        return ErrnoException.resultOf(() -> {
            String p = directoryPath(fd);
            synchronized (this) {
                cwd = p;
            }
            return 0;
        });
    }

    /** The text of the symbolic link at (dirfd, path). */
    public String readlinkat(int dirfd, String path) {
        GuestFileSystem.Node node = existing(walk(dirfd, path, false, false));
        if (!(node instanceof GuestFileSystem.Symlink link)) throw new ErrnoException(Errno.EINVAL);
        String target = link.target();
        if (target == null) throw new ErrnoException(Errno.ENOENT);
        return target;
    }

    /** The canonical absolute path (all links followed), for realpath. */
    public String canonicalize(String path) {
        String p = walk(AT_FDCWD, path, true, false);
        existing(p);
        return p;
    }

    /** chmod, fchmodat, fchmod (fd >= 0 and path null). */
    public long chmod(int dirfd, String path, int mode, int flags) {
        return ErrnoException.resultOf(() -> {
            GuestFileSystem.Node node = path == null ? nodeOf(dirfd)
                    : existing(walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0, false));
            if (node instanceof GuestFileSystem.Symlink) return -Errno.EOPNOTSUPP;
            GuestFileSystem.checkWritable(node.mount());
            node.chmod(mode);
            return 0;
        });
    }

    /** chown family: the payload is the only user, so ownership stays 0:0; read-only mounts still refuse. */
    public long chown(int dirfd, String path, int flags) {
        return ErrnoException.resultOf(() -> {
            GuestFileSystem.Node node = path == null ? nodeOf(dirfd)
                    : existing(walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0, (flags & AT_EMPTY_PATH) != 0));
            if (!(node instanceof GuestFileSystem.Symlink)) GuestFileSystem.checkWritable(node.mount());
            return 0;
        });
    }

    /** utimensat/futimens: times in ns since the epoch, Long.MIN_VALUE to leave one unchanged. */
    public long setTimes(int dirfd, String path, long atime, long mtime, int flags) {
        return ErrnoException.resultOf(() -> {
            if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
            GuestFileSystem.Node node = path == null ? nodeOf(dirfd)
                    : existing(walk(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) == 0, (flags & AT_EMPTY_PATH) != 0));
            if (atime == Long.MIN_VALUE && mtime == Long.MIN_VALUE) return 0;
            GuestFileSystem.checkWritable(node.mount());
            node.setTimes(atime, mtime);
            return 0;
        });
    }

    private GuestFileSystem.Node nodeOf(int fd) {
        Description d = description(fd);
        if (d.node == null) throw new ErrnoException(Errno.EPERM);
        return d.node;
    }

    public synchronized int umask(int mask) {
        int old = umask;
        umask = mask & 0777;
        return old;
    }
}
