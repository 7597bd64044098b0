package org.mdemu.guest.vfs;

/** What stat(2) reports about a file; times are nanoseconds since the epoch. */
public record FileStatus(long device, long ino, int mode, int nlink, long rdev, long size, long atime, long mtime,
                         long ctime) {
    public static final int BLOCK_SIZE = GuestFileSystem.BLOCK;

    /** 512-byte blocks, as st_blocks counts them. */
    public long blocks() {
        return (size + BLOCK_SIZE - 1) / BLOCK_SIZE * (BLOCK_SIZE / 512);
    }
}
