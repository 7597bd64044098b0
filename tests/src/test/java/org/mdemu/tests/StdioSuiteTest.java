package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** Runs libstdio_suite.so: the C library checked from inside the guest (scanf, streams, stdlib, string, ctype, locale, wchar). */
class StdioSuiteTest {
    @TempDir
    Path instances;

    @Test
    void cLibraryChecksPassInsideTheGuest() throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("stdio_suite"))
                .setPayloadBinaryName("libstdio_suite.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        VirtualMachine vm = new VirtualMachineManager(instances).create("stdio_suite", config);
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        log.get();
        String out = console.get();
        assertThat(out).doesNotContain("FAIL")
                .contains("ok sscanf width+set").contains("ok fscanf from a stream").contains("ok scanf after freopen")
                .contains("ok getdelim").contains("ok tmpfile round trip").contains("ok open_memstream grows")
                .contains("ok bsearch finds").contains("ok srand48(0) lrand48").contains("ok strtold is binary128 in q0")
                .contains("ok environ sees setenv").contains("ok strtok").contains("ok __strncat_chk")
                .contains("ok _ctype_ table").contains("ok newlocale/uselocale").contains("ok mbrtowc partial")
                .contains("ok isw classes").contains("dprintf works").contains("chk write")
                .contains("stdio_suite failures=0");
        assertThat(callback.exitCode).isZero();
    }
}
