package org.mdemu.vsock.binder;

import android.os.IBinder;
import android.os.Parcel;

/**
 * A binder object of this side that answers transactions with libbinder's status_t, as a BBinder does: the
 * guest's libbinder_ndk objects, whose onTransact returns a binder_status_t. A session hands such an object its
 * transactions through {@link #transactForStatus}; android.os.Binder objects are run as Binder.execTransact runs them.
 */
public interface LocalBinder extends IBinder {
    /** Runs a transaction from another process; returns OK, UNKNOWN_TRANSACTION or another status_t. */
    int transactForStatus(int code, Parcel data, Parcel reply, int flags);
}
