package org.mdemu.emulator.a64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.machine.ProtectedMemory;

/**
 * Guest memory of the Java engine: 4 KiB pages, found through a three-level table indexed by the
 * 36-bit page number (12 bits a level), each page with the guest's protection. The CPU's loads, stores and fetches
 * go through the typed accessors here, which check the page's permission on every access and throw {@link A64Fault}
 * exactly as the Unicorn engines report faults (unmapped vs. protected, the first refused byte). Host accesses go
 * through {@link ProtectedMemory}'s checks.
 *
 * <p>The CPU's fast path: a small direct-mapped cache of pages by page number (no table walk for repeated accesses
 * to a page) and one check of the page's {@link Page#cpuProt}, the accesses the CPU may do without further thought.
 * Everything else takes the slow path: a page that was unmapped (its cpuProt drops to zero, so cached entries of it
 * miss, whichever thread unmapped it), a store to a page not yet written (pages start as a shared page of zeros and
 * get their own bytes at their first store), to a page holding translated code (the {@link CodeWatcher} hears of
 * it first), and accesses to pages holding a debugger's watched range (only accesses overlapping the range stop).
 *
 * <p>A page's bytes are a {@code byte[]} on the Java heap or a direct {@link ByteBuffer} ({@link #DIRECT}): several
 * cores need hardware atomic accesses (compare-and-exchange, volatile reads) on them, which views of byte arrays
 * allow up to JDK 21 and refuse from JDK 22 on (JDK-8318966: an array's elements need not be aligned), while views of
 * direct buffers allow them at aligned indices on every JDK. The choice is made once per JVM; the translator's
 * generated code reads and writes the form in use ({@link #DATA_FIELD}).
 *
 * <p>Guest memory is bounded as on the Unicorn engines by the kernel's accounting of mappings (the VM's memory size,
 * RLIMIT_AS); on top, the pages holding bytes, over every machine of the JVM, stay under three quarters of what holds
 * them (the Java heap, or the JVM's direct memory limit, -XX:MaxDirectMemorySize): the store that would pass that is
 * a {@link GuestOutOfMemoryException}, never the JVM's OutOfMemoryError, which would take every VM of the process with
 * it. Direct pages are freed when their page is collected (unmapped, or its machine closed or collected).
 */
public final class PagedMemory extends ProtectedMemory {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle D_SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle D_INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle D_LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Whether this JVM executes atomic accesses (compare-and-exchange, volatile reads) on views of byte arrays in
     * hardware: JDK 17 to 21 do; from JDK 22 on, they refuse every atomic access mode (JDK-8318966), and pages are
     * direct buffers instead.
     */
    static final boolean HEAP_ATOMICS = probeAtomics(new byte[16], LONG, INT, SHORT);

    /** Whether views of direct buffers execute atomic accesses at aligned indices (every JDK so far). */
    static final boolean DIRECT_ATOMICS = probeAtomics(ByteBuffer.allocateDirect(16), D_LONG, D_INT, D_SHORT);

    /**
     * Whether pages hold their bytes in direct buffers ({@link Page#buffer}) rather than heap arrays ({@link Page#data}):
     * where heap arrays refuse atomic access modes, or when {@code -Dmdemu.pages=direct} asks for it
     * ({@code -Dmdemu.pages=heap} asks for arrays, granted only where they allow atomics).
     */
    static final boolean DIRECT;
    /** Why guest pages cannot be made on this JVM as asked (the Java engine then refuses to start), or null. */
    static final String UNUSABLE;

    static {
        String asked = System.getProperty("mdemu.pages", "");
        String problem = null;
        boolean direct = !HEAP_ATOMICS;
        switch (asked) {
            case "" -> { }
            case "direct" -> direct = true;
            case "heap" -> {
                direct = false;
                if (!HEAP_ATOMICS) problem = "-Dmdemu.pages=heap: this JVM refuses atomic accesses to byte arrays"
                        + " (JDK 22 and later); leave the property out, or use -Dmdemu.pages=direct";
            }
            default -> problem = "-Dmdemu.pages=" + asked + ": expected direct or heap";
        }
        if (problem == null && (direct ? !DIRECT_ATOMICS : !HEAP_ATOMICS)) {
            problem = "this JVM refuses atomic accesses to guest pages (byte arrays and direct buffers alike)";
        }
        DIRECT = direct;
        UNUSABLE = problem;
    }
    /** The field of {@link Page} holding its bytes, and its type descriptor, for generated code. */
    static final String DATA_FIELD = DIRECT ? "buffer" : "data", DATA_DESCRIPTOR = DIRECT ? "Ljava/nio/ByteBuffer;" : "[B";
    /** What every page holds until its first store: read freely, never written. */
    private static final byte[] ZEROS = new byte[PAGE_SIZE];
    private static final ByteBuffer DIRECT_ZEROS = DIRECT ? newDirectPage() : null;
    private static final int TLB_SIZE = 256;
    /** Pages holding bytes (not the zeros), over every PagedMemory of the JVM. */
    private static final AtomicLong PAGES = new AtomicLong();
    /** What holds the pages' bytes, for messages. */
    private static final String HOLDER = DIRECT ? "direct memory (-XX:MaxDirectMemorySize)" : "the Java heap (-Xmx)";
    /** The most pages {@link #PAGES} may reach: three quarters of what holds them; tests lower it. */
    static volatile long pageLimit = (DIRECT ? maxDirectMemory() : Runtime.getRuntime().maxMemory()) / 4 * 3 / PAGE_SIZE;
    private static final Cleaner CLEANER = Cleaner.create();

    /** One mapped page: its bytes, the guest's protection, whether translations were made from it. */
    static final class Page {
        /** The page's address; the cache compares it to tell which page an entry holds. */
        final long base;
        /** The page's bytes unless {@link #DIRECT}: {@link #ZEROS} until the first store. Replaced only under the lock. */
        byte[] data = ZEROS;
        /** The page's bytes if {@link #DIRECT}: {@link #DIRECT_ZEROS} until the first store. Replaced only under the lock. */
        ByteBuffer buffer = DIRECT_ZEROS;
        volatile int prot;
        volatile boolean holdsCode;
        /** Prot bits of the accesses a debugger watches somewhere on this page. */
        int watched;
        /** The accesses the CPU may do on the fast path; 0 once unmapped. */
        volatile int cpuProt;
        boolean unmapped;

        Page(long base, int prot) {
            this.base = base;
            this.prot = prot;
            recompute();
        }

        synchronized void recompute() {
            int p = unmapped ? 0 : prot & ~watched;
            if (holdsCode || !hasBytes()) p &= ~Prot.WRITE;
            cpuProt = p;
        }

        /** Whether the page has its own bytes (it was written), not the shared zeros. */
        boolean hasBytes() {
            return DIRECT ? buffer != DIRECT_ZEROS : data != ZEROS;
        }

        /** Gives the page its own bytes at its first store, counted in own (unless already unmapped). */
        void writable(AtomicLong own) {
            if (hasBytes()) return;
            synchronized (this) {
                if (hasBytes()) return;
                if (!unmapped) {
                    if (PAGES.incrementAndGet() > pageLimit) {
                        PAGES.decrementAndGet();
                        throw new GuestOutOfMemoryException(String.format("guest pages would take more than"
                                + " %d MiB of %s", pageLimit * PAGE_SIZE >> 20, HOLDER));
                    }
                    own.incrementAndGet();
                }
                try {
                    if (DIRECT) {
                        ByteBuffer fresh = newDirectPage();
                        // Other cores read the field without the lock: the buffer's own fields (address, limit) must
                        // be visible before it is.
                        VarHandle.releaseFence();
                        buffer = fresh;
                    } else {
                        data = new byte[PAGE_SIZE];
                    }
                } catch (OutOfMemoryError e) {
                    if (!unmapped) {
                        PAGES.decrementAndGet();
                        own.decrementAndGet();
                    }
                    throw new GuestOutOfMemoryException(HOLDER + " has no room for another guest page");
                }
                recompute();
            }
        }

        /** Marks the page unmapped: cached entries of it miss from now on, and its bytes are no longer counted. */
        synchronized void unmap(AtomicLong own) {
            if (unmapped) return;
            unmapped = true;
            if (hasBytes()) {
                PAGES.decrementAndGet();
                own.decrementAndGet();
            }
            recompute();
        }
    }

    /** Told before a store reaches a page that holds translated code. */
    public interface CodeWatcher {
        void codeWritten(long address, int length);
    }

    /** A debugger's watched range. */
    private record Watch(long address, long length, int access) {
        boolean overlaps(long at, long size, int kind) {
            return (access & kind) != 0 && at < address + length && address < at + size;
        }
    }

    private final Page[][][] root = new Page[1 << 12][][];
    private final Page[] tlb = new Page[TLB_SIZE];
    private volatile CodeWatcher codeWatcher = (a, n) -> {};
    private volatile Watch[] watches = new Watch[0];
    /** This memory's share of {@link #PAGES}, given back when it is released or collected. */
    private final AtomicLong ownPages = new AtomicLong();

    public PagedMemory() {
        AtomicLong own = ownPages;
        CLEANER.register(this, () -> PAGES.addAndGet(-own.getAndSet(0)));
    }

    /** Pages holding bytes over every PagedMemory of the JVM. */
    static long pagesWithBytes() {
        return PAGES.get();
    }

    /** Pages of this memory holding bytes. */
    long ownPages() {
        return ownPages.get();
    }

    /** Unmaps everything (the machine is closed): its pages no longer count, and the JVM may take their bytes back. */
    synchronized void release() {
        for (Page[][] mid : root) {
            if (mid == null) continue;
            for (Page[] leaf : mid) {
                if (leaf == null) continue;
                for (Page p : leaf) if (p != null) p.unmap(ownPages);
            }
        }
        java.util.Arrays.fill(root, null);
        java.util.Arrays.fill(tlb, null);
    }

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

    private synchronized void setPage(long address, Page page) {
        int i1 = (int) (address >>> 36), i2 = (int) (address >>> 24) & 0xfff, i3 = (int) (address >>> PAGE_SHIFT) & 0xfff;
        Page[][] mid = root[i1];
        if (mid == null) root[i1] = mid = new Page[1 << 12][];
        Page[] leaf = mid[i2];
        if (leaf == null) mid[i2] = leaf = new Page[1 << 12];
        Page old = leaf[i3];
        if (old != null) old.unmap(ownPages);
        leaf[i3] = page;
    }

    /** Marks the page holding address as a source of translated code. */
    public void markCode(long address) {
        Page p = page(address);
        if (p != null) {
            p.holdsCode = true;
            p.recompute();
        }
    }

    /** The page holding address no longer holds translated code: stores to it stop telling the watcher. */
    public void unmarkCode(long address) {
        Page p = page(address);
        if (p != null) {
            p.holdsCode = false;
            p.recompute();
        }
    }

    // ---- ProtectedMemory: the host side ----

    @Override
    protected void mapPages(long address, long size, int prot) {
        Watch[] w = watches;
        for (long a = address; a < address + size; a += PAGE_SIZE) {
            Page old = page(a);
            if (old != null && old.holdsCode) codeWatcher.codeWritten(a, PAGE_SIZE); // mapped over: new bytes
            Page p = new Page(a, prot);
            if (w.length > 0) {
                p.watched = watchedOn(w, a);
                p.recompute();
            }
            setPage(a, p);
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
            p.recompute();
        }
    }

    @Override
    protected void readBytes(long address, byte[] dst, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, PAGE_SIZE - (int) (address & PAGE_MASK));
            Page p = hostPage(address);
            if (DIRECT) p.buffer.get((int) (address & PAGE_MASK), dst, offset, n); // absolute: no buffer state changes
            else System.arraycopy(p.data, (int) (address & PAGE_MASK), dst, offset, n);
            address += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    protected void writeBytes(long address, byte[] src, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, PAGE_SIZE - (int) (address & PAGE_MASK));
            Page p = hostPage(address);
            if (p.holdsCode) codeWatcher.codeWritten(address, n);
            p.writable(ownPages);
            if (DIRECT) p.buffer.put((int) (address & PAGE_MASK), src, offset, n);
            else System.arraycopy(src, offset, p.data, (int) (address & PAGE_MASK), n);
            address += n;
            offset += n;
            length -= n;
        }
    }

    /** The page of a host access the page table allows: there is one unless the memory was released. */
    private Page hostPage(long address) {
        Page p = page(address);
        if (p == null) throw new GuestFault(address, String.format("0x%x: the machine is closed", address));
        return p;
    }

    // ---- watchpoints (CpuDebug) ----

    /** Watches [address, address + length) for the CPU's accesses of the given kinds (Prot.READ and/or WRITE). */
    synchronized void addWatch(long address, long length, int access) {
        if (length <= 0 || (access & Prot.RW) == 0) throw new IllegalArgumentException("empty watchpoint");
        Watch[] w = java.util.Arrays.copyOf(watches, watches.length + 1);
        w[w.length - 1] = new Watch(address, length, access & Prot.RW);
        watches = w;
        rewatch(address, length);
    }

    /** Removes a watch added with the same arguments; false if there was none. */
    synchronized boolean removeWatch(long address, long length, int access) {
        Watch target = new Watch(address, length, access & Prot.RW);
        Watch[] w = watches;
        for (int i = 0; i < w.length; i++) {
            if (!w[i].equals(target)) continue;
            Watch[] fewer = new Watch[w.length - 1];
            System.arraycopy(w, 0, fewer, 0, i);
            System.arraycopy(w, i + 1, fewer, i, w.length - i - 1);
            watches = fewer;
            rewatch(address, length);
            return true;
        }
        return false;
    }

    private void rewatch(long address, long length) {
        Watch[] w = watches;
        long first = address & ~(long) PAGE_MASK, end = address + length;
        for (long a = first; Long.compareUnsigned(a, end) < 0 && a >= first; a += PAGE_SIZE) {
            Page p = page(a);
            if (p == null) continue;
            p.watched = watchedOn(w, a);
            p.recompute();
        }
    }

    private static int watchedOn(Watch[] w, long page) {
        int kinds = 0;
        for (Watch watch : w) if (watch.overlaps(page, PAGE_SIZE, Prot.RW)) kinds |= watch.access();
        return kinds;
    }

    // ---- the CPU side: checked typed accesses ----

    /** The page of an access of size bytes within one page, through the cache when the access needs no checks. */
    private Page access(long address, int size, int access) {
        Page p = tlb[(int) (address >>> PAGE_SHIFT) & (TLB_SIZE - 1)];
        if (p != null && p.base == (address & ~(long) PAGE_MASK) && (p.cpuProt & access) != 0) return p;
        return slowAccess(address, size, access);
    }

    /**
     * The page holding all of [address, address + size) when an access of that kind needs no checks there, else null.
     * Translated code checks an instruction's whole access (every part of a pair) with one call, trying first the page
     * of its previous access (last, kept in a local for the run: no cache lookup while a loop stays on one page), and
     * then reads or writes the page's bytes itself ({@link #getLong} and co.); on null it takes the checked accessors,
     * which fault, stop at watchpoints, give the page its own bytes or tell the {@link CodeWatcher} first. The
     * permission is read again on every call, so an unmap or mprotect by any thread stops the next access. Kept small
     * so that the JIT inlines it into translated code without the slow path.
     */
    Page fastPage(Page last, long address, int size, int access) {
        long base = address & ~(long) PAGE_MASK;
        Page p = last;
        if (p == null || p.base != base) {
            p = tlb[(int) (address >>> PAGE_SHIFT) & (TLB_SIZE - 1)];
            if (p == null || p.base != base) return null;
        }
        return (p.cpuProt & access) != 0 && (int) (address & PAGE_MASK) <= PAGE_SIZE - size ? p : null;
    }

    // The page's bytes at an offset, in the form generated code uses (DATA_FIELD): heap arrays...

    static long getLong(byte[] data, int offset) {
        return (long) LONG.get(data, offset);
    }

    static int getInt(byte[] data, int offset) {
        return (int) INT.get(data, offset);
    }

    static int getShort(byte[] data, int offset) {
        return (short) SHORT.get(data, offset) & 0xffff;
    }

    static int getByte(byte[] data, int offset) {
        return data[offset] & 0xff;
    }

    static void putLong(byte[] data, int offset, long value) {
        LONG.set(data, offset, value);
    }

    static void putInt(byte[] data, int offset, int value) {
        INT.set(data, offset, value);
    }

    static void putShort(byte[] data, int offset, int value) {
        SHORT.set(data, offset, (short) value);
    }

    static void putByte(byte[] data, int offset, int value) {
        data[offset] = (byte) value;
    }

    // ...or direct buffers, little-endian (absolute accesses only: a buffer's position is shared by every thread).
    // Their own methods rather than the VarHandles: they pass no array base, so the JIT knows the access is off-heap
    // (and keeps the compiled region's other memory values in registers across it).

    static long getLong(ByteBuffer data, int offset) {
        return data.getLong(offset);
    }

    static int getInt(ByteBuffer data, int offset) {
        return data.getInt(offset);
    }

    static int getShort(ByteBuffer data, int offset) {
        return data.getShort(offset) & 0xffff;
    }

    static int getByte(ByteBuffer data, int offset) {
        return data.get(offset) & 0xff;
    }

    static void putLong(ByteBuffer data, int offset, long value) {
        data.putLong(offset, value);
    }

    static void putInt(ByteBuffer data, int offset, int value) {
        data.putInt(offset, value);
    }

    static void putShort(ByteBuffer data, int offset, int value) {
        data.putShort(offset, (short) value);
    }

    static void putByte(ByteBuffer data, int offset, int value) {
        data.put(offset, (byte) value);
    }

    // ...and of a page, whichever form it has (DIRECT is a constant: the JIT keeps one branch).

    private static long getLong(Page p, int offset) {
        return DIRECT ? getLong(p.buffer, offset) : getLong(p.data, offset);
    }

    private static int getInt(Page p, int offset) {
        return DIRECT ? getInt(p.buffer, offset) : getInt(p.data, offset);
    }

    private static int getShort(Page p, int offset) {
        return DIRECT ? getShort(p.buffer, offset) : getShort(p.data, offset);
    }

    private static int getByte(Page p, int offset) {
        return DIRECT ? getByte(p.buffer, offset) : getByte(p.data, offset);
    }

    private static void putLong(Page p, int offset, long value) {
        if (DIRECT) putLong(p.buffer, offset, value);
        else putLong(p.data, offset, value);
    }

    private static void putInt(Page p, int offset, int value) {
        if (DIRECT) putInt(p.buffer, offset, value);
        else putInt(p.data, offset, value);
    }

    private static void putShort(Page p, int offset, int value) {
        if (DIRECT) putShort(p.buffer, offset, value);
        else putShort(p.data, offset, value);
    }

    private static void putByte(Page p, int offset, int value) {
        if (DIRECT) putByte(p.buffer, offset, value);
        else putByte(p.data, offset, value);
    }

    /** The full check: table walk, permission, watchpoints, first store, translated code. */
    private Page slowAccess(long address, int size, int access) {
        Page p = page(address);
        if (p == null) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_UNMAPPED : access == Prot.EXEC
                    ? FaultKind.FETCH_UNMAPPED : FaultKind.READ_UNMAPPED, address, null);
        }
        if ((p.prot & access) == 0) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_PROT : access == Prot.EXEC
                    ? FaultKind.FETCH_PROT : FaultKind.READ_PROT, address, null);
        }
        tlb[(int) (address >>> PAGE_SHIFT) & (TLB_SIZE - 1)] = p;
        if ((p.watched & access) != 0) {
            for (Watch w : watches) {
                if (w.overlaps(address, size, access)) {
                    throw A64Fault.watchpoint(Math.max(address, w.address()), access);
                }
            }
        }
        if (access == Prot.WRITE) {
            p.writable(ownPages);
            if (p.holdsCode) codeWatcher.codeWritten(address, size);
        }
        return p;
    }

    /**
     * Throws the fault an access of size bytes at address would raise (a memory fault, or a debugger's watchpoint),
     * without accessing anything: for instructions that touch several places (pairs, structures) and must fault
     * before any of their stores takes effect.
     */
    public void checkAccess(long address, int size, int access) {
        int inFirst = Math.min(size, PAGE_SIZE - (int) (address & PAGE_MASK));
        access(address, inFirst, access);
        if (inFirst < size) access(address + inFirst, size - inFirst, access);
    }

    /**
     * Throws the fault the translation of address raises for an access of the given kind (0: only whether it is
     * mapped), ignoring watchpoints: for cache maintenance instructions, which access nothing.
     */
    void checkPermission(long address, int access) {
        Page p = page(address);
        if (p == null) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_UNMAPPED : FaultKind.READ_UNMAPPED, address, null);
        }
        if ((p.prot & access) != access) {
            throw new A64Fault(access == Prot.WRITE ? FaultKind.WRITE_PROT : FaultKind.READ_PROT, address, null);
        }
    }

    /** The instruction word at pc (pc is 4-byte aligned). */
    public int fetch(long pc) {
        return getInt(access(pc, 4, Prot.EXEC), (int) (pc & PAGE_MASK));
    }

    public int load8(long address) {
        return getByte(access(address, 1, Prot.READ), (int) (address & PAGE_MASK));
    }

    public int load16(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 2) return getShort(access(address, 2, Prot.READ), off);
        return (int) loadSplit(address, 2);
    }

    public int load32(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 4) return getInt(access(address, 4, Prot.READ), off);
        return (int) loadSplit(address, 4);
    }

    public long load64(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 8) return getLong(access(address, 8, Prot.READ), off);
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
        putByte(access(address, 1, Prot.WRITE), (int) (address & PAGE_MASK), value);
    }

    public void store16(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 2) {
            storeSplit(address, value, 2);
            return;
        }
        putShort(access(address, 2, Prot.WRITE), off, value);
    }

    public void store32(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 4) {
            storeSplit(address, value, 4);
            return;
        }
        putInt(access(address, 4, Prot.WRITE), off, value);
    }

    public void store64(long address, long value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 8) {
            storeSplit(address, value, 8);
            return;
        }
        putLong(access(address, 8, Prot.WRITE), off, value);
    }

    private void storeSplit(long address, long value, int size) {
        checkAccess(address, size, Prot.WRITE);
        for (int i = 0; i < size; i++) store8(address + i, (int) (value >>> (8 * i)));
    }

    // ---- the CPU side: atomic accesses (several cores on one memory) ----

    /**
     * Atomically: if the size bytes (1, 2, 4 or 8, address aligned to size) at address hold expected's low bytes,
     * replaces them with replacement's; returns the bytes found (the witness), zero-extended. A store's checks come
     * first (permission, watchpoints, the code watcher, the page's own bytes), even when nothing is written. A byte or
     * halfword is exchanged within the aligned word holding it, its neighbours left as they are, whatever other cores
     * do to them meanwhile. One hardware compare-and-exchange (a loop of them for a byte or halfword), so atomic
     * against every other core's accesses, plain stores included.
     */
    long compareAndExchange(long address, int size, long expected, long replacement) {
        checkAligned(address, size);
        Page p = access(address, size, Prot.WRITE);
        p.writable(ownPages);
        int off = (int) (address & PAGE_MASK);
        return DIRECT ? compareAndExchange(p.buffer, off, size, expected, replacement)
                : compareAndExchange(p.data, off, size, expected, replacement);
    }

    private static long compareAndExchange(byte[] d, int off, int size, long expected, long replacement) {
        switch (size) {
            case 8:
                return (long) LONG.compareAndExchange(d, off, expected, replacement);
            case 4:
                return (int) INT.compareAndExchange(d, off, (int) expected, (int) replacement) & 0xffffffffL;
            default:
                int word = off & ~3, shift = 8 * (off & 3), mask = size == 1 ? 0xff : 0xffff;
                int want = (int) expected & mask, put = (int) replacement & mask;
                int w = (int) INT.getVolatile(d, word);
                while (true) {
                    int old = (w >>> shift) & mask;
                    if (old != want) return old;
                    int witness = (int) INT.compareAndExchange(d, word, w, (w & ~(mask << shift)) | put << shift);
                    if (witness == w) return old;
                    w = witness; // a neighbour or our bytes changed: look again
                }
        }
    }

    /** The same on a direct buffer (the VarHandles differ by the type they access, hence the copy). */
    private static long compareAndExchange(ByteBuffer d, int off, int size, long expected, long replacement) {
        switch (size) {
            case 8:
                return (long) D_LONG.compareAndExchange(d, off, expected, replacement);
            case 4:
                return (int) D_INT.compareAndExchange(d, off, (int) expected, (int) replacement) & 0xffffffffL;
            default:
                int word = off & ~3, shift = 8 * (off & 3), mask = size == 1 ? 0xff : 0xffff;
                int want = (int) expected & mask, put = (int) replacement & mask;
                int w = (int) D_INT.getVolatile(d, word);
                while (true) {
                    int old = (w >>> shift) & mask;
                    if (old != want) return old;
                    int witness = (int) D_INT.compareAndExchange(d, word, w, (w & ~(mask << shift)) | put << shift);
                    if (witness == w) return old;
                    w = witness; // a neighbour or our bytes changed: look again
                }
        }
    }

    /** An atomic read of size bytes (1, 2, 4 or 8, address aligned to size), zero-extended, with volatile order. */
    long loadVolatile(long address, int size) {
        checkAligned(address, size);
        Page p = access(address, size, Prot.READ);
        int off = (int) (address & PAGE_MASK);
        if (DIRECT) {
            ByteBuffer d = p.buffer;
            return switch (size) {
                case 8 -> (long) D_LONG.getVolatile(d, off);
                case 4 -> (int) D_INT.getVolatile(d, off) & 0xffffffffL;
                case 2 -> (short) D_SHORT.getVolatile(d, off) & 0xffffL;
                default -> ((int) D_INT.getVolatile(d, off & ~3) >>> 8 * (off & 3)) & 0xffL;
            };
        }
        byte[] d = p.data;
        return switch (size) {
            case 8 -> (long) LONG.getVolatile(d, off);
            case 4 -> (int) INT.getVolatile(d, off) & 0xffffffffL;
            case 2 -> (short) SHORT.getVolatile(d, off) & 0xffffL;
            default -> ((int) INT.getVolatile(d, off & ~3) >>> 8 * (off & 3)) & 0xffL;
        };
    }

    private static ByteBuffer newDirectPage() {
        return ByteBuffer.allocateDirect(PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean probeAtomics(Object probe, VarHandle longs, VarHandle ints, VarHandle shorts) {
        try {
            long witness = (long) longs.compareAndExchange(probe, 8, 0L, 1L);
            int word = (int) ints.compareAndExchange(probe, 4, 0, 2);
            ints.getVolatile(probe, 4);
            shorts.getVolatile(probe, 2);
            longs.setVolatile(probe, 8, (long) longs.getVolatile(probe, 8) + 1);
            return witness == 0 && word == 0 && (long) longs.get(probe, 8) == 2L && (int) ints.get(probe, 4) == 2;
        } catch (UnsupportedOperationException | IllegalStateException refused) {
            return false;
        }
    }

    /** -XX:MaxDirectMemorySize, or the JVM's default for it (the heap's maximum). */
    private static long maxDirectMemory() {
        try {
            long set = Long.parseLong(java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("MaxDirectMemorySize").getValue());
            if (set > 0) return set;
        } catch (RuntimeException | LinkageError notHotSpot) {
            // no such option or bean: the default
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static void checkAligned(long address, int size) {
        if (Long.bitCount(size) != 1 || size > 8 || (address & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format("atomic access of %d bytes at 0x%x", size, address));
        }
    }
}
