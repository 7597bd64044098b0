package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * Processes from inside the guest (libprocess_suite.so): getppid, the wait family with and without children,
 * exec errors for what each path names, posix_spawn/popen/system children that fail to exec and exit 127, SIGCHLD
 * with its handler, SA_NOCLDWAIT and SIG_IGN, and zombies bounded by the kernel's task limit — on both engines.
 */
class ProcessesTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void processCallsAnswerAsAPayloadWithoutAShellSeesThem(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "process_suite", "libprocess_suite.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok wait without children ECHILD").contains("ok execve missing ENOENT")
                .contains("ok execl unknown format ENOEXEC").contains("ok execve arm64 image EACCES")
                .contains("ok child exited 127").contains("ok waitid WNOWAIT").contains("ok waitpid by its group")
                .contains("ok child's addopen created the file").contains("ok parent's descriptors untouched")
                .contains("ok SIGCHLD handled before posix_spawn returns")
                .contains("ok SIGCHLD from system delivered once unblocked").contains("ok SA_NOCLDWAIT reaps")
                .contains("ok popen r reads end of file").contains("ok popen w writes EPIPE")
                .contains("ok fclose of popen stream waits too").contains("ok zombies hit the task limit with EAGAIN")
                .contains("ok every zombie reaped").contains("process_suite failures=0");
        assertThat(r.callback().exitCode).isZero();
    }
}
