package org.mdemu.guest.vfs;

/**
 * A shared mapping's view of a regular file: a range of guest memory that must hold the same bytes as a range of
 * the file. The file calls it before its bytes are read and after they change.
 */
public interface FileWindow {
    /**
     * Copies what the guest stored in the mapped memory into the file's bytes (the part the window covers); the file
     * is the first length bytes of data.
     */
    void copyFromMemory(byte[] data, int length);

    /** Copies the file's bytes [from, to) into the mapped memory (the part the window covers), as above. */
    void copyToMemory(byte[] data, int length, long from, long to);
}
