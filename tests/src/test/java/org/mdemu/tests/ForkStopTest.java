package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * Stopped and continued children (libfork_stop.so) on both engines: WUNTRACED/WCONTINUED reports once, waitid's
 * CLD_STOPPED/CLD_CONTINUED, SIGCHLD's si_code unless SA_NOCLDSTOP, and the child's CPU time in wait4's rusage and
 * getrusage(RUSAGE_CHILDREN).
 */
class ForkStopTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void parentsSeeStopsContinuesAndCpuTime(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "fork_stop", "libfork_stop.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok waitpid WUNTRACED reports the stop").contains("ok the stop is reported once")
                .contains("ok SIGCHLD with CLD_STOPPED and SIGSTOP")
                .contains("ok waitpid WCONTINUED reports the continue").contains("ok the continue is reported once")
                .contains("ok SIGCHLD with CLD_CONTINUED and SIGCONT")
                .contains("ok waitid WSTOPPED: CLD_STOPPED, si_status SIGTSTP")
                .contains("ok waitid WCONTINUED: CLD_CONTINUED, si_status SIGCONT")
                .contains("ok wait4's rusage carries the child's CPU time")
                .contains("ok RUSAGE_CHILDREN includes the waited-for child")
                .contains("ok SA_NOCLDSTOP: no SIGCHLD for stop or continue")
                .contains("ok waitpid without WUNTRACED does not report a stop")
                .contains("fork_stop failures=0");
        assertThat(r.callback().exitCode).isZero();
    }
}
