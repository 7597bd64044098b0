package org.mdemu.tests.aidl;

import static org.assertj.core.api.Assertions.assertThat;

import android.os.IBinder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mdemu.test.IFoo;
import org.mdemu.vsock.binder.RpcClient;
import org.mdemu.vsock.binder.RpcServer;
import org.mdemu.vsock.binder.RpcSession;
import org.mdemu.vsock.binder.RpcTransport;

/**
 * The generated Java on both sides: IFoo.Stub ({@link JavaFoo}) served by mdemu's RPC binder server on loopback TCP,
 * called through IFoo.Stub.asInterface on the client session's root object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaFooTest extends FooContract {
    private final LoopbackRpc rpc = new LoopbackRpc();
    private IFoo foo;

    @BeforeAll
    void serve() throws Exception {
        foo = IFoo.Stub.asInterface(rpc.serve(new JavaFoo()));
    }

    @AfterAll
    void stop() throws Exception {
        rpc.close();
    }

    @Override
    IFoo foo() {
        return foo;
    }

    @Test
    void aStubInTheSameJvmIsReturnedItselfByAsInterface() {
        JavaFoo local = new JavaFoo();
        assertThat(IFoo.Stub.asInterface(local)).isSameAs(local);
        assertThat(IFoo.Stub.asInterface(null)).isNull();
    }

    /** An RPC binder server on loopback TCP and one client session to it. */
    static final class LoopbackRpc implements AutoCloseable {
        private ServerSocket listener;
        private RpcServer server;
        private RpcSession client;

        IBinder serve(IBinder root) throws Exception {
            server = new RpcServer(root, 4, line -> { });
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        Thread t = new Thread(() -> {
                            try {
                                server.serveConnection(RpcTransport.of(s));
                            } catch (java.io.IOException e) {
                                // the connection is gone; the session notices
                            }
                        }, "loopback-rpc-server");
                        t.setDaemon(true);
                        t.start();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "loopback-rpc-accept");
            accept.setDaemon(true);
            accept.start();
            client = RpcClient.connect(() -> RpcTransport.of(new Socket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())), 4, 1, line -> { });
            return client.getRootObject();
        }

        RpcSession client() {
            return client;
        }

        @Override
        public void close() throws Exception {
            if (client != null) client.shutdown();
            if (server != null) server.shutdown();
            if (listener != null) listener.close();
        }
    }
}
