package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;

/**
 * The libc functions real NDK libraries import and the guest gained for them (memory locking, poll, fcntl, raise),
 * checked from inside the guest; the payload ends itself with raise(SIGTERM).
 */
@MdemuTest
class NdkImportsTest {
    @Test
    void memoryLockingPollFcntlAndRaiseBehaveAsOnLinuxAndSigtermEndsThePayload(
            @Payload(apk = Apks.DIR + "ndk_imports.apk", binary = "libndk_imports.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok mlock over a hole fails with ENOMEM")
                .containsLineContaining("ok mlock2 rejects unknown flags")
                .containsLineContaining("ok poll: stdout writable, a closed fd POLLNVAL, a negative fd skipped")
                .containsLineContaining("ok poll with nothing ready waits out its timeout")
                .containsLineContaining("ok fcntl: F_SETFD sets FD_CLOEXEC")
                .containsLineContaining("ok fcntl on a closed descriptor fails with EBADF")
                .containsLineContaining("ok raise of signal 65 fails with EINVAL")
                .containsLineContaining("ndk imports failures=0");
        assertThat(r).killedBySignal(15); // SIGTERM is no crash: no tombstone, as on a device
    }
}
