package org.mdemu.virtualmachine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * The immutable configuration of a VM, as {@code android.system.virtualmachine.VirtualMachineConfig}. Differences
 * from AVF: the APK is given by path (there is no app Context), protected-VM mode defaults to false instead of
 * having to be chosen explicitly, and the CPU engine, deterministic mode, the timeout and the watchdog delay are mdemu
 * additions.
 */
public final class VirtualMachineConfig {
    public static final int DEBUG_LEVEL_NONE = 0;
    public static final int DEBUG_LEVEL_FULL = 1;
    public static final int CPU_TOPOLOGY_ONE_CPU = 0;
    public static final int CPU_TOPOLOGY_MATCH_HOST = 1;
    /**
     * The system property that sets the CPU topology of configs that do not choose one ({@code one_cpu} or
     * {@code match_host}), as {@link CpuEngine#PROPERTY} sets the engine: e.g. the whole test suite on several vCPUs.
     */
    public static final String TOPOLOGY_PROPERTY = "mdemu.cpu.topology";

    static int defaultTopology() {
        String chosen = System.getProperty(TOPOLOGY_PROPERTY);
        if (chosen == null || chosen.isBlank() || chosen.trim().equals("one_cpu")) return CPU_TOPOLOGY_ONE_CPU;
        if (chosen.trim().equals("match_host")) return CPU_TOPOLOGY_MATCH_HOST;
        throw new IllegalArgumentException("-D" + TOPOLOGY_PROPERTY + "=" + chosen
                + ": not a CPU topology (one_cpu, match_host)");
    }
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    /** The least memory a VM can be given: below it Microdroid's own processes would not fit. */
    public static final long MIN_MEMORY_BYTES = 16L << 20;
    /**
     * The most memory mdemu gives a VM (an mdemu limit; AVF leaves it to the host): what the guest maps is host
     * memory, and Microdroid VMs are given a few hundred MiB to a few GiB.
     */
    public static final long MAX_MEMORY_BYTES = 16L << 30;
    /**
     * The largest encrypted storage mdemu gives a VM (an mdemu limit): the store's contents are held in the JVM while
     * the VM runs and its host image is read and written whole.
     */
    public static final long MAX_ENCRYPTED_STORAGE_BYTES = 1L << 30;

    private final Path apkPath;
    private final String payloadBinaryName;
    private final String payloadConfigPath;
    private final int debugLevel;
    private final long memoryBytes;
    private final boolean protectedVm;
    private final boolean vmOutputCaptured;
    private final int cpuTopology;
    private final CpuEngine cpuEngine;
    private final Long deterministicSeed;
    private final long encryptedStorageBytes;
    private final Duration timeout;
    private final Duration watchdogDelay;
    private final int gdbPort;
    private final java.util.Set<org.mdemu.guest.trace.TraceCategory> trace;
    private final Path traceFile;
    private final Path perfettoFile;

    private VirtualMachineConfig(Builder b) {
        this.timeout = b.timeout;
        this.watchdogDelay = b.watchdogDelay;
        this.trace = b.trace;
        this.traceFile = b.traceFile;
        this.perfettoFile = b.perfettoFile;
        this.gdbPort = b.gdbPort;
        this.encryptedStorageBytes = b.encryptedStorageBytes;
        this.apkPath = b.apkPath;
        this.payloadBinaryName = b.payloadBinaryName;
        this.payloadConfigPath = b.payloadConfigPath;
        this.debugLevel = b.debugLevel;
        this.memoryBytes = b.memoryBytes;
        this.protectedVm = b.protectedVm;
        this.vmOutputCaptured = b.vmOutputCaptured;
        this.cpuTopology = b.cpuTopology;
        this.cpuEngine = b.cpuEngine;
        this.deterministicSeed = b.deterministicSeed;
    }

    public Path getApkPath() { return apkPath; }
    public String getPayloadBinaryName() { return payloadBinaryName; }
    public String getPayloadConfigPath() { return payloadConfigPath; }
    public int getDebugLevel() { return debugLevel; }
    public long getMemoryBytes() { return memoryBytes; }
    public boolean isProtectedVm() { return protectedVm; }
    public boolean isVmOutputCaptured() { return vmOutputCaptured; }
    public int getCpuTopology() { return cpuTopology; }
    public CpuEngine getCpuEngine() { return cpuEngine; }
    public boolean isDeterministic() { return deterministicSeed != null; }

    /** How long a run may last before the VM is stopped with a thread dump (null: no limit). An mdemu addition. */
    public Duration getTimeout() { return timeout; }

    /** How long every payload thread must have been blocked for good before the console says so. An mdemu addition. */
    public Duration getWatchdogDelay() { return watchdogDelay; }

    /**
     * The TCP port (on 127.0.0.1) of the VM's GDB remote server, 0 for any free one, -1 for none (the default). A
     * setting of the run, not of the instance: it is not stored with the instance's config.
     */
    public int getGdbPort() { return gdbPort; }

    /** The traced call categories (empty: no trace); a setting of the run, not stored with the instance. */
    public java.util.Set<org.mdemu.guest.trace.TraceCategory> getTrace() { return trace; }

    /** Where the trace goes: a file, or null for the standard error stream. */
    public Path getTraceFile() { return traceFile; }

    /** Where the run's Perfetto timeline goes, or null for none; a setting of the run, not stored with the instance. */
    public Path getPerfettoFile() { return perfettoFile; }

    /** Whether the VM has encrypted storage at /mnt/encryptedstore. */
    public boolean isEncryptedStorageEnabled() { return encryptedStorageBytes > 0; }

    /** The capacity of the encrypted storage in bytes, 0 when it is not enabled. */
    public long getEncryptedStorageBytes() { return encryptedStorageBytes; }

    /**
     * Whether the configs can be used for the same VM without changing its identity or secrets, as AVF decides:
     * memory, CPU topology, CPU engine, deterministic mode, the timeout and the watchdog delay may differ; the
     * payload, the debug level, protected mode, output capture and the encrypted storage size may not. The APK's path
     * may differ too: AVF compares the package of a config made from an app's Context and nothing of one made with an
     * APK path (mdemu's only kind), so an updated APK at another path is compatible, and microdroid_manager's check
     * against the instance record decides at boot (the same package and signer with a version code at least the
     * recorded one, else PAYLOAD_HAS_CHANGED).
     */
    public boolean isCompatibleWith(VirtualMachineConfig other) {
        if (this == other) return true;
        return debugLevel == other.debugLevel && protectedVm == other.protectedVm
                && encryptedStorageBytes == other.encryptedStorageBytes && vmOutputCaptured == other.vmOutputCaptured
                && Objects.equals(payloadConfigPath, other.payloadConfigPath)
                && Objects.equals(payloadBinaryName, other.payloadBinaryName);
    }

    /** The seed of deterministic mode; only meaningful when {@link #isDeterministic()}. */
    public long getDeterministicSeed() { return deterministicSeed == null ? 0 : deterministicSeed; }

    /** The seed, or null when the VM runs in the normal mode. */
    Long deterministicSeedOrNull() { return deterministicSeed; }

    /** Number of virtual CPUs the guest sees for this topology. */
    int cpuCount() {
        return cpuTopology == CPU_TOPOLOGY_MATCH_HOST ? Runtime.getRuntime().availableProcessors() : 1;
    }

    void store(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("apkPath", apkPath.toString());
        if (payloadBinaryName != null) p.setProperty("payloadBinaryName", payloadBinaryName);
        if (payloadConfigPath != null) p.setProperty("payloadConfigPath", payloadConfigPath);
        p.setProperty("debugLevel", Integer.toString(debugLevel));
        p.setProperty("memoryBytes", Long.toString(memoryBytes));
        p.setProperty("protectedVm", Boolean.toString(protectedVm));
        p.setProperty("vmOutputCaptured", Boolean.toString(vmOutputCaptured));
        p.setProperty("cpuTopology", Integer.toString(cpuTopology));
        p.setProperty("cpuEngine", cpuEngine.cliName());
        if (deterministicSeed != null) p.setProperty("deterministicSeed", Long.toString(deterministicSeed));
        if (encryptedStorageBytes > 0) p.setProperty("encryptedStorageBytes", Long.toString(encryptedStorageBytes));
        if (timeout != null) p.setProperty("timeout", timeout.toString());
        if (!watchdogDelay.equals(Builder.DEFAULT_WATCHDOG_DELAY)) p.setProperty("watchdogDelay", watchdogDelay.toString());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            p.store(out, "mdemu VM config");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static VirtualMachineConfig load(Path file) throws VirtualMachineException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            Builder b = new Builder()
                    .setApkPath(p.getProperty("apkPath"))
                    .setDebugLevel(Integer.parseInt(p.getProperty("debugLevel", "0")))
                    .setMemoryBytes(Long.parseLong(p.getProperty("memoryBytes", Long.toString(DEFAULT_MEMORY_BYTES))))
                    .setProtectedVm(Boolean.parseBoolean(p.getProperty("protectedVm")))
                    .setVmOutputCaptured(Boolean.parseBoolean(p.getProperty("vmOutputCaptured")))
                    .setCpuTopology(Integer.parseInt(p.getProperty("cpuTopology", "0")));
            if (p.getProperty("payloadBinaryName") != null) b.setPayloadBinaryName(p.getProperty("payloadBinaryName"));
            if (p.getProperty("payloadConfigPath") != null) b.setPayloadConfigPath(p.getProperty("payloadConfigPath"));
            if (p.getProperty("cpuEngine") != null) b.setCpuEngine(CpuEngine.parse(p.getProperty("cpuEngine")));
            if (p.getProperty("encryptedStorageBytes") != null) {
                b.setEncryptedStorageBytes(Long.parseLong(p.getProperty("encryptedStorageBytes")));
            }
            if (p.getProperty("deterministicSeed") != null) {
                b.setDeterministic(Long.parseLong(p.getProperty("deterministicSeed")));
            }
            if (p.getProperty("timeout") != null) b.setTimeout(Duration.parse(p.getProperty("timeout")));
            if (p.getProperty("watchdogDelay") != null) b.setWatchdogDelay(Duration.parse(p.getProperty("watchdogDelay")));
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new VirtualMachineException("cannot read VM config " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VirtualMachineConfig c)) return false;
        return apkPath.equals(c.apkPath) && Objects.equals(payloadBinaryName, c.payloadBinaryName)
                && Objects.equals(payloadConfigPath, c.payloadConfigPath) && debugLevel == c.debugLevel
                && memoryBytes == c.memoryBytes && protectedVm == c.protectedVm
                && vmOutputCaptured == c.vmOutputCaptured && cpuTopology == c.cpuTopology && cpuEngine == c.cpuEngine
                && Objects.equals(deterministicSeed, c.deterministicSeed)
                && encryptedStorageBytes == c.encryptedStorageBytes && Objects.equals(timeout, c.timeout)
                && watchdogDelay.equals(c.watchdogDelay) && gdbPort == c.gdbPort
                && trace.equals(c.trace) && Objects.equals(traceFile, c.traceFile)
                && Objects.equals(perfettoFile, c.perfettoFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apkPath, payloadBinaryName, payloadConfigPath, debugLevel, memoryBytes);
    }

    /** Builds a {@link VirtualMachineConfig}; {@link #build()} rejects incomplete or contradictory settings. */
    public static final class Builder {
        private Path apkPath;
        private String payloadBinaryName;
        private String payloadConfigPath;
        private int debugLevel = DEBUG_LEVEL_NONE;
        private long memoryBytes = DEFAULT_MEMORY_BYTES;
        private boolean protectedVm;
        private boolean vmOutputCaptured;
        private int cpuTopology = defaultTopology();
        private CpuEngine cpuEngine = CpuEngine.defaultEngine();
        private Long deterministicSeed;
        private long encryptedStorageBytes;
        static final Duration DEFAULT_WATCHDOG_DELAY = Duration.ofSeconds(10);
        private Duration timeout;
        private Duration watchdogDelay = DEFAULT_WATCHDOG_DELAY;

        /**
         * Stops a run that lasts longer (an mdemu addition, {@code run-app --timeout}): the console and the log get
         * every payload thread's state and backtrace, and the callback onStopped(STOP_REASON_HANGUP). Null: no limit.
         */
        public Builder setTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        private int gdbPort = -1;
        private java.util.Set<org.mdemu.guest.trace.TraceCategory> trace = java.util.Set.of();
        private Path traceFile;
        private Path perfettoFile;

        /**
         * Draws the run as a Perfetto trace in file (an mdemu addition; {@code run-app --perfetto}), which
         * ui.perfetto.dev and trace_processor open: guest thread states, every system call and library call as a
         * slice, binder transactions on both sides joined by flows, vsock connections, the payload's lifecycle,
         * memory and thread counters. Null: none.
         */
        public Builder setPerfetto(Path file) {
            this.perfettoFile = file;
            return this;
        }

        /**
         * Traces the payload's calls, strace-style (an mdemu addition; {@code run-app --trace}): categories is a
         * comma-separated list of syscalls, libc, binder, vsock, or all; file null writes to the standard error stream.
         */
        public Builder setTrace(String categories, Path file) {
            this.trace = java.util.Set.copyOf(org.mdemu.guest.trace.TraceCategory.parse(categories));
            this.traceFile = file;
            return this;
        }

        /**
         * How long every payload thread must have been blocked in waits nothing will end (a deadlock, pause())
         * before the console says so, once, as a watchdog would; the VM keeps waiting. Default 10 s. An mdemu
         * addition.
         */
        public Builder setWatchdogDelay(Duration delay) {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("watchdog delay must be positive, got " + delay);
            }
            this.watchdogDelay = delay;
            return this;
        }

        /**
         * Starts a GDB remote server for the payload on 127.0.0.1:port (0: any free port, see
         * {@link VirtualMachine#getGdbPort()}), as {@code vm run-app --gdb PORT}: the payload stops before its first
         * instruction (after linking) until gdb connects and continues. -1 (the default) for none.
         */
        public Builder setGdbPort(int port) {
            if (port < -1 || port > 65535) throw new IllegalArgumentException("invalid GDB port " + port);
            this.gdbPort = port;
            return this;
        }

        /**
         * Encrypted storage of this many bytes at /mnt/encryptedstore, kept in the instance directory and
         * encrypted with a key derived from the VM secret.
         */
        public Builder setEncryptedStorageBytes(long bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("encrypted storage size must be positive, got " + bytes);
            this.encryptedStorageBytes = bytes;
            return this;
        }

        public Builder setApkPath(String apkPath) {
            this.apkPath = apkPath == null ? null : Path.of(apkPath);
            return this;
        }

        public Builder setApkPath(Path apkPath) {
            this.apkPath = apkPath;
            return this;
        }

        /** The payload library in the APK's lib/arm64-v8a, e.g. {@code libpayload.so}. */
        public Builder setPayloadBinaryName(String name) {
            if (name == null || name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("invalid payload binary name: '" + name + "' (a file name in"
                        + " lib/arm64-v8a is expected, without directories)");
            }
            this.payloadBinaryName = name;
            return this;
        }

        /** A path inside the APK of a VM payload config file (e.g. {@code assets/vm_config.json}). */
        public Builder setPayloadConfigPath(String path) {
            this.payloadConfigPath = Objects.requireNonNull(path, "payload config path");
            return this;
        }

        public Builder setDebugLevel(int level) {
            if (level != DEBUG_LEVEL_NONE && level != DEBUG_LEVEL_FULL) {
                throw new IllegalArgumentException("invalid debug level " + level);
            }
            this.debugLevel = level;
            return this;
        }

        public Builder setMemoryBytes(long bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("memory must be positive, got " + bytes);
            this.memoryBytes = bytes;
            return this;
        }

        public Builder setProtectedVm(boolean protectedVm) {
            this.protectedVm = protectedVm;
            return this;
        }

        /** Console and log output readable through VirtualMachine; requires DEBUG_LEVEL_FULL, as in AVF. */
        public Builder setVmOutputCaptured(boolean captured) {
            this.vmOutputCaptured = captured;
            return this;
        }

        public Builder setCpuTopology(int topology) {
            if (topology != CPU_TOPOLOGY_ONE_CPU && topology != CPU_TOPOLOGY_MATCH_HOST) {
                throw new IllegalArgumentException("invalid CPU topology " + topology);
            }
            this.cpuTopology = topology;
            return this;
        }

        /** The CPU emulator (an mdemu addition). Default: {@link CpuEngine#defaultEngine()}. */
        public Builder setCpuEngine(CpuEngine engine) {
            this.cpuEngine = Objects.requireNonNull(engine, "CPU engine");
            return this;
        }

        /**
         * Deterministic mode (an mdemu addition): the same APK and inputs give the same thread interleaving, clock
         * readings and random bytes on every run with the same seed; see the README for what it covers.
         */
        public Builder setDeterministic(long seed) {
            this.deterministicSeed = seed;
            return this;
        }

        public VirtualMachineConfig build() {
            if (apkPath == null) throw new IllegalStateException("apk path must be set (setApkPath)");
            if (payloadBinaryName == null && payloadConfigPath == null) {
                throw new IllegalStateException("setPayloadBinaryName or setPayloadConfigPath must be called");
            }
            if (payloadBinaryName != null && payloadConfigPath != null) {
                throw new IllegalStateException("setPayloadBinaryName and setPayloadConfigPath are exclusive");
            }
            if (vmOutputCaptured && debugLevel != DEBUG_LEVEL_FULL) {
                // As AVF: a VM that is not debuggable exports no console or log output to read.
                throw new IllegalStateException("debug level must be FULL to capture output");
            }
            if (memoryBytes < MIN_MEMORY_BYTES || memoryBytes > MAX_MEMORY_BYTES) {
                throw new IllegalStateException("memory of " + memoryBytes + " bytes is outside "
                        + (MIN_MEMORY_BYTES >> 20) + " MiB to " + (MAX_MEMORY_BYTES >> 20) + " MiB");
            }
            if (encryptedStorageBytes > MAX_ENCRYPTED_STORAGE_BYTES) {
                throw new IllegalStateException("encrypted storage of " + encryptedStorageBytes + " bytes is above the "
                        + (MAX_ENCRYPTED_STORAGE_BYTES >> 20) + " MiB maximum");
            }
            return new VirtualMachineConfig(this);
        }
    }
}
