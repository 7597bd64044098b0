package org.mdemu.guest.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;

/**
 * The guest's file tree: directories, files, devices and symbolic links held in memory, keyed by normalised
 * absolute path. Mount points are subtrees with their own rules ({@link Mount}): {@code /mnt/apk} read-only (the
 * APK's contents), tmpfs mounts writable within one shared byte capacity, {@code /dev} devices, {@code /proc}
 * generated on open. There is no host file system behind any of it.
 */
public final class GuestFileSystem {
    public static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFREG = 0100000, S_IFCHR = 0020000,
            S_IFLNK = 0120000, S_IFIFO = 0010000, S_IFSOCK = 0140000;
    public static final long TMPFS_MAGIC = 0x01021994L, EROFS_MAGIC = 0xE0F5E1E2L, FUSE_MAGIC = 0x65735546L,
            PROC_MAGIC = 0x9fa0L, SYSFS_MAGIC = 0x62656572L;
    public static final int NAME_MAX = 255;
    static final int BLOCK = 4096;

    /** A node of the tree with its inode attributes. Times are nanoseconds since the epoch. */
    public abstract static sealed class Node permits Directory, RegularFile, Device, Symlink {
        final long ino;
        final Mount mount;
        private int permissions;
        private long atime, mtime, ctime;

        Node(long ino, Mount mount, int permissions) {
            this.ino = ino;
            this.mount = mount;
            this.permissions = permissions & 07777;
            long now = nowNanos();
            atime = mtime = ctime = now;
        }

        /** S_IF* type bits. */
        public abstract int type();

        public long ino() {
            return ino;
        }

        public Mount mount() {
            return mount;
        }

        public synchronized int mode() {
            return type() | permissions;
        }

        synchronized void chmod(int mode) {
            permissions = mode & 07777;
            ctime = nowNanos();
        }

        synchronized void touchModified() {
            mtime = ctime = nowNanos();
        }

        synchronized void setTimes(long access, long modify) {
            if (access != Long.MIN_VALUE) atime = access;
            if (modify != Long.MIN_VALUE) mtime = modify;
            ctime = nowNanos();
        }

        synchronized void restoreTimes(long access, long modify, long change) {
            atime = access;
            mtime = modify;
            ctime = change;
        }

        public synchronized long[] times() {
            return new long[] {atime, mtime, ctime};
        }
    }

    /** A directory; a dynamic one (/proc/self/fd) computes its children when asked. */
    public static final class Directory extends Node {
        final Supplier<List<String>> dynamicNames;
        final Function<String, Node> dynamicChild;

        Directory(long ino, Mount mount, int permissions, Supplier<List<String>> names, Function<String, Node> child) {
            super(ino, mount, permissions);
            this.dynamicNames = names;
            this.dynamicChild = child;
        }

        @Override public int type() { return S_IFDIR; }
    }

    /**
     * A file whose contents come from a supplier (APK entries are read lazily) or are written in memory. Shared
     * mappings attach {@link FileWindow}s: the file pulls their guest memory before its bytes are read and pushes
     * every change into them, so mapping and file agree at each system call.
     *
     * <p>The bytes live in one array whose capacity grows by doubling (as an ArrayList's), so a file written by n
     * small appends costs O(n) copying in all, not one copy of the whole file per write; the bytes between the length
     * and the capacity are always zero, so growing the length needs no clearing.
     */
    public static final class RegularFile extends Node {
        /** The largest array the JVM reliably allocates, as ArrayList's limit. */
        static final int MAX_LENGTH = Integer.MAX_VALUE - 8;
        private Supplier<byte[]> source;
        private final long sourceLength;
        private byte[] data;
        private int length;
        private final List<FileWindow> windows = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** sourceLength, when known (-1 if not), lets stat answer without reading the contents. */
        RegularFile(long ino, Mount mount, int permissions, Supplier<byte[]> source, long sourceLength) {
            super(ino, mount, permissions);
            this.source = source;
            this.sourceLength = sourceLength;
        }

        @Override public int type() { return S_IFREG; }

        private void load() {
            if (data == null) {
                data = source.get();
                length = data.length;
                source = null;
            }
        }

        /** Pulls what shared mappings have stored into the file's bytes. */
        public synchronized void sync() {
            load();
            for (FileWindow w : windows) w.copyFromMemory(data, length);
        }

        /** A copy of the current bytes, including what shared mappings have stored. */
        public synchronized byte[] data() {
            sync();
            return java.util.Arrays.copyOf(data, length);
        }

        public synchronized int length() {
            if (data == null && sourceLength >= 0) return (int) sourceLength;
            load();
            return length;
        }

        /** Copies up to n bytes from offset at (past the end: none); returns how many. */
        public synchronized int read(long at, byte[] dst, int offset, int n) {
            sync();
            if (at >= length) return 0;
            int count = (int) Math.min(n, length - at);
            System.arraycopy(data, (int) at, dst, offset, count);
            return count;
        }

        /** Pushes the file's bytes [from, to) into a window (a mapping being filled from the file). */
        public synchronized void copyTo(FileWindow window, long from, long to) {
            sync();
            window.copyToMemory(data, length, from, Math.min(to, length));
        }

        /** Stores n bytes at offset at, the file growing to at + n if shorter (at + n at most {@link #MAX_LENGTH}). */
        synchronized void write(long at, byte[] src, int offset, int n) {
            sync();
            long end = at + n;
            if (end > length) setLength((int) end);
            System.arraycopy(src, offset, data, (int) at, n);
            changed(at, end);
        }

        /** Sets the length: new bytes are zero, cut bytes are gone (the array shrinks when mostly unused). */
        synchronized void truncate(int newLength) {
            sync();
            int old = length;
            setLength(newLength);
            changed(Math.min(old, newLength), Math.max(old, newLength));
        }

        /** Zeroes [from, to) within the file (a punched hole). */
        synchronized void zero(long from, long to) {
            sync();
            int end = (int) Math.min(to, length);
            if (from >= end) return;
            java.util.Arrays.fill(data, (int) from, end, (byte) 0);
            changed(from, end);
        }

        private void setLength(int newLength) {
            if (newLength > data.length) {
                long doubled = Math.max(16, 2L * data.length);
                data = java.util.Arrays.copyOf(data, (int) Math.min(MAX_LENGTH, Math.max(newLength, doubled)));
            } else if (newLength < length) {
                if (newLength < data.length / 4) {
                    data = java.util.Arrays.copyOf(data, newLength);
                } else {
                    java.util.Arrays.fill(data, newLength, length, (byte) 0);
                }
            }
            length = newLength;
        }

        /** [changedFrom, changedTo) differs: pushed to shared mappings. */
        private void changed(long changedFrom, long changedTo) {
            source = null;
            touchModified();
            for (FileWindow w : windows) w.copyToMemory(data, length, changedFrom, Math.min(changedTo, length));
        }

        public void attach(FileWindow window) {
            windows.add(window);
        }

        public void detach(FileWindow window) {
            windows.remove(window);
        }

        public boolean writable() {
            return mount.writable();
        }
    }

    /** A character device; its behaviour is in the open file it creates. */
    public static final class Device extends Node {
        private final Supplier<OpenFile> opener;

        Device(long ino, Mount mount, Supplier<OpenFile> opener) {
            super(ino, mount, generated(mount) ? 0444 : 0666);
            this.opener = opener;
        }

        /** /proc and /sys files are regular files to stat and readdir, as on Linux; the rest are character devices. */
        @Override public int type() { return generated(mount) ? S_IFREG : S_IFCHR; }

        private static boolean generated(Mount m) {
            return m.magic() == PROC_MAGIC || m.magic() == SYSFS_MAGIC;
        }

        public Supplier<OpenFile> opener() {
            return opener;
        }
    }

    /** A symbolic link; /proc's links compute their target when read. */
    public static final class Symlink extends Node {
        private final Supplier<String> target;

        Symlink(long ino, Mount mount, Supplier<String> target) {
            super(ino, mount, 0777);
            this.target = target;
        }

        @Override public int type() { return S_IFLNK; }

        /** The link's text, or null when it no longer names anything (a closed descriptor). */
        public String target() {
            return target.get();
        }
    }

    /** Bytes a writable mount may hold; the tmpfs scratch areas share one, the encrypted store has its own. */
    private static final class Quota {
        final long capacity;
        final java.util.concurrent.atomic.AtomicLong used = new java.util.concurrent.atomic.AtomicLong();

        Quota(long capacity) {
            this.capacity = capacity;
        }
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final TreeMap<String, Mount> mounts = new TreeMap<>();
    private final Quota scratch;
    /** Read without the tree's lock by resize, which runs under a file's lock (the tree locks files the other way). */
    private final Map<Mount, Quota> ownQuotas = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Mount, Runnable> syncHandlers = new java.util.HashMap<>();
    private long nextIno = 2;

    public GuestFileSystem(long writableCapacity) {
        this.scratch = new Quota(writableCapacity);
        Mount root = new Mount("/", "erofs", EROFS_MAGIC, false, true, 1);
        mounts.put("/", root);
        nodes.put("/", new Directory(nextIno++, root, 0755, null, null));
    }

    static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Mounts a file system at path (creating the directory); later nodes below it belong to it. */
    public synchronized Mount mount(String path, String type, long magic, boolean writable, boolean readOnly) {
        String p = GuestPath.normalize("/", path);
        Mount m = new Mount(p, type, magic, writable, readOnly, mounts.size() + 1);
        mounts.put(p, m);
        addDirectory(p, false);
        Node existing = nodes.get(p);
        if (existing.mount != m) nodes.put(p, new Directory(existing.ino, m, 0755, null, null));
        return m;
    }

    /**
     * Mounts a writable file system with a capacity of its own (the encrypted store); onSync runs when the guest
     * syncs a file in it (fsync, fdatasync, syncfs, sync) and may throw {@link ErrnoException} (EIO).
     */
    public synchronized Mount mountWithCapacity(String path, String type, long magic, long capacity, Runnable onSync) {
        Mount m = mount(path, type, magic, true, false);
        ownQuotas.put(m, new Quota(capacity));
        syncHandlers.put(m, onSync);
        return m;
    }

    /** Writes back what the guest stored in the node's mount, if that mount keeps anything beyond this VM run. */
    public void sync(Mount m) {
        Runnable handler;
        synchronized (this) {
            handler = syncHandlers.get(m);
        }
        if (handler != null) handler.run();
    }

    /** sync(2): every mount with a backing store. */
    public void syncAll() {
        List<Runnable> handlers;
        synchronized (this) {
            handlers = new ArrayList<>(syncHandlers.values());
        }
        for (Runnable h : handlers) h.run();
    }

    private Quota quotaOf(Mount m) {
        Quota own = ownQuotas.get(m);
        return own != null ? own : scratch;
    }

    /** Every mount, root first, as /proc/mounts lists them. */
    public synchronized List<Mount> mounts() {
        List<Mount> all = new ArrayList<>(mounts.values());
        all.sort(java.util.Comparator.comparingInt(Mount::device));
        return all;
    }

    /** The mount a normalised path lies in: the longest mount point that prefixes it. */
    public synchronized Mount mountAt(String normalized) {
        for (String p = normalized; ; p = GuestPath.parent(p)) {
            Mount m = mounts.get(p);
            if (m != null) return m;
        }
    }

    /** Adds a directory; writable=true makes it a tmpfs mount (the scratch areas). */
    public synchronized void addDirectory(String path, boolean writable) {
        String p = GuestPath.normalize("/", path);
        if (writable && !mounts.containsKey(p)) {
            mount(p, "tmpfs", TMPFS_MAGIC, true, false);
            return;
        }
        if (!p.equals("/")) addDirectory(GuestPath.parent(p), false);
        if (!nodes.containsKey(p)) nodes.put(p, new Directory(nextIno++, mountAt(p), 0755, null, null));
    }

    /** A directory whose children are computed: names lists them, child makes the node for one name (or null). */
    public synchronized void addDynamicDirectory(String path, Supplier<List<String>> names, Function<String, Node> child) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, new Directory(nextIno++, mountAt(p), 0500, names, child));
    }

    public void addFile(String path, Supplier<byte[]> contents) {
        addFile(path, -1, contents);
    }

    /** A read-only file whose length is known up front, read only when its bytes are first needed. */
    public synchronized void addFile(String path, long length, Supplier<byte[]> contents) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, new RegularFile(nextIno++, mountAt(p), 0644, contents, length));
    }

    public synchronized void addDevice(String path, Supplier<OpenFile> opener) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, new Device(nextIno++, mountAt(p), opener));
    }

    public synchronized void addSymlink(String path, Supplier<String> target) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, symlink(p, target));
    }

    /** Removes a generated subtree (a process's /proc/PID when it ends): the node and everything below it. */
    public synchronized void removeTree(String path) {
        String p = GuestPath.normalize("/", path);
        nodes.keySet().removeIf(k -> k.equals(p) || k.startsWith(p + "/"));
    }

    /** A free-standing link node for a dynamic directory's child. */
    public synchronized Symlink symlink(String path, Supplier<String> target) {
        return new Symlink(nextIno++, mountAt(GuestPath.parent(path)), target);
    }

    /** Where a node is now (after renames), or null once it has been removed. */
    public synchronized String pathOf(Node node) {
        for (Map.Entry<String, Node> e : nodes.entrySet()) if (e.getValue() == node) return e.getKey();
        return null;
    }

    /** The node at a normalised path, without following a final symbolic link; null if none. */
    public Node lookup(String normalized) {
        Node parent;
        synchronized (this) {
            Node n = nodes.get(normalized);
            if (n != null || normalized.equals("/")) return n;
            parent = nodes.get(GuestPath.parent(normalized));
        }
        // Dynamic children consult the file table, so they are made outside this lock.
        if (parent instanceof Directory d && d.dynamicChild != null) {
            return d.dynamicChild.apply(normalized.substring(normalized.lastIndexOf('/') + 1));
        }
        return null;
    }

    /** A node of the stored tree only: changes never reach the computed children of /proc. */
    private synchronized Node find(String normalized) {
        return nodes.get(normalized);
    }

    private Directory writableParent(String normalized) {
        Node parent = find(GuestPath.parent(normalized));
        if (parent == null) throw new ErrnoException(Errno.ENOENT);
        if (!(parent instanceof Directory d)) throw new ErrnoException(Errno.ENOTDIR);
        checkWritable(d.mount);
        if (normalized.substring(normalized.lastIndexOf('/') + 1).length() > NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG);
        }
        return d;
    }

    static void checkWritable(Mount m) {
        if (!m.writable()) throw new ErrnoException(m.readOnly() ? Errno.EROFS : Errno.EACCES);
    }

    /** Devices open for writing except /proc's generated files, which are read-only (mode 0444). */
    static void checkWritableDevice(Device d) {
        if (d.mount.magic() == PROC_MAGIC || d.mount.magic() == SYSFS_MAGIC) throw new ErrnoException(Errno.EACCES);
    }

    /** Creates an empty regular file with the given permission bits. */
    synchronized RegularFile create(String normalized, int permissions) {
        Directory parent = writableParent(normalized);
        RegularFile f = new RegularFile(nextIno++, parent.mount, permissions, () -> new byte[0], 0);
        nodes.put(normalized, f);
        parent.touchModified();
        return f;
    }

    /** symlink(2) in a writable mount: the link keeps its text as given. */
    synchronized void symlink(String normalized, String target) {
        if (find(normalized) != null) throw new ErrnoException(Errno.EEXIST);
        Directory parent = writableParent(normalized);
        nodes.put(normalized, new Symlink(nextIno++, parent.mount, () -> target));
        parent.touchModified();
    }

    /** link(2): a second name for the same file within one mount; directories cannot be linked. */
    synchronized void link(String existing, String normalized) {
        Node n = find(existing);
        if (n == null) throw new ErrnoException(Errno.ENOENT);
        if (n instanceof Directory) throw new ErrnoException(Errno.EPERM);
        if (find(normalized) != null) throw new ErrnoException(Errno.EEXIST);
        Directory parent = writableParent(normalized);
        if (parent.mount != n.mount) throw new ErrnoException(Errno.EXDEV);
        nodes.put(normalized, n);
        n.setTimes(Long.MIN_VALUE, Long.MIN_VALUE);
        parent.touchModified();
    }

    /** How many names the node has (st_nlink); directories count "." and their parent's entry. */
    public synchronized int links(Node node) {
        if (node instanceof Directory) return 2;
        int names = 0;
        for (Node n : nodes.values()) if (n == node) names++;
        return Math.max(1, names);
    }

    synchronized void mkdir(String normalized, int permissions) {
        if (find(normalized) != null) throw new ErrnoException(Errno.EEXIST);
        Directory parent = writableParent(normalized);
        nodes.put(normalized, new Directory(nextIno++, parent.mount, permissions, null, null));
        parent.touchModified();
    }

    synchronized void unlink(String normalized) {
        Node n = find(normalized);
        if (n == null) throw new ErrnoException(Errno.ENOENT);
        if (n instanceof Directory) throw new ErrnoException(Errno.EISDIR);
        checkWritable(n.mount);
        nodes.remove(normalized);
        if (n instanceof RegularFile f && !nodes.containsValue(f)) quotaOf(f.mount).used.addAndGet(-f.length());
        ((Directory) find(GuestPath.parent(normalized))).touchModified();
    }

    synchronized void rmdir(String normalized) {
        Node n = find(normalized);
        if (n == null) throw new ErrnoException(Errno.ENOENT);
        if (!(n instanceof Directory)) throw new ErrnoException(Errno.ENOTDIR);
        if (mounts.containsKey(normalized)) throw new ErrnoException(Errno.EBUSY);
        checkWritable(n.mount);
        boolean dynamic = n instanceof Directory d && d.dynamicNames != null;
        if (hasStaticChildren(normalized) || (dynamic && !list(normalized).isEmpty())) {
            throw new ErrnoException(Errno.ENOTEMPTY);
        }
        nodes.remove(normalized);
        ((Directory) find(GuestPath.parent(normalized))).touchModified();
    }

    /** rename(2) and renameat2's RENAME_NOREPLACE / RENAME_EXCHANGE, moving whole subtrees. */
    synchronized void rename(String from, String to, boolean noReplace, boolean exchange) {
        Node source = find(from);
        if (source == null) throw new ErrnoException(Errno.ENOENT);
        if (source.mount != mountAt(GuestPath.parent(to)) || mounts.containsKey(from) || mounts.containsKey(to)) {
            throw new ErrnoException(Errno.EXDEV);
        }
        writableParent(to);
        checkWritable(source.mount);
        if (from.equals(to)) return;
        if (to.startsWith(from + "/") || (exchange && from.startsWith(to + "/"))) throw new ErrnoException(Errno.EINVAL);
        Node target = find(to);
        if (exchange) {
            if (target == null) throw new ErrnoException(Errno.ENOENT);
            Map<String, Node> a = detach(from), b = detach(to);
            attach(a, from, to);
            attach(b, to, from);
            return;
        }
        if (target != null) {
            if (noReplace) throw new ErrnoException(Errno.EEXIST);
            if (source instanceof Directory) {
                if (!(target instanceof Directory)) throw new ErrnoException(Errno.ENOTDIR);
                if (!list(to).isEmpty()) throw new ErrnoException(Errno.ENOTEMPTY);
            } else if (target instanceof Directory) {
                throw new ErrnoException(Errno.EISDIR);
            }
            nodes.remove(to);
            if (target instanceof RegularFile f && !nodes.containsValue(f)) quotaOf(f.mount).used.addAndGet(-f.length());
        }
        attach(detach(from), from, to);
        source.setTimes(Long.MIN_VALUE, Long.MIN_VALUE);
    }

    private Map<String, Node> detach(String root) {
        Map<String, Node> moved = new TreeMap<>(nodes.subMap(root + "/", true, root + "0", false));
        moved.put(root, nodes.get(root));
        for (String k : moved.keySet()) nodes.remove(k);
        return moved;
    }

    private void attach(Map<String, Node> subtree, String oldRoot, String newRoot) {
        for (Map.Entry<String, Node> e : subtree.entrySet()) {
            nodes.put(newRoot + e.getKey().substring(oldRoot.length()), e.getValue());
        }
    }

    /** Names directly inside a directory. */
    public List<String> list(String normalized) {
        Node n;
        synchronized (this) {
            n = nodes.get(normalized);
        }
        if (n instanceof Directory d && d.dynamicNames != null) return d.dynamicNames.get();
        return staticList(normalized);
    }

    private synchronized List<String> staticList(String normalized) {
        String prefix = normalized.equals("/") ? "/" : normalized + "/";
        List<String> names = new ArrayList<>();
        // Children only: each child's subtree is stepped over (it sorts between "child/" and "child0"), so listing
        // a directory costs its entries, not everything below it.
        String k = nodes.higherKey(prefix);
        while (k != null && k.startsWith(prefix)) {
            String rest = k.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                names.add(rest);
                k = nodes.higherKey(k);
            } else {
                k = nodes.ceilingKey(prefix + rest.substring(0, slash) + "0");
            }
        }
        return names;
    }

    /** Whether a stored directory has any entry (rmdir's ENOTEMPTY), at the cost of one lookup. */
    private synchronized boolean hasStaticChildren(String normalized) {
        String prefix = normalized.equals("/") ? "/" : normalized + "/";
        String k = nodes.higherKey(prefix);
        return k != null && k.startsWith(prefix);
    }

    /** Sets a writable file's length (zero-filled when it grows), counting against the tmpfs capacity. */
    void truncate(RegularFile f, long length) {
        checkWritable(f.mount);
        if (length < 0) throw new ErrnoException(Errno.EINVAL);
        if (length > Integer.MAX_VALUE - 8) throw new ErrnoException(Errno.EFBIG);
        synchronized (f) {
            if (!resize(f, (int) length)) throw new ErrnoException(Errno.ENOSPC);
            f.truncate((int) length);
        }
    }

    /**
     * Accounts for a writable file growing or shrinking; false if its mount's capacity would be exceeded.
     * Lock-free, so a writer holding its file's lock never waits for the tree's.
     */
    boolean resize(RegularFile f, int newLength) {
        long delta = newLength - (long) f.length();
        Quota quota = quotaOf(f.mount);
        while (true) {
            long used = quota.used.get();
            if (delta > 0 && used + delta > quota.capacity) return false;
            if (quota.used.compareAndSet(used, used + delta)) return true;
        }
    }

    /**
     * A stored node of a mount, for writing the mount's contents to a backing store: path relative to the mount
     * point, type (S_IF*), permission bits, times (ns), and the bytes of a file or the text of a link.
     */
    public record StoredNode(String path, int type, int permissions, long atime, long mtime, long ctime, byte[] data,
                             String target) {}

    /** Every node below a mount point (not the mount point itself), parents before their children. */
    public synchronized List<StoredNode> export(Mount m) {
        List<StoredNode> result = new ArrayList<>();
        String prefix = m.path().equals("/") ? "/" : m.path() + "/";
        for (Map.Entry<String, Node> e : nodes.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) break;
            Node n = e.getValue();
            if (n.mount != m) continue;
            long[] t = n.times();
            byte[] data = n instanceof RegularFile f ? f.data() : null;
            String target = n instanceof Symlink l ? l.target() : null;
            result.add(new StoredNode(e.getKey().substring(prefix.length()), n.type(), n.mode() & 07777, t[0], t[1],
                    t[2], data, target));
        }
        return result;
    }

    /** Recreates exported nodes below a mount point (a fresh mount), counting files against its capacity. */
    public synchronized void restore(Mount m, List<StoredNode> stored) {
        Quota quota = quotaOf(m);
        for (StoredNode s : stored) {
            String p = GuestPath.normalize(m.path(), s.path());
            if (!p.startsWith(m.path() + "/") || nodes.containsKey(p) || !(nodes.get(GuestPath.parent(p)) instanceof Directory)) {
                throw new IllegalArgumentException("stored node '" + s.path() + "' does not fit below " + m.path());
            }
            Node n = switch (s.type()) {
                case S_IFDIR -> new Directory(nextIno++, m, s.permissions(), null, null);
                case S_IFLNK -> new Symlink(nextIno++, m, s::target);
                case S_IFREG -> {
                    byte[] data = s.data();
                    quota.used.addAndGet(data.length);
                    yield new RegularFile(nextIno++, m, s.permissions(), () -> data, data.length);
                }
                default -> throw new IllegalArgumentException("stored node '" + s.path() + "' has type " + s.type());
            };
            n.restoreTimes(s.atime(), s.mtime(), s.ctime());
            nodes.put(p, n);
        }
    }

    /** statfs figures of the mount holding a node. */
    public synchronized Mount.Usage usage(Mount m) {
        Quota own = ownQuotas.get(m);
        if (own != null) {
            long files = nodes.values().stream().filter(n -> n.mount == m).count();
            return new Mount.Usage(own.capacity / BLOCK, (own.capacity - own.used.get()) / BLOCK, 1 << 16,
                    (1 << 16) - files);
        }
        if (m.writable() && m.magic() == TMPFS_MAGIC) {
            long files = nodes.values().stream().filter(n -> n.mount.magic() == TMPFS_MAGIC).count();
            return new Mount.Usage(scratch.capacity / BLOCK, (scratch.capacity - scratch.used.get()) / BLOCK, 1 << 20,
                    (1 << 20) - files);
        }
        long files = nodes.values().stream().filter(n -> n.mount == m).count();
        if (m.magic() == PROC_MAGIC || m.magic() == SYSFS_MAGIC) return new Mount.Usage(0, 0, files, 0);
        // A read-only image occupies what an image builder would write: each file's data in whole blocks, a block of
        // entries per directory, and the superblock; nothing is free.
        long blocks = 1;
        for (Node n : nodes.values()) {
            if (n.mount != m) continue;
            if (n instanceof RegularFile f) blocks += (f.length() + BLOCK - 1) / BLOCK;
            else if (n instanceof Directory) blocks++;
        }
        return new Mount.Usage(blocks, 0, files, 0);
    }
}
