package org.mdemu.guest.binder;

import java.util.IdentityHashMap;
import java.util.Map;
import org.mdemu.vsock.binder.IBinder;
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
     * Drops a strong reference; returns true when it was the last one of a local object whose onDestroy must now
     * run. A proxy's last reference gives the remote object back to its session (DEC_STRONG). A local object that
     * was ever sent in a parcel stays: its session may still hold it, as libbinder's RpcState does.
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
        if (b.parceled) {
            b.strong = 0;
            return false;
        }
        byBinder.remove(b.binder);
        return true;
    }

    void freeHandle(NdkBinder b) {
        objects.free(b.handle);
    }
}
