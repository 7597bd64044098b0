package org.mdemu.guest.kernel;

/**
 * The guest's clocks: CLOCK_REALTIME follows the host's wall clock, CLOCK_MONOTONIC counts from the VM's boot. It
 * also turns guest time limits (relative, or absolute on either clock) into host deadlines for blocking waits.
 */
public final class GuestClock {
    public static final int REALTIME = 0, MONOTONIC = 1;
    private final long bootNanos = System.nanoTime();

    public long monotonicNanos() {
        return System.nanoTime() - bootNanos;
    }

    public long realtimeNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public long nanos(int clockId) {
        return clockId == REALTIME ? realtimeNanos() : monotonicNanos();
    }

    /** The host deadline (System.nanoTime based) sec+nsec from now; saturates instead of overflowing. */
    public long deadlineAfter(long sec, long nsec) {
        long total = sec > 9_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        return saturatingAdd(System.nanoTime(), total);
    }

    /** The host deadline at which the guest clock will read sec+nsec (already passed: a deadline in the past). */
    public long deadlineAt(int clockId, long sec, long nsec) {
        long target = sec > 9_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        return saturatingAdd(System.nanoTime(), target - nanos(clockId));
    }

    /**
     * The host deadline of an absolute timespec at guest address ts on the given clock; -1 if the timespec is
     * invalid (negative, or nanoseconds out of range).
     */
    public long deadlineFromTimespec(org.mdemu.guest.machine.GuestMemory memory, long ts, int clockId) {
        long sec = memory.readLong(ts), nsec = memory.readLong(ts + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -1;
        return deadlineAt(clockId, sec, nsec);
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        if (b > 0 && r < a) return Long.MAX_VALUE - 1;
        return r;
    }
}
