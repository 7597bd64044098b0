package org.mdemu.vsock.binder;

import android.os.RemoteException;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The client side of RPC binder (libbinder's RpcSession::setupClient): opens the first connection, learns the
 * protocol version, the server's thread count and the session id, then opens the other connections.
 */
public final class RpcClient {
    private RpcClient() {}

    /** Opens one transport to the server (a vsock or TCP connection). */
    @FunctionalInterface
    public interface Connector {
        RpcTransport connect() throws IOException;
    }

    /**
     * Sets up a session.
     *
     * @param maxOutgoing     at most this many connections for calls (the server's GET_MAX_THREADS caps it too)
     * @param incomingThreads connections offered to the server for calls back into this side outside a
     *                        transaction, each served by a daemon thread (0: callbacks only during a call)
     */
    public static RpcSession connect(Connector connector, int maxOutgoing, int incomingThreads, Consumer<String> log)
            throws IOException {
        RpcSession session = new RpcSession(false, null, incomingThreads, RpcWire.PROTOCOL_VERSION, null, log);
        try {
            RpcTransport first = connector.connect();
            sendHeader(first, null, false);
            byte[] response = new byte[RpcWire.NEW_SESSION_RESPONSE_SIZE];
            first.readFully(response, 0, response.length);
            int version = RpcWire.getInt(response, 0);
            if (Integer.compareUnsigned(version, RpcWire.PROTOCOL_VERSION) > 0 || !RpcWire.isUsableVersion(version)) {
                first.close();
                throw new IOException("server chose protocol version " + Integer.toUnsignedString(version)
                        + ", above the " + RpcWire.PROTOCOL_VERSION + " offered");
            }
            session.setVersion(version);
            session.addOutgoing(first);
            int maxThreads = session.special(RpcWire.SPECIAL_GET_MAX_THREADS).readInt();
            if (maxThreads <= 0) throw new IOException("server announced " + maxThreads + " threads");
            byte[] id = session.special(RpcWire.SPECIAL_GET_SESSION_ID).createByteArray();
            if (id == null || id.length != RpcWire.SESSION_ID_BYTES) throw new IOException("bad session id from server");
            session.setId(id);
            for (int i = 1; i < Math.min(maxThreads, maxOutgoing); i++) {
                RpcTransport t = connector.connect();
                sendHeader(t, id, false);
                session.addOutgoing(t);
            }
            // The server's connection init on an incoming connection means it can call this side through it.
            java.util.concurrent.CountDownLatch initialized = new java.util.concurrent.CountDownLatch(incomingThreads);
            for (int i = 0; i < incomingThreads; i++) {
                RpcTransport t = connector.connect();
                sendHeader(t, id, true);
                Thread serving = new Thread(() -> serveIncoming(session, t, initialized), "rpc-binder-incoming-" + i);
                serving.setDaemon(true);
                serving.start();
            }
            if (!initialized.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IOException("the server did not take the incoming connections");
            }
            return session;
        } catch (RemoteException e) {
            session.shutdown();
            throw new IOException("rpc binder session setup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            session.shutdown();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted setting up an rpc binder session", e);
        } catch (IOException | RuntimeException e) {
            session.shutdown();
            throw e;
        }
    }

    private static void sendHeader(RpcTransport t, byte[] sessionId, boolean incoming) throws IOException {
        int idSize = sessionId == null ? 0 : sessionId.length;
        byte[] header = new RpcWire.ConnectionHeader(RpcWire.PROTOCOL_VERSION,
                incoming ? RpcWire.CONNECTION_OPTION_INCOMING : 0, RpcWire.FD_TRANSPORT_NONE, idSize).encode();
        t.write(header, 0, header.length);
        if (idSize > 0) t.write(sessionId, 0, idSize);
        if (!incoming) t.write(RpcWire.connectionInit(), 0, RpcWire.CONNECTION_INIT_SIZE);
    }

    private static void serveIncoming(RpcSession session, RpcTransport t, java.util.concurrent.CountDownLatch initialized) {
        try {
            byte[] init = new byte[RpcWire.CONNECTION_INIT_SIZE];
            t.readFully(init, 0, init.length);
            if (!RpcWire.isConnectionInit(init)) throw new IOException("connection init message unrecognized");
            initialized.countDown();
            session.serve(t);
        } catch (IOException e) {
            session.log().accept("rpc binder: incoming connection failed: " + e.getMessage());
            t.close();
        }
    }
}
