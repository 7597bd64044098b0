package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * A thread's mapping as bionic lays it out (thread_maps.c): one read-write range named [anon:stack_and_tls:TID] with
 * the stack at its bottom and the thread block at its top, between two PROT_NONE guards; a reused mapping starts a
 * new thread with fresh TLS; a caller-supplied stack leaves only the block in the thread's mapping.
 */
class ThreadMapsTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void aThreadsStackAndTlsAreOneNamedMappingBetweenGuards(CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "thread_maps", "libthread_maps.so", engine);
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        for (int i = 1; i <= 3; i++) {
            assertThat(r.console()).contains("thread " + i + ": rw-p named=1 guard_below=---p adjacent=1"
                    + " guard_above=---p adjacent=1 stack_in_mapping=1 guard=4096 counter=5 errno=0");
        }
        assertThat(r.console()).contains("own stack: sp_in_buffer=1 tls rw-p named=1 guard_below=---p"
                + " guard_above=---p counter=5");
        assertThat(r.callback().exitCode).isZero();
    }
}
