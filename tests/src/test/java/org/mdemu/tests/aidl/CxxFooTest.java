package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThatServiceSpecificException;

import android.os.IBinder;
import android.os.Parcel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VsockService;
import org.mdemu.test.IFoo;
import org.mdemu.test.IFooCallback;
import org.mdemu.test.IFooSession;

/**
 * Every IFoo method through the generated Java proxy against the generated C++ service of the aidl_foo payload
 * (aidl --lang=ndk: BnFoo implemented in tests/payloads/src/aidl_foo.cpp on the NDK's libc++_shared.so), one VM
 * for the class; the contract is the same the Java Stub meets in {@link JavaFooTest}.
 */
@MdemuTest
class CxxFooTest extends FooContract {
    static final String APK = "fixtures/apks/aidl_foo.apk";
    static final String BINARY = "libaidl_foo.so";
    static final int PORT = 5681;

    @Payload(apk = APK, binary = BINARY, scope = Payload.Scope.PER_CLASS, waitFor = Payload.WaitFor.READY)
    static PayloadVm payload;

    @VsockService(port = PORT)
    static IFoo foo;

    @Override
    IFoo foo() {
        return foo;
    }

    @Test
    void thePayloadServesTheGeneratedCppServiceAndLogsFromIt() throws Exception {
        assertThat(foo.add(2, 3)).isEqualTo(5);
        assertThat(payload).log().withTag("aidl_foo")
                .containsLine("serving org.mdemu.test.IFoo on vsock port 5681")
                .containsLine("served add");
    }

    @Test
    void serviceSpecificErrorsFromScopedAStatusCarryCodeAndMessage() {
        assertThatServiceSpecificException(() -> foo.fail(42, "from C++"))
                .hasErrorCode(42).hasMessage("from C++");
        assertThatServiceSpecificException(() -> foo.shapeOf(new org.mdemu.test.Point[0]))
                .hasErrorCode(IFoo.ERROR_REFUSED).hasMessage("no points, no shape");
    }

    @Test
    void theHashMetaTransactionIsUnknownToAnAndroid10Service() throws Exception {
        // Android 10's aidl generates getInterfaceVersion only; getInterfaceHash (FIRST_CALL_TRANSACTION + 16777213)
        // came with Android 11, so the generated BnFoo answers it as any unknown code: UNKNOWN_TRANSACTION.
        Parcel data = Parcel.obtain();
        Parcel reply = Parcel.obtain();
        try {
            data.writeInterfaceToken("org.mdemu.test.IFoo");
            assertThat(foo.asBinder().transact(IBinder.FIRST_CALL_TRANSACTION + 16777213, data, reply, 0))
                    .as("BinderProxy.transact's answer to UNKNOWN_TRANSACTION").isFalse();
        } finally {
            data.recycle();
            reply.recycle();
        }
        assertThat(foo.getInterfaceVersion()).isEqualTo(IFoo.VERSION);
    }

    @Test
    void aPayloadThreadOfItsOwnCallsRegisteredCallbacksAfterTheCallReturned() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        IFooCallback listener = new IFooCallback.Stub() {
            @Override
            public int onValue(int value) {
                return value;
            }

            @Override
            public void onEvent(String event) {
                if (!event.startsWith("later-")) return;
                heard.add(event + " on " + Thread.currentThread().getName());
                two.countDown();
            }

            @Override
            public int getInterfaceVersion() {
                return IFooCallback.VERSION;
            }
        };
        foo.registerCallback(listener);
        foo.notifyCallbacks("later-1");
        foo.notifyCallbacks("later-2");
        assertThat(two.await(30, TimeUnit.SECONDS)).as("both events heard").isTrue();
        // Not the calling thread: the session's connection back from the payload, served by a host thread.
        assertThat(heard).containsExactly("later-1 on rpc-binder-incoming-0", "later-2 on rpc-binder-incoming-0");
    }

    @Test
    void concurrentCallbacksFromSeveralHostThreadsEachReachTheirOwnStub() throws Exception {
        int threads = 6;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = (t + 1) * 1000;
                results.add(pool.submit(() -> {
                    IFooCallback mine = new IFooCallback.Stub() {
                        @Override
                        public int onValue(int value) {
                            return value + offset;
                        }

                        @Override
                        public void onEvent(String event) {
                        }

                        @Override
                        public int getInterfaceVersion() {
                            return IFooCallback.VERSION;
                        }
                    };
                    start.await(30, TimeUnit.SECONDS);
                    List<Integer> answers = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) answers.add(foo.callBack(mine, i));
                    return answers;
                }));
            }
            for (int t = 0; t < threads; t++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < rounds; i++) expected.add(i + (t + 1) * 1000 + 1);
                assertThat(results.get(t).get(120, TimeUnit.SECONDS)).as("thread %d", t).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentIncrementsOfOneSessionAreCountedOnceEach() throws Exception {
        IFooSession shared = foo.openSession("shared");
        int threads = 4;
        int rounds = 60;
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) assertThat(seen.add(shared.increment())).isTrue();
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(threads * rounds).allMatch(v -> v >= 1 && v <= threads * rounds);
        assertThat(shared.increment()).isEqualTo(threads * rounds + 1);
    }
}
