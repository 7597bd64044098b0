package org.mdemu.guest.kernel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The guest's clocks. By default CLOCK_REALTIME follows the host's wall clock and CLOCK_MONOTONIC counts host time
 * from the VM's boot. A virtual clock (deterministic mode) counts no host time at all: it starts at
 * {@link #VIRTUAL_EPOCH_SECONDS} and moves only when the thread holding the CPU charges it for work done
 * ({@link #advance}) or when every thread waits and time jumps to the earliest deadline ({@link #advanceTo}), so the
 * same run reads the same times. Both clocks are derived from the same count.
 *
 * <p>It also turns guest time limits (relative, or absolute on either clock) into deadlines for blocking waits.
 * Deadlines are on {@link #now()}'s scale: {@link System#nanoTime} normally, the virtual count when virtual.
 */
public final class GuestClock {
    public static final int REALTIME = 0, MONOTONIC = 1;
    /** Where a virtual CLOCK_REALTIME starts: 2024-01-01T00:00:00Z. */
    public static final long VIRTUAL_EPOCH_SECONDS = 1_704_067_200L;
    /** Virtual time one trap into the system (a syscall or libc function) costs. */
    public static final long TRAP_NANOS = 1_000L;
    /** Virtual time one used-up instruction budget (a time slice) costs. */
    public static final long SLICE_NANOS = 1_000_000L;

    private final boolean virtual;
    private final long bootNanos;
    /** The virtual count in ns since boot; only written under this object's monitor. */
    private volatile long virtualNanos;

    private GuestClock(boolean virtual) {
        this.virtual = virtual;
        this.bootNanos = virtual ? 0 : System.nanoTime();
    }

    /** Clocks following the host's time. */
    public GuestClock() {
        this(false);
    }

    /** A clock that counts only work done in the guest, starting at the fixed epoch. */
    public static GuestClock virtual() {
        return new GuestClock(true);
    }

    public boolean isVirtual() {
        return virtual;
    }

    /** The current point on the deadline scale. */
    public long now() {
        return virtual ? virtualNanos : System.nanoTime();
    }

    public long monotonicNanos() {
        return virtual ? virtualNanos : System.nanoTime() - bootNanos;
    }

    public long realtimeNanos() {
        if (virtual) return VIRTUAL_EPOCH_SECONDS * 1_000_000_000L + virtualNanos;
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public long nanos(int clockId) {
        return clockId == REALTIME ? realtimeNanos() : monotonicNanos();
    }

    /** Charges work done to a virtual clock; a host clock ignores it. */
    public synchronized void advance(long nanos) {
        if (virtual) virtualNanos += nanos;
    }

    /** Moves a virtual clock forward to a deadline (never backwards); a host clock ignores it. */
    public synchronized void advanceTo(long deadline) {
        if (virtual && deadline > virtualNanos) virtualNanos = deadline;
    }

    /** CLOCK_REALTIME as a {@link java.time.Clock}, for timestamps the host writes (logcat lines). */
    public java.time.Clock asRealtimeClock() {
        return new RealtimeView(ZoneOffset.UTC);
    }

    private final class RealtimeView extends java.time.Clock {
        private final ZoneId zone;

        RealtimeView(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public java.time.Clock withZone(ZoneId other) {
            return new RealtimeView(other);
        }

        @Override
        public Instant instant() {
            long n = realtimeNanos();
            return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
        }
    }

    /** The deadline sec+nsec from now; saturates instead of overflowing. */
    public long deadlineAfter(long sec, long nsec) {
        long total = sec > 9_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        return saturatingAdd(now(), total);
    }

    /** The deadline at which the guest clock will read sec+nsec (already passed: a deadline in the past). */
    public long deadlineAt(int clockId, long sec, long nsec) {
        long target = sec > 9_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        return saturatingAdd(now(), target - nanos(clockId));
    }

    /**
     * The deadline of an absolute timespec at guest address ts on the given clock; -1 if the timespec is invalid
     * (negative, or nanoseconds out of range).
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
