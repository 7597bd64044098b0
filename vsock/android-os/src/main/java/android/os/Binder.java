package android.os;

import java.io.FileDescriptor;
import java.util.function.Consumer;
import org.mdemu.os.BinderStatus;

/**
 * A local binder object, as AIDL's generated {@code Stub} extends it: subclasses implement {@link #onTransact}, and
 * {@link #attachInterface} makes {@link #queryLocalInterface} hand the interface object itself to callers in the same
 * JVM. Sent in a parcel over an RPC binder session, it is called by the payload; an exception the object throws
 * reaches the caller as AIDL's status (EX_SERVICE_SPECIFIC, EX_ILLEGAL_ARGUMENT, ...), as on Android.
 */
public class Binder implements IBinder {
    private IInterface owner;
    private String descriptor;

    public Binder() {
    }

    public Binder(String descriptor) {
        this.descriptor = descriptor;
    }

    /** Makes owner the object {@link #queryLocalInterface} returns for descriptor. */
    public void attachInterface(IInterface owner, String descriptor) {
        this.owner = owner;
        this.descriptor = descriptor;
    }

    @Override
    public String getInterfaceDescriptor() {
        return descriptor;
    }

    @Override
    public boolean pingBinder() {
        return true;
    }

    @Override
    public boolean isBinderAlive() {
        return true;
    }

    @Override
    public IInterface queryLocalInterface(String descriptor) {
        return this.descriptor != null && this.descriptor.equals(descriptor) ? owner : null;
    }

    /**
     * Handles a transaction; the default answers INTERFACE_TRANSACTION with the descriptor and returns false for
     * any other code.
     */
    protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        if (code == INTERFACE_TRANSACTION && reply != null) {
            reply.writeString(getInterfaceDescriptor());
            return true;
        }
        return false;
    }

    /** A call in the same JVM: runs onTransact directly (exceptions reach the caller as they are). */
    @Override
    public final boolean transact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        if (data != null) data.setDataPosition(0);
        boolean known = onTransact(code, data, reply, flags);
        if (reply != null) reply.setDataPosition(0);
        return known;
    }

    /** The hidden Binder.execTransact of Android: a call from another process, see {@link org.mdemu.os.HiddenApi}. */
    int execTransact(int code, Parcel data, Parcel reply, int flags, Consumer<String> log) {
        if (code == PING_TRANSACTION) return BinderStatus.OK; // answered by BBinder before Java on Android
        boolean oneway = (flags & FLAG_ONEWAY) != 0 || reply == null;
        // No helper methods here: a private method of Binder would shadow an AIDL method of the same name.
        String name = descriptor != null ? descriptor : getClass().getName();
        int start = reply == null ? 0 : reply.dataPosition();
        try {
            return transact(code, data, reply, flags) ? BinderStatus.OK : BinderStatus.UNKNOWN_TRANSACTION;
        } catch (RemoteException | RuntimeException e) {
            BinderStatus status = BinderStatus.fromThrowable(e);
            if (oneway) {
                // Nobody waits for a oneway call's answer: Android logs the exception and goes on.
                log.accept(name + ": oneway transaction " + code + " threw " + e);
                return BinderStatus.OK;
            }
            if (status == null) {
                log.accept(name + ": uncaught exception in transaction " + code
                        + " (exceptions of this kind do not cross processes): " + e);
                return BinderStatus.UNKNOWN_ERROR;
            }
            reply.setDataSize(start);
            reply.setDataPosition(start);
            status.writeTo(reply);
            reply.setDataPosition(0);
            return BinderStatus.OK;
        }
    }

    @Override
    public void dump(FileDescriptor fd, String[] args) {
    }

    @Override
    public void dumpAsync(FileDescriptor fd, String[] args) {
    }

    /** Local binders never die: nothing to link to. */
    @Override
    public void linkToDeath(DeathRecipient recipient, int flags) {
    }

    @Override
    public boolean unlinkToDeath(DeathRecipient recipient, int flags) {
        return true;
    }
}
