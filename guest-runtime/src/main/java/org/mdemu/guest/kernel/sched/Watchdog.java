package org.mdemu.guest.kernel.sched;

import java.util.function.Consumer;

/**
 * Reports a process whose threads are all blocked in waits nothing will end (a deadlock, a futex wait without a
 * timeout, pause()), once per such stretch, after a delay: as a device's watchdog would say it, while the process
 * keeps waiting. Waits with a deadline, or that the host can end (vsock, binder), are not reported.
 */
public final class Watchdog implements AutoCloseable {
    private final Scheduler scheduler;
    private final long delayNanos;
    private final Consumer<String> report;
    private final Thread thread;
    private volatile boolean closed;

    public Watchdog(Scheduler scheduler, long delayNanos, Consumer<String> report) {
        this.scheduler = scheduler;
        this.delayNanos = delayNanos;
        this.report = report;
        this.thread = new Thread(this::watch, "mdemu-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        long reportedStretch = -1;
        long period = Math.max(1_000_000L, Math.min(delayNanos / 4, 1_000_000_000L));
        while (!closed && scheduler.termination() == null) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, period);
            long since = scheduler.blockedForeverSince();
            long stretch = scheduler.handOffs();
            if (since == -1 || stretch == reportedStretch || System.nanoTime() - since < delayNanos) continue;
            java.util.List<String> threads = scheduler.describeThreads();
            // Checked again after describing them: a thread woken meanwhile makes the report void.
            if (scheduler.blockedForeverSince() != since || scheduler.handOffs() != stretch) continue;
            reportedStretch = stretch;
            report.accept(String.format("all %d thread%s blocked for %s: %s", threads.size(),
                    threads.size() == 1 ? "" : "s", seconds(System.nanoTime() - since), String.join("; ", threads)));
        }
    }

    private static String seconds(long nanos) {
        long millis = nanos / 1_000_000;
        return millis >= 10_000 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }

    @Override
    public void close() {
        closed = true;
        java.util.concurrent.locks.LockSupport.unpark(thread);
    }
}
