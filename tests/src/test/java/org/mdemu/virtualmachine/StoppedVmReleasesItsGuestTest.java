package org.mdemu.virtualmachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM that has stopped keeps nothing of its run reachable (the guest's memory, file systems, threads, output
 * buffers), although its manager keeps the VM object until delete: many VMs run one after another in one JVM must
 * not pile up their guests. In this package to see the run's guest through {@link VirtualMachine#currentGuest}.
 */
class StoppedVmReleasesItsGuestTest {
    @TempDir
    Path instances;

    @Test
    void aStoppedVmHoldsNoReferenceToItsGuest() throws Exception {
        Path apk = fixtures().resolve("tests/fixtures/apks/hello.apk");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(apk)
                .setPayloadBinaryName("libhello.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        VirtualMachineManager manager = new VirtualMachineManager(instances);
        VirtualMachine vm = manager.create("released", config);
        CountDownLatch stopped = new CountDownLatch(1);
        vm.setCallback(Runnable::run, new VirtualMachineCallback() {
            @Override public void onPayloadStarted(VirtualMachine v) { }
            @Override public void onPayloadReady(VirtualMachine v) { }
            @Override public void onPayloadFinished(VirtualMachine v, int exitCode) { }
            @Override public void onError(VirtualMachine v, int errorCode, String message) { }
            @Override public void onStopped(VirtualMachine v, int reason) {
                stopped.countDown();
            }
        });
        vm.run();
        WeakReference<Object> guest = new WeakReference<>(vm.currentGuest());
        assertThat(guest.get()).isNotNull();
        try (InputStream console = vm.getConsoleOutput(); InputStream log = vm.getLogOutput()) {
            String text = new String(console.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            log.readAllBytes();
            assertThat(text).contains("payload exited with status 0");
        }
        assertThat(stopped.await(60, TimeUnit.SECONDS)).isTrue();
        vm.close();
        for (int i = 0; i < 50 && guest.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(guest.get()).as("the stopped VM's guest is still reachable").isNull();
        assertThat(manager.get("released")).isSameAs(vm);
    }

    private static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tests/fixtures/apks"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("tests/fixtures not found");
        return dir;
    }
}
