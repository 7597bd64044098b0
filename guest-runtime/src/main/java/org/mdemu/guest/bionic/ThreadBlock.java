package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The per-thread page bionic keeps beside a thread's stack: its pthread control structure (what a pthread_t points
 * at), its errno, and the TLS slot array TPIDR_EL0 points at. Slot 1 holds the pthread_t and slot 5 the stack
 * protector's canary, as in bionic's arm64 layout (tls_defines.h); the tid sits at offset 16 of the control
 * structure, where bionic's pthread_internal_t keeps it.
 */
public record ThreadBlock(long base, long pthread, long errno, long tp) {
    public static final long SIZE = 4096;
    private static final long PTHREAD = 0, ERRNO = 256, TP = 512;
    private static final int SLOT_THREAD_ID = 1, SLOT_STACK_GUARD = 5;

    public static ThreadBlock allocate(MemoryManager mm, GuestMemory memory, int tid, long canary) {
        long base = mm.mapAnonymous(SIZE, 4096, Prot.RW, "[anon:bionic TLS]");
        ThreadBlock b = new ThreadBlock(base, base + PTHREAD, base + ERRNO, base + TP);
        memory.writeLong(b.tp + 8L * SLOT_THREAD_ID, b.pthread);
        memory.writeLong(b.tp + 8L * SLOT_STACK_GUARD, canary);
        b.setTid(memory, tid);
        return b;
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
