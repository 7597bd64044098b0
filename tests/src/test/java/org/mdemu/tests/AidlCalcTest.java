package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThatSecret;
import static org.mdemu.junit.MdemuAssertions.assertThatServiceSpecificException;
import static org.mdemu.tests.Apks.RUN;

import android.os.DeadObjectException;
import android.os.PersistableBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VsockService;
import org.mdemu.test.ICalc;
import org.mdemu.test.ICallback;

/**
 * AIDL-generated Java (ICalc.aidl, compiled by aidl --lang=java) calling the binder_service payload, whose C code
 * implements the same interface with libbinder_ndk: the proxy is injected by the JUnit extension.
 */
@MdemuTest
class AidlCalcTest {
    @Payload(apk = Apks.DIR + "binder_service.apk", binary = "libbinder_service.so", waitFor = Payload.WaitFor.READY)
    PayloadVm vm;

    @VsockService(port = BinderServicePayload.PORT)
    ICalc calc;

    private static ICallback callback(int offset) {
        return new ICallback.Stub() {
            @Override
            public int onValue(int value) {
                return value + offset;
            }
        };
    }

    @Test
    void theGeneratedProxyCallsThePayload() throws Exception {
        assertThat(calc.add(40, 2)).isEqualTo(42);
        assertThat(calc.echo("h\u00e9llo \ud83d\ude00")).isEqualTo("h\u00e9llo \ud83d\ude00");
        assertThat(calc.echo(null)).isNull();
        assertThat(calc.asBinder().getInterfaceDescriptor()).isEqualTo("org.mdemu.test.ICalc");
    }

    @Test
    void theInstanceSecretIsTheSameForEveryCallAndDiffersBetweenInstances(
            @Payload(apk = Apks.DIR + "binder_service.apk", binary = "libbinder_service.so",
                    waitFor = Payload.WaitFor.READY, name = "other") PayloadVm other) throws Exception {
        byte[] secret = calc.secret();
        assertThatSecret(secret).isASecretOf(32).isSameSecretAs(calc.secret());
        ICalc otherCalc = other.service(ICalc.class, BinderServicePayload.PORT);
        assertThatSecret(otherCalc.secret()).isASecretOf(32).differsFrom(secret);
    }

    @Test
    void thePayloadCallsAHostStubDuringTheCallAndLaterFromItsOwnThread() throws Exception {
        assertThat(calc.callBack(callback(1), 10)).isEqualTo(21);
        calc.later(callback(100), 5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int[] outcome;
        do {
            outcome = calc.laterOutcome();
        } while (outcome[0] == 1 && System.nanoTime() < deadline);
        assertThat(outcome).as("binder status and result seen by the payload thread").containsExactly(0, 105);
    }

    @Test
    void serviceSpecificErrorsAndOnewayCallsAndReturnedInterfaces() throws Exception {
        assertThatServiceSpecificException(() -> calc.fail(42, "the guest says no")).hasErrorCode(42)
                .hasMessage("the guest says no");
        for (int i = 0; i < 20; i++) calc.record(i);
        assertThat(calc.recorded()).startsWith(0, 1, 2).endsWith(19).isSorted();
        ICalc child = calc.child();
        assertThat(child.add(1, 2)).isEqualTo(3);
        assertThat(child.asBinder()).isNotSameAs(calc.asBinder());
    }

    @Test
    void bundlesTravelAsAidlParcelables() throws Exception {
        PersistableBundle b = new PersistableBundle();
        b.putString("name", "calc");
        b.putIntArray("ints", new int[] {1, 2, 3});
        PersistableBundle back = calc.bundleEcho(b);
        assertThat(back.getString("name")).isEqualTo("calc");
        assertThat(back.getIntArray("ints")).containsExactly(1, 2, 3);
        assertThat(back.getInt("seen")).isEqualTo(2);
    }

    @Test
    void theVmsDeathReachesDeathRecipientsAndLaterCallsThrowDeadObjectException() throws Exception {
        CountDownLatch died = new CountDownLatch(1);
        calc.asBinder().linkToDeath(died::countDown, 0);
        vm.stop();
        assertThat(died.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> calc.add(1, 1)).isInstanceOf(DeadObjectException.class);
        assertThat(vm.awaitStop(RUN)).wasKilled();
    }
}
