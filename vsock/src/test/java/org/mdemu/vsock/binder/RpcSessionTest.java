package org.mdemu.vsock.binder;

import android.os.Binder;
import android.os.IBinder;
import android.os.Parcel;
import android.os.RemoteException;
import android.os.DeadObjectException;
import android.os.ServiceSpecificException;
import org.mdemu.os.BinderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Java RPC binder server and client over loopback TCP, the same engine on both sides. */
class RpcSessionTest {
    static final String DESCRIPTOR = "org.mdemu.test.ICalc";
    static final int ADD = 1, ECHO = 2, FAIL = 3, CALL_BACK = 4, RECORD = 5, GET_CHILD = 6, SEEN = 7;

    /** The AIDL-style service the tests call. */
    static final class Calc extends Binder {
        final List<Integer> recorded = Collections.synchronizedList(new ArrayList<>());

        Calc() {
            super(DESCRIPTOR);
        }

        @Override
        protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
            if (code < FIRST_CALL_TRANSACTION || code > LAST_CALL_TRANSACTION) return super.onTransact(code, data, reply, flags);
            data.enforceInterface(DESCRIPTOR);
            switch (code) {
                case ADD -> {
                    int a = data.readInt(), b = data.readInt();
                    reply.writeNoException();
                    reply.writeInt(a + b);
                }
                case ECHO -> {
                    String s = data.readString();
                    reply.writeNoException();
                    reply.writeString(s);
                }
                case FAIL -> throw new ServiceSpecificException(data.readInt(), "failing as asked");
                case CALL_BACK -> {
                    IBinder callback = data.readStrongBinder();
                    int value = data.readInt();
                    Parcel in = Parcel.obtain(), out = Parcel.obtain();
                    in.writeInterfaceToken("cb");
                    in.writeInt(value * 2);
                    callback.transact(FIRST_CALL_TRANSACTION, in, out, 0);
                    ((RemoteBinder) callback).release();
                    out.readException();
                    reply.writeNoException();
                    reply.writeInt(out.readInt());
                }
                case RECORD -> recorded.add(data.readInt());
                case GET_CHILD -> {
                    reply.writeNoException();
                    reply.writeStrongBinder(new Calc());
                }
                case SEEN -> {
                    reply.writeNoException();
                    reply.writeIntArray(recorded.stream().mapToInt(Integer::intValue).toArray());
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    final List<String> log = new CopyOnWriteArrayList<>();
    ServerSocket listener;
    RpcServer server;
    Calc root;
    final List<RpcSession> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        root = new Calc();
        server = new RpcServer(root, 4, log::add);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> {
                        try {
                            server.serveConnection(RpcTransport.of(s));
                        } catch (IOException e) {
                            log.add(e.toString());
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (RpcSession s : clients) s.shutdown();
        server.shutdown();
        listener.close();
    }

    RpcSession connect(int incoming) throws IOException {
        RpcSession s = RpcClient.connect(() -> RpcTransport.of(new Socket(InetAddress.getLoopbackAddress(),
                listener.getLocalPort())), 8, incoming, log::add);
        clients.add(s);
        return s;
    }

    static Parcel call(String descriptor) {
        Parcel p = Parcel.obtain();
        p.writeInterfaceToken(descriptor);
        return p;
    }

    static int add(IBinder b, int x, int y) throws RemoteException {
        Parcel data = call(DESCRIPTOR), reply = Parcel.obtain();
        data.writeInt(x);
        data.writeInt(y);
        assertThat(b.transact(ADD, data, reply, 0)).isTrue();
        reply.readException();
        return reply.readInt();
    }

    @Test
    void rootObjectAnswersTransactionsAndItsDescriptor() throws Exception {
        IBinder b = connect(0).getRootObject();
        assertThat(b).isInstanceOf(RemoteBinder.class);
        assertThat(add(b, 40, 2)).isEqualTo(42);
        assertThat(b.getInterfaceDescriptor()).isEqualTo(DESCRIPTOR);
        assertThat(b.pingBinder()).isTrue();
        Parcel data = call(DESCRIPTOR), reply = Parcel.obtain();
        data.writeString("h\u00e9llo");
        b.transact(ECHO, data, reply, 0);
        reply.readException();
        assertThat(reply.readString()).isEqualTo("h\u00e9llo");
        assertThat(b.transact(0x00abcdef, call(DESCRIPTOR), Parcel.obtain(), 0)).isFalse();
    }

    @Test
    void serviceSpecificErrorsArriveAsJavaExceptionsWithTheMessage() throws Exception {
        IBinder b = connect(0).getRootObject();
        Parcel data = call(DESCRIPTOR), reply = Parcel.obtain();
        data.writeInt(17);
        b.transact(FAIL, data, reply, 0);
        assertThatThrownBy(reply::readException).isInstanceOfSatisfying(ServiceSpecificException.class, e -> {
            assertThat(e.errorCode).isEqualTo(17);
            assertThat(e.getMessage()).isEqualTo("failing as asked");
        });
        assertThat(add(b, 1, 1)).isEqualTo(2);
    }

    @Test
    void callbackBinderIsCalledBackDuringTheTransactionOnTheSameConnection() throws Exception {
        RpcSession session = connect(0);
        IBinder b = session.getRootObject();
        AtomicInteger calls = new AtomicInteger();
        Binder callback = new Binder("cb") {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                data.enforceInterface("cb");
                calls.incrementAndGet();
                reply.writeNoException();
                reply.writeInt(data.readInt() + 1);
                return true;
            }
        };
        for (int i = 0; i < 3; i++) {
            Parcel data = call(DESCRIPTOR), reply = Parcel.obtain();
            data.writeStrongBinder(callback);
            data.writeInt(10 + i);
            b.transact(CALL_BACK, data, reply, 0);
            reply.readException();
            assertThat(reply.readInt()).isEqualTo(2 * (10 + i) + 1);
        }
        assertThat(calls).hasValue(3);
        // The server acknowledged each reference to the callback: only the root proxy remains here.
        waitFor(() -> session.nodeCount() == 1);
    }

    @Test
    void guestBinderReturnedToTheClientIsUsableAndReleasedWithDecStrong() throws Exception {
        RpcSession session = connect(0);
        IBinder b = session.getRootObject();
        Parcel reply = Parcel.obtain();
        b.transact(GET_CHILD, call(DESCRIPTOR), reply, 0);
        reply.readException();
        RemoteBinder child = (RemoteBinder) reply.readStrongBinder();
        assertThat(add(child, 2, 3)).isEqualTo(5);
        assertThat(session.nodeCount()).isEqualTo(2);
        child.release();
        assertThat(session.nodeCount()).isEqualTo(1);
        assertThat(add(b, 2, 3)).isEqualTo(5);
    }

    @Test
    void releasingTheLastProxyEndsBothSidesOfTheSession() throws Exception {
        RpcSession session = connect(0);
        RemoteBinder b = (RemoteBinder) session.getRootObject();
        assertThat(add(b, 1, 2)).isEqualTo(3);
        b.release();
        assertThat(session.isShutdown()).isTrue();
        waitFor(() -> server.sessionCount() == 0, log);
    }

    @Test
    void onewayTransactionsRunInOrder() throws Exception {
        IBinder b = connect(0).getRootObject();
        for (int i = 0; i < 200; i++) {
            Parcel data = call(DESCRIPTOR);
            data.writeInt(i);
            b.transact(RECORD, data, null, IBinder.FLAG_ONEWAY);
        }
        Parcel reply = Parcel.obtain();
        waitFor(() -> root.recorded.size() == 200);
        b.transact(SEEN, call(DESCRIPTOR), reply, 0);
        reply.readException();
        int[] seen = reply.createIntArray();
        for (int i = 0; i < 200; i++) assertThat(seen[i]).isEqualTo(i);
    }

    @Test
    void serverCallsClientBinderOutsideATransactionOverIncomingConnections() throws Exception {
        RpcSession session = connect(1);
        IBinder b = session.getRootObject();
        CountDownLatch called = new CountDownLatch(1);
        Binder callback = new Binder("cb") {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                called.countDown();
                reply.writeNoException();
                reply.writeInt(0);
                return true;
            }
        };
        // The service keeps nothing, so call back from a server thread after the call returned.
        Binder holder = new Binder("holder") {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                IBinder cb = data.readStrongBinder();
                // The client's incoming connection is registered on its own server thread and may come after this
                // transaction: until then the session answers WOULD_BLOCK, as libbinder's does.
                new Thread(() -> {
                    for (int attempt = 0; attempt < 500; attempt++) {
                        try {
                            cb.transact(1, Parcel.obtain(), Parcel.obtain(), 0);
                            return;
                        } catch (TransactionFailedException e) {
                            if (e.status() != BinderStatus.WOULD_BLOCK) {
                                log.add(e.toString());
                                return;
                            }
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException stop) {
                                return;
                            }
                        } catch (RemoteException e) {
                            log.add(e.toString());
                            return;
                        }
                    }
                    log.add("the client's incoming connection never arrived");
                }).start();
                return true;
            }
        };
        RpcServer second = new RpcServer(holder, 2, log::add);
        try (ServerSocket l = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = l.accept();
                        new Thread(() -> {
                            try {
                                second.serveConnection(RpcTransport.of(s));
                            } catch (IOException e) {
                                log.add(e.toString());
                            }
                        }).start();
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            accept.setDaemon(true);
            accept.start();
            RpcSession s2 = RpcClient.connect(() -> RpcTransport.of(new Socket(InetAddress.getLoopbackAddress(),
                    l.getLocalPort())), 2, 1, log::add);
            clients.add(s2);
            Parcel data = Parcel.obtain();
            data.writeStrongBinder(callback);
            s2.getRootObject().transact(1, data, Parcel.obtain(), 0);
            assertThat(called.await(5, TimeUnit.SECONDS)).as("log: %s", log).isTrue();
            second.shutdown();
        }
        assertThat(add(b, 1, 2)).isEqualTo(3);
    }

    @Test
    void deathRecipientsHearWhenTheServerEndsTheSession() throws Exception {
        IBinder b = connect(0).getRootObject();
        CountDownLatch died = new CountDownLatch(1);
        b.linkToDeath(died::countDown, 0);
        server.shutdown();
        // A client without incoming connections reads only during calls: the next call finds the session gone.
        assertThatThrownBy(() -> add(b, 1, 1)).isInstanceOf(DeadObjectException.class);
        assertThat(died.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.isBinderAlive()).isFalse();
    }

    @Test
    void eightConcurrentClientsMakeTenThousandCallsEachWithoutError() throws Exception {
        int clientsCount = 8, calls = 10_000;
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clientsCount; c++) {
            IBinder b = connect(0).getRootObject();
            int base = c * 1_000_000;
            threads.add(new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    try {
                        if (add(b, base, i) != base + i) errors.incrementAndGet();
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertThat(errors).hasValue(0);
    }

    @Test
    void oneSessionSpreadsConcurrentCallsOverItsConnections() throws Exception {
        IBinder b = connect(0).getRootObject();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    try {
                        if (add(b, i, i) != 2 * i) errors.incrementAndGet();
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertThat(errors).hasValue(0);
    }

    // ---- hostile clients: each loses its own connection, the others go on ----

    Socket raw() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        s.setSoTimeout(5000);
        return s;
    }

    static void newSession(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(new RpcWire.ConnectionHeader(1, 0, 0, 0).encode());
        out.write(RpcWire.connectionInit());
        byte[] response = new byte[8];
        new DataInputStream(s.getInputStream()).readFully(response);
        assertThat(response).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }

    static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void hostileClientsLoseOnlyTheirOwnConnection() throws Exception {
        IBinder good = connect(0).getRootObject();

        try (Socket s = raw()) { // session id of a bad size
            s.getOutputStream().write(new RpcWire.ConnectionHeader(1, 0, 0, 7).encode());
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // unknown session
            s.getOutputStream().write(new RpcWire.ConnectionHeader(1, 0, 0, 32).encode());
            s.getOutputStream().write(new byte[32]);
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // garbage instead of the connection init
            s.getOutputStream().write(new RpcWire.ConnectionHeader(1, 0, 0, 0).encode());
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
            new DataInputStream(s.getInputStream()).readFully(new byte[8]);
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // a body size of 2 GiB
            newSession(s);
            byte[] h = RpcWire.command(RpcWire.COMMAND_TRANSACT, 0);
            RpcWire.putInt(h, 4, 0x7fffffff);
            s.getOutputStream().write(h);
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // an unknown command
            newSession(s);
            s.getOutputStream().write(RpcWire.command(77, 0));
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // a transaction on an address it never received
            newSession(s);
            byte[] t = RpcWire.transaction(RpcWire.address(3, 999), 1, 0, 0, new byte[0], 0);
            s.getOutputStream().write(t);
            assertThat(closedByServer(s)).isTrue();
        }
        try (Socket s = raw()) { // abrupt close in the middle of a command
            newSession(s);
            s.getOutputStream().write(RpcWire.command(RpcWire.COMMAND_TRANSACT, 40), 0, 20);
        }
        waitFor(() -> log.size() >= 6, log);
        assertThat(add(good, 20, 22)).isEqualTo(42);
        waitFor(() -> server.sessionCount() == 1, log);
        assertThat(log).anyMatch(l -> l.contains("unknown command 77"))
                .anyMatch(l -> l.contains("exceeds the limit"))
                .anyMatch(l -> l.contains("malformed session id"));
    }

    @Test
    void rawExchangeFollowsTheWireFormat() throws Exception {
        try (Socket s = raw()) {
            newSession(s);
            DataInputStream in = new DataInputStream(s.getInputStream());
            s.getOutputStream().write(RpcWire.transaction(0, RpcWire.SPECIAL_GET_MAX_THREADS, 0, 0, new byte[0], 0));
            byte[] reply = new byte[16 + 20 + 4];
            in.readFully(reply);
            assertThat(RpcWire.getInt(reply, 0)).isEqualTo(RpcWire.COMMAND_REPLY);
            assertThat(RpcWire.getInt(reply, 4)).isEqualTo(24);
            assertThat(RpcWire.getInt(reply, 16)).isZero();
            assertThat(RpcWire.getInt(reply, 20)).isEqualTo(4);
            assertThat(RpcWire.getInt(reply, 36)).isEqualTo(4);

            s.getOutputStream().write(RpcWire.transaction(0, RpcWire.SPECIAL_GET_ROOT, 0, 0, new byte[0], 0));
            byte[] root = new byte[16 + 20 + 16];
            in.readFully(root);
            assertThat(RpcWire.getInt(root, 36)).isEqualTo(1); // present
            long address = RpcWire.getLong(root, 40);
            assertThat(RpcWire.addressOptions(address))
                    .isEqualTo(RpcWire.ADDRESS_OPTION_CREATED | RpcWire.ADDRESS_OPTION_FOR_SERVER);
            assertThat(RpcWire.getInt(root, 48)).isEqualTo(0b001100);

            // A call on the root: the server acknowledges the reference the call carried, then replies.
            Parcel data = call(DESCRIPTOR);
            data.writeInt(1);
            data.writeInt(2);
            byte[] body = data.marshall();
            s.getOutputStream().write(RpcWire.transaction(address, ADD, 0, 0, body, body.length));
            byte[] dec = new byte[32];
            in.readFully(dec);
            assertThat(dec).containsExactly(RpcWire.decStrong(address, 1));
            byte[] sum = new byte[16 + 20 + 8];
            in.readFully(sum);
            assertThat(RpcWire.getInt(sum, 36)).isZero();
            assertThat(RpcWire.getInt(sum, 40)).isEqualTo(3);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        waitFor(condition, List.of());
    }

    static void waitFor(java.util.function.BooleanSupplier condition, List<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 10 s; log: " + log);
            Thread.sleep(5);
        }
    }
}
