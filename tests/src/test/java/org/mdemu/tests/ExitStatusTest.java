package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit status is what the kernel keeps of it, the low 8 bits, however the payload exits (exit_status.apk). */
class ExitStatusTest {
    @TempDir
    Path instances;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"raw_256, 0", "raw_m1, 255", "raw_300, 44", "group_256, 0", "group_m1, 255", "group_511, 255",
        "return_256, 0", "return_m1, 255", "return_100, 100"})
    void theStatusIsItsLowEightBits(String mode, int status) throws Exception {
        FixtureRun r = FixtureRun.run(instances.resolve(mode), "exit_status", "libexit_" + mode + ".so");
        assertThat(r.callback().events).containsExactly("started", "finished:" + status, "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
