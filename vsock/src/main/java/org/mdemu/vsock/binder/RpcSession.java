package org.mdemu.vsock.binder;

import android.os.Binder;
import android.os.DeadObjectException;
import android.os.IBinder;
import android.os.Parcel;
import android.os.ParcelFormatException;
import android.os.RemoteException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mdemu.os.BinderStatus;
import org.mdemu.os.HiddenApi;
import org.mdemu.os.ParcelSession;

/**
 * One RPC binder session (libbinder's RpcSession + RpcState), the same code on both sides: a group of connections,
 * the binder nodes known to the session with their reference counts, and the command loop.
 *
 * <p>A thread that sends a transaction owns its connection until the reply arrives and processes whatever the
 * other side sends meanwhile: nested transactions (a callback into this side during the call) run on that thread,
 * and nested calls it makes go out on the same connection, as libbinder does. Connections accepted by a server (or
 * offered by a client as incoming) are served by a thread each, in {@link #serve}. A broken or misbehaving peer
 * ends the session: every connection closes, every proxy's death recipients hear of it.
 */
public final class RpcSession implements ParcelSession, AutoCloseable {
    /** Largest command body accepted; a bigger announced size ends the session before anything is allocated. */
    public static final int MAX_COMMAND_BYTES = 4 << 20;
    /** Oneway transactions waiting for an earlier one before the session is judged hostile (libbinder's level). */
    private static final int MAX_PENDING_ONEWAY = 10_000;
    private static final int MAX_NODES = 100_000;

    /**
     * A binder known to this session: a local one we sent, or a proxy for one we received. The session holds its
     * proxy weakly: a proxy nobody uses any more gives its references back when the garbage collector finds it.
     */
    private static final class Node {
        /** The local binder, or null for a proxy node. */
        final IBinder local;
        /** The proxy object for a remote binder, while one is in use. */
        WeakReference<RemoteBinder> proxy;
        IBinder sentRef;
        long timesSent;
        long timesRecd;
        long asyncNumber;
        final PriorityQueue<PendingOneway> pending = new PriorityQueue<>((a, b) -> Long.compareUnsigned(a.asyncNumber, b.asyncNumber));

        Node(IBinder local) {
            this.local = local;
        }

        /** The local binder or the live proxy (null once the proxy was collected or released). */
        IBinder binder() {
            if (local != null) return local;
            RemoteBinder p = proxy == null ? null : proxy.get();
            return p == null || p.isReleased() ? null : p;
        }
    }

    /** Gives collected proxies' references back (DEC_STRONG) on host-side sessions. */
    private static final Cleaner PROXY_CLEANER = Cleaner.create();

    private record PendingOneway(long asyncNumber, int code, int flags, Parcel data) {}

    /** What a transaction needs to know about its connection. */
    static final class Connection {
        final RpcTransport transport;
        final byte[] header = new byte[RpcWire.WIRE_HEADER_SIZE];

        Connection(RpcTransport transport) {
            this.transport = transport;
        }
    }

    private final boolean forServer;
    private final IBinder root;
    private final int maxIncomingThreads;
    private final Consumer<String> log;
    /** Null: threads block on {@link #freeOutgoing} (host threads). */
    private final ConnectionPause pause;
    private volatile int version;
    private volatile byte[] id;

    private final Object lock = new Object();
    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<IBinder, Long> localAddresses = new IdentityHashMap<>();
    private int nextId;
    private final LinkedBlockingQueue<Connection> freeOutgoing = new LinkedBlockingQueue<>();
    private final List<Connection> all = new ArrayList<>();
    private int outgoingCount;
    private int serving;
    private volatile boolean shutdown;
    private final List<Runnable> shutdownListeners = new CopyOnWriteArrayList<>();
    /** The connection the current thread is serving or waiting on: nested calls reuse it. */
    private final ThreadLocal<Connection> exclusive = new ThreadLocal<>();

    RpcSession(boolean forServer, IBinder root, int maxIncomingThreads, int version, byte[] id, Consumer<String> log) {
        this(forServer, root, maxIncomingThreads, version, id, log, null);
    }

    RpcSession(boolean forServer, IBinder root, int maxIncomingThreads, int version, byte[] id, Consumer<String> log,
               ConnectionPause pause) {
        this.pause = pause;
        this.forServer = forServer;
        this.root = root;
        this.maxIncomingThreads = maxIncomingThreads;
        this.version = version;
        this.id = id;
        this.log = log;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    public int protocolVersion() {
        return version;
    }

    void setVersion(int version) {
        this.version = version;
    }

    void setId(byte[] id) {
        this.id = id;
    }

    byte[] id() {
        return id;
    }

    /** Runs once when the session ends (at once if it already has). */
    public void addShutdownListener(Runnable listener) {
        shutdownListeners.add(listener);
        if (shutdown && shutdownListeners.remove(listener)) listener.run();
    }

    /** Number of binder nodes (local binders sent, proxies held), for leak checks. */
    public int nodeCount() {
        synchronized (lock) {
            return nodes.size();
        }
    }

    // ---- connections ----

    Connection addOutgoing(RpcTransport transport) {
        Connection c = new Connection(transport);
        synchronized (lock) {
            if (shutdown) {
                transport.close();
                return c;
            }
            all.add(c);
            outgoingCount++;
        }
        freeOutgoing.add(c);
        return c;
    }

    /** Serves an incoming connection on the calling thread until it or the session ends. */
    void serve(RpcTransport transport) {
        Connection c = new Connection(transport);
        synchronized (lock) {
            if (shutdown) {
                transport.close();
                return;
            }
            all.add(c);
            serving++;
        }
        exclusive.set(c);
        try {
            while (!shutdown) {
                readHeader(c);
                processCommand(c);
            }
        } catch (EOFException e) {
            // the peer closed this connection
        } catch (ProtocolViolation e) {
            log.accept("rpc binder: " + e.getMessage() + "; ending the session");
            shutdown();
        } catch (IOException e) {
            if (!shutdown) log.accept("rpc binder: connection ended: " + e.getMessage());
        } finally {
            exclusive.remove();
            transport.close();
            boolean last;
            synchronized (lock) {
                all.remove(c);
                serving--;
                last = serving == 0 && forServer;
            }
            // A server session lives as long as its client keeps a connection to serve.
            if (last) shutdown();
        }
    }

    private Connection acquire() throws RemoteException {
        while (true) {
            if (shutdown) throw new DeadObjectException("rpc binder session has ended");
            synchronized (lock) {
                if (outgoingCount == 0) {
                    throw new TransactionFailedException(BinderStatus.WOULD_BLOCK, "the session has no connection to call the"
                            + " other side on outside a transaction (it offered no incoming threads)");
                }
            }
            try {
                Connection c = pause == null ? freeOutgoing.poll(100, TimeUnit.MILLISECONDS) : freeOutgoing.poll();
                if (c != null) return c;
                if (pause != null) pause.pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransactionFailedException(BinderStatus.TIMED_OUT, "interrupted waiting for a connection");
            }
        }
    }

    private void release(Connection c) {
        if (!shutdown) freeOutgoing.add(c);
    }

    // ---- outgoing ----

    /** A special transaction (address 0): GET_ROOT, GET_MAX_THREADS, GET_SESSION_ID. */
    Parcel special(int code) throws RemoteException {
        Parcel reply = Parcel.obtain();
        int status = transactAddress(0, code, Parcel.obtain(), reply, 0);
        if (status != BinderStatus.OK) throw failure(status, "special transaction " + code);
        return reply;
    }

    /** The server's root object (GET_ROOT). */
    public IBinder getRootObject() throws RemoteException {
        return special(RpcWire.SPECIAL_GET_ROOT).readStrongBinder();
    }

    int transact(RemoteBinder target, int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        long address = target.address();
        synchronized (lock) {
            if (shutdown) return BinderStatus.DEAD_OBJECT;
            Node n = nodes.get(address);
            if (n == null) return BinderStatus.DEAD_OBJECT;
            n.timesSent++;
            n.sentRef = target;
        }
        return transactAddress(address, code, data, reply, flags);
    }

    private int transactAddress(long address, int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        ParcelSession from = HiddenApi.session(data);
        if (from != null && from != this) {
            throw new TransactionFailedException(BinderStatus.BAD_TYPE, "the parcel belongs to another session");
        }
        Connection c = exclusive.get();
        boolean pooled = c == null;
        if (pooled) c = acquire();
        try {
            long asyncNumber = 0;
            boolean oneway = (flags & IBinder.FLAG_ONEWAY) != 0;
            if (oneway && address != 0) {
                synchronized (lock) {
                    Node n = nodes.get(address);
                    if (n == null) return BinderStatus.DEAD_OBJECT;
                    asyncNumber = n.asyncNumber++;
                }
            }
            byte[] body = flatten(data);
            send(c, RpcWire.transaction(address, code, flags, asyncNumber, body, body.length));
            if (oneway) return BinderStatus.OK;
            if (pooled) exclusive.set(c);
            return waitForReply(c, reply);
        } finally {
            if (pooled) {
                exclusive.remove();
                release(c);
            }
        }
    }

    private int waitForReply(Connection c, Parcel reply) throws RemoteException {
        try {
            while (true) {
                readHeader(c);
                if (RpcWire.getInt(c.header, 0) == RpcWire.COMMAND_REPLY) break;
                processCommand(c);
            }
            int bodySize = bodySize(c);
            int replySize = RpcWire.replySize(version);
            if (bodySize < replySize) throw new ProtocolViolation("reply of " + bodySize + " bytes is too short");
            byte[] body = new byte[bodySize];
            c.transport.readFully(body, 0, bodySize);
            int status = RpcWire.getInt(body, 0);
            if (status != BinderStatus.OK) return status;
            int dataSize = bodySize - replySize;
            if (replySize > 4) {
                int declared = RpcWire.getInt(body, 4);
                if (declared < 0 || declared > dataSize || (dataSize - declared) % 4 != 0) {
                    throw new ProtocolViolation("reply parcel size " + declared + " does not fit its " + dataSize + " bytes");
                }
                if (declared != dataSize) throw new ProtocolViolation("reply carries file descriptors, which are not supported");
                dataSize = declared;
            }
            if (reply != null) HiddenApi.setReceived(reply, body, replySize, dataSize, this);
            return BinderStatus.OK;
        } catch (ProtocolViolation e) {
            log.accept("rpc binder: " + e.getMessage() + "; ending the session");
            shutdown();
            throw new DeadObjectException(e.getMessage());
        } catch (IOException e) {
            shutdown();
            throw new DeadObjectException("rpc binder connection broke: " + e.getMessage());
        }
    }

    private void send(Connection c, byte[] command) throws DeadObjectException {
        try {
            c.transport.write(command, 0, command.length);
        } catch (IOException e) {
            shutdown();
            throw new DeadObjectException("rpc binder connection broke: " + e.getMessage());
        }
    }

    /** The parcel's bytes with the address of every binder object it holds filled in. */
    private byte[] flatten(Parcel p) throws RemoteException {
        byte[] bytes = HiddenApi.bytes(p);
        for (Map.Entry<Integer, IBinder> e : HiddenApi.binders(p).entrySet()) {
            int at = e.getKey();
            if (at + 16 > bytes.length) continue;
            RpcWire.putLong(bytes, at + 4, binderLeaving(e.getValue()));
        }
        return bytes;
    }

    /** RpcState::onBinderLeaving: the address of a binder being sent, counting the reference it carries. */
    private long binderLeaving(IBinder binder) throws RemoteException {
        synchronized (lock) {
            if (shutdown) throw new DeadObjectException("rpc binder session has ended");
            if (binder instanceof RemoteBinder r) {
                if (r.session() != this) {
                    throw new TransactionFailedException(BinderStatus.INVALID_OPERATION,
                            "cannot send a binder from another RPC session");
                }
                Node n = nodes.get(r.address());
                if (n == null) throw new DeadObjectException("proxy already released");
                n.timesSent++;
                n.sentRef = binder;
                return r.address();
            }
            Long known = localAddresses.get(binder);
            if (known != null) {
                Node n = nodes.get(known);
                n.timesSent++;
                n.sentRef = binder;
                if (binder instanceof RemoteReferences r) r.sentBySession();
                return known;
            }
            if (nodes.size() > MAX_NODES) throw new TransactionFailedException(BinderStatus.NO_MEMORY, "too many binder nodes");
            int options = RpcWire.ADDRESS_OPTION_CREATED | (forServer ? RpcWire.ADDRESS_OPTION_FOR_SERVER : 0);
            long address;
            do {
                address = RpcWire.address(options, nextId++);
            } while (nodes.containsKey(address));
            Node n = new Node(binder);
            n.sentRef = binder;
            n.timesSent = 1;
            nodes.put(address, n);
            localAddresses.put(binder, address);
            if (binder instanceof RemoteReferences r) r.sentBySession();
            return address;
        }
    }

    /**
     * RpcState::onBinderEntering (+ flushExcessBinderRefs): the binder an address in a received parcel names. A
     * local binder coming back is acknowledged at once with a DEC_STRONG; a proxy keeps the reference until it is
     * released.
     */
    @Override
    public IBinder binderEntering(long address) {
        int options = RpcWire.addressOptions(address);
        if ((options & ~(RpcWire.ADDRESS_OPTION_CREATED | RpcWire.ADDRESS_OPTION_FOR_SERVER)) != 0) {
            throw new ParcelFormatException("binder address of an unknown type: " + Long.toUnsignedString(address));
        }
        IBinder binder;
        synchronized (lock) {
            if (shutdown) throw new ParcelFormatException("rpc binder session has ended");
            Node n = nodes.get(address);
            if (n == null) {
                if (((options & RpcWire.ADDRESS_OPTION_FOR_SERVER) != 0) == forServer) {
                    throw new ParcelFormatException("unrecognized binder address " + Long.toUnsignedString(address)
                            + " of a kind this side creates");
                }
                n = new Node(null);
                nodes.put(address, n);
            }
            n.timesRecd++;
            binder = n.binder();
            if (n.local == null) {
                if (binder == null) {
                    RemoteBinder p = new RemoteBinder(this, address);
                    n.proxy = new WeakReference<>(p);
                    // Guest-side sessions release their proxies explicitly (AIBinder_decStrong), on guest threads.
                    if (pause == null) PROXY_CLEANER.register(p, p.releaseAction());
                    binder = p;
                }
                ((RemoteBinder) binder).received();
            }
        }
        if (!(binder instanceof RemoteBinder)) {
            try {
                decStrongBy(address, 1);
            } catch (RemoteException e) {
                throw new ParcelFormatException(e.getMessage());
            }
        }
        return binder;
    }

    /** Releases count references received for address, telling the other side (DEC_STRONG). */
    void decStrongBy(long address, long count) throws RemoteException {
        long amount;
        boolean last;
        synchronized (lock) {
            if (shutdown || count <= 0) return;
            Node n = nodes.get(address);
            if (n == null || n.timesRecd <= 0) return;
            amount = Math.min(count, n.timesRecd);
            n.timesRecd -= amount;
            last = tryErase(address, n);
        }
        Connection c = exclusive.get();
        boolean pooled = c == null;
        try {
            if (pooled) {
                synchronized (lock) {
                    if (outgoingCount == 0) return; // a server without incoming connections: the client sees the end
                }
                c = acquire();
            }
            try {
                send(c, RpcWire.decStrong(address, (int) amount));
            } finally {
                if (pooled) release(c);
            }
        } finally {
            if (last) shutdown();
        }
    }

    /**
     * Forgets a node nobody holds any more; returns true when that was the session's last binder, after which the
     * session ends, as libbinder's RpcState does (nothing could ever be called on it again).
     */
    private boolean tryErase(long address, Node n) {
        if (n.timesSent == 0) {
            n.sentRef = null;
            if (n.timesRecd == 0 && n.pending.isEmpty()) {
                nodes.remove(address);
                if (n.local != null) localAddresses.remove(n.local);
                return nodes.isEmpty();
            }
        }
        return false;
    }

    // ---- incoming ----

    private static final class ProtocolViolation extends IOException {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private void readHeader(Connection c) throws IOException {
        c.transport.readFully(c.header, 0, RpcWire.WIRE_HEADER_SIZE);
    }

    private static int bodySize(Connection c) throws ProtocolViolation {
        int size = RpcWire.getInt(c.header, 4);
        if (size < 0 || size > MAX_COMMAND_BYTES) {
            throw new ProtocolViolation("command body of " + Integer.toUnsignedString(size)
                    + " bytes exceeds the limit of " + MAX_COMMAND_BYTES);
        }
        return size;
    }

    private void processCommand(Connection c) throws IOException {
        int command = RpcWire.getInt(c.header, 0);
        switch (command) {
            case RpcWire.COMMAND_TRANSACT -> processTransact(c);
            case RpcWire.COMMAND_DEC_STRONG -> processDecStrong(c);
            case RpcWire.COMMAND_REPLY -> throw new ProtocolViolation("reply without a transaction waiting for it");
            default -> throw new ProtocolViolation("unknown command " + Integer.toUnsignedString(command));
        }
    }

    private void processDecStrong(Connection c) throws IOException {
        int size = bodySize(c);
        if (size != RpcWire.DEC_STRONG_SIZE) throw new ProtocolViolation("DEC_STRONG body of " + size + " bytes");
        byte[] body = new byte[size];
        c.transport.readFully(body, 0, size);
        long address = RpcWire.getLong(body, 0);
        long amount = RpcWire.getInt(body, 8) & 0xffffffffL;
        RemoteReferences released;
        boolean last;
        synchronized (lock) {
            Node n = nodes.get(address);
            if (n == null) {
                log.accept("rpc binder: DEC_STRONG for unknown address " + Long.toUnsignedString(address));
                return;
            }
            if (n.timesSent < amount) {
                log.accept("rpc binder: DEC_STRONG of " + amount + " for a binder sent " + n.timesSent + " times");
                return;
            }
            n.timesSent -= amount;
            released = n.local instanceof RemoteReferences r && amount > 0 ? r : null;
            last = tryErase(address, n);
        }
        if (released != null) released.releasedBySession(amount);
        if (last) shutdown();
    }

    private void processTransact(Connection c) throws IOException {
        int size = bodySize(c);
        if (size < RpcWire.TRANSACTION_SIZE) throw new ProtocolViolation("transaction of " + size + " bytes is too short");
        byte[] body = new byte[size];
        c.transport.readFully(body, 0, size);
        long address = RpcWire.getLong(body, 0);
        int code = RpcWire.getInt(body, 8);
        int flags = RpcWire.getInt(body, 12);
        long asyncNumber = RpcWire.getLong(body, 16);
        int dataSize = size - RpcWire.TRANSACTION_SIZE;
        if (version >= RpcWire.VERSION_EXPLICIT_PARCEL_SIZE) {
            int declared = RpcWire.getInt(body, 24);
            if (declared < 0 || declared > dataSize || (dataSize - declared) % 4 != 0) {
                throw new ProtocolViolation("transaction parcel size " + declared + " does not fit its " + dataSize + " bytes");
            }
            if (declared != dataSize) {
                if ((flags & IBinder.FLAG_ONEWAY) == 0) {
                    sendRaw(c, RpcWire.reply(version, BinderStatus.FDS_NOT_ALLOWED, new byte[0], 0));
                }
                return;
            }
        }
        boolean oneway = (flags & IBinder.FLAG_ONEWAY) != 0;
        Parcel data = HiddenApi.received(body, RpcWire.TRANSACTION_SIZE, dataSize, this);
        Parcel reply = Parcel.obtain();
        int status;
        if (address == 0) {
            status = special(code, reply);
        } else {
            IBinder target;
            try {
                target = binderEntering(address);
            } catch (ParcelFormatException e) {
                throw new ProtocolViolation("transaction on " + e.getMessage());
            }
            if (target instanceof RemoteBinder) {
                throw new ProtocolViolation("transaction on address " + Long.toUnsignedString(address)
                        + ", which is not a binder of this side");
            }
            if (oneway) {
                processOneway(address, target, asyncNumber, code, flags, data);
                return;
            }
            status = dispatch(target, code, data, reply, flags);
        }
        byte[] out;
        try {
            out = flatten(reply);
        } catch (RemoteException e) {
            status = TransactionFailedException.statusOf(e);
            out = new byte[0];
        }
        sendRaw(c, RpcWire.reply(version, status, out, out.length));
    }

    private static void sendRaw(Connection c, byte[] command) throws IOException {
        c.transport.write(command, 0, command.length);
    }

    private int special(int code, Parcel reply) {
        switch (code) {
            case RpcWire.SPECIAL_GET_MAX_THREADS -> reply.writeInt(maxIncomingThreads);
            case RpcWire.SPECIAL_GET_SESSION_ID -> reply.writeByteArray(id == null ? new byte[0] : id);
            case RpcWire.SPECIAL_GET_ROOT -> {
                if (!forServer) return BinderStatus.UNKNOWN_TRANSACTION;
                reply.writeStrongBinder(root);
            }
            default -> {
                return BinderStatus.UNKNOWN_TRANSACTION;
            }
        }
        return BinderStatus.OK;
    }

    /** Oneway transactions on one binder run in the order the sender numbered them, whatever connection brought them. */
    private void processOneway(long address, IBinder target, long asyncNumber, int code, int flags, Parcel data)
            throws ProtocolViolation {
        PendingOneway next = new PendingOneway(asyncNumber, code, flags, data);
        while (next != null) {
            synchronized (lock) {
                Node n = nodes.get(address);
                if (n == null) return;
                if (next.asyncNumber != n.asyncNumber) {
                    n.pending.add(next);
                    if (n.pending.size() >= MAX_PENDING_ONEWAY) {
                        throw new ProtocolViolation(n.pending.size() + " oneway transactions pending");
                    }
                    return;
                }
            }
            dispatch(target, next.code, next.data, null, next.flags);
            synchronized (lock) {
                Node n = nodes.get(address);
                if (n == null) return;
                n.asyncNumber++;
                PendingOneway head = n.pending.peek();
                next = head != null && head.asyncNumber == n.asyncNumber ? n.pending.poll() : null;
            }
        }
    }

    /**
     * Runs a transaction on a local binder (a {@link LocalBinder} answers a status_t, an android.os.Binder runs as
     * Binder.execTransact); the reference its address carried is acknowledged by binderEntering.
     */
    private int dispatch(IBinder target, int code, Parcel data, Parcel reply, int flags) {
        int status;
        String why = "unknown transaction code";
        try {
            if (target instanceof LocalBinder l) {
                status = l.transactForStatus(code, data, reply, flags);
            } else if (target instanceof Binder b) {
                status = HiddenApi.execTransact(b, code, data, reply, flags, line -> log.accept("rpc binder: " + line));
            } else {
                status = target.transact(code, data, reply, flags) ? BinderStatus.OK : BinderStatus.UNKNOWN_TRANSACTION;
            }
        } catch (RemoteException e) {
            status = TransactionFailedException.statusOf(e);
            why = e.getMessage();
        } catch (ParcelFormatException e) {
            log.accept("rpc binder: transaction " + code + " read a malformed parcel: " + e.getMessage());
            return BinderStatus.BAD_VALUE;
        }
        if (reply == null && status != BinderStatus.OK) {
            log.accept("rpc binder: oneway transaction " + code + " failed (status " + status + "): " + why);
        }
        return status;
    }

    // ---- ending ----

    /** Ends the session: closes every connection and tells every proxy's death recipients. */
    public void shutdown() {
        List<Connection> connections;
        List<RemoteBinder> proxies = new ArrayList<>();
        Map<RemoteReferences, Long> held = new IdentityHashMap<>();
        synchronized (lock) {
            if (shutdown) return;
            shutdown = true;
            connections = new ArrayList<>(all);
            for (Node n : nodes.values()) {
                if (n.binder() instanceof RemoteBinder r) proxies.add(r);
                if (n.local instanceof RemoteReferences r && n.timesSent > 0) held.put(r, n.timesSent);
            }
            nodes.clear();
            localAddresses.clear();
        }
        held.forEach(RemoteReferences::releasedBySession);
        for (Connection c : connections) c.transport.close();
        for (Connection c : freeOutgoing) c.transport.close();
        freeOutgoing.clear();
        for (RemoteBinder r : proxies) r.died();
        for (Runnable l : shutdownListeners) {
            if (shutdownListeners.remove(l)) l.run();
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    static RemoteException failure(int status, String what) {
        if (status == BinderStatus.DEAD_OBJECT) return new DeadObjectException(what + ": the session has ended");
        return new TransactionFailedException(status, what + " failed");
    }

    Consumer<String> log() {
        return log;
    }
}
