package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NDK binder C API (libbinder_ndk) checked from inside the guest, end to end from the committed payloads. */
class BinderNdkTest {
    @TempDir
    Path instances;

    @Test
    void localTransactionsParcelsStatusesAndReferenceCountsPassTheInGuestChecks() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "binder_local", "libbinder_local.so");
        assertThat(r.console()).doesNotContain("FAIL").containsPattern("binder_local: \\d+ checks, 0 failures");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
