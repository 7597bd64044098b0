package org.mdemu.guest.machine;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The protection of every page of a guest address space, as the hardware's page tables hold it, and the one check
 * every host access to guest memory goes through ({@link #check}): the same the CPU applies to its own loads, stores
 * and fetches. Guest addresses are 48-bit (TASK_SIZE of arm64 Linux with 4 KiB pages); an access that leaves them
 * or wraps around faults like one reaching unmapped memory.
 *
 * <p>Pages are tracked in chunks of 64 Ki pages allocated on first use. Changes come from the thread holding the CPU
 * (the kernel's mmap family); lookups need no lock.
 */
public final class PageProtections {
    /** The first address above guest user space. */
    public static final long ADDRESS_LIMIT = 1L << 48;
    private static final int PAGE_SHIFT = 12;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_PAGES = 1 << CHUNK_BITS;
    private static final byte MAPPED = 8, WAS_EXECUTABLE = 16, PROT_BITS = 7;

    private final ConcurrentHashMap<Long, byte[]> chunks = new ConcurrentHashMap<>();
    /** The chunk looked at last: most accesses stay within one. */
    private volatile Chunk last = new Chunk(-1, null);

    private record Chunk(long index, byte[] pages) {}

    /** Marks [address, address + size) mapped with prot (a map, or a change of protection). */
    public void set(long address, long size, int prot) {
        for (long page = address >>> PAGE_SHIFT; page < (address + size) >>> PAGE_SHIFT; page++) {
            byte[] chunk = chunks.computeIfAbsent(page >>> CHUNK_BITS, k -> new byte[CHUNK_PAGES]);
            int i = (int) (page & (CHUNK_PAGES - 1));
            chunk[i] = (byte) (MAPPED | (chunk[i] & WAS_EXECUTABLE) | (prot & PROT_BITS)
                    | ((prot & Prot.EXEC) != 0 ? WAS_EXECUTABLE : 0));
        }
    }

    /** Marks [address, address + size) unmapped. */
    public void clear(long address, long size) {
        for (long page = address >>> PAGE_SHIFT; page < (address + size) >>> PAGE_SHIFT; page++) {
            byte[] chunk = chunk(page >>> CHUNK_BITS);
            if (chunk != null) chunk[(int) (page & (CHUNK_PAGES - 1))] = 0;
        }
    }

    /** The protection of the page holding address, or -1 if nothing is mapped there. */
    public int protection(long address) {
        int entry = entry(address);
        return (entry & MAPPED) == 0 ? -1 : entry & PROT_BITS;
    }

    /** Whether the page holding address has been executable since it was mapped (it may hold translated code). */
    public boolean wasExecutable(long address) {
        return (entry(address) & WAS_EXECUTABLE) != 0;
    }

    /** Whether every byte of [address, address + size) is mapped; an empty range is. */
    public boolean isMapped(long address, long size) {
        return allows(address, size, 0);
    }

    /**
     * Throws {@link GuestFault} for the first byte of [address, address + length) that the CPU could not access in
     * the given way ({@link Prot#READ}, {@link Prot#WRITE} or {@link Prot#EXEC}). A negative length is a size_t
     * past 2^63 (or an int past 2^31): such a range always leaves user space, so it faults where the accessible
     * memory from address ends, as the CPU's loads or stores over it would.
     */
    public void check(long address, long length, int access) {
        refuse(address, length, access, access);
    }

    /** As {@link #check}, for the kernel's own accesses: only whether the range is mapped counts. */
    public void checkMapped(long address, long length, int access) {
        refuse(address, length, 0, access);
    }

    private void refuse(long address, long length, int needed, int access) {
        if (allows(address, length, needed)) return;
        long refused = firstRefused(address, length, needed);
        throw new GuestFault(refused, access, protection(refused) != -1);
    }

    private boolean allows(long address, long length, int access) {
        if (length == 0) return true;
        if (length < 0) return false;
        if (address < 0 || address >= ADDRESS_LIMIT) return false;
        long end = address + length;
        if (end < 0 || end > ADDRESS_LIMIT) return false;
        for (long page = address >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            byte[] chunk = chunk(page >>> CHUNK_BITS);
            if (chunk == null) return false;
            int entry = chunk[(int) (page & (CHUNK_PAGES - 1))];
            if ((entry & MAPPED) == 0 || (entry & access) != access) return false;
        }
        return true;
    }

    /** The first address of a range that {@link #allows} refuses. */
    private long firstRefused(long address, long length, int access) {
        if (address < 0 || address >= ADDRESS_LIMIT) return address;
        long end = address + length;
        long lastPage = (length < 0 || end < 0 || end > ADDRESS_LIMIT ? ADDRESS_LIMIT : end - 1) >>> PAGE_SHIFT;
        for (long page = address >>> PAGE_SHIFT; page <= lastPage; page++) {
            long at = Math.max(page << PAGE_SHIFT, address);
            if (page >= ADDRESS_LIMIT >>> PAGE_SHIFT) return at;
            byte[] chunk = chunk(page >>> CHUNK_BITS);
            if (chunk == null) return at;
            int entry = chunk[(int) (page & (CHUNK_PAGES - 1))];
            if ((entry & MAPPED) == 0 || (entry & access) != access) return at;
        }
        throw new IllegalStateException("no refused byte");
    }

    private int entry(long address) {
        if (address < 0 || address >= ADDRESS_LIMIT) return 0;
        long page = address >>> PAGE_SHIFT;
        byte[] chunk = chunk(page >>> CHUNK_BITS);
        return chunk == null ? 0 : chunk[(int) (page & (CHUNK_PAGES - 1))];
    }

    private byte[] chunk(long index) {
        Chunk c = last;
        if (c.index() == index) return c.pages();
        byte[] pages = chunks.get(index);
        if (pages != null) last = new Chunk(index, pages);
        return pages;
    }
}
