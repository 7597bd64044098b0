package org.mdemu.virtualmachine;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.mdemu.guest.boot.BootConfig;
import org.mdemu.guest.boot.BootListener;
import org.mdemu.guest.boot.MicrodroidBoot;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.runtime.OutputPipe;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockDevice;
import org.mdemu.vsock.VsockException;
import org.mdemu.vsock.VsockFabric;
import android.os.IBinder;
import android.os.RemoteException;
import org.mdemu.vsock.binder.RpcClient;
import org.mdemu.vsock.binder.RpcSession;
import org.mdemu.vsock.binder.RpcTransport;

/**
 * One VM instance, as {@code android.system.virtualmachine.VirtualMachine}: {@link #run()} boots Microdroid and
 * the payload on a thread of its own and returns at once; events arrive through the callback. AutoCloseable: close
 * stops the VM and releases its threads and native memory.
 */
public final class VirtualMachine implements AutoCloseable {
    public static final int STATUS_STOPPED = 0;
    public static final int STATUS_RUNNING = 1;
    public static final int STATUS_DELETED = 2;

    private static final int OUTPUT_BUFFER = 4 << 20;

    private final String name;
    private final Path directory;
    private VirtualMachineConfig config;
    private final MdemuHome home;
    private final Object lock = new Object();
    private int status = STATUS_STOPPED;
    private Executor callbackExecutor;
    private VirtualMachineCallback callback;
    private MicrodroidBoot boot;
    private Thread vcpu;
    private OutputPipe console;
    private OutputPipe log;
    private volatile CrashReport crashReport;
    private volatile VsockDevice vsock;
    private volatile org.mdemu.emulator.gdb.GdbServer gdb;
    /** The running VM's trace destination, complete (closed) before onStopped is delivered. */
    private volatile TraceOutput traceOutput;
    /** The running VM's timeline, or null; complete (closed) before onStopped is delivered. */
    private volatile org.mdemu.guest.trace.PerfettoTimeline timeline;
    /** Connections a binder session opens at most (the server's GET_MAX_THREADS caps it further). */
    private static final int MAX_BINDER_CONNECTIONS = 8;
    /**
     * Connections (each with a host thread) the host offers the payload for calls into host binders outside a
     * transaction: AVF's connectToVsockServer sets one, for callbacks and linkToDeath.
     */
    private static final int INCOMING_BINDER_THREADS = 1;
    private final java.util.List<RpcSession> binderSessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    VirtualMachine(String name, Path directory, VirtualMachineConfig config, MdemuHome home) {
        this.home = home;
        this.name = name;
        this.directory = directory;
        this.config = config;
    }

    public String getName() {
        return name;
    }

    public VirtualMachineConfig getConfig() {
        synchronized (lock) {
            return config;
        }
    }

    /**
     * Replaces the config of a stopped VM with a compatible one (e.g. more memory), as AVF's setConfig; the VM's
     * identity and secrets stay. Throws if the VM runs, was deleted, or the config is not compatible.
     */
    public void setConfig(VirtualMachineConfig newConfig) throws VirtualMachineException {
        synchronized (lock) {
            if (status != STATUS_STOPPED) {
                throw new VirtualMachineException("VM '" + name + "' must be stopped to change its config");
            }
            if (!config.isCompatibleWith(newConfig)) {
                throw new VirtualMachineException("VM '" + name + "': the new config is incompatible with the"
                        + " instance's (APK, payload, debug level, protected mode, output capture and encrypted"
                        + " storage size must stay the same)");
            }
            try {
                newConfig.store(directory.resolve(VirtualMachineManager.CONFIG_FILE));
            } catch (java.io.IOException e) {
                throw new VirtualMachineException("VM '" + name + "': cannot store its config: " + e.getMessage(), e);
            }
            config = newConfig;
        }
    }

    /** The instance's directory on the host (the role of the app's VM directory holding instance.img). */
    public Path getDirectory() {
        return directory;
    }

    public int getStatus() {
        synchronized (lock) {
            return status;
        }
    }

    public void setCallback(Executor executor, VirtualMachineCallback callback) {
        synchronized (lock) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            this.callback = Objects.requireNonNull(callback, "callback");
        }
    }

    public void clearCallback() {
        synchronized (lock) {
            this.callbackExecutor = null;
            this.callback = null;
        }
    }

    /** Boots the VM. Returns immediately; onPayloadStarted and the other events follow through the callback. */
    public void run() throws VirtualMachineException {
        synchronized (lock) {
            if (status == STATUS_DELETED) throw new VirtualMachineException("VM '" + name + "' has been deleted");
            if (status == STATUS_RUNNING) throw new VirtualMachineException("VM '" + name + "' is already running");
            String refused = config.getCpuEngine().unavailableReason();
            if (refused != null) {
                throw new VirtualMachineException("VM '" + name + "': the " + config.getCpuEngine().cliName()
                        + " CPU engine cannot run: " + refused);
            }
            if (config.isVmOutputCaptured()) {
                console = new OutputPipe(OUTPUT_BUFFER);
                log = new OutputPipe(OUTPUT_BUFFER);
            } else {
                console = null;
                log = null;
            }
            BootConfig bootConfig = new BootConfig(config.getApkPath(), config.getPayloadBinaryName(),
                    config.getPayloadConfigPath(), config.getDebugLevel() == VirtualMachineConfig.DEBUG_LEVEL_FULL,
                    config.getMemoryBytes(), config.cpuCount(), config.isProtectedVm(), console, log,
                    directory, config.getEncryptedStorageBytes(), config.deterministicSeedOrNull(),
                    home.device(), VsockFabric.shared().attachGuest(), config.getWatchdogDelay().toNanos());
            vsock = bootConfig.vsock();
            MicrodroidBoot newBoot = new MicrodroidBoot(bootConfig, new Events());
            org.mdemu.emulator.gdb.GdbServer server = null;
            if (config.getGdbPort() >= 0) {
                try {
                    server = new org.mdemu.emulator.gdb.GdbServer(config.getGdbPort(), newBoot::kill,
                            notice -> System.err.println("mdemu: VM '" + name + "': " + notice));
                } catch (java.io.IOException e) {
                    vsock.close();
                    throw new VirtualMachineException("VM '" + name + "': cannot listen for gdb on 127.0.0.1:"
                            + config.getGdbPort() + ": " + e.getMessage(), e);
                }
                newBoot.setDebugger(server.debugger());
            }
            gdb = server;
            TraceOutput trace = null;
            if (!config.getTrace().isEmpty()) {
                try {
                    trace = new TraceOutput(config.getTraceFile());
                } catch (java.io.IOException e) {
                    if (server != null) server.close();
                    vsock.close();
                    throw new VirtualMachineException("VM '" + name + "': cannot write the trace to "
                            + config.getTraceFile() + ": " + e.getMessage(), e);
                }
                newBoot.setTrace(config.getTrace(), trace::line);
            }
            traceOutput = trace;
            org.mdemu.guest.trace.PerfettoTimeline drawn = null;
            if (config.getPerfettoFile() != null) {
                try {
                    drawn = org.mdemu.guest.trace.PerfettoTimeline.create(config.getPerfettoFile(),
                            org.mdemu.guest.runtime.PayloadRun.PID, "microdroid_launcher");
                } catch (java.io.IOException e) {
                    if (server != null) server.close();
                    if (trace != null) trace.close();
                    vsock.close();
                    throw new VirtualMachineException("VM '" + name + "': cannot write the Perfetto trace to "
                            + config.getPerfettoFile() + ": " + e.getMessage(), e);
                }
                newBoot.setTimeline(drawn);
            }
            timeline = drawn;
            boot = newBoot;
            status = STATUS_RUNNING;
            crashReport = null;
            OutputPipe c = console, l = log;
            CpuEngine engine = config.getCpuEngine();
            // Several vCPUs run at once only where the interleaving may vary: not in deterministic mode, and not
            // under a debugger (which stops the one thread it looks at while the others wait).
            int vcpus = config.isDeterministic() || server != null ? 1 : config.cpuCount();
            VsockDevice device = vsock;
            org.mdemu.emulator.gdb.GdbServer debugServer = server;
            TraceOutput traceOutput = trace;
            org.mdemu.guest.trace.PerfettoTimeline runTimeline = drawn;
            // The thread object outlives its run (this VM keeps it until the next run), and since JDK 21 a
            // terminated thread keeps its Runnable: the guest goes to the thread through a one-shot handoff so
            // that nothing the thread retains reaches it.
            java.util.concurrent.atomic.AtomicReference<MicrodroidBoot> handoff =
                    new java.util.concurrent.atomic.AtomicReference<>(newBoot);
            vcpu = new Thread(null, () -> {
                try {
                    runGuest(engine, vcpus, handoff.getAndSet(null), c, l, device, debugServer);
                } finally {
                    if (traceOutput != null) traceOutput.close();
                    if (runTimeline != null) runTimeline.close();
                }
            }, "mdemu-vm-" + name, 16L << 20);
            vcpu.setDaemon(true);
            vcpu.start();
            if (config.getTimeout() != null) startTimer(newBoot, vcpu, config.getTimeout());
        }
    }

    /** Ends the run when its time is up (the config's timeout): the guest dumps its threads and stops. */
    private static void startTimer(MicrodroidBoot guest, Thread vm, java.time.Duration timeout) {
        Thread timer = new Thread(() -> {
            try {
                vm.join(timeout.toMillis(), (int) (timeout.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            if (vm.isAlive()) guest.timeout("its timeout of " + describe(timeout) + " ran out");
        }, "mdemu-timeout");
        timer.setDaemon(true);
        timer.start();
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private void runGuest(CpuEngine engine, int vcpus, MicrodroidBoot guest, OutputPipe c, OutputPipe l, VsockDevice device,
                          org.mdemu.emulator.gdb.GdbServer debugServer) {
        try (Machine machine = engine.newMachine(vcpus)) {
            guest.run(machine);
        } catch (RuntimeException | Error e) {
            guest.failed(e);
        } finally {
            // The VM is gone: its vsock connections are reset (host peers see ECONNRESET), its ports freed, and
            // its binder sessions end (death recipients hear of it).
            device.close();
            if (debugServer != null) debugServer.close();
            for (RpcSession s : binderSessions) s.shutdown();
            binderSessions.clear();
            if (c != null) c.closeWriter();
            if (l != null) l.closeWriter();
            // A stopped VM gives its guest back to the garbage collector (the manager keeps VM objects until delete).
            synchronized (lock) {
                if (boot == guest) boot = null;
                if (gdb == debugServer) gdb = null; // its kill action refers to the guest
            }
        }
    }

    /** The guest of the current run, while it has one (for tests of what a stopped VM keeps). */
    MicrodroidBoot currentGuest() {
        synchronized (lock) {
            return boot;
        }
    }

    /** Stops the VM: the payload is halted wherever it is, and onStopped(STOP_REASON_KILLED) follows. */
    public void stop() throws VirtualMachineException {
        MicrodroidBoot running;
        Thread thread;
        synchronized (lock) {
            if (status != STATUS_RUNNING) throw new VirtualMachineException("VM '" + name + "' is not running");
            running = boot;
            thread = vcpu;
        }
        if (running != null) running.kill();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the VM if it runs and releases it. */
    @Override
    public void close() {
        try {
            if (getStatus() == STATUS_RUNNING) stop();
        } catch (VirtualMachineException ignored) {
            // it stopped on its own meanwhile
        }
    }

    /**
     * Connects to a vsock port the payload listens on (as AVF's connectVsock, which returns a
     * ParcelFileDescriptor): a bidirectional byte stream with blocking InputStream/OutputStream views and bounded
     * buffers. Fails if the VM does not run or nobody listens on the port.
     */
    public VsockConnection connectVsock(int port) throws VirtualMachineException {
        VsockDevice device = runningVsock();
        try {
            return VsockFabric.shared().host().connect(new VsockAddress(device.cid(), port));
        } catch (VsockException e) {
            throw new VirtualMachineException("VM '" + name + "': cannot connect to vsock port "
                    + Integer.toUnsignedString(port) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to a binder RPC server the payload runs with AVmPayload_runVsockRpcServer and returns its root
     * object, as AVF's connectToVsockServer does. Calls on it (and on binders it hands out) block their thread until
     * the payload replies. Binders passed to the payload can be called back during a call and, as on a device (AVF
     * offers the payload one connection back), at any later time from the payload's own threads, served here by one
     * host thread per session. When the VM stops, the session ends and death recipients linked to its binders hear
     * of it.
     */
    public IBinder connectToVsockServer(int port) throws VirtualMachineException {
        runningVsock();
        RpcSession session;
        try {
            session = RpcClient.connect(() -> {
                try {
                    VsockConnection c = connectVsock(port);
                    return RpcTransport.of(c.getInputStream(), c.getOutputStream(), c::close)
                            .identified(c.id(), c.isConnectingEnd());
                } catch (VirtualMachineException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            }, MAX_BINDER_CONNECTIONS, INCOMING_BINDER_THREADS, line -> { }, hostBinderTimeline());
        } catch (java.io.IOException e) {
            throw new VirtualMachineException("VM '" + name + "': cannot set up a binder session on vsock port "
                    + Integer.toUnsignedString(port) + ": " + e.getMessage(), e);
        }
        binderSessions.add(session);
        session.addShutdownListener(() -> binderSessions.remove(session));
        if (vsock == null || vsock.isClosed()) session.shutdown();
        try {
            return session.getRootObject();
        } catch (RemoteException e) {
            session.shutdown();
            throw new VirtualMachineException("VM '" + name + "': the binder server on vsock port "
                    + Integer.toUnsignedString(port) + " gave no root object: " + e.getMessage(), e);
        }
    }

    /** The host side of binder sessions on the timeline: slices on the calling host threads, or null. */
    private org.mdemu.vsock.binder.RpcObserver hostBinderTimeline() {
        org.mdemu.guest.trace.PerfettoTimeline drawn = timeline;
        return drawn == null ? null : new org.mdemu.guest.trace.TimelineBinder(drawn, () -> 0);
    }

    /**
     * The port of the VM's GDB remote server on 127.0.0.1 (the one chosen when the config asked for port 0), or -1
     * when the VM runs without one. An mdemu counterpart of {@code vm run-app --gdb}.
     */
    public int getGdbPort() {
        org.mdemu.emulator.gdb.GdbServer server = gdb;
        return server == null ? -1 : server.port();
    }

    /** The guest's vsock context id (3, 4, ... per VM of this JVM); the host is 2. An mdemu addition. */
    public int getVsockCid() throws VirtualMachineException {
        return runningVsock().cid();
    }

    private VsockDevice runningVsock() throws VirtualMachineException {
        synchronized (lock) {
            if (status != STATUS_RUNNING || vsock == null || vsock.isClosed()) {
                throw new VirtualMachineException("VM '" + name + "' is not running");
            }
            return vsock;
        }
    }

    public InputStream getConsoleOutput() throws VirtualMachineException {
        return output(console, "console");
    }

    public InputStream getLogOutput() throws VirtualMachineException {
        return output(log, "log");
    }

    private InputStream output(OutputPipe pipe, String what) throws VirtualMachineException {
        synchronized (lock) {
            if (!config.isVmOutputCaptured()) {
                throw new VirtualMachineException("VM '" + name + "': " + what
                        + " output is not captured (VirtualMachineConfig.Builder.setVmOutputCaptured(true))");
            }
            if (pipe == null) throw new VirtualMachineException("VM '" + name + "' has not been run yet");
            return pipe.inputStream();
        }
    }

    /**
     * The tombstone of the last run if the payload crashed, else null. An mdemu addition (AVF only reports
     * STOP_REASON_CRASH; on a device the tombstone goes to logcat, where mdemu also writes it).
     */
    public CrashReport getCrashReport() {
        return crashReport;
    }

    /** The trace's destination: a file (buffered, complete when the VM has stopped) or the standard error stream. */
    private static final class TraceOutput {
        private final java.io.Writer file;

        TraceOutput(Path path) throws java.io.IOException {
            this.file = path == null ? null : java.nio.file.Files.newBufferedWriter(path, java.nio.charset.StandardCharsets.UTF_8);
        }

        private boolean closed;

        synchronized void line(String line) {
            if (closed) return;
            if (file == null) {
                System.err.println(line);
                return;
            }
            try {
                file.write(line);
                file.write('\n');
            } catch (java.io.IOException e) {
                // a full disk loses trace lines, never the VM
            }
        }

        synchronized void close() {
            if (closed || file == null) return;
            closed = true;
            try {
                file.close();
            } catch (java.io.IOException ignored) {
                // nothing more to do
            }
        }
    }

    /**
     * A payload crash: the fatal signal and the tombstone text, which is null for a signal that ends a process
     * without a crash report (SIGKILL, SIGTERM, SIGPIPE, ...: debuggerd reports only crashes), and the file the
     * tombstone was written to: {@code tombstones/tombstone_NN} in the instance directory (00 to 31, the oldest
     * replaced once all exist, as a device's /data/tombstones), null when there is no tombstone.
     */
    public record CrashReport(int signal, String tombstone, Path tombstoneFile) {}

    void markDeleted() {
        synchronized (lock) {
            status = STATUS_DELETED;
        }
    }

    private void deliver(java.util.function.Consumer<VirtualMachineCallback> event) {
        Executor executor;
        VirtualMachineCallback cb;
        synchronized (lock) {
            executor = callbackExecutor;
            cb = callback;
        }
        if (cb != null) executor.execute(() -> event.accept(cb));
    }

    /** Translates the guest's reports into AVF callbacks and status. */
    private final class Events implements BootListener {
        @Override
        public void payloadStarted() {
            deliver(cb -> cb.onPayloadStarted(VirtualMachine.this));
        }

        @Override
        public void payloadReady() {
            deliver(cb -> cb.onPayloadReady(VirtualMachine.this));
        }

        @Override
        public void payloadFinished(int exitCode) {
            deliver(cb -> cb.onPayloadFinished(VirtualMachine.this, exitCode));
        }

        @Override
        public void error(BootError error, String message) {
            int code = switch (error) {
                case UNKNOWN -> VirtualMachineCallback.ERROR_UNKNOWN;
                case PAYLOAD_VERIFICATION_FAILED -> VirtualMachineCallback.ERROR_PAYLOAD_VERIFICATION_FAILED;
                case PAYLOAD_CHANGED -> VirtualMachineCallback.ERROR_PAYLOAD_CHANGED;
                case PAYLOAD_INVALID_CONFIG -> VirtualMachineCallback.ERROR_PAYLOAD_INVALID_CONFIG;
            };
            deliver(cb -> cb.onError(VirtualMachine.this, code, message));
        }

        @Override
        public void crashed(int signal, String report, Path file) {
            crashReport = new CrashReport(signal, report, file);
        }

        @Override
        public void stopped(StopCause cause) {
            int reason = switch (cause) {
                case SHUTDOWN -> VirtualMachineCallback.STOP_REASON_SHUTDOWN;
                case CRASH -> VirtualMachineCallback.STOP_REASON_CRASH;
                case KILLED -> VirtualMachineCallback.STOP_REASON_KILLED;
                case TIMEOUT -> VirtualMachineCallback.STOP_REASON_HANGUP;
                case START_FAILED -> VirtualMachineCallback.STOP_REASON_START_FAILED;
                case MICRODROID_PAYLOAD_VERIFICATION_FAILED ->
                        VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED;
                case MICRODROID_PAYLOAD_HAS_CHANGED -> VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED;
                case MICRODROID_INVALID_PAYLOAD_CONFIG ->
                        VirtualMachineCallback.STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG;
                case MICRODROID_UNKNOWN_RUNTIME_ERROR ->
                        VirtualMachineCallback.STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR;
            };
            TraceOutput trace = traceOutput;
            if (trace != null) trace.close();
            org.mdemu.guest.trace.PerfettoTimeline drawn = timeline;
            if (drawn != null) drawn.close();
            synchronized (lock) {
                if (status == STATUS_RUNNING) status = STATUS_STOPPED;
            }
            deliver(cb -> cb.onStopped(VirtualMachine.this, reason));
        }
    }
}
