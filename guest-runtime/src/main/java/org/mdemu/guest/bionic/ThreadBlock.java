package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The per-thread area bionic keeps at the top of a thread's stack mapping: its pthread control structure (what a
 * pthread_t points at), its errno, the TLS slot array TPIDR_EL0 points at, and after those slots the static TLS block
 * of the payload's modules (one page, or as many as the static TLS needs). Threads libc creates get it inside their
 * stack mapping ({@link #initialise}); the main thread, set up before the payload is linked, in a mapping of its
 * own. Slot 1 holds the pthread_t and slot 5 the stack protector's canary, as in bionic's arm64 layout
 * (tls_defines.h); the tid sits at offset 16 of the control structure, where bionic's pthread_internal_t keeps it.
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
        long size = sizeFor(tls);
        long base = mm.mapAnonymous(size, alignmentFor(tls), Prot.RW, "[anon:bionic TLS]");
        return initialise(memory, base, tid, canary, tls, false);
    }

    /** The bytes a block needs for the static TLS tls describes (tls may be null), a whole number of pages. */
    public static long sizeFor(ThreadLocalStorage tls) {
        long staticSize = tls == null ? 0 : tls.staticSize();
        return alignUp(tpOffset(tls) + Math.max(staticSize, 64), PAGE);
    }

    /** The alignment a block's base needs so that its static TLS is aligned as the modules ask. */
    public static long alignmentFor(ThreadLocalStorage tls) {
        return Math.max(PAGE, tpOffset(tls));
    }

    private static long tpOffset(ThreadLocalStorage tls) {
        return tls == null ? TP : alignUp(TP, tls.staticAlignment());
    }

    /**
     * A block laid out at base ({@link #sizeFor} bytes, aligned to {@link #alignmentFor}), e.g. at the top of a
     * thread's stack mapping as bionic places pthread_internal_t and the static TLS there; a reused area is cleared
     * first ({@code dirty}).
     */
    static ThreadBlock initialise(GuestMemory memory, long base, int tid, long canary, ThreadLocalStorage tls,
                                  boolean dirty) {
        long size = sizeFor(tls);
        if (dirty) memory.fill(base, size, (byte) 0);
        ThreadBlock b = new ThreadBlock(base, size, base + PTHREAD, base + ERRNO, base + tpOffset(tls));
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
