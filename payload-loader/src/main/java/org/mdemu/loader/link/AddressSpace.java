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

    long readLong(long address);

    void writeLong(long address, long value);

    /** Sets page protections (PROT_* bits) on a page-aligned range. */
    void protect(long address, long size, int prot);

    /** The guest page size the linker aligns segments to (4096 on Microdroid's kernel config). */
    default long pageSize() {
        return 4096;
    }
}
