package org.mdemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.mdemu.cli.OptionValues.PortForward;
import org.mdemu.guest.boot.MicrodroidBoot;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockException;
import org.mdemu.vsock.VsockFabric;
import org.mdemu.vsock.VsockTcpForwarder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mdemu run-app}: boots a VM for an APK's payload and waits for it, like {@code vm run-app}. */
@Command(name = "run-app", mixinStandardHelpOptions = true,
        description = "Run the VM payload of an APK and exit with the payload's exit code.")
final class RunAppCommand implements Callable<Integer> {
    /** vm run-app's default size for a new storage image. */
    static final long DEFAULT_STORAGE_BYTES = 10L << 20;

    @ParentCommand
    Mdemu mdemu;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APK", description = "The APK holding the payload in lib/arm64-v8a.")
    Path apk;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE",
            description = "The instance to boot, created if missing and kept afterwards: a NAME (in the instances"
                    + " directory, see --instances and `mdemu list`) or a directory path with a '/' (./myvm)."
                    + " Default: a temporary instance, deleted at exit.")
    String instance;

    @Mixin
    InstancesOption instances;

    @Option(names = "--payload-binary-name", paramLabel = "NAME",
            description = "Payload library in lib/arm64-v8a. Default: the only one exporting AVmPayload_main.")
    String payloadBinaryName;

    @Option(names = "--config-path", paramLabel = "PATH",
            description = "Path inside the APK of a VM payload config file (e.g. assets/vm_config.json).")
    String configPath;

    @Option(names = "--debug", paramLabel = "LEVEL", defaultValue = "full", converter = OptionValues.DebugLevel.class,
            description = "Debug level: full or none (default: ${DEFAULT-VALUE}). With none the VM exports no console"
                    + " or log output, as on a device; the exit status still tells how the payload ended.")
    int debugLevel;

    @Option(names = "--mem", paramLabel = "MiB", converter = OptionValues.MemoryMib.class,
            description = "Guest memory in MiB, from 16 to 16384 (default: 256).")
    Long memoryBytes;

    @Option(names = "--cpu-topology", paramLabel = "TOPOLOGY", defaultValue = "one_cpu",
            converter = OptionValues.CpuTopology.class, description = "one_cpu or match_host (default: ${DEFAULT-VALUE}).")
    int cpuTopology;

    @Option(names = "--cpu-engine", paramLabel = "ENGINE", converter = OptionValues.Engine.class,
            description = "CPU emulator: unicorn1, unicorn2 or java (default: the mdemu.cpu.engine system property, else java).")
    CpuEngine cpuEngine;

    @Option(names = "--deterministic", paramLabel = "SEED", arity = "0..1", preprocessor = SeedOnlyAttached.class,
            converter = OptionValues.Seed.class,
            description = "Deterministic mode: same thread interleaving, virtual clock readings and (seeded) random"
                    + " bytes on every run with the same SEED (default seed: 0).")
    Long deterministicSeed;

    @Option(names = "--protected", description = "Run as a protected VM (only protected VMs are attested by"
            + " AVmPayload_requestAttestation; see also `mdemu enable-test-attestation`).")
    boolean protectedVm;

    @Option(names = "--storage", paramLabel = "PATH",
            description = "Encrypted storage image (mounted at /mnt/encryptedstore); mdemu keeps it in the instance"
                    + " directory, so PATH must be that directory's " + MicrodroidBoot.STORAGE_IMAGE + ".")
    Path storage;

    @Option(names = "--storage-size", paramLabel = "SIZE", converter = OptionValues.StorageSize.class,
            description = "Encrypted storage size in bytes (suffixes K, M, G; at most 1G); enables the storage"
                    + " (default with --storage: 10M).")
    Long storageBytes;

    @Option(names = "--console", paramLabel = "FILE", description = "Write the console output to FILE instead of stdout.")
    Path consoleFile;

    @Option(names = "--log", paramLabel = "FILE", description = "Write the logcat output to FILE instead of stdout.")
    Path logFile;

    @Option(names = "--forward", paramLabel = "GUEST_PORT[:TCP_PORT]", converter = OptionValues.GuestForward.class,
            description = "Expose the payload's vsock port GUEST_PORT on 127.0.0.1:TCP_PORT (default: the same"
                    + " number; 0 picks a free port, printed on stderr). Repeatable.")
    List<PortForward> forwards = new ArrayList<>();

    @Option(names = "--forward-host", paramLabel = "VSOCK_PORT:TCP_PORT", converter = OptionValues.HostForward.class,
            description = "Carry the payload's connections to the host's vsock port VSOCK_PORT (CID 2) on to"
                    + " 127.0.0.1:TCP_PORT. Repeatable.")
    List<PortForward> hostForwards = new ArrayList<>();

    @Option(names = "--gdb", paramLabel = "PORT", converter = OptionValues.TcpPort.class,
            description = "Start a GDB remote server on 127.0.0.1:PORT (0 picks a free port): the payload stops before"
                    + " its first instruction until gdb-multiarch connects (target remote :PORT) and continues.")
    Integer gdbPort;

    @Option(names = "--trace", paramLabel = "CATEGORIES", converter = OptionValues.TraceCategories.class,
            description = "Trace the payload's calls, one strace-style line each: syscalls, libc, binder, vsock"
                    + " (comma-separated) or all. To the standard error stream unless --trace-file is given.")
    String trace;

    @Option(names = "--trace-file", paramLabel = "FILE", description = "Write the --trace lines to FILE.")
    Path traceFile;

    @Option(names = "--perfetto", paramLabel = "FILE",
            description = "Write the run's timeline to FILE (e.g. run.perfetto-trace) for ui.perfetto.dev or"
                    + " trace_processor: guest thread states, system and library calls, binder transactions joined to"
                    + " the host's, vsock connections, the payload's lifecycle, memory and thread counters.")
    Path perfetto;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop the VM when the run lasts longer (e.g. 30s, 500ms, 2m; a bare number is seconds),"
                    + " printing every payload thread's state and backtrace; exit status 124.")
    String timeout;

    /** The seed is taken only as {@code --deterministic=SEED}: a bare {@code --deterministic} leaves the APK alone. */
    static final class SeedOnlyAttached implements picocli.CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(java.util.Stack<String> args, picocli.CommandLine.Model.CommandSpec command,
                                  picocli.CommandLine.Model.ArgSpec option, java.util.Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) args.push("0");
            return false;
        }
    }

    @Override
    public Integer call() throws Exception {
        // Command-line mistakes first (exit status 2), then the APK in microdroid_manager's order (65).
        if (configPath != null && payloadBinaryName != null) {
            throw new ParameterException(spec.commandLine(), "--config-path and --payload-binary-name are exclusive");
        }
        if (traceFile != null && trace == null) {
            throw new ParameterException(spec.commandLine(), "--trace-file needs --trace CATEGORIES");
        }
        checkOutputFile("--trace-file", traceFile);
        checkOutputFile("--perfetto", perfetto);
        if (timeout != null) {
            try {
                parseDuration(timeout);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        InstanceLocation location = instance == null ? null : InstanceLocation.of(spec, instance, instances);
        checkStoragePath(location);
        ApkChecks.verify(apk);
        VirtualMachineConfig config = buildConfig();
        Path temporary = null;
        if (location == null) {
            removeAbandonedTemporaryInstances();
            temporary = Files.createTempDirectory(TEMPORARY_PREFIX + ProcessHandle.current().pid() + "-");
            location = new InstanceLocation(temporary, "run");
        }
        // SIGTERM or Ctrl-C: the stop hook below ends the VM and this thread returns through the finally, while the
        // JVM waits for its hooks; this one makes it wait for that finally (or deletes the directory itself).
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread deleteTemporary = null;
        if (temporary != null) {
            Path dir = temporary;
            deleteTemporary = new Thread(() -> {
                try {
                    finished.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // delete it now
                }
                deleteTree(dir);
            }, "mdemu-delete-temporary-instance");
            Runtime.getRuntime().addShutdownHook(deleteTemporary);
        }
        try {
            return runToCompletion(instance(location, config, temporary == null));
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
                try {
                    Runtime.getRuntime().removeShutdownHook(deleteTemporary);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs, and finds the directory gone
                }
            }
            finished.countDown();
        }
    }

    /** The instance at location: created with config when missing, else switched to config if compatible. */
    private VirtualMachine instance(InstanceLocation location, VirtualMachineConfig config, boolean named)
            throws VirtualMachineException {
        VirtualMachineManager manager = location.manager();
        VirtualMachine vm;
        try {
            vm = manager.get(location.name());
        } catch (VirtualMachineException e) {
            throw new BadInputException(e.getMessage() + " (delete it with mdemu delete " + location.directory() + ")");
        }
        if (vm == null) {
            try {
                vm = manager.create(location.name(), config);
            } catch (VirtualMachineException e) {
                throw new BadInputException(e.getMessage());
            }
            if (named) mdemu.err().println("mdemu: created instance " + location.name() + " in " + location.directory());
        } else if (!vm.getConfig().equals(config)) {
            if (!vm.getConfig().isCompatibleWith(config)) {
                throw new BadInputException(location.directory() + ": the instance was created with another payload,"
                        + " debug level, protected mode or storage size; its identity and secrets belong to that"
                        + " config. Delete it (mdemu delete " + location.directory() + ") or use another instance");
            }
            vm.setConfig(config);
        }
        return vm;
    }

    /** An output file must be creatable: its directory exists and it is not a directory itself. */
    private void checkOutputFile(String option, Path file) {
        if (file == null) return;
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": "
                    + (Files.isDirectory(file) ? "is a directory" : "no such directory " + parent));
        }
    }

    /** AVF's vm tool lets --storage name any image file; mdemu keeps every file of an instance in its directory. */
    private void checkStoragePath(InstanceLocation location) {
        if (storage == null) return;
        if (location == null || !storage.toAbsolutePath().normalize()
                .equals(location.directory().resolve(MicrodroidBoot.STORAGE_IMAGE))) {
            throw new ParameterException(spec.commandLine(), "--storage " + storage + ": mdemu keeps the encrypted"
                    + " storage image in the instance directory; give an INSTANCE and --storage"
                    + " <its directory>/" + MicrodroidBoot.STORAGE_IMAGE + ", or only --storage-size");
        }
    }

    private VirtualMachineConfig buildConfig() {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(apk.toAbsolutePath());
        if (configPath != null) {
            b.setPayloadConfigPath(configPath);
        } else {
            b.setPayloadBinaryName(payloadBinaryName != null ? payloadBinaryName : ApkChecks.onlyPayload(apk));
        }
        b.setDebugLevel(debugLevel).setCpuTopology(cpuTopology);
        if (cpuEngine != null) {
            b.setCpuEngine(cpuEngine);
            if (cpuEngine == CpuEngine.UNICORN1) {
                mdemu.err().println("mdemu: unicorn1 counts instructions more slowly than unicorn2, which"
                        + " payloads with several threads pay on every instruction");
            }
        }
        if (deterministicSeed != null) b.setDeterministic(deterministicSeed);
        if (memoryBytes != null) b.setMemoryBytes(memoryBytes);
        if (storageBytes != null) b.setEncryptedStorageBytes(storageBytes);
        else if (storage != null) b.setEncryptedStorageBytes(DEFAULT_STORAGE_BYTES);
        if (timeout != null) b.setTimeout(parseDuration(timeout));
        if (trace != null) b.setTrace(trace, traceFile);
        if (perfetto != null) b.setPerfetto(perfetto);
        if (gdbPort != null) b.setGdbPort(gdbPort);
        // A VM that is not debuggable exports no output on a device, so there is none to show.
        boolean debuggable = debugLevel == VirtualMachineConfig.DEBUG_LEVEL_FULL;
        return b.setProtectedVm(protectedVm).setVmOutputCaptured(debuggable).build();
    }

    /** 30s, 500ms, 2m, 1h, or a bare number of seconds. */
    static java.time.Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)?").matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--timeout takes a positive duration such as 30s, 500ms, 2m or 1h, not '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofSeconds(n);
        };
    }

    private int runToCompletion(VirtualMachine vm) throws Exception {
        List<VsockTcpForwarder> forwarders = new ArrayList<>();
        try {
            for (PortForward f : hostForwards) {
                forwarders.add(VsockTcpForwarder.hostToTcp(VsockFabric.shared().host(), f.vsockPort(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), f.tcpPort())));
                mdemu.err().println("mdemu: forwarding host vsock port " + f.vsockText() + " to 127.0.0.1:" + f.tcpPort());
            }
            return runForwarded(vm, forwards, forwarders);
        } catch (VsockException e) {
            throw new BadInputException("cannot forward: " + e.getMessage());
        } finally {
            for (VsockTcpForwarder f : forwarders) f.close();
        }
    }

    private int runForwarded(VirtualMachine vm, List<PortForward> guestPorts, List<VsockTcpForwarder> forwarders)
            throws Exception {
        RunOutcome outcome = new RunOutcome();
        vm.setCallback(Runnable::run, outcome);
        try {
            vm.run();
        } catch (VirtualMachineException e) {
            // What stops a boot here is the user's to mend: a gdb port in use, a trace file, an engine setting.
            throw new BadInputException(e.getMessage());
        }
        if (vm.getGdbPort() >= 0) {
            mdemu.err().println("mdemu: waiting for gdb on 127.0.0.1:" + vm.getGdbPort() + " (gdb-multiarch -ex 'target"
                    + " remote :" + vm.getGdbPort() + "'); the payload stops before its first instruction");
        }
        for (PortForward f : guestPorts) {
            VsockTcpForwarder forwarder;
            try {
                forwarder = VsockTcpForwarder.guestToTcp(VsockFabric.shared().host(),
                        new VsockAddress(vm.getVsockCid(), f.vsockPort()),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), f.tcpPort()));
            } catch (IOException e) {
                vm.stop();
                throw new BadInputException(e.getMessage());
            }
            forwarders.add(forwarder);
            mdemu.err().println("mdemu: forwarding 127.0.0.1:" + forwarder.tcpAddress().getPort()
                    + " to the payload's vsock port " + f.vsockText());
        }
        CompletableFuture<Void> console = output(vm, true);
        CompletableFuture<Void> log = output(vm, false);
        Thread interrupt = new Thread(() -> {
            try {
                if (vm.getStatus() == VirtualMachine.STATUS_RUNNING) vm.stop();
            } catch (VirtualMachineException ignored) {
                // already stopped
            }
        }, "mdemu-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(interrupt);
        int status = outcome.await();
        console.join();
        log.join();
        try {
            Runtime.getRuntime().removeShutdownHook(interrupt);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
        if (outcome.errorMessage() != null) mdemu.err().println("mdemu: " + outcome.errorMessage());
        if (status == Mdemu.EXIT_TIMEOUT && outcome.timedOut()) {
            mdemu.err().println("mdemu: the VM ran longer than --timeout " + timeout + " and was stopped"
                    + (vm.getConfig().isVmOutputCaptured() ? "; the console shows every thread's state and backtrace" : ""));
        }
        return status;
    }

    /** The console or log copied to its file or stdout; without captured output, the file is left empty. */
    private CompletableFuture<Void> output(VirtualMachine vm, boolean console) throws Exception {
        Path file = console ? consoleFile : logFile;
        if (vm.getConfig().isVmOutputCaptured()) return pump(console ? vm.getConsoleOutput() : vm.getLogOutput(), file);
        if (file != null) Files.write(file, new byte[0]);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Copies the stream on a thread of its own: the copy blocks for as long as the VM runs, and a blocking task in
     * the common pool can starve (or, run inline by a CompletableFuture.get that helps, deadlock) whoever embeds
     * mdemu's CLI.
     */
    private CompletableFuture<Void> pump(InputStream from, Path file) {
        PrintStream target = mdemu.out();
        PrintStream err = mdemu.err();
        return CompletableFuture.runAsync(() -> {
            try (InputStream in = from; OutputStream out = file == null ? null : Files.newOutputStream(file)) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out != null) {
                        out.write(buf, 0, n);
                    } else {
                        synchronized (target) {
                            target.write(buf, 0, n);
                            target.flush();
                        }
                    }
                }
            } catch (IOException e) {
                err.println("mdemu: cannot write VM output" + (file == null ? "" : " to " + file) + ": "
                        + e.getMessage());
            }
        }, task -> {
            Thread copier = new Thread(task, "mdemu-output-" + (file == null ? "stdout" : file.getFileName()));
            copier.setDaemon(true);
            copier.start();
        });
    }

    private static final String TEMPORARY_PREFIX = "mdemu-run-";

    /**
     * Temporary instances of runs whose JVM died without cleaning up (killed with SIGKILL, crashed): their names
     * carry the pid of the JVM that made them, and a directory whose JVM is gone is deleted.
     */
    private static void removeAbandonedTemporaryInstances() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(TEMPORARY_PREFIX) || !Files.isDirectory(p)) continue;
                String[] parts = name.substring(TEMPORARY_PREFIX.length()).split("-", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9]{1,10}")) continue;
                if (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) deleteTree(p);
            }
        } catch (IOException | SecurityException ignored) {
            // another user's directory, or none to look at: nothing of ours to clean
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** Collects callbacks into an exit status. */
    static final class RunOutcome implements VirtualMachineCallback {
        private final CompletableFuture<Integer> status = new CompletableFuture<>();
        private volatile Integer exitCode;
        private volatile Integer errorCode;
        private volatile String errorMessage;

        @Override public void onPayloadStarted(VirtualMachine vm) { }
        @Override public void onPayloadReady(VirtualMachine vm) { }

        @Override
        public void onPayloadFinished(VirtualMachine vm, int code) {
            exitCode = code;
        }

        @Override
        public void onError(VirtualMachine vm, int code, String message) {
            errorCode = code;
            errorMessage = message;
        }

        private volatile VirtualMachine.CrashReport crash;

        @Override
        public void onStopped(VirtualMachine vm, int reason) {
            crash = vm.getCrashReport();
            status.complete(exitStatus(reason));
        }

        boolean timedOut() {
            return stopReason == STOP_REASON_HANGUP;
        }

        private volatile int stopReason = -100;

        private int exitStatus(int reason) {
            stopReason = reason;
            if (exitCode != null) return exitCode & 0xff;
            return switch (reason) {
                case STOP_REASON_KILLED -> Mdemu.EXIT_STOPPED;
                case STOP_REASON_HANGUP -> Mdemu.EXIT_TIMEOUT;
                case STOP_REASON_CRASH -> 128 + (crash == null ? 6 : crash.signal());
                case STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG, STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED,
                        STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED -> Mdemu.EXIT_BAD_INPUT;
                default -> Mdemu.EXIT_INTERNAL;
            };
        }


        int await() throws InterruptedException {
            try {
                return status.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        String errorMessage() {
            return errorMessage;
        }
    }
}
