package org.mdemu.emulator.cpu;

import java.util.BitSet;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;
import unicorn.UnicornException;

/**
 * Guest memory held by a Unicorn-family engine. A Java-side page bitmap answers isMapped without crossing into
 * native code.
 */
final class UnicornMemory implements GuestMemory {
    /** Guest addresses handled: 48-bit user space, tracked per 4 KiB page in chunks allocated on demand. */
    private final Aarch64Engine uc;
    private final java.util.Map<Long, BitSet> mapped = new java.util.HashMap<>();
    /** The guest's protection of each mapped page (the engine's may be reduced by watchpoints). */
    private final java.util.Map<Long, byte[]> protections = new java.util.HashMap<>();
    private static final int CHUNK_PAGES = 1 << 16;
    private UnicornWatchpoints watchpoints;

    UnicornMemory(Aarch64Engine uc) {
        this.uc = uc;
    }

    @Override
    public void map(long address, long size, int prot) {
        checkAligned(address, size);
        try {
            uc.memMap(address, size, prot);
        } catch (UnicornException e) {
            throw new GuestFault(address, "cannot map 0x" + Long.toHexString(size) + " bytes (" + e.getMessage() + ")");
        }
        mark(address, size, true);
        setProtection(address, size, prot);
        if (watchpoints != null) watchpoints.reguard(address, size);
    }

    void setWatchpoints(UnicornWatchpoints watchpoints) {
        this.watchpoints = watchpoints;
    }

    /** The guest's protection of the page holding address, or -1 if nothing is mapped there. */
    synchronized int protection(long address) {
        if (!isMapped(address, 1)) return -1;
        long page = address >>> 12;
        byte[] chunk = protections.get(page / CHUNK_PAGES);
        return chunk == null ? -1 : chunk[(int) (page % CHUNK_PAGES)];
    }

    private synchronized void setProtection(long address, long size, int prot) {
        for (long p = address; p < address + size; p += PAGE_SIZE) {
            long page = p >>> 12;
            protections.computeIfAbsent(page / CHUNK_PAGES, k -> new byte[CHUNK_PAGES])[(int) (page % CHUNK_PAGES)] = (byte) prot;
        }
    }

    @Override
    public void unmap(long address, long size) {
        checkAligned(address, size);
        // Unicorn refuses to unmap a range that is partly unmapped: do it page run by page run.
        long end = address + size;
        long p = address;
        while (p < end) {
            if (!isMapped(p, 1)) {
                p += PAGE_SIZE;
                continue;
            }
            long q = p;
            while (q < end && isMapped(q, 1)) q += PAGE_SIZE;
            uc.memUnmap(p, q - p);
            mark(p, q - p, false);
            p = q;
        }
        if (watchpoints != null) watchpoints.reguard(address, size);
    }

    @Override
    public void protect(long address, long size, int prot) {
        checkAligned(address, size);
        try {
            uc.memProtect(address, size, prot);
        } catch (UnicornException e) {
            throw new GuestFault(address, "cannot protect 0x" + Long.toHexString(size) + " bytes (" + e.getMessage() + ")");
        }
        setProtection(address, size, prot);
        if (watchpoints != null) watchpoints.reguard(address, size);
    }

    @Override
    public boolean isMapped(long address, long size) {
        if (size <= 0) return true;
        for (long p = address & -PAGE_SIZE; p < address + size; p += PAGE_SIZE) {
            long page = p >>> 12;
            BitSet chunk = mapped.get(page / CHUNK_PAGES);
            if (chunk == null || !chunk.get((int) (page % CHUNK_PAGES))) return false;
        }
        return true;
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        if (length == 0) return;
        if (!isMapped(address, length)) throw new GuestFault(firstUnmapped(address, length), "read of unmapped memory");
        byte[] b = uc.memRead(address, length);
        System.arraycopy(b, 0, dst, offset, length);
    }

    @Override
    public byte[] read(long address, int length) {
        if (length == 0) return new byte[0];
        if (!isMapped(address, length)) throw new GuestFault(firstUnmapped(address, length), "read of unmapped memory");
        return uc.memRead(address, length);
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        if (length == 0) return;
        if (!isMapped(address, length)) throw new GuestFault(firstUnmapped(address, length), "write to unmapped memory");
        byte[] b = offset == 0 && length == src.length ? src : java.util.Arrays.copyOfRange(src, offset, offset + length);
        uc.memWrite(address, b);
    }

    private long firstUnmapped(long address, long length) {
        for (long p = address & -PAGE_SIZE; p < address + length; p += PAGE_SIZE) {
            if (!isMapped(p, 1)) return Math.max(p, address);
        }
        return address;
    }

    private void mark(long address, long size, boolean value) {
        for (long p = address; p < address + size; p += PAGE_SIZE) {
            long page = p >>> 12;
            mapped.computeIfAbsent(page / CHUNK_PAGES, k -> new BitSet(CHUNK_PAGES)).set((int) (page % CHUNK_PAGES), value);
        }
    }

    private static void checkAligned(long address, long size) {
        if ((address & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0) {
            throw new IllegalArgumentException(String.format("range 0x%x+0x%x is not page-aligned", address, size));
        }
    }
}
