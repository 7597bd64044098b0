package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;

/** The NDK binder C API (libbinder_ndk) checked from inside the guest, end to end from the committed payloads. */
@MdemuTest
class BinderNdkTest {
    @Test
    void localTransactionsParcelsStatusesAndReferenceCountsPassTheInGuestChecks(
            @Payload(apk = Apks.DIR + "binder_local.apk", binary = "libbinder_local.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineMatching("binder_local: \\d+ checks, 0 failures");
        assertThat(r).exitedWith(0);
    }
}
