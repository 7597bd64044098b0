package android.os;

import android.util.AndroidException;

/** A binder call failed below the level of the interface: the remote side is gone or the transaction failed. */
public class RemoteException extends AndroidException {
    public RemoteException() {
    }

    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(Throwable cause) {
        super(cause == null ? null : cause.toString(), cause);
    }

    protected RemoteException(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }

    /** Rethrows this as a RuntimeException, for callers that cannot declare RemoteException. */
    public RuntimeException rethrowAsRuntimeException() {
        throw new RuntimeException(this);
    }
}
