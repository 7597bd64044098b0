package org.mdemu.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mdemu.fixtures.OutputCollector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The performance figures, each as a ratio or a number from one invocation: guest compute against
 * qemu-aarch64 running the same function (alternated), host-call cost, guest memcpy/strlen throughput, and the
 * time from run() to the payload's first action in a warm JVM. Prints a Markdown section for docs/PERFORMANCE.md.
 * Run: {@code mvn -B -q -pl tests exec:java -Dexec.mainClass=org.mdemu.bench.PayloadBenchmarks -Dexec.args=$PWD}
 */
public final class PayloadBenchmarks {
    private static final int ROUNDS = 5;

    private PayloadBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path instances = Files.createTempDirectory("mdemu-bench");
        VirtualMachineManager manager = new VirtualMachineManager(instances);
        Path apks = root.resolve("tests/fixtures/apks");
        Path qemuBinary = root.resolve("tests/fixtures/lib/bin/compute_static");
        boolean qemu = hasQemu();

        List<Double> mdemuCompute = new ArrayList<>(), qemuCompute = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            mdemuCompute.add(parse(run(manager, apks.resolve("compute.apk"), "libcompute.so", "c" + i).console, "ns=(\\d+)"));
            if (qemu) qemuCompute.add(parse(exec("qemu-aarch64", qemuBinary.toString()), "ns=(\\d+)"));
        }
        List<Double> hostCall = new ArrayList<>(), memcpy = new ArrayList<>(), strlen = new ArrayList<>();
        List<Double> memcpySmall = new ArrayList<>(), strlenSmall = new ArrayList<>();
        List<Double> startup = new ArrayList<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            Result r = run(manager, apks.resolve("calls.apk"), "libcalls.so", "k" + i);
            hostCall.add(parse(r.console, "hostcall ns_per_call=(\\d+)"));
            memcpy.add(parse(r.console, "memcpy MBps=(\\d+)"));
            strlen.add(parse(r.console, "strlen MBps=(\\d+)"));
            memcpySmall.add(parse(r.console, "memcpy64 ns_per_call=(\\d+)"));
            strlenSmall.add(parse(r.console, "strlen15 ns_per_call=(\\d+)"));
            startup.add(r.readyMillis);
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format("| measure | result | goal |%n|---|---|---|%n"));
        if (qemu) {
            md.append(String.format("| guest compute (20M-iteration hash/FP loop), mdemu / qemu-aarch64 | %.2fx (mdemu %.0f ms, qemu %.0f ms, medians of %d alternated runs) | <= 1.1x |%n",
                    median(mdemuCompute) / median(qemuCompute), median(mdemuCompute) / 1e6, median(qemuCompute) / 1e6, ROUNDS));
        } else {
            md.append(String.format("| guest compute (20M-iteration hash/FP loop) | %.0f ms (qemu-aarch64 not installed: no ratio) | <= 1.1x |%n",
                    median(mdemuCompute) / 1e6));
        }
        md.append(String.format("| trivial host call (getpid from guest, Java row) | %.0f ns per call | <= 500 ns |%n", median(hostCall)));
        md.append(String.format("| memcpy 64 KiB blocks | %.0f MB/s | (report) |%n", median(memcpy)));
        md.append(String.format("| strlen over 64 KiB | %.0f MB/s | (report) |%n", median(strlen)));
        md.append(String.format("| memcpy of 64 bytes (guest code, no trap) | %.0f ns per call | (report) |%n", median(memcpySmall)));
        md.append(String.format("| strlen of 15 bytes (guest code, no trap) | %.0f ns per call | (report) |%n", median(strlenSmall)));
        md.append(String.format("| run() to the payload's first call (warm JVM) | %.1f ms median, %.1f ms min | <= 50 ms |%n",
                median(startup), Collections.min(startup)));
        System.out.print(md);
    }

    private record Result(String console, double readyMillis) {}

    private static Result run(VirtualMachineManager manager, Path apk, String payload, String name) throws Exception {
        VirtualMachine vm = manager.create(name, new VirtualMachineConfig.Builder().setApkPath(apk)
                .setPayloadBinaryName(payload).setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build());
        CountDownLatch stopped = new CountDownLatch(1);
        long[] readyAt = {0};
        vm.setCallback(Runnable::run, new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { }
            @Override public void onPayloadReady(VirtualMachine v) { readyAt[0] = System.nanoTime(); }
            @Override public void onPayloadFinished(VirtualMachine v, int code) { }
            @Override public void onError(VirtualMachine v, int code, String message) {
                System.err.println("error: " + message);
            }
            @Override public void onStopped(VirtualMachine v, int reason) { stopped.countDown(); }
        });
        long start = System.nanoTime();
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        if (!stopped.await(300, TimeUnit.SECONDS)) throw new IllegalStateException(name + " did not stop");
        log.get();
        manager.delete(name);
        return new Result(console.get(), readyAt[0] == 0 ? Double.NaN : (readyAt[0] - start) / 1e6);
    }

    private static boolean hasQemu() {
        try {
            return new ProcessBuilder("qemu-aarch64", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static double parse(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) throw new IllegalStateException("no '" + regex + "' in output:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
