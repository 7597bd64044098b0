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

    private record Run(RecordingCallback callback, String console, VirtualMachine vm) {}

    private Run run(String name) throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(name))
                .setPayloadBinaryName("lib" + name + ".so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        VirtualMachine vm = new VirtualMachineManager(instances).create(name, config);
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        CompletableFuture<String> log = OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        log.get();
        return new Run(callback, console.get(), vm);
    }

    @Test
    void cLibraryChecksPassInsideTheGuest() throws Exception {
        Run r = run("stdio_suite");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok sscanf width+set").contains("ok fscanf from a stream").contains("ok scanf after freopen")
                .contains("ok getdelim").contains("ok tmpfile round trip").contains("ok open_memstream grows")
                .contains("ok bsearch finds").contains("ok srand48(0) lrand48").contains("ok strtold is binary128 in q0")
                .contains("ok printf %Lf expands binary128").contains("ok environ sees setenv").contains("ok strtok")
                .contains("ok __strncat_chk").contains("ok _ctype_ table").contains("ok newlocale/uselocale")
                .contains("ok mbrtowc partial").contains("ok isw classes").contains("ok fgetwc/ungetwc")
                .contains("dprintf works").contains("chk write").contains("stdio_suite failures=0");
        assertThat(r.callback().exitCode).isZero();
    }

    @Test
    void fortifiedOverflowAbortsWithBionicsMessage() throws Exception {
        Run r = run("fortify");
        assertThat(r.callback().stopReason).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(6);
        assertThat(r.vm().getCrashReport().tombstone())
                .contains("FORTIFY: strcpy: prevented write past end of 4-byte buffer")
                .contains("libfortify.so (AVmPayload_main+");
    }
}
