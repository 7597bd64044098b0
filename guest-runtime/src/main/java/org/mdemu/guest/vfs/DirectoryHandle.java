package org.mdemu.guest.vfs;

import java.util.List;
import java.util.function.Supplier;
import org.mdemu.guest.kernel.Errno;

/**
 * An open directory: its entries ("." and ".." first, as Linux lists them), read from the tree at the first read
 * and again on a rewind, and a position that getdents64, readdir, telldir/seekdir and lseek share.
 */
public final class DirectoryHandle implements OpenFile {
    private final Supplier<List<DirectoryEntry>> lister;
    private List<DirectoryEntry> entries;
    private int position;

    DirectoryHandle(Supplier<List<DirectoryEntry>> lister) {
        this.lister = lister;
    }

    private List<DirectoryEntry> entries() {
        if (entries == null) entries = lister.get();
        return entries;
    }

    /** The entry at the current position, or null at the end. */
    public synchronized DirectoryEntry peek() {
        return position < entries().size() ? entries.get(position) : null;
    }

    public synchronized void advance() {
        if (position < entries().size()) position++;
    }

    /** The position as a cookie for telldir / d_off. */
    public synchronized long tell() {
        return position;
    }

    @Override public long read(byte[] b, int o, int l) { return -Errno.EISDIR; }
    @Override public long write(byte[] b, int o, int l) { return -Errno.EBADF; }
    @Override public int mode() { return GuestFileSystem.S_IFDIR; }

    @Override
    public synchronized long lseek(long offset, int whence) {
        long target = switch (whence) {
            case 0 -> offset;
            case 1 -> position + offset;
            default -> -1;
        };
        if (target < 0) return -Errno.EINVAL;
        if (target == 0) entries = null;
        position = (int) Math.min(target, entries().size());
        return target;
    }
}
