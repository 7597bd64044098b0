package org.mdemu.guest.binder;

import java.util.IdentityHashMap;
import java.util.Map;
import android.os.IBinder;
import org.mdemu.vsock.binder.RemoteBinder;

/** The AIBinders alive in the guest, one per binder object, with their strong counts. */
final class NdkBinders {
    private final NdkObjects objects;
    private final BinderThreadPool pool;
    private final Map<IBinder, NdkBinder> byBinder = new IdentityHashMap<>();

    NdkBinders(NdkObjects objects, BinderThreadPool pool) {
        this.objects = objects;
        this.pool = pool;
    }

    NdkBinder get(long handle) {
        return objects.get(handle, NdkBinder.class);
    }

    synchronized NdkBinder newLocal(NdkClass clazz, long userData) {
        NdkBinder b = NdkBinder.local(objects, pool, clazz, userData);
        ((NdkBinder.Local) b.binder).binders = this;
        byBinder.put(b.binder, b);
        return b;
    }

    /** The AIBinder for a binder read from a parcel, with one more strong reference for the caller. */
    synchronized NdkBinder adopt(IBinder binder) {
        NdkBinder b = byBinder.get(binder);
        if (b != null) {
            b.strong++;
            return b;
        }
        b = NdkBinder.remote(objects, binder);
        byBinder.put(binder, b);
        return b;
    }

    synchronized void incStrong(NdkBinder b) {
        b.strong++;
    }

    /**
     * Drops a strong reference; returns true when it was the last reference of any kind to a local object, whose
     * onDestroy must now run. A proxy's last reference gives the remote object back to its session (DEC_STRONG).
     * A local object still in an unsent parcel, held by a session for the other side, or served as a root stays,
     * as libbinder's Parcel and RpcState references keep it.
     */
    synchronized boolean decStrong(NdkBinder b) {
        if (b.strong <= 0) return false;
        if (--b.strong > 0) return false;
        if (b.remote) {
            byBinder.remove(b.binder);
            objects.free(b.handle);
            if (b.binder instanceof RemoteBinder r) r.release();
            return false;
        }
        return becameUnreferenced(b);
    }

    /** AParcel_writeStrongBinder: the parcel's reference. */
    synchronized void written(NdkBinder b) {
        if (!b.remote) b.inParcels++;
    }

    /** AVmPayload_runVsockRpcServer's root: never destroyed while the process lives. */
    synchronized void served(NdkBinder b) {
        b.served = true;
    }

    /** A session sent the object: its reference replaces the parcel's. */
    synchronized void sent(NdkBinder b) {
        if (b.inParcels > 0) b.inParcels--;
        b.heldRemotely++;
    }

    /**
     * The other side released references a session held (or the session ended): when nothing else holds the
     * object, onDestroy runs, on this thread if it may call guest code, else on the next binder call.
     */
    void releasedRemotely(NdkBinder b, long count) {
        boolean destroy;
        synchronized (this) {
            b.heldRemotely = Math.max(0, b.heldRemotely - count);
            destroy = b.strong <= 0 && becameUnreferenced(b);
        }
        if (destroy) pool.runGuestCallback(() -> destroy(b));
    }

    private boolean becameUnreferenced(NdkBinder b) {
        if (b.destroyed || b.served || b.inParcels > 0 || b.heldRemotely > 0) {
            b.strong = 0;
            return false;
        }
        b.destroyed = true;
        byBinder.remove(b.binder);
        return true;
    }

    /** Runs the class's onDestroy (guest code) and frees the AIBinder. */
    void destroy(NdkBinder b) {
        if (b.clazz.onDestroy != 0) objects.process().calls().call(b.clazz.onDestroy, b.userData);
        freeHandle(b);
    }

    void freeHandle(NdkBinder b) {
        objects.free(b.handle);
    }
}
