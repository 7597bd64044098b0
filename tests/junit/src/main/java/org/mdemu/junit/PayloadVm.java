package org.mdemu.junit;

import android.os.IBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * A VM the extension runs for a test: the {@link VirtualMachine}, its captured console and log, its callbacks as
 * latches, binder services and TCP forwards, in a temporary instance directory deleted on {@link #close()}.
 * Thread-safe; every VM has its own directory and vsock CID, so tests may run in parallel.
 */
public final class PayloadVm implements AutoCloseable {
    /** The PayloadVm of each VM the extension started, so assertions can start from a VirtualMachine. */
    private static final Map<VirtualMachine, PayloadVm> BY_VM = new WeakHashMap<>();

    private final String description;
    private final Path directory;
    private final VirtualMachine vm;
    private final CapturedOutput console;
    private final CapturedOutput log;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<TcpForward> forwards = new CopyOnWriteArrayList<>();
    private volatile int stopReason;
    private volatile Integer exitCode;
    private volatile Integer errorCode;
    private volatile String errorMessage;
    private volatile String stoppedBy;

    private PayloadVm(String description, Path directory, VirtualMachine vm) throws VirtualMachineException {
        this.description = description;
        this.directory = directory;
        this.vm = vm;
        vm.setCallback(Runnable::run, new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { started.countDown(); }
            @Override public void onPayloadReady(VirtualMachine v) { ready.countDown(); }
            @Override public void onPayloadFinished(VirtualMachine v, int code) { exitCode = code; }

            @Override
            public void onError(VirtualMachine v, int code, String message) {
                errorCode = code;
                errorMessage = message;
            }

            @Override
            public void onStopped(VirtualMachine v, int reason) {
                stopReason = reason;
                stopped.countDown();
            }
        });
        vm.run();
        boolean captured = vm.getConfig().isVmOutputCaptured();
        console = captured ? new CapturedOutput(vm.getConsoleOutput(), "mdemu-junit-console-" + vm.getName())
                : new CapturedOutput();
        log = captured ? new CapturedOutput(vm.getLogOutput(), "mdemu-junit-log-" + vm.getName()) : new CapturedOutput();
        synchronized (BY_VM) {
            BY_VM.put(vm, this);
        }
    }

    /**
     * Creates an instance in a new temporary directory and runs it. config may leave the APK's path relative (to
     * the working directory).
     */
    public static PayloadVm start(String name, VirtualMachineConfig config) throws IOException, VirtualMachineException {
        Path dir = Files.createTempDirectory("mdemu-junit-");
        try {
            VirtualMachine vm = new VirtualMachineManager(dir).create(name, config);
            String what = name + " (" + config.getApkPath().getFileName() + ")";
            return new PayloadVm(what, dir, vm);
        } catch (VirtualMachineException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The PayloadVm the extension runs a VirtualMachine in, or null. */
    public static PayloadVm of(VirtualMachine vm) {
        synchronized (BY_VM) {
            return BY_VM.get(vm);
        }
    }

    public VirtualMachine vm() {
        return vm;
    }

    /** The temporary directory holding the VM's instance (deleted when the VM is closed). */
    public Path instancesDirectory() {
        return directory;
    }

    /** The console so far: boot lines and the payload's stdout and stderr. */
    public String console() {
        return console.text();
    }

    public List<String> consoleLines() {
        return console.lines();
    }

    /** The log so far, logcat threadtime lines. */
    public String log() {
        return log.text();
    }

    /** The log lines so far that are in threadtime format. */
    public List<LogLine> logLines() {
        List<LogLine> lines = new ArrayList<>();
        for (String l : log.lines()) {
            LogLine parsed = LogLine.parse(l);
            if (parsed != null) lines.add(parsed);
        }
        return lines;
    }

    /** Waits for onPayloadStarted; a VM that stops first or a timeout fails the test with the VM's output. */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        await(started, "start", timeout);
    }

    /** Waits for onPayloadReady (AVmPayload_notifyPayloadReady). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        await(ready, "get ready (AVmPayload_notifyPayloadReady)", timeout);
    }

    private void await(CountDownLatch latch, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latch.getCount() > 0) {
            if (stopped.getCount() == 0) {
                throw new AssertionError(description + ": the payload did not " + what + ": " + stopResult()
                        + report());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(description + ": the payload did not " + what + " within " + timeout + report());
            }
            latch.await(20, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Waits until the VM stops and returns how. If it runs on past the timeout it is stopped (a hung payload) and
     * the test fails saying so, with the payload's last output.
     */
    public VmStop awaitStop(Duration timeout) throws InterruptedException {
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stopBecause("it had not stopped after " + timeout + " (awaitStop)");
            throw new AssertionError(description + ": the payload was still running after " + timeout
                    + "; the mdemu extension stopped it" + report());
        }
        return stopResult();
    }

    /** How the VM stopped, or null while it runs. Its output is complete once this is not null. */
    public VmStop stopResult() {
        if (stopped.getCount() > 0) return null;
        try {
            console.awaitEnd(10_000);
            log.awaitEnd(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        VirtualMachine.CrashReport crash = vm.getCrashReport();
        return new VmStop(stopReason, exitCode, errorCode, errorMessage,
                crash == null || crash.tombstone() == null ? null : Tombstone.parse(crash.tombstone()), console.text(), log.text());
    }

    public boolean isRunning() {
        return vm.getStatus() == VirtualMachine.STATUS_RUNNING;
    }

    /** The root object of the payload's binder server on a vsock port (waits for onPayloadReady first). */
    public IBinder connectToVsockServer(int port) throws InterruptedException, VirtualMachineException {
        awaitReady(Duration.ofSeconds(120));
        return vm.connectToVsockServer(port);
    }

    /**
     * The payload's binder service as the AIDL interface: {@code aidlInterface.Stub.asInterface(root)}, found by
     * reflection on the generated code; IBinder itself gives the root object.
     */
    public <T> T service(Class<T> aidlInterface, int port) throws InterruptedException, VirtualMachineException {
        IBinder root = connectToVsockServer(port);
        return asInterface(aidlInterface, root);
    }

    static <T> T asInterface(Class<T> aidlInterface, IBinder binder) {
        if (aidlInterface == IBinder.class) return aidlInterface.cast(binder);
        Class<?> stub = null;
        for (Class<?> nested : aidlInterface.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Stub")) stub = nested;
        }
        if (stub == null) {
            throw new IllegalArgumentException(aidlInterface.getName() + " is not an AIDL interface (no nested Stub class):"
                    + " a @VsockService is an interface aidl generated, or android.os.IBinder");
        }
        try {
            Method asInterface = stub.getMethod("asInterface", IBinder.class);
            return aidlInterface.cast(asInterface.invoke(null, binder));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(stub.getName() + " has no public static asInterface(IBinder)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(stub.getName() + ".asInterface failed", e.getCause());
        }
    }

    /** Exposes a vsock port the payload listens on as a TCP port on 127.0.0.1 (run-app's --forward). */
    public TcpForward forwardTcp(int guestPort) throws IOException, VirtualMachineException {
        TcpForward f = TcpForward.open(vm, guestPort);
        forwards.add(f);
        return f;
    }

    /** Stops the VM (onStopped(STOP_REASON_KILLED)) if it still runs. */
    public void stop() {
        try {
            if (isRunning()) vm.stop();
        } catch (VirtualMachineException e) {
            // it stopped on its own meanwhile
        }
    }

    /** Stops the VM, remembering why, for the failure message (a timeout of the extension). */
    void stopBecause(String why) {
        if (isRunning()) {
            stoppedBy = why;
            stop();
        }
    }

    /** Why the extension stopped this VM, or null if it did not. */
    String stoppedBy() {
        return stoppedBy;
    }

    String description() {
        return description;
    }

    /** The last lines of console and log and the tombstone, for failure messages. */
    String report() {
        StringBuilder s = new StringBuilder();
        s.append("\n--- ").append(description).append(": ");
        VmStop stop = stopResult();
        s.append(stop == null ? "still running" : stop.toString());
        if (stoppedBy != null) s.append("; the mdemu extension stopped it: ").append(stoppedBy);
        s.append("\n--- last console lines:\n");
        for (String l : console.lastLines(20)) s.append("  ").append(l).append('\n');
        s.append("--- last log lines:\n");
        for (String l : log.lastLines(20)) s.append("  ").append(l).append('\n');
        if (stop != null && stop.tombstone() != null) s.append("--- tombstone:\n").append(stop.tombstone().text());
        return s.toString();
    }

    /** Stops the VM, closes its forwards and deletes its instance directory. */
    @Override
    public void close() {
        for (TcpForward f : forwards) f.close();
        stop();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vm.close();
        synchronized (BY_VM) {
            BY_VM.remove(vm);
        }
        deleteTree(directory);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the VM instance directory " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "PayloadVm[" + description + "]";
    }

}
