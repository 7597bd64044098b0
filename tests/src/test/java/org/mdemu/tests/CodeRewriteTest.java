package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * Code the payload writes, flushes (dc cvau / ic ivau) and runs, then rewrites in place, flushes and runs again, in an
 * RWX page and W^X through mprotect: every engine runs the new bytes, never a stale translation (code_rewrite.c).
 */
class CodeRewriteTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void rewrittenAndFlushedCodeRunsItsNewBytes(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "code_rewrite", "libcode_rewrite.so", engine);
        assertThat(r.console()).contains("code_rewrite: rwx=6000 wx=6000");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
