package android.os;

/**
 * The object a call went to no longer exists: the process behind it died. Here: the RPC binder session with the VM
 * ended (the VM stopped, the payload exited, or the connection broke).
 */
public class DeadObjectException extends RemoteException {
    public DeadObjectException() {
    }

    public DeadObjectException(String message) {
        super(message);
    }
}
