package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.os.IBinder;
import android.os.ServiceSpecificException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mdemu.test.IFoo;
import org.mdemu.test.IFooCallback;
import org.mdemu.test.IFooSession;
import org.mdemu.test.Point;

/**
 * Every method of IFoo called through the generated Java proxy (IFoo.Stub.asInterface on an RPC binder), against
 * whichever service a subclass serves: the Java Stub in this JVM, or the payload's generated C++ service.
 */
abstract class FooContract {
    /** The proxy, IFoo.Stub.asInterface(the root binder of the session). */
    abstract IFoo foo();

    static Point point(int x, int y, String label, long... tags) {
        Point p = new Point();
        p.x = x;
        p.y = y;
        p.label = label;
        p.tags = tags;
        return p;
    }

    @Test
    void theProxyIsARemoteProxyForTheDescriptor() throws Exception {
        IBinder binder = foo().asBinder();
        assertThat(binder.queryLocalInterface(IFoo.class.getName())).isNull();
        assertThat(binder.getInterfaceDescriptor()).isEqualTo("org.mdemu.test.IFoo");
        assertThat(binder.pingBinder()).isTrue();
        assertThat(binder.isBinderAlive()).isTrue();
    }

    @Test
    void primitivesRoundTrip() throws Exception {
        assertThat(foo().negate(true)).isFalse();
        assertThat(foo().negate(false)).isTrue();
        assertThat(foo().addBytes((byte) 100, (byte) 100)).isEqualTo((byte) -56);
        assertThat(foo().nextChar('A')).isEqualTo('B');
        assertThat(foo().nextChar('\u00ff')).isEqualTo('\u0100');
        assertThat(foo().add(40, 2)).isEqualTo(42);
        assertThat(foo().add(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(foo().multiply(1L << 31, 6)).isEqualTo(6L << 31);
        assertThat(foo().half(3.0f)).isEqualTo(1.5f);
        assertThat(foo().sqrt(2.25)).isEqualTo(1.5);
        assertThat(foo().sqrt(-1)).isNaN();
    }

    @Test
    void stringsKeepEveryCharacterAndNullableOnesMayBeNull() throws Exception {
        String s = "h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00";
        assertThat(foo().echo(s)).isEqualTo(s);
        assertThat(foo().echo("")).isEmpty();
        assertThat(foo().echoNullable(s)).isEqualTo(s);
        assertThat(foo().echoNullable(null)).isNull();
    }

    @Test
    void arraysOfEveryElementTypeRoundTrip() throws Exception {
        assertThat(foo().reverseInts(new int[] {1, 2, 3, -4})).containsExactly(-4, 3, 2, 1);
        assertThat(foo().reverseInts(new int[0])).isEmpty();
        assertThat(foo().reverseNullable(new int[] {5, 6})).containsExactly(6, 5);
        assertThat(foo().reverseNullable(null)).isNull();
        assertThat(foo().squares(new long[] {3, -1L << 20})).containsExactly(9, 1L << 40);
        assertThat(foo().sortStrings(new String[] {"pear", "apple", "", "fig"})).containsExactly("", "apple", "fig", "pear");
        assertThat(foo().xorBytes(new byte[] {1, 2, 3, (byte) 0xf0, 5}, (byte) 0x0f))
                .containsExactly(0x0e, 0x0d, 0x0c, 0xff, 0x0a);
        assertThat(foo().invert(new boolean[] {true, false, false})).containsExactly(false, true, true);
        assertThat(foo().scale(new double[] {1.5, -2}, 2)).containsExactly(3.0, -4.0);
    }

    @Test
    void outArraysAreFilledInPlace() throws Exception {
        int[] values = new int[5];
        foo().fill(7, values);
        assertThat(values).containsExactly(7, 7, 7, 7, 7);
        int[] none = new int[0];
        foo().fill(7, none);
        assertThat(none).isEmpty();
    }

    @Test
    void structuredParcelablesRoundTripWithEveryField() throws Exception {
        Point moved = foo().translate(point(1, 2, "start", 10, 20), 10, -5);
        assertThat(moved.x).isEqualTo(11);
        assertThat(moved.y).isEqualTo(-3);
        assertThat(moved.label).isEqualTo("start");
        assertThat(moved.tags).containsExactly(10, 20);
        assertThat(foo().translate(point(0, 0, null), 1, 1).label).isNull();

        Point[] mirrored = foo().mirror(new Point[] {point(1, 2, "a"), point(-3, 4, "b", 7)});
        assertThat(mirrored).extracting(p -> p.x, p -> p.y, p -> p.label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-1, -2, "a"),
                        org.assertj.core.groups.Tuple.tuple(3, -4, "b"));
        assertThat(mirrored[1].tags).containsExactly(7);
    }

    @Test
    void constantsStandInForTheEnumAndBadInputIsAServiceSpecificError() throws Exception {
        assertThat(foo().shapeOf(new Point[] {point(0, 0, null)})).isEqualTo(IFoo.SHAPE_POINT);
        assertThat(foo().shapeOf(new Point[] {point(0, 0, null), point(1, 1, null)})).isEqualTo(IFoo.SHAPE_LINE);
        assertThat(foo().shapeOf(new Point[] {point(0, 0, null), point(1, 1, null), point(2, 0, null)}))
                .isEqualTo(IFoo.SHAPE_POLYGON);
        assertThatThrownBy(() -> foo().shapeOf(new Point[0])).isInstanceOfSatisfying(ServiceSpecificException.class,
                e -> assertThat(e.errorCode).isEqualTo(IFoo.ERROR_REFUSED));
    }

    @Test
    void serviceSpecificErrorsCarryTheirCodeAndMessage() throws Exception {
        assertThatThrownBy(() -> foo().fail(IFoo.ERROR_NOT_FOUND, "no such thing"))
                .isInstanceOfSatisfying(ServiceSpecificException.class, e -> {
                    assertThat(e.errorCode).isEqualTo(IFoo.ERROR_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no such thing");
                });
        assertThat(foo().add(1, 1)).as("the service goes on").isEqualTo(2);
    }

    @Test
    void onewayCallsArriveInTheOrderTheyWereMade() throws Exception {
        int before = foo().recorded().length;
        for (int i = 0; i < 50; i++) foo().record(i);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int[] seen;
        do {
            seen = foo().recorded();
        } while (seen.length < before + 50 && System.nanoTime() < deadline);
        List<Integer> mine = new ArrayList<>();
        for (int i = before; i < seen.length; i++) mine.add(seen[i]);
        assertThat(mine).hasSize(50).isSorted().startsWith(0).endsWith(49);
    }

    @Test
    void theServiceCallsAHostCallbackDuringTheCall() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        IFooCallback callback = new IFooCallback.Stub() {
            @Override
            public int onValue(int value) {
                threads.add(Thread.currentThread().getName());
                return value * 10;
            }

            @Override
            public void onEvent(String event) {
            }

            @Override
            public int getInterfaceVersion() {
                return IFooCallback.VERSION;
            }
        };
        assertThat(foo().callBack(callback, 4)).isEqualTo(41);
        assertThat(foo().callBack(callback, -1)).isEqualTo(-9);
        // libbinder's rule: a callback into the caller during its call runs on the calling thread.
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void registeredCallbacksHearOnewayEventsInOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        IFooCallback listener = new IFooCallback.Stub() {
            @Override
            public int onValue(int value) {
                return value;
            }

            @Override
            public void onEvent(String event) {
                events.add(event);
                three.countDown();
            }

            @Override
            public int getInterfaceVersion() {
                return IFooCallback.VERSION;
            }
        };
        foo().registerCallback(listener);
        foo().notifyCallbacks("one");
        foo().notifyCallbacks("two");
        foo().notifyCallbacks("three");
        assertThat(three.await(30, TimeUnit.SECONDS)).as("three events heard").isTrue();
        assertThat(events).containsSubsequence("one", "two", "three");
    }

    @Test
    void aMethodReturningAnInterfaceGivesANewRemoteObjectEachTime() throws Exception {
        IFooSession a = foo().openSession("alpha");
        IFooSession b = foo().openSession("beta");
        assertThat(a.asBinder().queryLocalInterface(IFooSession.class.getName())).isNull();
        assertThat(a.name()).isEqualTo("alpha");
        assertThat(b.name()).isEqualTo("beta");
        assertThat(a.increment()).isEqualTo(1);
        assertThat(a.increment()).isEqualTo(2);
        assertThat(b.increment()).isEqualTo(1);
        assertThat(a.asBinder().getInterfaceDescriptor()).isEqualTo("org.mdemu.test.IFooSession");
    }

    @Test
    void stableAidlVersionIsAnsweredByTheService() throws Exception {
        assertThat(IFoo.VERSION).isEqualTo(3);
        assertThat(foo().getInterfaceVersion()).isEqualTo(3);
        assertThat(foo().openSession("v").getInterfaceVersion()).isEqualTo(3);
    }

    @Test
    void concurrentCallsFromEightThreadsAllGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                done.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < 150; i++) {
                            assertThat(foo().add(base, i)).isEqualTo(base + i);
                            assertThat(foo().echo("t" + base + "-" + i)).isEqualTo("t" + base + "-" + i);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(failure.get()).isNull();
    }
}
