package org.mdemu.vsock.binder;

/** The binder's session has ended (DEAD_OBJECT): the process behind it is gone or the connection broke. */
public final class DeadObjectException extends RemoteException {
    public DeadObjectException(String message) {
        super(BinderStatus.DEAD_OBJECT, message);
    }
}
