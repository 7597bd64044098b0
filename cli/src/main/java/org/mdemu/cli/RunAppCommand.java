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
import org.mdemu.guest.boot.MicrodroidBoot;
import org.mdemu.guest.boot.PayloadInspector;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mdemu run-app}: boots a VM for an APK's payload and waits for it, like {@code vm run-app}. */
@Command(name = "run-app", mixinStandardHelpOptions = true,
        description = "Run the VM payload of an APK and exit with the payload's exit code.")
final class RunAppCommand implements Callable<Integer> {
    /** vm run-app's default size for a new storage image. */
    static final long DEFAULT_STORAGE_BYTES = 10L << 20;

    @Parameters(index = "0", paramLabel = "APK", description = "The APK holding the payload in lib/arm64-v8a.")
    Path apk;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE_DIR",
            description = "Instance directory (created if missing). Default: a temporary instance, deleted at exit.")
    Path instanceDir;

    @Option(names = "--payload-binary-name", paramLabel = "NAME",
            description = "Payload library in lib/arm64-v8a. Default: the only one exporting AVmPayload_main.")
    String payloadBinaryName;

    @Option(names = "--config-path", paramLabel = "PATH",
            description = "Path inside the APK of a VM payload config file (e.g. assets/vm_config.json).")
    String configPath;

    @Option(names = "--debug", paramLabel = "LEVEL", defaultValue = "full",
            description = "Debug level: full or none (default: ${DEFAULT-VALUE}). With none the VM exports no console"
                    + " or log output, as on a device; the exit status still tells how the payload ended.")
    String debug;

    @Option(names = "--mem", paramLabel = "MiB", description = "Guest memory in MiB (default: 256).")
    Integer memMib;

    @Option(names = "--cpu-topology", paramLabel = "TOPOLOGY", defaultValue = "one_cpu",
            description = "one_cpu or match_host (default: ${DEFAULT-VALUE}).")
    String cpuTopology;

    @Option(names = "--cpu-engine", paramLabel = "ENGINE",
            description = "CPU emulator: unicorn1 or unicorn2 (default: the mdemu.cpu.engine system property, else unicorn2).")
    String cpuEngine;

    @Option(names = "--deterministic", paramLabel = "SEED", arity = "0..1", preprocessor = SeedOnlyAttached.class,
            description = "Deterministic mode: same thread interleaving, virtual clock readings and (seeded) random"
                    + " bytes on every run with the same SEED (default seed: 0).")
    String deterministicSeed;

    @Option(names = "--protected", description = "Run as a protected VM (only protected VMs are attested by"
            + " AVmPayload_requestAttestation; see also `mdemu enable-test-attestation`).")
    boolean protectedVm;

    @Option(names = "--storage", paramLabel = "PATH",
            description = "Encrypted storage image (mounted at /mnt/encryptedstore); mdemu keeps it in the instance"
                    + " directory, so PATH must be INSTANCE_DIR/" + MicrodroidBoot.STORAGE_IMAGE + ".")
    Path storage;

    @Option(names = "--storage-size", paramLabel = "SIZE",
            description = "Encrypted storage size in bytes (suffixes K, M, G); enables the storage (default with"
                    + " --storage: 10M).")
    String storageSize;

    @Option(names = "--console", paramLabel = "FILE", description = "Write the console output to FILE instead of stdout.")
    Path consoleFile;

    @Option(names = "--log", paramLabel = "FILE", description = "Write the logcat output to FILE instead of stdout.")
    Path logFile;

    @Option(names = "--forward", paramLabel = "GUEST_PORT[:TCP_PORT]",
            description = "Expose the payload's vsock port GUEST_PORT on 127.0.0.1:TCP_PORT (default: the same"
                    + " number; 0 picks a free port, printed on stderr). Repeatable.")
    List<String> forwards = new ArrayList<>();

    @Option(names = "--forward-host", paramLabel = "VSOCK_PORT:TCP_PORT",
            description = "Carry the payload's connections to the host's vsock port VSOCK_PORT (CID 2) on to"
                    + " 127.0.0.1:TCP_PORT. Repeatable.")
    List<String> hostForwards = new ArrayList<>();

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
        if (!Files.isRegularFile(apk)) throw new BadInputException(apk + ": no such file");
        VirtualMachineConfig config = buildConfig();
        Path instances;
        String name;
        Path temporary = null;
        if (instanceDir != null) {
            Path dir = instanceDir.toAbsolutePath().normalize();
            instances = dir.getParent();
            name = dir.getFileName().toString();
        } else {
            removeAbandonedTemporaryInstances();
            temporary = Files.createTempDirectory(TEMPORARY_PREFIX + ProcessHandle.current().pid() + "-");
            instances = temporary;
            name = "run";
        }
        checkStoragePath(instances.resolve(name));
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
            VirtualMachineManager manager = new VirtualMachineManager(instances);
            VirtualMachine vm = manager.get(name);
            if (vm == null) {
                vm = manager.create(name, config);
            } else if (!vm.getConfig().equals(config)) {
                if (!vm.getConfig().isCompatibleWith(config)) {
                    throw new BadInputException(instances.resolve(name) + ": the instance was created with another APK,"
                            + " payload, debug level, protected mode or storage size; its identity and secrets belong"
                            + " to that config. Delete it (mdemu delete " + instances.resolve(name) + ") or use another"
                            + " INSTANCE_DIR");
                }
                vm.setConfig(config);
            }
            return runToCompletion(vm);
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

    /** AVF's vm tool lets --storage name any image file; mdemu keeps every file of an instance in its directory. */
    private void checkStoragePath(Path instance) {
        if (storage == null) return;
        Path expected = instance.resolve(MicrodroidBoot.STORAGE_IMAGE).toAbsolutePath().normalize();
        if (instanceDir == null || !storage.toAbsolutePath().normalize().equals(expected)) {
            throw new BadInputException("--storage " + storage + ": mdemu keeps the encrypted storage image in the"
                    + " instance directory; give an INSTANCE_DIR and --storage INSTANCE_DIR/" + MicrodroidBoot.STORAGE_IMAGE
                    + ", or only --storage-size");
        }
    }

    /** Bytes from a size with an optional K, M or G suffix (powers of 1024). */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) unit = 1L << 10;
        else if (t.endsWith("M")) unit = 1L << 20;
        else if (t.endsWith("G")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(t);
            if (value <= 0 || value > Long.MAX_VALUE / unit) throw new NumberFormatException();
            return value * unit;
        } catch (NumberFormatException e) {
            throw new BadInputException("--storage-size must be a positive size in bytes (suffixes K, M, G), not '"
                    + text + "'");
        }
    }

    private VirtualMachineConfig buildConfig() {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(apk.toAbsolutePath());
        if (configPath != null && payloadBinaryName != null) {
            throw new BadInputException("--config-path and --payload-binary-name are exclusive");
        }
        if (configPath != null) {
            b.setPayloadConfigPath(configPath);
        } else {
            b.setPayloadBinaryName(payloadBinaryName != null ? payloadBinaryName : defaultPayload());
        }
        switch (debug) {
            case "full" -> b.setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL);
            case "none" -> b.setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_NONE);
            default -> throw new BadInputException("--debug must be full or none, not '" + debug + "'");
        }
        switch (cpuTopology) {
            case "one_cpu" -> b.setCpuTopology(VirtualMachineConfig.CPU_TOPOLOGY_ONE_CPU);
            case "match_host" -> b.setCpuTopology(VirtualMachineConfig.CPU_TOPOLOGY_MATCH_HOST);
            default -> throw new BadInputException("--cpu-topology must be one_cpu or match_host");
        }
        if (cpuEngine != null) {
            CpuEngine engine;
            try {
                engine = CpuEngine.parse(cpuEngine);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--cpu-engine must be unicorn1 or unicorn2, not '" + cpuEngine + "'");
            }
            b.setCpuEngine(engine);
            if (engine == CpuEngine.UNICORN1) {
                System.err.println("mdemu: unicorn1 is for single-threaded payloads: it slices guest threads slowly, and"
                        + " stopping spinning threads has crashed the JVM inside it (the default is unicorn2)");
            }
        }
        if (deterministicSeed != null) {
            try {
                b.setDeterministic(Long.decode(deterministicSeed));
            } catch (NumberFormatException e) {
                throw new BadInputException("--deterministic takes a 64-bit integer seed, not '" + deterministicSeed + "'");
            }
        }
        if (memMib != null) {
            if (memMib < 16) throw new BadInputException("--mem must be at least 16 (MiB), got " + memMib);
            b.setMemoryBytes(memMib * (1L << 20));
        }
        if (timeout != null) b.setTimeout(parseDuration(timeout));
        if (storageSize != null) b.setEncryptedStorageBytes(parseSize(storageSize));
        else if (storage != null) b.setEncryptedStorageBytes(DEFAULT_STORAGE_BYTES);
        // A VM that is not debuggable exports no output on a device, so there is none to show.
        return b.setProtectedVm(protectedVm).setVmOutputCaptured("full".equals(debug)).build();
    }

    /** 30s, 500ms, 2m, 1h, or a bare number of seconds. */
    static java.time.Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)?").matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new BadInputException("--timeout takes a positive duration such as 30s, 500ms, 2m or 1h, not '"
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

    private String defaultPayload() {
        List<String> candidates;
        try {
            candidates = PayloadInspector.payloadCandidates(apk);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        if (candidates.size() == 1) return candidates.get(0);
        if (candidates.isEmpty()) {
            throw new BadInputException(apk + ": no library in lib/arm64-v8a exports AVmPayload_main;"
                    + " name the payload with --payload-binary-name");
        }
        throw new BadInputException(apk + ": several libraries export AVmPayload_main: "
                + String.join(", ", candidates) + "; choose one with --payload-binary-name");
    }

    private int runToCompletion(VirtualMachine vm) throws Exception {
        List<PortForward> guestPorts = new ArrayList<>(), hostPorts = new ArrayList<>();
        for (String f : forwards) guestPorts.add(PortForward.parse("--forward", f, false));
        for (String f : hostForwards) hostPorts.add(PortForward.parse("--forward-host", f, true));
        List<VsockTcpForwarder> forwarders = new ArrayList<>();
        try {
            for (PortForward f : hostPorts) {
                forwarders.add(VsockTcpForwarder.hostToTcp(VsockFabric.shared().host(), f.vsockPort(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), f.tcpPort())));
                System.err.println("mdemu: forwarding host vsock port " + f.vsockText() + " to 127.0.0.1:" + f.tcpPort());
            }
            return runForwarded(vm, guestPorts, forwarders);
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
        vm.run();
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
            System.err.println("mdemu: forwarding 127.0.0.1:" + forwarder.tcpAddress().getPort()
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
        if (outcome.errorMessage() != null) System.err.println("mdemu: " + outcome.errorMessage());
        if (status == Mdemu.EXIT_TIMEOUT && outcome.timedOut()) {
            System.err.println("mdemu: the VM ran longer than --timeout " + timeout + " and was stopped"
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
    private static CompletableFuture<Void> pump(InputStream from, Path file) {
        return CompletableFuture.runAsync(() -> {
            try (InputStream in = from; OutputStream out = file == null ? null : Files.newOutputStream(file)) {
                PrintStream target = System.out;
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
                System.err.println("mdemu: cannot write VM output" + (file == null ? "" : " to " + file) + ": "
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

    /** One --forward or --forward-host value: a vsock port (unsigned 32-bit) and a TCP port. */
    record PortForward(int vsockPort, int tcpPort) {
        static PortForward parse(String option, String value, boolean tcpRequired) {
            String[] parts = value.split(":", -1);
            if (parts.length > 2 || (tcpRequired && parts.length != 2)) {
                throw new BadInputException(option + " takes " + (tcpRequired ? "VSOCK_PORT:TCP_PORT" : "GUEST_PORT[:TCP_PORT]")
                        + ", not '" + value + "'");
            }
            long vsock = number(option, value, parts[0], 0xFFFFFFFEL);
            long tcp = parts.length == 2 ? number(option, value, parts[1], 65535) : vsock;
            if (tcp > 65535) throw new BadInputException(option + " '" + value + "': TCP port " + tcp + " is above 65535");
            return new PortForward((int) vsock, (int) tcp);
        }

        private static long number(String option, String value, String part, long max) {
            try {
                long n = Long.parseLong(part);
                if (n >= 0 && n <= max) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new BadInputException(option + " '" + value + "': '" + part + "' is not a port number (0-" + max + ")");
        }

        String vsockText() {
            return Integer.toUnsignedString(vsockPort);
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
