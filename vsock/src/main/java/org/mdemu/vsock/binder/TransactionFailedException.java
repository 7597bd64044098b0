package org.mdemu.vsock.binder;

import android.os.RemoteException;
import org.mdemu.os.BinderStatus;

/**
 * A transaction failed below the AIDL level with a libbinder status_t other than DEAD_OBJECT (which is a
 * DeadObjectException): FAILED_TRANSACTION, BAD_TYPE (a wrong interface token), UNKNOWN_ERROR (the other side's
 * object threw something that cannot cross processes), FDS_NOT_ALLOWED, .... Where Android's BinderProxy turns
 * some of these into RuntimeExceptions, mdemu keeps them RemoteExceptions that say which status came back.
 */
public final class TransactionFailedException extends RemoteException {
    private final int status;

    public TransactionFailedException(int status, String message) {
        super(message + " (status " + BinderStatus.statusName(status) + ")");
        this.status = status;
    }

    /** The status_t (negative errno style, as the NDK's STATUS_* constants). */
    public int status() {
        return status;
    }

    /** The status_t a RemoteException stands for: DEAD_OBJECT, this exception's status, else UNKNOWN_ERROR. */
    public static int statusOf(RemoteException e) {
        if (e instanceof TransactionFailedException t) return t.status;
        if (e instanceof android.os.DeadObjectException) return BinderStatus.DEAD_OBJECT;
        return BinderStatus.UNKNOWN_ERROR;
    }
}
