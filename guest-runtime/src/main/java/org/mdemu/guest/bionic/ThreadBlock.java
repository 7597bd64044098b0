package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The per-thread area bionic keeps beside a thread's stack: its pthread control structure (what a pthread_t points
 * at), its errno, the TLS slot array TPIDR_EL0 points at, and after those slots the static TLS block of the
 * payload's modules (one page, or as many as the static TLS needs). Slot 1 holds the pthread_t and slot 5 the stack
 * protector's canary, as in bionic's arm64 layout (tls_defines.h); the tid sits at offset 16 of the control
 * structure, where bionic's pthread_internal_t keeps it.
 */
public record ThreadBlock(long base, long size, long pthread, long errno, long tp) {
    private static final long PAGE = 4096;
    private static final long PTHREAD = 0, ERRNO = 256, TP = 512;
    private static final int SLOT_THREAD_ID = 1, SLOT_STACK_GUARD = 5;

    /** A block for a thread before any payload module is loaded (no static TLS yet). */
    public static ThreadBlock allocate(MemoryManager mm, GuestMemory memory, int tid, long canary) {
        return allocate(mm, memory, tid, canary, null);
    }

    /** A block with room for the static TLS tls describes, its modules' blocks initialised (tls may be null). */
    public static ThreadBlock allocate(MemoryManager mm, GuestMemory memory, int tid, long canary,
                                       ThreadLocalStorage tls) {
        return allocate(mm, memory, tid, canary, tls, null);
    }

    /** As above, reusing (and clearing) a block an ended thread left in the cache when there is one. */
    static ThreadBlock allocate(MemoryManager mm, GuestMemory memory, int tid, long canary, ThreadLocalStorage tls,
                                ThreadAreaCache cache) {
        long tpOffset = tls == null ? TP : alignUp(TP, tls.staticAlignment());
        long staticSize = tls == null ? 0 : tls.staticSize();
        long size = alignUp(tpOffset + Math.max(staticSize, 64), PAGE);
        long base = cache == null ? 0 : cache.take(size, 0);
        if (base != 0 && base % Math.max(PAGE, tpOffset) == 0) {
            memory.write(base, new byte[(int) size]);
        } else {
            if (base != 0) mm.munmap(base, size);
            base = mm.mapAnonymous(size, Math.max(PAGE, tpOffset), Prot.RW, "[anon:bionic TLS]");
        }
        ThreadBlock b = new ThreadBlock(base, size, base + PTHREAD, base + ERRNO, base + tpOffset);
        memory.writeLong(b.tp + 8L * SLOT_THREAD_ID, b.pthread);
        memory.writeLong(b.tp + 8L * SLOT_STACK_GUARD, canary);
        b.setTid(memory, tid);
        if (tls != null) tls.initialise(b.tp);
        return b;
    }

    /**
     * Gives a thread that existed before the payload was linked (the main thread) its static TLS: initialised in
     * place when it fits after the slots, else in a new area whose slots are copied from the old ones (pthread_t and
     * errno stay where they were). Returns the thread pointer to use from now on.
     */
    public long withStaticTls(MemoryManager mm, GuestMemory memory, ThreadLocalStorage tls) {
        long align = tls.staticAlignment();
        if (tp % align == 0 && tp + tls.staticSize() <= base + size) {
            tls.initialise(tp);
            return tp;
        }
        long area = mm.mapAnonymous(alignUp(tls.staticSize(), PAGE), Math.max(PAGE, align), Prot.RW,
                "[anon:bionic TLS]");
        memory.write(area, memory.read(tp, 64));
        tls.initialise(area);
        return area;
    }

    private static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }

    public void setTid(GuestMemory memory, int tid) {
        memory.writeInt(pthread + 16, tid);
    }

    /** The pthread_t of the thread whose TLS slots start at tp. */
    public static long pthreadOf(GuestMemory memory, long tp) {
        return memory.readLong(tp + 8L * SLOT_THREAD_ID);
    }

    public static long canaryOf(GuestMemory memory, long tp) {
        return memory.readLong(tp + 8L * SLOT_STACK_GUARD);
    }
}
