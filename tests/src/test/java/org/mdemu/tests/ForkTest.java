package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * fork and its kin from inside the guest (libfork_suite.so), on both engines: exit statuses and signals through
 * waitpid, a 1000-round pipe ping-pong, a crashing child, kill, an orphan adopted by init, atfork order, fork with
 * 8 threads, copy-on-write memory, RLIMIT_NPROC, daemon, vfork, _Fork, clone, SIGCHLD, 200 exact fork/wait cycles
 * and a fork bomb that ends with EAGAIN while the VM goes on.
 */
class ForkTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void childProcessesBehaveAsOnLinux(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "fork_suite", "libfork_suite.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok child exit status 7").contains("ok child's getppid is the parent")
                .contains("ok pipe ping-pong 1000 round trips").contains("ok crashing child WIFSIGNALED SIGSEGV")
                .contains("ok spinning child killed by SIGTERM").contains("ok blocked child killed by SIGKILL")
                .contains("ok orphan adopted by init").contains("ok atfork order in the parent")
                .contains("ok atfork order in the child").contains("ok _Fork runs no atfork handlers")
                .contains("ok only the forking thread runs in the child")
                .contains("ok parent's writes invisible to the child").contains("ok child's writes invisible to the parent")
                .contains("ok RLIMIT_NPROC makes fork fail with EAGAIN").contains("ok daemon runs on, adopted by init")
                .contains("ok daemon leads a new session").contains("ok vfork child exit status 3")
                .contains("ok clone without CLONE_VM exits with fn's result").contains("ok SIGCHLD reaches the parent")
                .contains("ok 200 fork/wait cycles exact").contains("ok fork bomb ends with EAGAIN")
                .contains("ok every bomb child reaped").contains("fork_suite failures=0");
        // The crashing child wrote its own tombstone; the payload itself ended normally.
        assertThat(r.log()).contains("signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x10");
        // Every per-process part of the runtime was copied or rebuilt for each child; none is shared by accident.
        assertThat(r.log()).doesNotContain("the child shares");
        assertThat(r.callback().exitCode).isZero();
    }
}
