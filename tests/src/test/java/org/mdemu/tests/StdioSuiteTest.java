package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * The C library checked from inside the guest: libstdio_suite.so (scanf, streams, stdlib, string, ctype, locale,
 * wchar) and libfortify.so (a buffer overflow caught by a FORTIFY check).
 */
class StdioSuiteTest {
    @TempDir
    Path instances;

    private VirtualMachine start(String name, RecordingCallback callback) throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(name))
                .setPayloadBinaryName("lib" + name + ".so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        VirtualMachine vm = new VirtualMachineManager(instances).create(name, config);
        vm.setCallback(Runnable::run, callback);
        vm.run();
        return vm;
    }

    @Test
    void cLibraryChecksPassInsideTheGuest() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        VirtualMachine vm = start("stdio_suite", callback);
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        log.get();
        String out = console.get();
        assertThat(out).doesNotContain("FAIL")
                .contains("ok sscanf width+set").contains("ok fscanf from a stream").contains("ok scanf after freopen")
                .contains("ok getdelim").contains("ok tmpfile round trip").contains("ok open_memstream grows")
                .contains("ok bsearch finds").contains("ok srand48(0) lrand48").contains("ok strtold is binary128 in q0")
                .contains("ok printf %Lf expands binary128").contains("ok environ sees setenv").contains("ok strtok")
                .contains("ok __strncat_chk").contains("ok _ctype_ table").contains("ok newlocale/uselocale")
                .contains("ok mbrtowc partial").contains("ok isw classes").contains("ok fgetwc/ungetwc")
                .contains("dprintf works").contains("chk write").contains("stdio_suite failures=0");
        assertThat(callback.exitCode).isZero();
    }

    @Test
    void fortifiedOverflowAbortsWithBionicsMessage() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        VirtualMachine vm = start("fortify", callback);
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        console.get();
        log.get();
        assertThat(callback.stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        assertThat(vm.getCrashReport().signal()).isEqualTo(6);
        assertThat(vm.getCrashReport().tombstone())
                .contains("FORTIFY: strcpy: prevented write past end of 4-byte buffer")
                .contains("libfortify.so (AVmPayload_main+");
    }
}
