package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * A protection fault is delivered at the exact instruction that made it, so a SIGSEGV handler that fixes the page
 * and returns resumes there and nothing before it runs twice (fault_resume.c). The Unicorn engines report the start
 * of the translation block for such faults; before FaultingInstruction every one of these trials counted twice.
 */
class FaultResumeTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(value = CpuEngine.class, names = {"UNICORN2", "UNICORN1"})
    void aHandledProtectionFaultResumesAtTheFaultingInstructionOnly(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "fault_resume", "libfault_resume.so", engine);
        String out = r.console();
        assertThat(out).contains("main: 0 of 200 trials wrong\n").contains("in handler: 0 of 200 trials wrong\n")
                .contains("thread: 0 of 200 trials wrong\n")
                .contains("victim fault in main at victim+4 (expected +4)\n")
                .contains("victim fault in a SIGUSR2 handler at victim+4 (expected +4)\n")
                .contains("victim fault in a SIGSEGV handler at victim+4 (expected +4)\n")
                .contains("fault_resume faults=600 wrong=0\n");
        assertThat(r.callback().exitCode).as(out).isZero();
    }
}
