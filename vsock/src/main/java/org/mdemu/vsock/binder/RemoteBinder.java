package org.mdemu.vsock.binder;

import android.os.DeadObjectException;
import android.os.IBinder;
import android.os.IInterface;
import android.os.Parcel;
import android.os.RemoteException;
import java.io.FileDescriptor;
import java.lang.ref.Reference;
import org.mdemu.os.BinderStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy (libbinder's RPC BpBinder, android.os.BinderProxy's role) for a binder on the other side of a session. It holds one reference on the
 * remote object until {@link #release()} (or the session's end); transactions go through the session.
 */
public final class RemoteBinder implements IBinder {
    private final RpcSession session;
    private final long address;
    private final List<DeathRecipient> recipients = new CopyOnWriteArrayList<>();
    private volatile boolean dead;
    /** References this proxy object received (shared with its cleaning action, which must not hold the proxy). */
    private final AtomicLong references = new AtomicLong();

    RemoteBinder(RpcSession session, long address) {
        this.session = session;
        this.address = address;
    }

    public RpcSession session() {
        return session;
    }

    /** The RpcWireAddress (options in the low word, number in the high word). */
    public long address() {
        return address;
    }

    /** Runs a transaction and returns libbinder's status_t (OK, UNKNOWN_TRANSACTION, DEAD_OBJECT, ...). */
    public int transactForStatus(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        if (dead) return BinderStatus.DEAD_OBJECT;
        try {
            return session.transact(this, code, data, reply, flags);
        } finally {
            // The proxy's references must outlive the call: collected mid-call, it would release the object.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean transact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        int status = transactForStatus(code, data, reply, flags);
        if (status == BinderStatus.OK) return true;
        if (status == BinderStatus.UNKNOWN_TRANSACTION) return false;
        throw RpcSession.failure(status, "transaction " + code);
    }

    @Override
    public String getInterfaceDescriptor() throws RemoteException {
        Parcel reply = Parcel.obtain();
        transact(INTERFACE_TRANSACTION, Parcel.obtain(), reply, 0);
        return reply.readString();
    }

    /** Always null: the object lives in another process. */
    @Override
    public IInterface queryLocalInterface(String descriptor) {
        return null;
    }

    /** A dump writes into a file descriptor, which RPC binder cannot carry. */
    @Override
    public void dump(FileDescriptor fd, String[] args) throws RemoteException {
        throw new TransactionFailedException(BinderStatus.FDS_NOT_ALLOWED,
                "dump: RPC binder carries no file descriptor to dump into");
    }

    @Override
    public void dumpAsync(FileDescriptor fd, String[] args) throws RemoteException {
        dump(fd, args);
    }

    @Override
    public boolean pingBinder() {
        try {
            return transactForStatus(PING_TRANSACTION, Parcel.obtain(), Parcel.obtain(), 0) == BinderStatus.OK;
        } catch (RemoteException e) {
            return false;
        }
    }

    @Override
    public boolean isBinderAlive() {
        return !dead && !session.isShutdown();
    }

    @Override
    public void linkToDeath(DeathRecipient recipient, int flags) throws RemoteException {
        if (!isBinderAlive()) throw new DeadObjectException("binder is already dead");
        recipients.add(recipient);
    }

    @Override
    public boolean unlinkToDeath(DeathRecipient recipient, int flags) {
        return recipients.remove(recipient);
    }

    /**
     * Gives up this side's references to the remote object (DEC_STRONG) now; the proxy is unusable afterwards.
     * A proxy that is simply dropped gives them up when the garbage collector finds it.
     */
    public void release() {
        if (dead) return;
        dead = true;
        recipients.clear();
        releaseAction().run();
    }

    boolean isReleased() {
        return dead && !session.isShutdown();
    }

    void received() {
        references.incrementAndGet();
    }

    /** Sends DEC_STRONG for the references this object received; refers to the session, never to the proxy. */
    Runnable releaseAction() {
        RpcSession s = session;
        long a = address;
        AtomicLong held = references;
        return () -> {
            try {
                s.decStrongBy(a, held.getAndSet(0));
            } catch (RemoteException e) {
                // the session has ended: nothing to release
            }
        };
    }

    void died() {
        dead = true;
        for (DeathRecipient r : recipients) {
            try {
                r.binderDied();
            } catch (RuntimeException e) {
                session.log().accept("rpc binder: death recipient failed: " + e);
            }
        }
        recipients.clear();
    }

    @Override
    public String toString() {
        return "RemoteBinder[" + Long.toUnsignedString(address >>> 32) + "]";
    }
}
