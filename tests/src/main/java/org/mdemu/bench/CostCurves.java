package org.mdemu.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mdemu.fixtures.FixtureBuilder;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockConnection;

/**
 * Issue 16's cost curves (n -> time) from costs.apk: blocked threads, small mmaps, deep directories, exit with many
 * open descriptors, qsort, files of n MiB written in 4 KiB writes (to a 1 GiB encrypted store), and host connections
 * to a vsock port the guest never accepts on (time and host heap per connection), and protection changes page by
 * page in one mapping of n pages (protections.apk). Each point is one run; "host ms"
 * is from run() to onStopped, "guest ms" what the payload measured. The qsort of 2^29 ints is stopped by a timeout:
 * the figure is how long the stop took once asked. Prints Markdown.
 * Run (after {@code mvn -B -q -pl tests -am package -DskipTests}):
 * {@code java -cp tests/target/classes:<the tests module's classpath> org.mdemu.bench.CostCurves $PWD [kind...]}
 */
public final class CostCurves {
    private CostCurves() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        List<String> kinds = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("threads", "mmaps", "mprotects", "dirs", "fds", "qsort", "vsock", "files");
        Path apk = root.resolve("tests/fixtures/apks/costs.apk");
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-costs"));
        System.out.printf("engine %s%n%n| workload | n | host ms | guest figures |%n|---|---|---|---|%n", CpuEngine.defaultEngine());
        for (String kind : kinds) {
            if (kind.equals("vsock")) {
                vsockCurve(manager, apk);
                continue;
            }
            if (kind.equals("mprotects")) {
                for (String n : FixtureBuilder.PROTECT_MODES) {
                    Run r = run(manager, root.resolve("tests/fixtures/apks/protections.apk"), "libprotect_" + n + ".so",
                            "protect_" + n, null, false);
                    System.out.printf("| %s | %s | %.0f | %s |%n", kind, n, r.hostMillis, figures(r.console));
                }
                continue;
            }
            for (String mode : FixtureBuilder.COST_MODES) {
                if (!mode.startsWith(kind + "_")) continue;
                long n = Long.parseLong(mode.substring(kind.length() + 1));
                boolean huge = kind.equals("qsort") && n > 10_000_000;
                Run r = run(manager, apk, "libcost_" + mode + ".so", mode, huge ? Duration.ofSeconds(5) : null,
                        kind.equals("files"));
                String figures = huge ? String.format("2 GiB mapped in a 3 GiB VM, stopped by a 5 s timeout (%s);"
                        + " JVM peak RSS %d MiB", r.console.contains("timeout of 5 s ran out") ? "stopped" : "NOT stopped: "
                        + r.console.lines().filter(l -> l.contains("cost")).toList(), r.peakRssMiB) : figures(r.console);
                System.out.printf("| %s | %d | %.0f | %s |%n", kind, n, r.hostMillis, figures);
            }
        }
    }

    private static String figures(String console) {
        Matcher m = Pattern.compile("cost: \\w+ n=\\d+ (.*ms=.*)").matcher(console);
        return m.find() ? m.group(1).trim() : "no figures: " + console.lines().filter(l -> l.contains("cost")).toList();
    }

    record Run(String console, double hostMillis, long peakRssMiB) {}

    private static Run run(VirtualMachineManager manager, Path apk, String payload, String name, Duration timeout,
                           boolean store) throws Exception {
        VirtualMachineConfig.Builder b = config(apk, payload);
        if (timeout != null) b.setTimeout(timeout).setMemoryBytes(3L << 30);
        if (store) b.setEncryptedStorageBytes(1L << 30);
        VirtualMachine vm = manager.create(name, b.build());
        CountDownLatch stopped = new CountDownLatch(1);
        vm.setCallback(Runnable::run, stopWatcher(stopped));
        long start = System.nanoTime();
        long[] peak = {0};
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        while (!stopped.await(100, TimeUnit.MILLISECONDS)) peak[0] = Math.max(peak[0], rssMiB());
        double ms = (System.nanoTime() - start) / 1e6;
        log.get();
        String out = console.get();
        manager.delete(name);
        return new Run(out, ms, peak[0]);
    }

    /** Connects {@code k} times to a port the guest listens on with a backlog of 2^30 and never accepts. */
    private static void vsockCurve(VirtualMachineManager manager, Path apk) throws Exception {
        for (int k : new int[] {1000, 2000, 4000, 8000}) {
            VirtualMachine vm = manager.create("vsock" + k, config(apk, "libcost_vsock_5000.so").build());
            CountDownLatch stopped = new CountDownLatch(1);
            vm.setCallback(Runnable::run, stopWatcher(stopped));
            vm.run();
            CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
            OutputCollector.collect(vm.getLogOutput());
            List<VsockConnection> open = new ArrayList<>();
            open.add(connect(vm, 5000, true));
            long before = usedHeap();
            long start = System.nanoTime();
            int refused = 0;
            for (int i = 1; i < k; i++) {
                try {
                    open.add(connect(vm, 5000, false));
                } catch (VirtualMachineException e) {
                    refused++;
                }
            }
            double ms = (System.nanoTime() - start) / 1e6;
            long heap = usedHeap() - before;
            vm.stop();
            stopped.await(60, TimeUnit.SECONDS);
            console.get(60, TimeUnit.SECONDS);
            manager.delete("vsock" + k);
            System.out.printf("| vsock connections never accepted | %d | %.0f | pending=%d refused=%d host heap +%.1f MiB |%n",
                    k, ms, open.size(), refused, heap / 1048576.0);
        }
    }

    /** The guest listens once its payload has started: retry a refused first connection for up to a minute. */
    private static VsockConnection connect(VirtualMachine vm, int port, boolean first) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                return vm.connectVsock(port);
            } catch (VirtualMachineException e) {
                if (!first || System.nanoTime() > deadline) throw e;
                Thread.sleep(20);
            }
        }
    }

    private static VirtualMachineConfig.Builder config(Path apk, String payload) {
        return new VirtualMachineConfig.Builder().setApkPath(apk).setPayloadBinaryName(payload)
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true);
    }

    private static VirtualMachineCallback stopWatcher(CountDownLatch stopped) {
        return new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { }
            @Override public void onPayloadReady(VirtualMachine v) { }
            @Override public void onPayloadFinished(VirtualMachine v, int code) { }
            @Override public void onError(VirtualMachine v, int code, String message) { System.err.println("error: " + message); }
            @Override public void onStopped(VirtualMachine v, int reason) { stopped.countDown(); }
        };
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
