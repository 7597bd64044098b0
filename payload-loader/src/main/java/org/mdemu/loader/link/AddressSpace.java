package org.mdemu.loader.link;

/** The guest address space as the dynamic linker needs it. The guest runtime implements it over its memory manager. */
public interface AddressSpace {
    /** Reserves and maps size bytes (read-write) aligned to alignment, named for /proc/self/maps; returns the base. */
    long reserve(long size, long alignment, String name);

    void release(long address, long size);

    void write(long address, byte[] data, int offset, int length);

    default void write(long address, byte[] data) {
        write(address, data, 0, data.length);
    }

    byte[] read(long address, int length);

    /** A little-endian 64-bit word (AArch64's byte order); implementations may read it more directly. */
    default long readLong(long address) {
        byte[] b = read(address, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xff);
        return v;
    }

    /** Writes a little-endian 64-bit word; implementations may write it more directly. */
    default void writeLong(long address, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (value >>> (8 * i));
        write(address, b, 0, 8);
    }

    /** Sets page protections (PROT_* bits) on a page-aligned range. */
    void protect(long address, long size, int prot);

    /** The guest page size the linker aligns segments to (4096 on Microdroid's kernel config). */
    default long pageSize() {
        return 4096;
    }
}
