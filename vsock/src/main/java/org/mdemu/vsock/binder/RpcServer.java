package org.mdemu.vsock.binder;

import android.os.IBinder;
import android.os.ParcelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The server side of RPC binder (libbinder's RpcServer): hands out the root object, and per accepted connection
 * reads the connection header, creates or joins a session and serves it. The caller owns the accepting loop and
 * the threads: each accepted transport is given to {@link #serveConnection} on a thread of its own.
 */
public final class RpcServer {
    private final IBinder root;
    private final int maxThreads;
    private final Consumer<String> log;
    private final ConnectionPause pause;
    private final SecureRandom random = new SecureRandom();
    private final Map<ByteBuffer, RpcSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param maxThreads what GET_MAX_THREADS answers: how many connections a client should open
     * @param log        receives one line per dropped connection or misbehaving client
     */
    public RpcServer(IBinder root, int maxThreads, Consumer<String> log) {
        this(root, maxThreads, log, null);
    }

    /**
     * @param pause how the server's threads wait for a free connection to call the client on (null: they block on
     *              the session's queue, for host threads)
     */
    public RpcServer(IBinder root, int maxThreads, Consumer<String> log, ConnectionPause pause) {
        if (maxThreads < 1) throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
        this.root = root;
        this.maxThreads = maxThreads;
        this.log = log;
        this.pause = pause;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Establishes one connection and, unless it is a connection the client offers for callbacks, serves it on the
     * calling thread until it ends. Never throws: a bad peer costs only its own connection (or session).
     */
    public void serveConnection(RpcTransport transport) {
        try {
            establish(transport);
        } catch (IOException | ParcelFormatException e) {
            log.accept("rpc binder server: dropping connection: " + e.getMessage());
            transport.close();
        }
    }

    private void establish(RpcTransport transport) throws IOException {
        byte[] h = new byte[RpcWire.CONNECTION_HEADER_SIZE];
        transport.readFully(h, 0, h.length);
        RpcWire.ConnectionHeader header = RpcWire.ConnectionHeader.decode(h);
        byte[] sessionId = null;
        if (header.sessionIdSize() > 0) {
            if (header.sessionIdSize() != RpcWire.SESSION_ID_BYTES) {
                throw new IOException("malformed session id of " + header.sessionIdSize() + " bytes");
            }
            sessionId = new byte[RpcWire.SESSION_ID_BYTES];
            transport.readFully(sessionId, 0, sessionId.length);
        }
        boolean incoming = (header.options() & RpcWire.CONNECTION_OPTION_INCOMING) != 0;
        int version = Integer.compareUnsigned(header.version(), RpcWire.PROTOCOL_VERSION) < 0
                ? header.version() : RpcWire.PROTOCOL_VERSION;
        RpcSession session;
        if (sessionId == null) {
            transport.write(RpcWire.newSessionResponse(version), 0, RpcWire.NEW_SESSION_RESPONSE_SIZE);
            if (incoming) throw new IOException("a new session cannot start with an incoming connection");
            if (!RpcWire.isUsableVersion(version)) throw new IOException("unusable protocol version " + version);
            if (header.fdTransportMode() != RpcWire.FD_TRANSPORT_NONE) {
                throw new IOException("file descriptor transport mode " + header.fdTransportMode() + " is not supported");
            }
            byte[] id = new byte[RpcWire.SESSION_ID_BYTES];
            do {
                random.nextBytes(id);
            } while (sessions.containsKey(ByteBuffer.wrap(id)));
            session = new RpcSession(true, root, maxThreads, version, id, log, pause);
            ByteBuffer key = ByteBuffer.wrap(id.clone());
            sessions.put(key, session);
            session.addShutdownListener(() -> sessions.remove(key));
        } else {
            session = sessions.get(ByteBuffer.wrap(sessionId));
            if (session == null) throw new IOException("no session with the id the client gave");
        }
        if (incoming) {
            transport.write(RpcWire.connectionInit(), 0, RpcWire.CONNECTION_INIT_SIZE);
            session.addOutgoing(transport);
            return;
        }
        byte[] init = new byte[RpcWire.CONNECTION_INIT_SIZE];
        try {
            transport.readFully(init, 0, init.length);
            if (!RpcWire.isConnectionInit(init)) throw new IOException("connection init message unrecognized");
        } catch (IOException e) {
            if (sessionId == null) session.shutdown();
            throw e;
        }
        session.serve(transport);
    }

    /** Ends every session (their proxies' death recipients hear of it). */
    public void shutdown() {
        for (RpcSession s : sessions.values()) s.shutdown();
    }
}
