package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.junit.MdemuAssertions.assertThat;

import android.os.DeadObjectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VsockService;
import org.mdemu.test.IFoo;
import org.mdemu.test.IFooCallback;
import org.mdemu.test.IFooSession;

/** The C++ IFoo service's VM stops: proxies of every object it served die, callers see DeadObjectException. */
@MdemuTest
class CxxFooDeathTest {
    @Payload(apk = CxxFooTest.APK, binary = CxxFooTest.BINARY, waitFor = Payload.WaitFor.READY)
    PayloadVm payload;

    @VsockService(port = CxxFooTest.PORT)
    IFoo foo;

    @Test
    void stoppingTheVmNotifiesLinkToDeathForTheServiceAndTheObjectsItReturned() throws Exception {
        IFooSession session = foo.openSession("doomed");
        assertThat(session.increment()).isEqualTo(1);
        CountDownLatch fooDied = new CountDownLatch(1);
        CountDownLatch sessionDied = new CountDownLatch(1);
        foo.asBinder().linkToDeath(fooDied::countDown, 0);
        session.asBinder().linkToDeath(sessionDied::countDown, 0);

        payload.stop();

        assertThat(fooDied.await(10, TimeUnit.SECONDS)).as("IFoo's recipient").isTrue();
        assertThat(sessionDied.await(10, TimeUnit.SECONDS)).as("IFooSession's recipient").isTrue();
        assertThat(foo.asBinder().isBinderAlive()).isFalse();
        assertThat(foo.asBinder().pingBinder()).isFalse();
        assertThatThrownBy(() -> foo.add(1, 2)).isInstanceOf(DeadObjectException.class);
        assertThatThrownBy(session::increment).isInstanceOf(DeadObjectException.class);
        assertThat(payload.awaitStop(Duration.ofSeconds(30))).wasKilled();
    }

    @Test
    void aCallInFlightWhenTheVmStopsEndsWithDeadObjectException() throws Exception {
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IFooCallback stalling = new IFooCallback.Stub() {
            @Override
            public int onValue(int value) throws android.os.RemoteException {
                inCallback.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return value;
            }

            @Override
            public void onEvent(String event) {
            }

            @Override
            public int getInterfaceVersion() {
                return IFooCallback.VERSION;
            }
        };
        CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> {
            try {
                return foo.callBack(stalling, 7);
            } catch (android.os.RemoteException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertThat(inCallback.await(30, TimeUnit.SECONDS)).as("the payload called the host back").isTrue();

        payload.stop();
        release.countDown();

        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DeadObjectException.class);
    }
}
