package org.mdemu.emulator.a64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.machine.ProtectedMemory;

/**
 * Guest memory of the Java engine: 4 KiB pages on the Java heap, found through a three-level table indexed by the
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
 * <p>Guest memory is bounded as on the Unicorn engines by the kernel's accounting of mappings (the VM's memory size,
 * RLIMIT_AS); on top, the pages holding bytes, over every machine of the JVM, stay under three quarters of the Java
 * heap: the store that would pass that is a {@link GuestOutOfMemoryException}, never the JVM's OutOfMemoryError,
 * which would take every VM of the process with it.
 */
public final class PagedMemory extends ProtectedMemory {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** What every page holds until its first store: read freely, never written. */
    private static final byte[] ZEROS = new byte[PAGE_SIZE];
    private static final int TLB_SIZE = 256;
    /** Pages holding bytes (not {@link #ZEROS}), over every PagedMemory of the JVM. */
    private static final AtomicLong HEAP_PAGES = new AtomicLong();
    /** The most pages {@link #HEAP_PAGES} may reach; tests lower it. */
    static volatile long heapPageLimit = Runtime.getRuntime().maxMemory() / 4 * 3 / PAGE_SIZE;
    private static final Cleaner CLEANER = Cleaner.create();

    /** One mapped page: its bytes, the guest's protection, whether translations were made from it. */
    static final class Page {
        /** The page's address; the cache compares it to tell which page an entry holds. */
        final long base;
        /** The page's bytes: {@link #ZEROS} until the first store. Replaced only under the page's lock. */
        byte[] data = ZEROS;
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
            if (holdsCode || data == ZEROS) p &= ~Prot.WRITE;
            cpuProt = p;
        }

        /** The page's own bytes, allocated at the first store and counted in own (unless already unmapped). */
        byte[] writable(AtomicLong own) {
            byte[] d = data;
            if (d != ZEROS) return d;
            synchronized (this) {
                if (data == ZEROS) {
                    if (!unmapped) {
                        if (HEAP_PAGES.incrementAndGet() > heapPageLimit) {
                            HEAP_PAGES.decrementAndGet();
                            throw new GuestOutOfMemoryException(String.format("guest pages would take more than"
                                    + " %d MiB of the Java heap", heapPageLimit * PAGE_SIZE >> 20));
                        }
                        own.incrementAndGet();
                    }
                    try {
                        data = new byte[PAGE_SIZE];
                    } catch (OutOfMemoryError e) {
                        if (!unmapped) {
                            HEAP_PAGES.decrementAndGet();
                            own.decrementAndGet();
                        }
                        throw new GuestOutOfMemoryException("the Java heap has no room for another guest page");
                    }
                    recompute();
                }
                return data;
            }
        }

        /** Marks the page unmapped: cached entries of it miss from now on, and its bytes are no longer counted. */
        synchronized void unmap(AtomicLong own) {
            if (unmapped) return;
            unmapped = true;
            if (data != ZEROS) {
                HEAP_PAGES.decrementAndGet();
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
    /** This memory's share of {@link #HEAP_PAGES}, given back when it is released or collected. */
    private final AtomicLong ownPages = new AtomicLong();

    public PagedMemory() {
        AtomicLong own = ownPages;
        CLEANER.register(this, () -> HEAP_PAGES.addAndGet(-own.getAndSet(0)));
    }

    /** Pages holding bytes over every PagedMemory of the JVM. */
    static long heapPages() {
        return HEAP_PAGES.get();
    }

    /** Pages of this memory holding bytes. */
    long ownPages() {
        return ownPages.get();
    }

    /** Unmaps everything (the machine is closed): its pages no longer count, and the heap may take them back. */
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
            System.arraycopy(hostPage(address).data, (int) (address & PAGE_MASK), dst, offset, n);
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
            System.arraycopy(src, offset, p.writable(ownPages), (int) (address & PAGE_MASK), n);
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
        return (int) INT.get(access(pc, 4, Prot.EXEC).data, (int) (pc & PAGE_MASK));
    }

    public int load8(long address) {
        return access(address, 1, Prot.READ).data[(int) (address & PAGE_MASK)] & 0xff;
    }

    public int load16(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 2) return (short) SHORT.get(access(address, 2, Prot.READ).data, off) & 0xffff;
        return (int) loadSplit(address, 2);
    }

    public int load32(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 4) return (int) INT.get(access(address, 4, Prot.READ).data, off);
        return (int) loadSplit(address, 4);
    }

    public long load64(long address) {
        int off = (int) (address & PAGE_MASK);
        if (off <= PAGE_SIZE - 8) return (long) LONG.get(access(address, 8, Prot.READ).data, off);
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
        access(address, 1, Prot.WRITE).data[(int) (address & PAGE_MASK)] = (byte) value;
    }

    public void store16(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 2) {
            storeSplit(address, value, 2);
            return;
        }
        SHORT.set(access(address, 2, Prot.WRITE).data, off, (short) value);
    }

    public void store32(long address, int value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 4) {
            storeSplit(address, value, 4);
            return;
        }
        INT.set(access(address, 4, Prot.WRITE).data, off, value);
    }

    public void store64(long address, long value) {
        int off = (int) (address & PAGE_MASK);
        if (off > PAGE_SIZE - 8) {
            storeSplit(address, value, 8);
            return;
        }
        LONG.set(access(address, 8, Prot.WRITE).data, off, value);
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
     * do to them meanwhile.
     */
    long compareAndExchange(long address, int size, long expected, long replacement) {
        checkAligned(address, size);
        byte[] d = access(address, size, Prot.WRITE).writable(ownPages);
        int off = (int) (address & PAGE_MASK);
        if (!HEAP_ATOMICS) return compareAndExchangeLocked(d, off, size, expected, replacement);
        switch (size) {
            case 8:
                return (long) LONG.compareAndExchange(d, off, expected, replacement);
            case 4:
                return (int) INT.compareAndExchange(d, off, (int) expected, (int) replacement) & 0xffffffffL;
            default:
                return compareAndExchangeInWord(d, off, size, expected, replacement);
        }
    }

    /** A 1- or 2-byte compare-and-exchange as a loop of 4-byte ones on the aligned word holding the bytes. */
    private static long compareAndExchangeInWord(byte[] d, int off, int size, long expected, long replacement) {
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

    /** An atomic read of size bytes (1, 2, 4 or 8, address aligned to size), zero-extended, with volatile order. */
    long loadVolatile(long address, int size) {
        checkAligned(address, size);
        byte[] d = access(address, size, Prot.READ).data;
        int off = (int) (address & PAGE_MASK);
        if (!HEAP_ATOMICS) {
            synchronized (lockOf(d, off)) {
                return plainLoad(d, off, size);
            }
        }
        return switch (size) {
            case 8 -> (long) LONG.getVolatile(d, off);
            case 4 -> (int) INT.getVolatile(d, off) & 0xffffffffL;
            case 2 -> (short) SHORT.getVolatile(d, off) & 0xffffL;
            default -> ((int) INT.getVolatile(d, off & ~3) >>> 8 * (off & 3)) & 0xffL;
        };
    }

    /**
     * Whether this JVM executes atomic accesses to a byte array (compare-and-exchange, volatile reads) in hardware:
     * JDK 17 to 21 do; from JDK 22 on, views of byte arrays refuse every atomic access mode (a heap array's elements
     * need not be aligned), and the engine serialises its atomics on locks instead. Those are atomic only with each
     * other, not with a plain store of another core, so VMs then run one vCPU (see CpuEngine).
     */
    static final boolean HEAP_ATOMICS = probeHeapAtomics();

    private static boolean probeHeapAtomics() {
        byte[] probe = new byte[16];
        try {
            LONG.compareAndExchange(probe, 8, 0L, 1L);
            INT.getVolatile(probe, 4);
            SHORT.getVolatile(probe, 2);
            return (long) LONG.get(probe, 8) == 1L;
        } catch (UnsupportedOperationException | IllegalStateException refused) {
            return false;
        }
    }

    /** Whether several cores on one memory get read-modify-writes atomic against every store (see HEAP_ATOMICS). */
    public static boolean atomicAgainstPlainStores() {
        return HEAP_ATOMICS;
    }

    private static final Object[] ATOMIC_LOCKS = new Object[64];

    static {
        for (int i = 0; i < ATOMIC_LOCKS.length; i++) ATOMIC_LOCKS[i] = new Object();
    }

    /** The lock of the aligned 8 bytes holding d[off] when atomics are serialised: the same for every size there. */
    private static Object lockOf(byte[] d, int off) {
        return ATOMIC_LOCKS[(System.identityHashCode(d) ^ (off >>> 3)) & (ATOMIC_LOCKS.length - 1)];
    }

    private static long compareAndExchangeLocked(byte[] d, int off, int size, long expected, long replacement) {
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        synchronized (lockOf(d, off)) {
            long old = plainLoad(d, off, size);
            if (old == (expected & mask)) {
                switch (size) {
                    case 8 -> LONG.set(d, off, replacement);
                    case 4 -> INT.set(d, off, (int) replacement);
                    case 2 -> SHORT.set(d, off, (short) replacement);
                    default -> d[off] = (byte) replacement;
                }
            }
            return old;
        }
    }

    private static long plainLoad(byte[] d, int off, int size) {
        return switch (size) {
            case 8 -> (long) LONG.get(d, off);
            case 4 -> (int) INT.get(d, off) & 0xffffffffL;
            case 2 -> (short) SHORT.get(d, off) & 0xffffL;
            default -> d[off] & 0xffL;
        };
    }

    private static void checkAligned(long address, int size) {
        if (Long.bitCount(size) != 1 || size > 8 || (address & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format("atomic access of %d bytes at 0x%x", size, address));
        }
    }
}
