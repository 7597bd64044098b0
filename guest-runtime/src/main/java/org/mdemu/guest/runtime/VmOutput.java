package org.mdemu.guest.runtime;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestOutput;

/**
 * The VM's two output streams as the host sees them: the console (kernel and init lines, payload stdio when the VM
 * is debuggable) and logcat in threadtime format. A null pipe means that stream is not captured.
 */
public final class VmOutput implements GuestOutput {
    private final OutputPipe console;
    private final OutputPipe log;
    private final int pid;
    private final GuestClock clock;
    private final java.time.Clock realtime;
    private final LogcatFormatter logcat = new LogcatFormatter(ZoneOffset.UTC);

    /** Timestamps (console seconds since boot, logcat wall-clock time) come from the guest's clock. */
    public VmOutput(OutputPipe console, OutputPipe log, int pid, GuestClock clock) {
        this.console = console;
        this.log = log;
        this.pid = pid;
        this.clock = clock;
        this.realtime = clock.asRealtimeClock();
    }

    @Override
    public void console(byte[] data, int offset, int length) {
        if (console != null) console.write(data, offset, length);
    }

    /** A kernel-style console line: {@code [    1.234567] text}. */
    public void kernelLine(String text) {
        double seconds = clock.monotonicNanos() / 1e9;
        byte[] b = String.format("[%12.6f] %s%n", seconds, text).getBytes(StandardCharsets.UTF_8);
        console(b, 0, b.length);
    }

    @Override
    public void log(int priority, String tag, String message, int tid) {
        log(pid, priority, tag, message, tid);
    }

    private void log(int processId, int priority, String tag, String message, int tid) {
        if (log == null) return;
        byte[] b = logcat.format(realtime.instant(), processId, tid, priority, tag == null ? "" : tag, message)
                .getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }

    /** The same console and log, with log records carrying another process's pid (a forked child's). */
    public GuestOutput forProcess(int processId) {
        return new GuestOutput() {
            @Override
            public void console(byte[] data, int offset, int length) {
                VmOutput.this.console(data, offset, length);
            }

            @Override
            public void log(int priority, String tag, String message, int tid) {
                VmOutput.this.log(processId, priority, tag, message, tid);
            }
        };
    }
}
