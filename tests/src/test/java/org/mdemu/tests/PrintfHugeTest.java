package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * printf with widths and precisions near INT_MAX from inside the guest (libprintf_huge.so), on both engines:
 * snprintf keeps its prefix and returns the whole length, /dev/null and a file receive every byte, counts past
 * INT_MAX are -1 with ENOMEM, asprintf and swprintf fail with ENOMEM in a 256 MiB VM.
 */
class PrintfHugeTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void hugeWidthsAreCountedAndWrittenInChunks(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "printf_huge", "libprintf_huge.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok snprintf %999999999d into 16 bytes returns 999999999")
                .contains("ok snprintf %.999999999f returns 1000000001")
                .contains("ok a count past INT_MAX is -1 with ENOMEM")
                .contains("ok fprintf %999999999d to /dev/null").contains("ok fwprintf %999999999d to /dev/null")
                .contains("ok dprintf %-999999999s to /dev/null")
                .contains("ok fprintf 10 MB to a file, size by fstat")
                .contains("ok asprintf of 1e9 bytes in a 256 MiB VM is -1 with ENOMEM and NULL")
                .contains("ok swprintf past n is -1 with EOVERFLOW, n - 1 kept")
                .contains("printf_huge failures=0");
        assertThat(r.callback().exitCode).isZero();
    }
}
