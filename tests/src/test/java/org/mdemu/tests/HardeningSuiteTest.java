package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * The guest as a sandboxed EL0 Linux process, checked from inside it on every engine (hardening_suite.c): the
 * kernel's copies honour page protections, library code faults on them, code pages follow mprotect and munmap,
 * the APK is read-only, EL1 is out of reach, mmap, brk and resource limits answer as Linux does, and hostile
 * arguments get errno values or signals.
 */
class HardeningSuiteTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void theGuestIsASandboxedEl0LinuxProcess(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "hardening_suite", "libhardening_suite.so",
                b -> b.setCpuEngine(engine).setEncryptedStorageBytes(1 << 20));
        assertThat(r.console()).doesNotContain("FAIL").contains("hardening failures=0");
        assertThat(r.callback().exitCode).isZero();
    }
}
