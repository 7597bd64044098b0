package org.mdemu.emulator.a64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.machine.ProtectedMemory;

/**
 * Guest memory of the Java engine: 4 KiB pages on the Java heap, found through a three-level table indexed by the
 * 36-bit page number (12 bits a level), each page with the guest's protection. The CPU's loads, stores and fetches
 * go through the typed accessors here, which check the page's permission on every access and throw {@link A64Fault}
 * exactly as the Unicorn engines report faults (unmapped vs. protected, the first refused byte). Host accesses go
 * through {@link ProtectedMemory}'s checks.
 *
 * <p>Pages holding translated code are marked; a store to such a page (by the guest or the kernel) tells the
 * {@link CodeWatcher} first, so translations never run stale bytes.
 */
public final class PagedMemory extends ProtectedMemory {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One mapped page: its bytes, the guest's protection, whether translations were made from it. */
    static final class Page {
        final byte[] data = new byte[PAGE_SIZE];
        volatile int prot;
        volatile boolean holdsCode;

        Page(int prot) {
            this.prot = prot;
        }
    }

    /** Told before a store reaches a page that holds translated code. */
    public interface CodeWatcher {
        void codeWritten(long address, int length);
    }

    private final Page[][][] root = new Page[1 << 12][][];
    private volatile CodeWatcher codeWatcher = (a, n) -> {};

    public void setCodeWatcher(CodeWatcher watcher) {
        this.codeWatcher = watcher;
    }

    /** The page holding address, or null if none is mapped (addresses outside the 48-bit space have none). */
    Page page(long address) {
        if ((address >>> 48) != 0) return null;
        Page[][] mid = root[(int) (address >>> 36)];
        if (mid == null) return null;
        Page[] leaf = mid[(int) (address >>> 24) & 0xfff];
        return leaf == null ? null : leaf[(int) (address >>> PAGE_SHIFT) & 0xfff];
    }

    private void setPage(long address, Page page) {
        int i1 = (int) (address >>> 36), i2 = (int) (address >>> 24) & 0xfff, i3 = (int) (address >>> PAGE_SHIFT) & 0xfff;
        Page[][] mid = root[i1];
        if (mid == null) root[i1] = mid = new Page[1 << 12][];
        Page[] leaf = mid[i2];
        if (leaf == null) mid[i2] = leaf = new Page[1 << 12];
        leaf[i3] = page;
    }

    /** Marks the page holding address as a source of translated code. */
    public void markCode(long address) {
        Page p = page(address);
        if (p != null) p.holdsCode = true;
    }

    /** The page holding address no longer holds translated code: stores to it stop telling the watcher. */
    public void unmarkCode(long address) {
        Page p = page(address);
        if (p != null) p.holdsCode = false;
    }

    // ---- ProtectedMemory: the host side ----

    @Override
    protected void mapPages(long address, long size, int prot) {
        for (long a = address; a < address + size; a += PAGE_SIZE) {
            Page old = page(a);
            if (old != null && old.holdsCode) codeWatcher.codeWritten(a, PAGE_SIZE); // mapped over (MAP_FIXED)
            setPage(a, new Page(prot));
        }
    }

    @Override
    protected void unmapPages(long address, long size) {
        for (long a = address; a < address + size; a += PAGE_SIZE) {
            Page p = page(a);
            if (p != null && p.holdsCode) codeWatcher.codeWritten(a, PAGE_SIZE);
            setPage(a, null);
        }
    }

    @Override
    protected void protectPages(long address, long size, int prot) {
        for (long a = address; a < address + size; a += PAGE_SIZE) {
            Page p = page(a);
            if (p.holdsCode && (prot & Prot.EXEC) == 0) codeWatcher.codeWritten(a, PAGE_SIZE);
            p.prot = prot;
        }
    }

    @Override
    protected void readBytes(long address, byte[] dst, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, PAGE_SIZE - (int) (address & PAGE_MASK));
            System.arraycopy(page(address).data, (int) (address & PAGE_MASK), dst, offset, n);
            address += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    protected void writeBytes(long address, byte[] src, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, PAGE_SIZE - (int) (address & PAGE_MASK));
            Page p = page(address);
            if (p.holdsCode) codeWatcher.codeWritten(address, n);
            System.arraycopy(src, offset, p.data, (int) (address & PAGE_MASK), n);
            address += n;
            offset += n;
            length -= n;
        }
    }

    // ---- the CPU side: checked typed accesses ----

    /** The page of an access of the given kind, or the fault the CPU raises for it. */
    private Page accessible(long address, int access) {
        Page p = page(address);
        if (p == null) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_UNMAPPED : access == Prot.EXEC
                    ? FaultKind.FETCH_UNMAPPED : FaultKind.READ_UNMAPPED, address, null);
        }
        if ((p.prot & access) == 0) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_PROT : access == Prot.EXEC
                    ? FaultKind.FETCH_PROT : FaultKind.READ_PROT, address, null);
        }
        return p;
    }

    /**
     * Throws the fault an access of size bytes at address would raise, without accessing anything: for instructions
     * that touch several places (pairs, structures) and must fault before any of their stores takes effect.
     */
    public void checkAccess(long address, int size, int access) {
        accessible(address, access);
        long last = address + size - 1;
        if (((last ^ address) >>> PAGE_SHIFT) != 0) accessible(last & ~(long) PAGE_MASK, access);
    }

    /** The instruction word at pc (pc is 4-byte aligned). */
    public int fetch(long pc) {
        return (int) INT.get(accessible(pc, Prot.EXEC).data, (int) (pc & PAGE_MASK));
    }

    public int load8(long address) {
        return accessible(address, Prot.READ).data[(int) (address & PAGE_MASK)] & 0xff;
    }

    public int load16(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 2) return (short) SHORT.get(accessible(address, Prot.READ).data, off) & 0xffff;
        return (int) loadSplit(address, 2);
    }

    public int load32(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 4) return (int) INT.get(accessible(address, Prot.READ).data, off);
        return (int) loadSplit(address, 4);
    }

    public long load64(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 8) return (long) LONG.get(accessible(address, Prot.READ).data, off);
        return loadSplit(address, 8);
    }

    /** An access crossing into the next page: both pages are checked before any byte is read. */
    private long loadSplit(long address, int size) {
        checkAccess(address, size, Prot.READ);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | load8(address + i);
        return v;
    }

    public void store8(long address, int value) {
        Page p = accessible(address, Prot.WRITE);
        if (p.holdsCode) codeWatcher.codeWritten(address, 1);
        p.data[(int) (address & PAGE_MASK)] = (byte) value;
    }

    public void store16(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 2) {
            storeSplit(address, value, 2);
            return;
        }
        Page p = accessible(address, Prot.WRITE);
        if (p.holdsCode) codeWatcher.codeWritten(address, 2);
        SHORT.set(p.data, off, (short) value);
    }

    public void store32(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 4) {
            storeSplit(address, value, 4);
            return;
        }
        Page p = accessible(address, Prot.WRITE);
        if (p.holdsCode) codeWatcher.codeWritten(address, 4);
        INT.set(p.data, off, value);
    }

    public void store64(long address, long value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 8) {
            storeSplit(address, value, 8);
            return;
        }
        Page p = accessible(address, Prot.WRITE);
        if (p.holdsCode) codeWatcher.codeWritten(address, 8);
        LONG.set(p.data, off, value);
    }

    private void storeSplit(long address, long value, int size) {
        checkAccess(address, size, Prot.WRITE);
        for (int i = 0; i < size; i++) store8(address + i, (int) (value >>> (8 * i)));
    }
}
