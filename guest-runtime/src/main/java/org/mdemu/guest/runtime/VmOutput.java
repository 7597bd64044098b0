package org.mdemu.guest.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.mdemu.guest.kernel.GuestOutput;

/**
 * The VM's two output streams as the host sees them: the console (kernel and init lines, payload stdio when the VM
 * is debuggable) and logcat in threadtime format. A null pipe means that stream is not captured.
 */
public final class VmOutput implements GuestOutput {
    private final OutputPipe console;
    private final OutputPipe log;
    private final int pid;
    private final Clock clock;
    private final long bootNanos = System.nanoTime();
    private final LogcatFormatter logcat = new LogcatFormatter(ZoneOffset.UTC);

    public VmOutput(OutputPipe console, OutputPipe log, int pid, Clock clock) {
        this.console = console;
        this.log = log;
        this.pid = pid;
        this.clock = clock;
    }

    @Override
    public void console(byte[] data, int offset, int length) {
        if (console != null) console.write(data, offset, length);
    }

    /** A kernel-style console line: {@code [    1.234567] text}. */
    public void kernelLine(String text) {
        double seconds = (System.nanoTime() - bootNanos) / 1e9;
        byte[] b = String.format("[%12.6f] %s%n", seconds, text).getBytes(StandardCharsets.UTF_8);
        console(b, 0, b.length);
    }

    @Override
    public void log(int priority, String tag, String message, int tid) {
        if (log == null) return;
        byte[] b = logcat.format(clock.instant(), pid, tid, priority, tag == null ? "" : tag, message)
                .getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
