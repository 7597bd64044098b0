package org.mdemu.bench;

import static org.mdemu.bench.GuestRuns.parse;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * What watching a run costs: --trace off, each category, all; --perfetto; and a GDB client attached that lets the
 * payload run (every run of the CPU then has an instruction budget). Two payloads measure themselves: calls.c's
 * 200 000 getpid() host calls (ns per call: the trap path with the tracer's work on it) and compute.c's 20M-iteration
 * loop (ns: guest code that makes no calls). Every configuration runs once per round, in turn, so noise hits all
 * alike; medians are reported as ratios to "off" from the same invocation. Trace and timeline files go to a
 * temporary directory. Prints a Markdown table for docs/PERFORMANCE.md.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.DebugOverheadBenchmarks -Dexec.args="$PWD unicorn2 5"}
 */
public final class DebugOverheadBenchmarks {
    private DebugOverheadBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        CpuEngine engine = args.length > 1 ? CpuEngine.parse(args[1]) : CpuEngine.defaultEngine();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("mdemu-debug-bench");
        VirtualMachineManager manager = new VirtualMachineManager(work.resolve("instances"));
        Path apks = root.resolve("tests/fixtures/apks");
        Map<String, Consumer<VirtualMachineConfig.Builder>> configs = new LinkedHashMap<>();
        configs.put("off", b -> { });
        configs.put("--gdb, client attached, running", b -> b.setGdbPort(0));
        for (String c : new String[] {"syscalls", "libc", "binder", "vsock", "all"}) {
            configs.put("--trace " + c, b -> b.setTrace(c, work.resolve("t.trace")));
        }
        configs.put("--perfetto", b -> b.setPerfetto(work.resolve("t.perfetto-trace")));
        configs.put("--trace all --perfetto", b -> b.setTrace("all", work.resolve("t.trace"))
                .setPerfetto(work.resolve("t.perfetto-trace")));
        Map<String, List<Double>> calls = new LinkedHashMap<>(), compute = new LinkedHashMap<>();
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            System.err.println("round " + (round + 1) + " of " + rounds);
            for (Map.Entry<String, Consumer<VirtualMachineConfig.Builder>> c : configs.entrySet()) {
                String out = run(manager, engine, apks.resolve("calls.apk"), "libcalls.so", "k" + n++, c.getValue());
                calls.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(parse(out, "hostcall ns_per_call=(\\d+)"));
                out = run(manager, engine, apks.resolve("compute.apk"), "libcompute.so", "c" + n++, c.getValue());
                compute.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(parse(out, "ns=(\\d+)"));
            }
        }
        double callsOff = GuestRuns.median(calls.get("off")), computeOff = GuestRuns.median(compute.get("off"));
        StringBuilder md = new StringBuilder(String.format("Engine %s, medians of %d rounds.%n%n", engine.cliName(), rounds));
        md.append("| configuration | host call (getpid), ns | vs off | compute loop, ms | vs off |\n|---|---|---|---|---|\n");
        for (String c : configs.keySet()) {
            double k = GuestRuns.median(calls.get(c)), m = GuestRuns.median(compute.get(c));
            md.append(String.format("| %s | %.0f | %.2fx | %.1f | %.2fx |%n", c, k, k / callsOff, m / 1e6, m / computeOff));
        }
        System.out.print(md);
    }

    /** One run to its end with the configuration applied; returns the console. */
    private static String run(VirtualMachineManager manager, CpuEngine engine, Path apk, String payload, String name,
                              Consumer<VirtualMachineConfig.Builder> configure) throws Exception {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(apk).setCpuEngine(engine)
                .setPayloadBinaryName(payload).setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true);
        configure.accept(b);
        VirtualMachine vm = manager.create(name, b.build());
        CountDownLatch stopped = new CountDownLatch(1);
        vm.setCallback(Runnable::run, new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { }
            @Override public void onPayloadReady(VirtualMachine v) { }
            @Override public void onPayloadFinished(VirtualMachine v, int code) { }
            @Override public void onError(VirtualMachine v, int code, String message) {
                System.err.println("error: " + message);
            }
            @Override public void onStopped(VirtualMachine v, int reason) { stopped.countDown(); }
        });
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        Thread gdb = vm.getGdbPort() < 0 ? null : attachAndContinue(vm.getGdbPort());
        if (!stopped.await(300, TimeUnit.SECONDS)) throw new IllegalStateException(name + " did not stop");
        log.get();
        if (gdb != null) gdb.join(10_000);
        manager.delete(name);
        return console.get();
    }

    /** A minimal remote-protocol client: asks why the target stopped, continues, acks until the server closes. */
    private static Thread attachAndContinue(int port) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> {
            try (socket) {
                out.write(packet("?"));
                out.flush();
                boolean continued = false;
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '#') continue;
                    in.read();
                    in.read();
                    out.write('+');
                    if (!continued) {
                        out.write(packet("c"));
                        continued = true;
                    }
                    out.flush();
                }
            } catch (Exception e) {
                // the VM ended and closed the connection
            }
        }, "bench-gdb-client");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static byte[] packet(String payload) {
        int sum = 0;
        for (byte x : payload.getBytes(StandardCharsets.ISO_8859_1)) sum += x & 0xff;
        return ("$" + payload + String.format("#%02x", sum & 0xff)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
