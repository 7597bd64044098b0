package org.mdemu.guest.kernel.process;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * User and system CPU time, as struct rusage's ru_utime and ru_stime carry it. A process measures its own as
 * getrusage(RUSAGE_SELF) does in mdemu: the host thread's time running the guest.
 */
public record CpuTime(long userNanos, long systemNanos) {
    public static final CpuTime ZERO = new CpuTime(0, 0);

    /** The calling host thread's CPU time. */
    public static CpuTime currentThread() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) return ZERO;
        long cpu = mx.getCurrentThreadCpuTime();
        long user = mx.getCurrentThreadUserTime();
        return new CpuTime(Math.max(0, user), Math.max(0, cpu - user));
    }

    public CpuTime plus(CpuTime other) {
        return new CpuTime(userNanos + other.userNanos, systemNanos + other.systemNanos);
    }
}
