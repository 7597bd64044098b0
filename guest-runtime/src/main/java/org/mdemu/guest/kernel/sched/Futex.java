package org.mdemu.guest.kernel.sched;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Fast user-space mutexes: wait queues keyed by guest address, as the kernel's futex(2). Every guest process is
 * single, so private and shared futexes share one table. The guest's own pthread objects in libc are built on the
 * same queues. Called only by the thread holding the CPU, so the value check and the enqueue are atomic with respect
 * to every guest thread.
 */
public final class Futex {
    public static final int MATCH_ANY = 0xffffffff;

    private final Scheduler scheduler;
    private final GuestMemory memory;
    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();

    public Futex(Scheduler scheduler, GuestMemory memory) {
        this.scheduler = scheduler;
        this.memory = memory;
    }

    /**
     * FUTEX_WAIT(_BITSET): sleeps while *address == expected, until woken or the deadline (on GuestClock.now's scale,
     * Long.MAX_VALUE for none). Returns 0, -EAGAIN if the value differs, -ETIMEDOUT.
     */
    public long waitIfEquals(long address, int expected, long deadline, int bitset) {
        if (bitset == 0) return -Errno.EINVAL;
        if ((address & 3) != 0) return -Errno.EINVAL;
        scheduler.requireOutsideTrap();
        if (memory.readInt(address) != expected) return -Errno.EAGAIN;
        return sleepInterruptibly(address, deadline, bitset);
    }

    /** Queues the current thread on address and blocks; 0 when woken, -ETIMEDOUT, or -EINTR for a signal. */
    public long sleepInterruptibly(long address, long deadline, int bitset) {
        scheduler.requireOutsideTrap();
        Waiter w = new Waiter(scheduler.current(), bitset).interruptible().onFutex(address);
        queues.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(w);
        boolean woken = scheduler.block(w, deadline);
        if (!woken) remove(w);
        return woken ? 0 : w.interrupted() ? -Errno.EINTR : -Errno.ETIMEDOUT;
    }

    /** Queues the current thread on address and blocks; returns whether it was woken (false: deadline passed). */
    public boolean sleep(long address, long deadline, int bitset) {
        scheduler.requireOutsideTrap();
        GuestThread self = scheduler.current();
        Waiter w = new Waiter(self, bitset).onFutex(address);
        queues.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(w);
        boolean woken = scheduler.block(w, deadline);
        if (!woken) remove(w);
        return woken;
    }

    /** FUTEX_WAKE(_BITSET): wakes up to count waiters on address whose bitset matches; returns how many. */
    public int wake(long address, int count, int bitset) {
        ArrayDeque<Waiter> q = queues.get(address);
        if (q == null) return 0;
        int woken = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && woken < count; ) {
            Waiter w = it.next();
            if ((w.bitset() & bitset) == 0) continue;
            it.remove();
            scheduler.wake(w);
            woken++;
        }
        if (q.isEmpty()) queues.remove(address);
        return woken;
    }

    /** Wakes the longest waiting thread on address and tells which it was (null if none waits). */
    public GuestThread wakeFirst(long address) {
        ArrayDeque<Waiter> q = queues.get(address);
        if (q == null) return null;
        Waiter w = q.pollFirst();
        if (q.isEmpty()) queues.remove(address);
        if (w == null) return null;
        scheduler.wake(w);
        return w.thread();
    }

    /**
     * FUTEX_REQUEUE / CMP_REQUEUE: wakes up to wakeCount waiters of from and moves up to requeueCount of the rest to
     * to. Returns how many were woken plus moved.
     */
    public int requeue(long from, long to, int wakeCount, int requeueCount) {
        int woken = wake(from, wakeCount, MATCH_ANY);
        ArrayDeque<Waiter> q = queues.get(from);
        int moved = 0;
        while (q != null && !q.isEmpty() && moved < requeueCount) {
            queues.computeIfAbsent(to, a -> new ArrayDeque<>()).addLast(q.pollFirst());
            moved++;
        }
        if (q != null && q.isEmpty()) queues.remove(from);
        return woken + moved;
    }

    private void remove(Waiter w) {
        // A requeued waiter may sit under another address; look everywhere (rare: only on timeouts).
        for (Iterator<Map.Entry<Long, ArrayDeque<Waiter>>> it = queues.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ArrayDeque<Waiter>> e = it.next();
            if (e.getValue().remove(w) && e.getValue().isEmpty()) it.remove();
        }
    }

    /** How many threads wait on address (for tests and diagnostics). */
    public int waiters(long address) {
        ArrayDeque<Waiter> q = queues.get(address);
        return q == null ? 0 : q.size();
    }
}
