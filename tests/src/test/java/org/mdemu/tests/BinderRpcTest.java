package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.tests.BinderServicePayload.add;
import static org.mdemu.tests.BinderServicePayload.call;
import static org.mdemu.tests.BinderServicePayload.echo;
import static org.mdemu.tests.BinderServicePayload.request;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.vsock.VsockConnection;
import android.os.Binder;
import org.mdemu.os.BinderStatus;
import android.os.DeadObjectException;
import android.os.IBinder;
import android.os.Parcel;
import android.os.PersistableBundle;
import org.mdemu.vsock.binder.RemoteBinder;
import android.os.RemoteException;
import org.mdemu.vsock.binder.RpcWire;
import org.mdemu.vsock.binder.TransactionFailedException;
import android.os.ServiceSpecificException;

/**
 * A payload serving an AIDL-style service with AVmPayload_runVsockRpcServer (libbinder_ndk's C API in the guest),
 * called from the host through VirtualMachine.connectToVsockServer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinderRpcTest {
    @TempDir
    static Path instances;
    BinderServicePayload payload;
    IBinder calc;

    @BeforeAll
    void start() throws Exception {
        payload = new BinderServicePayload(instances, "binder");
        calc = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
    }

    @AfterAll
    void stop() {
        payload.close();
    }

    @Test
    void serviceAddsEchoesAndKnowsItsDescriptor() throws Exception {
        assertThat(add(calc, 40, 2)).isEqualTo(42);
        assertThat(add(calc, Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(echo(calc, "h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00")).isEqualTo("h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00");
        assertThat(echo(calc, "")).isEmpty();
        assertThat(echo(calc, null)).isNull();
        assertThat(calc.getInterfaceDescriptor()).isEqualTo(BinderServicePayload.DESCRIPTOR);
        assertThat(calc.pingBinder()).isTrue();
    }

    @Test
    void secretIsTheInstanceSecretOfTheVm() throws Exception {
        byte[] first = call(calc, BinderServicePayload.SECRET, request()).createByteArray();
        byte[] second = call(calc, BinderServicePayload.SECRET, request()).createByteArray();
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(first).isNotEqualTo(new byte[32]);
    }

    @Test
    void serviceSpecificErrorArrivesAsAJavaExceptionWithItsMessage() throws Exception {
        Parcel data = request();
        data.writeInt(42);
        data.writeString("the guest says no");
        assertThatThrownBy(() -> call(calc, BinderServicePayload.FAIL, data))
                .isInstanceOfSatisfying(ServiceSpecificException.class, e -> {
                    assertThat(e.errorCode).isEqualTo(42);
                    assertThat(e.getMessage()).isEqualTo("the guest says no");
                });
        assertThat(add(calc, 1, 2)).isEqualTo(3);
    }

    @Test
    void unknownCodesAndWrongInterfaceTokensAreRefused() throws Exception {
        assertThat(calc.transact(0x00777777, request(), Parcel.obtain(), 0)).isFalse();
        Parcel wrong = Parcel.obtain();
        wrong.writeInterfaceToken("org.mdemu.test.INotCalc");
        wrong.writeInt(1);
        wrong.writeInt(2);
        assertThatThrownBy(() -> calc.transact(BinderServicePayload.ADD, wrong, Parcel.obtain(), 0))
                .isInstanceOf(android.os.RemoteException.class);
        assertThat(add(calc, 2, 2)).isEqualTo(4);
    }

    @Test
    void guestCallsBackAHostBinderDuringTheCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Binder callback = new Binder(BinderServicePayload.CALLBACK) {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
                // libbinder_ndk asks for the descriptor (AIBinder_associateClass): Binder.onTransact answers it.
                if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
                data.enforceInterface(BinderServicePayload.CALLBACK);
                calls.incrementAndGet();
                reply.writeNoException();
                reply.writeInt(data.readInt() + 1);
                return true;
            }
        };
        for (int i = 0; i < 5; i++) {
            Parcel data = request();
            data.writeStrongBinder(callback);
            data.writeInt(10 + i);
            assertThat(call(calc, BinderServicePayload.CALL_BACK, data).readInt()).isEqualTo(2 * (10 + i) + 1);
        }
        assertThat(calls).hasValue(5);
        // The guest released each reference to the callback (AIBinder_decStrong sends DEC_STRONG).
        RpcSessionNodes.awaitNodes((RemoteBinder) calc, 1);
    }

    @Test
    void aPayloadThreadOfItsOwnCallsAHostBinderLaterOnTheConnectionTheHostOffered() throws Exception {
        CountDownLatch heard = new CountDownLatch(1);
        AtomicReference<String> servedOn = new AtomicReference<>();
        Binder callback = new Binder(BinderServicePayload.CALLBACK) {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
                // libbinder_ndk asks for the descriptor (AIBinder_associateClass): Binder.onTransact answers it.
                if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
                data.enforceInterface(BinderServicePayload.CALLBACK);
                servedOn.set(Thread.currentThread().getName());
                reply.writeNoException();
                reply.writeInt(data.readInt() + 100);
                heard.countDown();
                return true;
            }
        };
        Parcel data = request();
        data.writeStrongBinder(callback);
        data.writeInt(5);
        call(calc, BinderServicePayload.LATER, data);
        assertThat(heard.await(30, TimeUnit.SECONDS)).as("the payload thread's call reached the host").isTrue();
        // Not nested in a host call: it came over the connection the host offers for calls back (AVF offers one).
        assertThat(servedOn.get()).startsWith("rpc-binder-incoming");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int[] outcome;
        do {
            outcome = call(calc, BinderServicePayload.LATER_OUTCOME, request()).createIntArray();
        } while (outcome[0] == 1 && System.nanoTime() < deadline);
        assertThat(outcome).as("binder status and result seen by the payload thread").containsExactly(0, 105);
    }

    @Test
    void payloadThreadsCallingTheHostAtOnceTakeTurnsOnTheOneConnection() throws Exception {
        java.util.Set<Integer> values = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CountDownLatch heard = new CountDownLatch(3);
        Binder slow = new Binder(BinderServicePayload.CALLBACK) {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
                // libbinder_ndk asks for the descriptor (AIBinder_associateClass): Binder.onTransact answers it.
                if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
                data.enforceInterface(BinderServicePayload.CALLBACK);
                values.add(data.readInt());
                try {
                    Thread.sleep(50); // holds the connection while the other payload threads want it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply.writeNoException();
                reply.writeInt(0);
                heard.countDown();
                return true;
            }
        };
        for (int i = 1; i <= 3; i++) {
            Parcel data = request();
            data.writeStrongBinder(slow);
            data.writeInt(i);
            call(calc, BinderServicePayload.LATER, data);
        }
        assertThat(heard.await(30, TimeUnit.SECONDS)).as("all three payload threads got through").isTrue();
        assertThat(values).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(add(calc, 2, 3)).as("the service still answers").isEqualTo(5);
    }

    @Test
    void guestDeathRecipientHearsWhenTheHostSessionHoldingItsBinderEnds() throws Exception {
        IBinder other = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
        Binder watched = new Binder("org.mdemu.test.IWatched") {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                return false;
            }
        };
        int before = call(calc, BinderServicePayload.DEATHS, request()).readInt();
        Parcel data = request();
        data.writeStrongBinder(watched);
        call(other, BinderServicePayload.WATCH, data);
        ((RemoteBinder) other).session().shutdown();
        // onBinderDied (+1000), then onUnlinked (+1), run as guest code on the binder thread that saw the session end;
        // a call from the host may run between the two.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int after;
        do {
            after = call(calc, BinderServicePayload.DEATHS, request()).readInt();
        } while (after - before < 1001 && System.nanoTime() < deadline);
        assertThat(after - before).isEqualTo(1001);
    }

    @Test
    void guestBinderReturnedToTheHostIsAProxyItCanCallAndRelease() throws Exception {
        IBinder child = call(calc, BinderServicePayload.CHILD, request()).readStrongBinder();
        assertThat(child).isInstanceOf(RemoteBinder.class).isNotSameAs(calc);
        assertThat(child.getInterfaceDescriptor()).isEqualTo(BinderServicePayload.DESCRIPTOR);
        assertThat(add(child, 7, 8)).isEqualTo(15);
        RemoteBinder proxy = (RemoteBinder) child;
        int nodes = proxy.session().nodeCount();
        proxy.release();
        assertThat(proxy.session().nodeCount()).isEqualTo(nodes - 1);
        assertThat(add(calc, 7, 9)).isEqualTo(16);
    }

    @Test
    void guestObjectsTheHostReleasesAreDestroyedAndOnesItHoldsAreNot() throws Exception {
        int before = call(calc, BinderServicePayload.DESTROYED, request()).readInt();
        IBinder kept = call(calc, BinderServicePayload.CHILD, request()).readStrongBinder();
        for (int i = 0; i < 5; i++) {
            RemoteBinder child = (RemoteBinder) call(calc, BinderServicePayload.CHILD, request()).readStrongBinder();
            assertThat(add(child, i, 1)).isEqualTo(i + 1);
            child.release();
        }
        // The guest sees each DEC_STRONG on its binder thread and runs the class's onDestroy (guest code) there.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int destroyed;
        do {
            destroyed = call(calc, BinderServicePayload.DESTROYED, request()).readInt() - before;
        } while (destroyed < 5 && System.nanoTime() < deadline);
        assertThat(destroyed).as("children released by the host").isEqualTo(5);
        assertThat(add(kept, 20, 22)).as("the child the host still holds").isEqualTo(42);
        assertThat(call(calc, BinderServicePayload.DESTROYED, request()).readInt() - before).isEqualTo(5);
        ((RemoteBinder) kept).release();
    }

    @Test
    void guestObjectsWhoseProxiesTheHostDropsAreDestroyedOnceTheyAreCollected() throws Exception {
        int before = call(calc, BinderServicePayload.DESTROYED, request()).readInt();
        for (int i = 0; i < 5; i++) {
            assertThat(add(call(calc, BinderServicePayload.CHILD, request()).readStrongBinder(), i, 1)).isEqualTo(i + 1);
        }
        // Nothing refers to the five proxies any more: as android.os.BinderProxy does, each gives its reference
        // back (DEC_STRONG) once the garbage collector has found it, and the guest runs onDestroy.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int destroyed;
        do {
            System.gc();
            Thread.sleep(20);
            destroyed = call(calc, BinderServicePayload.DESTROYED, request()).readInt() - before;
        } while (destroyed < 5 && System.nanoTime() < deadline);
        assertThat(destroyed).isEqualTo(5);
    }

    @Test
    void mixedTypesRoundTripThroughTheGuestsParcelCode() throws Exception {
        Parcel data = request();
        data.writeIntArray(new int[] {1, 2, 3, 400});
        data.writeLong(1L << 40);
        data.writeDouble(1.25);
        data.writeBooleanArray(new boolean[] {true, false, true});
        data.writeStringArray(new String[] {"one", null, "thr\u00e9e"});
        data.writeInt('A'); // a char travels as an int32 (AIDL's Java backend writes (int) c)
        data.writeByteArray(new byte[] {1, 2, 3, 4, 5});
        data.writeFloat(1.5f);
        Parcel reply = call(calc, BinderServicePayload.MIX, data);
        assertThat(reply.readFloat()).isEqualTo(3.0f);
        assertThat(reply.createByteArray()).containsExactly(5, 4, 3, 2, 1);
        assertThat((char) reply.readInt()).isEqualTo('B');
        assertThat(reply.createStringArray()).containsExactly("thr\u00e9e", null, "one");
        assertThat(reply.createBooleanArray()).containsExactly(false, true, false);
        assertThat(reply.readDouble()).isEqualTo(2.5);
        assertThat(reply.readLong()).isEqualTo((1L << 40) + 1);
        assertThat(reply.createLongArray()).containsExactly(406L);
    }

    @Test
    void persistableBundleOfEveryTypeRoundTripsThroughTheGuestsAPersistableBundle() throws Exception {
        PersistableBundle inner = new PersistableBundle();
        inner.putString("where", "nested \u2713");
        inner.putLongArray("longs", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
        PersistableBundle sent = new PersistableBundle();
        sent.putBoolean("yes", true);
        sent.putBoolean("no", false);
        sent.putInt("int", -123456);
        sent.putLong("long", 1L << 50);
        sent.putDouble("double", -0.125);
        sent.putString("string", "h\u00e9llo");
        sent.putString("empty", "");
        sent.putBooleanArray("bools", new boolean[] {false, true, true});
        sent.putIntArray("ints", new int[] {7, -8, 9});
        sent.putIntArray("noInts", new int[0]);
        sent.putLongArray("longs", new long[] {-1L, 1L << 33});
        sent.putDoubleArray("doubles", new double[] {Math.PI, Double.NEGATIVE_INFINITY});
        sent.putStringArray("strings", new String[] {"x", "", "\u00fc"});
        sent.putPersistableBundle("inner", inner);
        sent.putPersistableBundle("nothing", new PersistableBundle());
        Parcel data = request();
        data.writeTypedObject(sent, 0);

        Parcel reply = call(calc, BinderServicePayload.BUNDLE_ECHO, data);
        PersistableBundle back = reply.readTypedObject(PersistableBundle.CREATOR);

        assertThat(reply.dataAvail()).isZero();
        assertThat(back.size()).isEqualTo(16);
        assertThat(back.getInt("seen")).isEqualTo(15);
        assertThat(back.getBoolean("yes")).isTrue();
        assertThat(back.getBoolean("no", true)).isFalse();
        assertThat(back.getInt("int")).isEqualTo(-123456);
        assertThat(back.getLong("long")).isEqualTo(1L << 50);
        assertThat(back.getDouble("double")).isEqualTo(-0.125);
        assertThat(back.getString("string")).isEqualTo("h\u00e9llo");
        assertThat(back.getString("empty")).isEmpty();
        assertThat(back.getBooleanArray("bools")).containsExactly(false, true, true);
        assertThat(back.getIntArray("ints")).containsExactly(7, -8, 9);
        assertThat(back.getIntArray("noInts")).isEmpty();
        assertThat(back.getLongArray("longs")).containsExactly(-1L, 1L << 33);
        assertThat(back.getDoubleArray("doubles")).containsExactly(Math.PI, Double.NEGATIVE_INFINITY);
        assertThat(back.getStringArray("strings")).containsExactly("x", "", "\u00fc");
        assertThat(back.getPersistableBundle("inner")).isEqualTo(inner);
        assertThat(back.getPersistableBundle("nothing").isEmpty()).isTrue();
        back.remove("seen");
        assertThat(back).isEqualTo(sent);

        Parcel nothing = request();
        nothing.writeTypedObject((PersistableBundle) null, 0);
        assertThatThrownBy(() -> call(calc, BinderServicePayload.BUNDLE_ECHO, nothing))
                .isInstanceOfSatisfying(TransactionFailedException.class,
                        e -> assertThat(e.status()).isEqualTo(BinderStatus.UNEXPECTED_NULL));
    }

    @Test
    void onewayCallsArriveInOrder() throws Exception {
        IBinder own = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
        Parcel before = call(own, BinderServicePayload.RECORDED, request());
        int already = before.createIntArray().length;
        for (int i = 0; i < 100; i++) {
            Parcel data = request();
            data.writeInt(i);
            own.transact(BinderServicePayload.RECORD, data, null, IBinder.FLAG_ONEWAY);
        }
        int[] seen = call(own, BinderServicePayload.RECORDED, request()).createIntArray();
        assertThat(seen).hasSize(already + 100);
        for (int i = 0; i < 100; i++) assertThat(seen[already + i]).isEqualTo(i);
    }

    @Test
    void eightConcurrentClientsMakeTenThousandCallsEachWithoutError() throws Exception {
        int clients = 8, calls = 10_000;
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            IBinder b = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
            int base = c * 1_000_000;
            threads.add(new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    try {
                        if (add(b, base, i) != base + i) errors.incrementAndGet();
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                    }
                }
                ((RemoteBinder) b).release();
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertThat(errors).hasValue(0);
    }

    @Test
    void sessionsOpenedAndReleasedTwoThousandTimesLeakNoHostThreads() throws Exception {
        IBinder warm = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
        assertThat(add(warm, 1, 1)).isEqualTo(2);
        ((RemoteBinder) warm).release();
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 2000; i++) {
            IBinder b = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
            assertThat(add(b, i, 1)).isEqualTo(i + 1);
            // Releasing the last proxy ends the session and closes its connection, as libbinder does.
            ((RemoteBinder) b).release();
            assertThat(((RemoteBinder) b).session().isShutdown()).isTrue();
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
        assertThat(add(calc, 3, 4)).isEqualTo(7);
    }

    // ---- hostile clients: each loses only its own connection; the payload keeps serving ----

    private VsockConnection raw() throws Exception {
        return payload.vm.connectVsock(BinderServicePayload.PORT);
    }

    private static void newSession(VsockConnection c) throws IOException {
        OutputStream out = c.getOutputStream();
        out.write(new RpcWire.ConnectionHeader(1, 0, 0, 0).encode());
        out.write(RpcWire.connectionInit());
        byte[] response = new byte[8];
        new DataInputStream(c.getInputStream()).readFully(response);
        assertThat(response).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }

    private static boolean closedByServer(VsockConnection c) {
        try {
            return c.getInputStream().read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void hostileClientsLoseOnlyTheirOwnConnection() throws Exception {
        try (VsockConnection c = raw()) {
            c.getOutputStream().write(new RpcWire.ConnectionHeader(1, 0, 0, 999).encode());
            assertThat(closedByServer(c)).isTrue();
        }
        try (VsockConnection c = raw()) {
            newSession(c);
            byte[] huge = new byte[16];
            huge[4] = (byte) 0xff;
            huge[5] = (byte) 0xff;
            huge[6] = (byte) 0xff;
            huge[7] = (byte) 0x7f;
            c.getOutputStream().write(huge);
            assertThat(closedByServer(c)).isTrue();
        }
        try (VsockConnection c = raw()) {
            newSession(c);
            byte[] unknown = new byte[16];
            unknown[0] = 99;
            c.getOutputStream().write(unknown);
            assertThat(closedByServer(c)).isTrue();
        }
        try (VsockConnection c = raw()) {
            newSession(c);
            c.getOutputStream().write(RpcWire.transaction(0, 0, 0, 0, new byte[0], 0), 0, 30);
        }
        try (VsockConnection c = raw()) {
            c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThat(closedByServer(c)).isTrue();
        }
        assertThat(add(calc, 20, 22)).isEqualTo(42);
        IBinder fresh = payload.vm.connectToVsockServer(BinderServicePayload.PORT);
        assertThat(add(fresh, 1, 1)).isEqualTo(2);
        ((RemoteBinder) fresh).release();
    }

    @Test
    void aClientThatNeverReadsDoesNotStopOthers() throws Exception {
        try (VsockConnection c = raw()) {
            newSession(c);
            // Many requests, never reading a reply: the guest thread serving it blocks on a full buffer.
            byte[] get = RpcWire.transaction(0, RpcWire.SPECIAL_GET_MAX_THREADS, 0, 0, new byte[0], 0);
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < 100_000; i++) c.getOutputStream().write(get);
                } catch (IOException e) {
                    // reset when the test closes the connection
                }
            });
            flood.setDaemon(true);
            flood.start();
            Thread.sleep(500);
            assertThat(add(calc, 5, 6)).isEqualTo(11);
            assertThat(c.unreadByPeer() + c.available()).isLessThanOrEqualTo(2 * c.bufferCapacity());
        }
        assertThat(add(calc, 6, 7)).isEqualTo(13);
    }
}
