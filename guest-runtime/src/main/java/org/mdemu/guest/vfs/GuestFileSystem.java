package org.mdemu.guest.vfs;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.mdemu.guest.kernel.Errno;

/**
 * The guest's file tree: directories and files held in memory. Mount points are subtrees with their own rules:
 * {@code /mnt/apk} read-only (the APK's contents), {@code /data/local/tmp} and {@code /tmp} writable with a byte
 * capacity, {@code /dev} character devices, {@code /proc} generated on open.
 */
public final class GuestFileSystem {
    /** A node: a directory, a regular file or a device. */
    public sealed interface Node permits Directory, RegularFile, Device {}

    public static final class Directory implements Node {
        final boolean writable;

        Directory(boolean writable) {
            this.writable = writable;
        }
    }

    /** A file whose contents come from a supplier (APK entries are read lazily) or are written in memory. */
    public static final class RegularFile implements Node {
        private Supplier<byte[]> source;
        private byte[] data;
        final boolean writable;

        RegularFile(Supplier<byte[]> source, boolean writable) {
            this.source = source;
            this.writable = writable;
        }

        public synchronized byte[] data() {
            if (data == null) {
                data = source.get();
                source = null;
            }
            return data;
        }

        synchronized void setData(byte[] d) {
            data = d;
            source = null;
        }
    }

    /** A character device; its behaviour is in the open file it creates. */
    public record Device(String name, Supplier<OpenFile> opener) implements Node {}

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final long writableCapacity;
    private long writableUsed;

    public GuestFileSystem(long writableCapacity) {
        this.writableCapacity = writableCapacity;
        nodes.put("/", new Directory(false));
    }

    public synchronized void addDirectory(String path, boolean writable) {
        String p = GuestPath.normalize("/", path);
        if (!p.equals("/")) addDirectory(GuestPath.parent(p), false);
        nodes.putIfAbsent(p, new Directory(writable));
    }

    public synchronized void addFile(String path, Supplier<byte[]> contents) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, new RegularFile(contents, false));
    }

    public synchronized void addDevice(String path, Supplier<OpenFile> opener) {
        String p = GuestPath.normalize("/", path);
        addDirectory(GuestPath.parent(p), false);
        nodes.put(p, new Device(p, opener));
    }

    public synchronized Node lookup(String normalized) {
        return nodes.get(normalized);
    }

    /** Creates an empty writable file; returns it or -errno as a negative sentinel via exception-free result. */
    synchronized Object create(String normalized) {
        Node parent = nodes.get(GuestPath.parent(normalized));
        if (parent == null) return Errno.ENOENT;
        if (!(parent instanceof Directory d)) return Errno.ENOTDIR;
        if (!d.writable) return Errno.EROFS;
        RegularFile f = new RegularFile(() -> new byte[0], true);
        nodes.put(normalized, f);
        return f;
    }

    synchronized int unlink(String normalized) {
        Node n = nodes.get(normalized);
        if (n == null) return -Errno.ENOENT;
        if (n instanceof Directory) return -Errno.EISDIR;
        if (!(n instanceof RegularFile f) || !f.writable) return -Errno.EROFS;
        writableUsed -= f.data().length;
        nodes.remove(normalized);
        return 0;
    }

    synchronized int mkdir(String normalized) {
        if (nodes.containsKey(normalized)) return -Errno.EEXIST;
        Node parent = nodes.get(GuestPath.parent(normalized));
        if (!(parent instanceof Directory d)) return parent == null ? -Errno.ENOENT : -Errno.ENOTDIR;
        if (!d.writable) return -Errno.EROFS;
        nodes.put(normalized, new Directory(true));
        return 0;
    }

    /** Names directly inside a directory. */
    public synchronized java.util.List<String> list(String normalized) {
        String prefix = normalized.equals("/") ? "/" : normalized + "/";
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.tailMap(prefix, false).entrySet()) {
            if (!e.getKey().startsWith(prefix)) break;
            String rest = e.getKey().substring(prefix.length());
            if (!rest.isEmpty() && rest.indexOf('/') < 0) names.add(rest);
        }
        return names;
    }

    /** Accounts for a writable file growing or shrinking; false if the tmpfs capacity would be exceeded. */
    synchronized boolean resize(RegularFile f, int newLength) {
        long delta = newLength - (long) f.data().length;
        if (writableUsed + delta > writableCapacity) return false;
        writableUsed += delta;
        return true;
    }
}
