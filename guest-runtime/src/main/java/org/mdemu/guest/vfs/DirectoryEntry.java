package org.mdemu.guest.vfs;

/** One directory entry as getdents64 and readdir report it: inode, DT_* type and name. */
public record DirectoryEntry(long ino, int type, String name) {
    public static final int DT_CHR = 2, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    static int typeOf(GuestFileSystem.Node node) {
        return switch (node.type()) {
            case GuestFileSystem.S_IFDIR -> DT_DIR;
            case GuestFileSystem.S_IFCHR -> DT_CHR;
            case GuestFileSystem.S_IFLNK -> DT_LNK;
            default -> DT_REG;
        };
    }
}
