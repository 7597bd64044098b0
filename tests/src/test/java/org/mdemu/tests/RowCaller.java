package org.mdemu.tests;

import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockListener;

/**
 * Drives rowcall.apk: a payload that calls any library function or syscall the host names, with the arguments the
 * host gives. One VM at a time; when a call ends the process (exit, a fatal signal) or blocks it for good (the
 * watchdog says so), that VM is stopped and the next call gets a fresh one. Every VM must end as the device would:
 * an emulator error (onError, STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR) is recorded as a problem, as is a call
 * that neither returns, ends nor blocks the process (a Java loop that never ends).
 */
final class RowCaller implements AutoCloseable {
    static final int PORT = 7345;
    /** Regions of the guest's pages an argument can point into (rowcall.c's tags; its ROW_FUZZ build adds UNTERMINATED). */
    static final byte LITERAL = 0, SCRATCH = 1, READ_ONLY = 2, NO_ACCESS = 3, EXECUTE_ONLY = 4, UNMAPPED = 5,
            UNTERMINATED = 6;
    private static final int REQUEST = 256, RESPONSE = 48;

    /** A call: a library function by name, or a syscall by number. */
    record Call(String name, int syscall, long[] x, byte[] tags, double[] d) {
        static Call function(String name, long[] x, byte[] tags, double[] d) {
            return new Call(name, -1, x, tags, d);
        }

        static Call syscall(int number, long[] x, byte[] tags) {
            return new Call("syscall " + number, number, x, tags, new double[8]);
        }

        String describe() {
            StringBuilder b = new StringBuilder(name).append('(');
            for (int i = 0; i < 8; i++) {
                if (i > 0) b.append(", ");
                b.append(tags[i] == LITERAL ? "" : new String[] {"", "scratch+", "ro+", "none+", "xo+", "unmapped+", "unterminated+"}[tags[i]])
                        .append(String.format("0x%x", x[i]));
            }
            b.append(")");
            // A function's FP registers matter too (libm); shown when any is set.
            if (syscall < 0 && java.util.Arrays.stream(d).anyMatch(v -> Double.doubleToRawLongBits(v) != 0)) {
                b.append(" d=").append(java.util.Arrays.toString(d));
            }
            return b.toString();
        }
    }

    sealed interface Outcome {
        record Returned(long x0, long x1, double d0, int errno) implements Outcome {}

        record Signal(int signo, int code, long address) implements Outcome {}

        record NoSuchSymbol() implements Outcome {}

        /** The process ended: how, in the stop reason's words. */
        record Ended(String how) implements Outcome {}

        record Blocked(String watchdog) implements Outcome {}
    }

    private final Path instances;
    private final String payload;
    private final VsockListener listener;
    private final Duration hangLimit;
    private final List<String> problems = new ArrayList<>();
    private Session session;
    private int vms;

    RowCaller(Path instances, Duration hangLimit) throws Exception {
        this(instances, hangLimit, "rowcall", PORT);
    }

    /** Drives payload (an APK fixture speaking rowcall's protocol) connecting to host port port. */
    RowCaller(Path instances, Duration hangLimit, String payload, int port) throws Exception {
        this.instances = instances;
        this.hangLimit = hangLimit;
        this.payload = payload;
        this.listener = VirtualMachineManager.listenVsock(port);
    }

    /** Emulator errors and hangs seen so far, each with the call that caused it. */
    List<String> problems() {
        return problems;
    }

    int vmsStarted() {
        return vms;
    }

    private final class Session {
        final VirtualMachine vm;
        final String name = payload + vms;
        final RecordingCallback callback = new RecordingCallback();
        final StringBuffer console = new StringBuffer();
        final StringBuffer log = new StringBuffer();
        final VsockConnection connection;
        final InputStream in;
        final OutputStream out;

        Session() throws Exception {
            VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(payload))
                    .setPayloadBinaryName("lib" + payload + ".so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                    .setVmOutputCaptured(true).setDeterministic(vms).setWatchdogDelay(Duration.ofMillis(30))
                    .setEncryptedStorageBytes(1 << 20).build();
            vm = new VirtualMachineManager(instances).create(name, config);
            vms++;
            vm.setCallback(Runnable::run, callback);
            vm.run();
            InputStream consoleStream = vm.getConsoleOutput();
            Thread reader = new Thread(() -> {
                byte[] b = new byte[4096];
                try (consoleStream) {
                    for (int n; (n = consoleStream.read(b)) > 0; ) console.append(new String(b, 0, n, StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the VM is gone
                }
            }, "rowcall-console");
            reader.setDaemon(true);
            reader.start();
            InputStream logStream = vm.getLogOutput();
            Thread logReader = new Thread(() -> {
                byte[] b = new byte[4096];
                try (logStream) {
                    for (int n; (n = logStream.read(b)) > 0; ) log.append(new String(b, 0, n, StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the VM is gone
                }
            }, "rowcall-log");
            logReader.setDaemon(true);
            logReader.start();
            VsockConnection c = listener.accept(60, TimeUnit.SECONDS);
            if (c == null) throw new IllegalStateException("rowcall did not connect: " + console + callback.events);
            connection = c;
            connection.setReadTimeout(20);
            in = c.getInputStream();
            out = c.getOutputStream();
        }

        void end() {
            try {
                if (vm.getStatus() == VirtualMachine.STATUS_RUNNING) vm.stop();
                callback.awaitStopped();
            } catch (Exception e) {
                problems.add("cannot stop a rowcall VM: " + e);
            }
            connection.close();
        }
    }

    Outcome call(Call c) throws Exception {
        if (session == null) session = new Session();
        Session s = session;
        int consoleMark = s.console.length();
        ByteBuffer q = ByteBuffer.allocate(REQUEST).order(ByteOrder.LITTLE_ENDIAN);
        q.putInt(c.syscall() >= 0 ? 2 : 1).putInt(Math.max(c.syscall(), 0));
        for (long v : c.x()) q.putLong(v);
        q.put(c.tags()).put(new byte[8]);
        for (double v : c.d()) q.putDouble(v);
        byte[] name = c.syscall() >= 0 ? new byte[0] : c.name().getBytes(StandardCharsets.US_ASCII);
        q.put(name, 0, Math.min(name.length, 95));
        try {
            s.out.write(q.array());
            s.out.flush();
        } catch (IOException e) {
            return ended(s, c);
        }
        byte[] a = new byte[RESPONSE];
        int got = 0;
        long started = System.nanoTime();
        long deadline = started + hangLimit.toNanos();
        while (got < RESPONSE) {
            try {
                int n = s.in.read(a, got, RESPONSE - got);
                if (n < 0) return ended(s, c);
                got += n;
                continue;
            } catch (SocketTimeoutException waiting) {
                // look at the VM below
            } catch (IOException reset) {
                return ended(s, c);
            }
            if (s.callback.stopReason != Integer.MIN_VALUE) return ended(s, c);
            int watchdog = s.console.indexOf("watchdog: all", consoleMark);
            if (watchdog >= 0) {
                String line = s.console.substring(watchdog, Math.max(watchdog, s.console.indexOf("\n", watchdog)));
                session = null;
                s.end();
                check(s, c, STOP_REASON_KILLED);
                return new Outcome.Blocked(line);
            }
            String waiting = System.nanoTime() - started > WAIT_PROBE_NANOS ? waitingThreads(s) : null;
            // The answer may have come while the threads were looked at: rowcall then waits for the next request.
            if (waiting != null && s.in.available() > 0) continue;
            if (waiting != null) {
                // Blocked in a wait only the host could end (a binder pool waiting for connections, a long timed
                // wait): the watchdog rightly stays quiet, and the process waits as a device's would.
                session = null;
                s.end();
                check(s, c, STOP_REASON_KILLED);
                return new Outcome.Blocked("waiting: " + waiting);
            }
            if (System.nanoTime() > deadline) {
                problems.add(c.describe() + ": neither returned, ended nor blocked the process within " + hangLimit
                        + "; host threads:\n" + hostThreads());
                session = null;
                s.end();
                return new Outcome.Ended("hang");
            }
        }
        ByteBuffer r = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        int kind = r.getInt(), signo = r.getInt(), code = r.getInt(), errno = r.getInt();
        long x0 = r.getLong(), address = r.getLong();
        double d0 = r.getDouble();
        long x1 = r.getLong();
        return switch (kind) {
            case 0 -> new Outcome.Returned(x0, x1, d0, errno);
            case 1 -> new Outcome.Signal(signo, code, address);
            default -> new Outcome.NoSuchSymbol();
        };
    }

    /** The process ended during the call: it must have ended as a device's would. */
    private Outcome ended(Session s, Call c) throws InterruptedException {
        session = null;
        s.callback.awaitStopped();
        s.connection.close();
        check(s, c, -1);
        String how = s.callback.exitCode != null ? "exit " + s.callback.exitCode
                : s.vm.getCrashReport() != null ? "signal " + s.vm.getCrashReport().signal()
                : "stop reason " + s.callback.stopReason;
        if (s.callback.errorMessage != null) how += ": " + s.callback.errorMessage;
        String[] lines = s.console.toString().split("\n");
        if (s.callback.exitCode != null) how += " after \"" + lines[Math.max(0, lines.length - 2)] + "\"";
        return new Outcome.Ended(how);
    }

    private void check(Session s, Call c, int expectedReason) {
        int reason = s.callback.stopReason;
        boolean deviceLike = reason == STOP_REASON_SHUTDOWN || reason == STOP_REASON_CRASH || reason == STOP_REASON_KILLED;
        if (s.callback.errorCode != null || !deviceLike || (expectedReason != -1 && reason != expectedReason)) {
            problems.add(c.describe() + ": the VM ended with stop reason " + reason + ", error " + s.callback.errorCode
                    + " " + s.callback.errorMessage + "\n" + tail(s.console.toString()) + "\n" + tail(s.log.toString()));
        }
    }

    private static String tail(String console) {
        return console.length() > 3000 ? console.substring(console.length() - 3000) : console;
    }

    /** How long a call may go unanswered before its VM's threads are looked at. */
    private static final long WAIT_PROBE_NANOS = 2_000_000_000L;

    /**
     * Where the VM's guest threads wait, if every one of them is parked in the scheduler (none runs guest code or
     * Java code) in two looks 300 ms apart; else null.
     */
    private String waitingThreads(Session s) throws InterruptedException {
        String first = parkedInScheduler(s);
        if (first == null) return null;
        Thread.sleep(300);
        String second = parkedInScheduler(s);
        return first.equals(second) ? second : null;
    }

    private static String parkedInScheduler(Session s) {
        StringBuilder where = new StringBuilder();
        int guestThreads = 0;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            String name = t.getName();
            if (!name.equals("mdemu-vm-" + s.name) && !name.startsWith("mdemu-guest-tid-")) continue;
            guestThreads++;
            Thread.State state = t.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) return null;
            StackTraceElement inScheduler = null;
            for (StackTraceElement f : e.getValue()) {
                if (f.getClassName().startsWith("org.mdemu.guest.kernel.sched.Scheduler")) inScheduler = f;
                else if (inScheduler != null) {
                    inScheduler = f;
                    break;
                }
            }
            if (inScheduler == null) return null;
            where.append(where.length() == 0 ? "" : "; ").append(name).append(" at ").append(inScheduler);
        }
        return guestThreads == 0 ? null : where.toString();
    }

    private static String hostThreads() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (!e.getKey().getName().startsWith("mdemu")) continue;
            b.append(e.getKey().getName()).append('\n');
            for (StackTraceElement f : e.getValue()) b.append("    at ").append(f).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        Session s = session;
        session = null;
        if (s != null) {
            try {
                ByteBuffer q = ByteBuffer.allocate(REQUEST).order(ByteOrder.LITTLE_ENDIAN).putInt(3);
                s.out.write(q.array());
                s.out.flush();
                s.callback.awaitStopped();
            } catch (IOException e) {
                s.end();
            }
            check(s, Call.function("end", new long[8], new byte[8], new double[8]), STOP_REASON_SHUTDOWN);
        }
        listener.close();
    }
}
