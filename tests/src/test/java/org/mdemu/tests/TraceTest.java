package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** run-app --trace through the API: one strace-style line per call of the chosen categories, arguments decoded. */
class TraceTest {
    @TempDir
    Path dir;

    private List<String> trace(String fixture, String categories, CpuEngine engine) throws Exception {
        Path file = dir.resolve(fixture + "-" + categories.replace(',', '-') + ".trace");
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk(fixture))
                .setPayloadBinaryName("lib" + fixture + ".so").setCpuEngine(engine).setTrace(categories, file).build();
        RecordingCallback callback = new RecordingCallback();
        try (VirtualMachine vm = new VirtualMachineManager(dir.resolve("i")).create(fixture + categories.length(), config)) {
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitStopped();
        }
        assertThat(callback.exitCode).isZero();
        return Files.readAllLines(file);
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void libraryCallsOfEveryThreadAreTracedWithDecodedArgumentsAndResults(CpuEngine engine) throws Exception {
        List<String> lines = trace("gdb_suite", "libc", engine);
        assertThat(lines).allMatch(l -> l.matches("1042/10\\d\\d \\d+\\.\\d{6} [A-Za-z_0-9]+\\(.*\\) = .*"), "strace form");
        assertThat(lines).anyMatch(l -> l.matches("1042/1043 .* pthread_setname_np\\(0x[0-9a-f]+, \"worker-1\"\\) = 0"))
                .anyMatch(l -> l.matches("1042/1044 .* pthread_setname_np\\(0x[0-9a-f]+, \"worker-2\"\\) = 0"))
                .anyMatch(l -> l.matches("1042/1042 .* pthread_join\\(0x[0-9a-f]+, NULL\\) = 0"))
                .anyMatch(l -> l.matches("1042/1042 .* printf\\(\"gdb_suite total %d counter %d\\\\n\"\\) = 31"));
    }

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void systemCallsAloneShowRawSyscallsWithErrnoNames(CpuEngine engine) throws Exception {
        List<String> lines = trace("threads", "syscalls", engine);
        assertThat(lines).isNotEmpty().allMatch(l -> !l.contains("pthread_"), "no library rows")
                .anyMatch(l -> l.matches("1042/\\d+ .* futex\\(0x[0-9a-f]+, .*\\) = .*"))
                .anyMatch(l -> l.matches("1042/1042 .* clone\\(0x3d0f00, .*\\) = \\d+"))
                .anyMatch(l -> l.matches("1042/1042 .* futex\\(0x[0-9a-f]+, 0, 4, NULL, NULL, 0\\) = -1 EAGAIN"));
    }

    @org.junit.jupiter.api.Test
    void unknownCategoriesAreRefusedByName() {
        assertThatThrownBy(() -> new VirtualMachineConfig.Builder().setTrace("syscalls,files", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'files'");
    }
}
