package org.mdemu.guest.binder;

import java.util.ArrayList;
import java.util.List;
import android.os.Binder;
import org.mdemu.os.BinderStatus;
import org.mdemu.vsock.binder.LocalBinder;
import org.mdemu.vsock.binder.RemoteReferences;
import org.mdemu.vsock.binder.TransactionFailedException;
import android.os.IBinder;
import android.os.Parcel;
import android.os.RemoteException;

/**
 * An AIBinder: either a local object of the guest (ABBinder: a class and the user data its onCreate made, reached
 * by transactions through {@link #local}) or a proxy for a binder elsewhere (a {@link IBinder} from an RPC
 * session). Strong references are counted as AIBinder_incStrong/decStrong do.
 */
final class NdkBinder {
    long handle;
    final IBinder binder;
    final boolean remote;
    NdkClass clazz;
    final long userData;
    int strong = 1;
    /**
     * Times written into a parcel that no session has sent yet (the reference libbinder's Parcel holds): the object
     * must outlive the guest's own references until the session takes over.
     */
    int inParcels;
    /** References RPC sessions hold for the other side (sent, not yet released by DEC_STRONG or the session's end). */
    long heldRemotely;
    /** The root object of AVmPayload_runVsockRpcServer: its server holds it for the process's life. */
    boolean served;
    boolean destroyed;
    final List<NdkDeathLink> deathLinks = new ArrayList<>();

    private NdkBinder(long handle, IBinder binder, boolean remote, NdkClass clazz, long userData) {
        this.handle = handle;
        this.binder = binder;
        this.remote = remote;
        this.clazz = clazz;
        this.userData = userData;
    }

    /** A new guest object, registered as an AIBinder. */
    static NdkBinder local(NdkObjects objects, BinderThreadPool pool, NdkClass clazz, long userData) {
        Local face = new Local(objects, pool, clazz);
        NdkBinder b = new NdkBinder(0, face, false, clazz, userData);
        face.owner = b;
        b.handle = objects.register(b);
        return b;
    }

    /** A proxy, registered as an AIBinder. */
    static NdkBinder remote(NdkObjects objects, IBinder binder) {
        NdkBinder b = new NdkBinder(0, binder, true, null, 0);
        b.handle = objects.register(b);
        return b;
    }

    /**
     * The IBinder face of a guest object: what a session (or a local AIBinder_transact) calls. User transactions
     * check the interface token unless the class disabled it, then run the class's onTransact on the calling
     * guest thread with the parcels wrapped as AParcels.
     */
    static final class Local extends Binder implements LocalBinder, RemoteReferences {
        private final NdkObjects objects;
        private final BinderThreadPool pool;
        private final NdkClass clazz;
        NdkBinder owner;
        /** Set by {@link NdkBinders}, which decides when the object may be destroyed. */
        NdkBinders binders;

        Local(NdkObjects objects, BinderThreadPool pool, NdkClass clazz) {
            super(clazz.descriptor);
            this.objects = objects;
            this.pool = pool;
            this.clazz = clazz;
        }

        /** A call from this process (AIBinder_transact on a local object): the status_t as a Java answer. */
        @Override
        protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
            if (code == INTERFACE_TRANSACTION) return super.onTransact(code, data, reply, flags);
            int status = transactForStatus(code, data, reply, flags);
            if (status == BinderStatus.OK) return true;
            if (status == BinderStatus.UNKNOWN_TRANSACTION) return false;
            throw new TransactionFailedException(status, "onTransact of " + clazz.descriptor);
        }

        @Override
        public int transactForStatus(int code, Parcel data, Parcel reply, int flags) {
            if (code == PING_TRANSACTION) return BinderStatus.OK;
            if (code == INTERFACE_TRANSACTION) {
                if (reply != null) reply.writeString(clazz.descriptor);
                return BinderStatus.OK;
            }
            if (code < FIRST_CALL_TRANSACTION || code > LAST_CALL_TRANSACTION) return BinderStatus.UNKNOWN_TRANSACTION;
            data.setDataPosition(0);
            if (clazz.writeHeader) {
                String token;
                try {
                    token = data.readString();
                } catch (RuntimeException e) {
                    token = null;
                }
                if (!clazz.descriptor.equals(token)) return BinderStatus.BAD_TYPE;
            }
            Parcel out = reply != null ? reply : Parcel.obtain();
            long in = objects.register(new NdkParcel(data, owner, true));
            long outHandle = objects.register(new NdkParcel(out, owner, false));
            int status;
            try {
                status = pool.serving(() -> (int) objects.process().calls().call(clazz.onTransact, owner.handle,
                        code & 0xffffffffL, in, outHandle));
            } finally {
                objects.free(in);
                objects.free(outHandle);
            }
            if (reply != null) reply.setDataPosition(0);
            return status;
        }

        @Override
        public void sentBySession() {
            binders.sent(owner);
        }

        @Override
        public void releasedBySession(long count) {
            binders.releasedRemotely(owner, count);
        }
    }
}
