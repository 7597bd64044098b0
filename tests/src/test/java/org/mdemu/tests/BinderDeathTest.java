package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import android.os.DeadObjectException;
import android.os.IBinder;

/** Binder sessions with a payload end with the VM: death recipients hear of it, later calls fail. */
class BinderDeathTest {
    @TempDir
    Path instances;

    @Test
    void stoppingTheVmNotifiesDeathRecipientsAndFailsLaterCalls() throws Exception {
        try (BinderServicePayload payload = new BinderServicePayload(instances, "binder-death")) {
            IBinder calc = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
            assertThat(BinderServicePayload.add(calc, 1, 2)).isEqualTo(3);
            CountDownLatch died = new CountDownLatch(1);
            calc.linkToDeath(died::countDown, 0);
            payload.vm.stop();
            assertThat(died.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calc.isBinderAlive()).isFalse();
            assertThatThrownBy(() -> BinderServicePayload.add(calc, 1, 2)).isInstanceOf(DeadObjectException.class);
        }
    }

    @Test
    void hostileClientsAreLoggedWithTheReason() throws Exception {
        try (BinderServicePayload payload = new BinderServicePayload(instances, "binder-log")) {
            try (var c = payload.vm.connectVsock(BinderServicePayload.PORT)) {
                c.getOutputStream().write(new org.mdemu.vsock.binder.RpcWire.ConnectionHeader(1, 0, 0, 3).encode());
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            IBinder calc = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
            assertThat(BinderServicePayload.add(calc, 2, 2)).isEqualTo(4);
            payload.vm.stop();
            assertThat(payload.logAfterStop()).contains("RpcServer: vsock port 5680: rpc binder server: dropping"
                    + " connection: malformed session id of 3 bytes");
        }
    }
}
