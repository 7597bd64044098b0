package org.mdemu.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** What the benchmark harnesses share: running a payload or a qemu-aarch64 reference, reading its figures. */
final class GuestRuns {
    private GuestRuns() {}

    /** A payload's console output, and milliseconds from run() to its notifyPayloadReady (NaN if never). */
    record Result(String console, double readyMillis) {}

    static Result run(VirtualMachineManager manager, Path apk, String payload, String name) throws Exception {
        return run(manager, CpuEngine.defaultEngine(), apk, payload, name);
    }

    static Result run(VirtualMachineManager manager, CpuEngine engine, Path apk, String payload, String name)
            throws Exception {
        return run(manager, engine, apk, payload, name, 0);
    }

    /** The same, with encrypted storage of {@code storageBytes} when not 0. */
    static Result run(VirtualMachineManager manager, CpuEngine engine, Path apk, String payload, String name,
            long storageBytes) throws Exception {
        return run(manager, engine, apk, payload, name, storageBytes, VirtualMachineConfig.CPU_TOPOLOGY_ONE_CPU);
    }

    /** The same on the given CPU topology (VirtualMachineConfig.CPU_TOPOLOGY_*). */
    static Result run(VirtualMachineManager manager, CpuEngine engine, Path apk, String payload, String name,
            long storageBytes, int cpuTopology) throws Exception {
        VirtualMachineConfig.Builder config = new VirtualMachineConfig.Builder().setApkPath(apk).setCpuEngine(engine)
                .setPayloadBinaryName(payload).setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).setCpuTopology(cpuTopology);
        if (storageBytes > 0) config.setEncryptedStorageBytes(storageBytes);
        VirtualMachine vm = manager.create(name, config.build());
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
        if (!stopped.await(900, TimeUnit.SECONDS)) throw new IllegalStateException(name + " did not stop");
        log.get();
        manager.delete(name);
        return new Result(console.get(), readyAt[0] == 0 ? Double.NaN : (readyAt[0] - start) / 1e6);
    }

    static boolean hasQemu() {
        try {
            return new ProcessBuilder("qemu-aarch64", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static double parse(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) throw new IllegalStateException("no '" + regex + "' in output:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
