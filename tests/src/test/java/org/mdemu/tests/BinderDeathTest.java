package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import android.os.DeadObjectException;
import android.os.IBinder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VsockService;
import org.mdemu.vsock.binder.RpcWire;

/** Binder sessions with a payload end with the VM: death recipients hear of it, later calls fail. */
@MdemuTest
class BinderDeathTest {
    @Payload(apk = Apks.DIR + "binder_service.apk", binary = "libbinder_service.so", waitFor = Payload.WaitFor.READY)
    PayloadVm payload;

    @VsockService(port = BinderServicePayload.PORT)
    IBinder calc;

    @Test
    void stoppingTheVmNotifiesDeathRecipientsAndFailsLaterCalls() throws Exception {
        assertThat(BinderServicePayload.add(calc, 1, 2)).isEqualTo(3);
        CountDownLatch died = new CountDownLatch(1);
        calc.linkToDeath(died::countDown, 0);
        payload.stop();
        assertThat(died.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calc.isBinderAlive()).isFalse();
        assertThatThrownBy(() -> BinderServicePayload.add(calc, 1, 2)).isInstanceOf(DeadObjectException.class);
    }

    @Test
    void hostileClientsAreLoggedWithTheReason() throws Exception {
        try (var c = payload.vm().connectVsock(BinderServicePayload.PORT)) {
            c.getOutputStream().write(new RpcWire.ConnectionHeader(1, 0, 0, 3).encode());
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(BinderServicePayload.add(calc, 2, 2)).isEqualTo(4);
        payload.stop();
        assertThat(payload.awaitStop(RUN)).wasKilled().log().withTag("RpcServer")
                .containsMessageContaining("vsock port 5680: rpc binder server: dropping connection: malformed session id"
                        + " of 3 bytes");
    }
}
