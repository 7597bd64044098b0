package org.mdemu.guest.machine;

/**
 * Guest memory whose host accesses are checked against the page protections, as the CPU checks its own: the part
 * every implementation shares. An implementation moves bytes and keeps its engine's mappings; this class decides
 * what may be accessed, and offers the kernel's unchecked view ({@link #privileged()}). No access with a bad range
 * ever reaches the implementation: lengths are checked against the arrays, ranges against the page table first.
 */
public abstract class ProtectedMemory implements GuestMemory {
    private final PageProtections pages = new PageProtections();
    private final GuestMemory privileged = new Privileged();

    /** Maps [address, address + size), page-aligned, with prot in the engine. */
    protected abstract void mapPages(long address, long size, int prot);

    /** Unmaps [address, address + size), page-aligned and wholly mapped, in the engine. */
    protected abstract void unmapPages(long address, long size);

    /** Changes the protection of [address, address + size), page-aligned and wholly mapped, in the engine. */
    protected abstract void protectPages(long address, long size, int prot);

    /** Copies bytes out of the engine's memory; the range is mapped. */
    protected abstract void readBytes(long address, byte[] dst, int offset, int length);

    /** Copies bytes into the engine's memory, whatever the protection; the range is mapped. */
    protected abstract void writeBytes(long address, byte[] src, int offset, int length);

    /** Called after the page table changed over the range (a map, unmap or protection change). */
    protected void changed(long address, long size) {
    }

    /** The page table the checks use. */
    protected final PageProtections pages() {
        return pages;
    }

    @Override
    public final void map(long address, long size, int prot) {
        checkAligned(address, size);
        mapPages(address, size, prot);
        pages.set(address, size, prot);
        changed(address, size);
    }

    /** Unmaps whatever is mapped in the range, which may hold holes. */
    @Override
    public final void unmap(long address, long size) {
        checkAligned(address, size);
        long end = address + size;
        long p = address;
        while (p < end) {
            if (!pages.isMapped(p, 1)) {
                p += PAGE_SIZE;
                continue;
            }
            long q = p;
            while (q < end && pages.isMapped(q, 1)) q += PAGE_SIZE;
            unmapPages(p, q - p);
            pages.clear(p, q - p);
            p = q;
        }
        changed(address, size);
    }

    @Override
    public final void protect(long address, long size, int prot) {
        checkAligned(address, size);
        if (!pages.isMapped(address, size)) {
            throw new GuestFault(address, String.format("cannot protect 0x%x bytes: not all mapped", size));
        }
        protectPages(address, size, prot);
        pages.set(address, size, prot);
        changed(address, size);
    }

    @Override
    public final boolean isMapped(long address, long size) {
        return pages.isMapped(address, size);
    }

    @Override
    public final int protection(long address) {
        return pages.protection(address);
    }

    @Override
    public final void check(long address, long length, int access) {
        pages.check(address, length, access);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        if (length == 0) return;
        pages.check(address, length, Prot.READ);
        readBytes(address, dst, offset, length);
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        if (length == 0) return;
        pages.check(address, length, Prot.WRITE);
        writeBytes(address, src, offset, length);
    }

    @Override
    public final GuestMemory privileged() {
        return privileged;
    }

    /** Whether the page holding address has been executable since it was mapped (it may hold translated code). */
    protected final boolean wasExecutable(long address) {
        return pages.wasExecutable(address);
    }

    private static void checkAligned(long address, long size) {
        if ((address & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0
                || address < 0 || address + size > PageProtections.ADDRESS_LIMIT || address + size < 0) {
            throw new IllegalArgumentException(String.format("range 0x%x+0x%x is not a page-aligned range of user"
                    + " space", address, size));
        }
    }

    /** The kernel's view: the same pages, only whether they are mapped counts. */
    private final class Privileged implements GuestMemory {
        @Override public void map(long address, long size, int prot) { ProtectedMemory.this.map(address, size, prot); }
        @Override public void unmap(long address, long size) { ProtectedMemory.this.unmap(address, size); }
        @Override public void protect(long address, long size, int prot) { ProtectedMemory.this.protect(address, size, prot); }
        @Override public boolean isMapped(long address, long size) { return pages.isMapped(address, size); }
        @Override public int protection(long address) { return pages.protection(address); }
        @Override public void check(long address, long length, int access) { pages.checkMapped(address, length, access); }
        @Override public GuestMemory privileged() { return this; }

        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, dst.length);
            if (length == 0) return;
            pages.checkMapped(address, length, Prot.READ);
            readBytes(address, dst, offset, length);
        }

        @Override
        public void write(long address, byte[] src, int offset, int length) {
            java.util.Objects.checkFromIndexSize(offset, length, src.length);
            if (length == 0) return;
            pages.checkMapped(address, length, Prot.WRITE);
            writeBytes(address, src, offset, length);
        }
    }
}
