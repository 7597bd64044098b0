package org.mdemu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The memory of many idle VMs in one JVM (issue 15: 256 of them within 2 GB of RSS): starts N VMs of the binder
 * service payload (it serves on vsock and waits), each until its payload is ready, then reads the process's resident
 * set (VmRSS) after a garbage collection, and stops them. The engine is {@code -Dmdemu.cpu.engine}.
 * Run: {@code java -cp tests/target/classes:<test classpath> -Dmdemu.cpu.engine=java org.mdemu.bench.IdleVmsMemory $PWD 256}
 */
public final class IdleVmsMemory {
    private IdleVmsMemory() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        Path apk = root.resolve("tests/fixtures/apks/binder_service.apk");
        VirtualMachineManager manager = new VirtualMachineManager(Files.createTempDirectory("mdemu-idle"));
        long before = residentKib();
        List<VirtualMachine> vms = new ArrayList<>();
        List<CountDownLatch> stopped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(apk)
                    .setPayloadBinaryName("libbinder_service.so").build();
            VirtualMachine vm = manager.create("idle" + i, config);
            CountDownLatch ready = new CountDownLatch(1), stop = new CountDownLatch(1);
            vm.setCallback(Runnable::run, new VirtualMachineCallback() {
                @Override public void onPayloadStarted(VirtualMachine v) { }
                @Override public void onPayloadReady(VirtualMachine v) { ready.countDown(); }
                @Override public void onPayloadFinished(VirtualMachine v, int code) { }
                @Override public void onError(VirtualMachine v, int code, String message) {
                    System.err.println(v.getName() + ": " + message);
                }
                @Override public void onStopped(VirtualMachine v, int reason) {
                    ready.countDown();
                    stop.countDown();
                }
            });
            vm.run();
            if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("VM " + i + " never got ready");
            if (vm.getStatus() != VirtualMachine.STATUS_RUNNING) throw new IllegalStateException("VM " + i + " stopped");
            vms.add(vm);
            stopped.add(stop);
        }
        System.gc();
        System.gc();
        Thread.sleep(1000);
        long after = residentKib();
        System.out.printf("%d idle VMs on %s: RSS %d MiB (%d MiB before the first; %.1f MiB a VM)%n", count,
                CpuEngine.defaultEngine().cliName(), after / 1024, before / 1024, (after - before) / 1024.0 / count);
        for (VirtualMachine vm : vms) vm.stop();
        for (CountDownLatch s : stopped) s.await(60, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static long residentKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
