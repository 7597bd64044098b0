package org.mdemu.guest.vfs;

/**
 * A mounted file system: where, what type (statfs magic), and its write rules. A read-only mount answers EROFS
 * to every change; a mount that is not writable but not read-only either (/proc, /dev) answers EACCES.
 */
public record Mount(String path, String type, long magic, boolean writable, boolean readOnly, int device) {
    /** Block and inode counts as statfs reports them (4 KiB blocks). */
    public record Usage(long blocks, long freeBlocks, long files, long freeFiles) {}
}
