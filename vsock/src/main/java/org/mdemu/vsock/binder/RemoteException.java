package org.mdemu.vsock.binder;

/** A transaction failed below the AIDL level; {@link #status()} is the libbinder status_t (negative errno style). */
public class RemoteException extends Exception {
    private final int status;

    public RemoteException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
