package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_CRASH;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libc functions real NDK libraries import and the guest gained for them (memory locking, poll, fcntl, raise),
 * checked from inside the guest; the payload ends itself with raise(SIGTERM).
 */
class NdkImportsTest {
    @TempDir
    Path instances;

    @Test
    void memoryLockingPollFcntlAndRaiseBehaveAsOnLinuxAndSigtermEndsThePayload() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "ndk_imports", "libndk_imports.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok mlock over a hole fails with ENOMEM")
                .contains("ok mlock2 rejects unknown flags")
                .contains("ok poll: stdout writable, a closed fd POLLNVAL, a negative fd skipped")
                .contains("ok poll with nothing ready waits out its timeout")
                .contains("ok fcntl: F_SETFD sets FD_CLOEXEC")
                .contains("ok fcntl on a closed descriptor fails with EBADF")
                .contains("ok raise of signal 65 fails with EINVAL")
                .contains("ndk imports failures=0");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(15);
        assertThat(r.vm().getCrashReport().tombstone()).contains("signal 15").contains("/system/lib64/libc.so (raise");
    }
}
