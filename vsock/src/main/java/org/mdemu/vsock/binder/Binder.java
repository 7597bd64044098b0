package org.mdemu.vsock.binder;

/**
 * A local binder object: subclasses implement {@link #onTransact}. PING and INTERFACE transactions are answered
 * here; a RuntimeException thrown by onTransact is written to the reply as its AIDL exception (EX_SERVICE_SPECIFIC,
 * EX_ILLEGAL_ARGUMENT, ...), as android.os.Binder does.
 */
public abstract class Binder implements IBinder {
    private final String descriptor;

    protected Binder(String descriptor) {
        this.descriptor = descriptor;
    }

    /** Handles a user transaction; return false for an unknown code. */
    protected abstract boolean onTransact(int code, Parcel data, Parcel reply, int flags) throws RemoteException;

    @Override
    public final boolean transact(int code, Parcel data, Parcel reply, int flags) throws RemoteException {
        data.setDataPosition(0);
        if (code == PING_TRANSACTION) return true;
        if (code == INTERFACE_TRANSACTION) {
            if (reply != null) reply.writeString(descriptor);
            return true;
        }
        int start = reply == null ? 0 : reply.dataPosition();
        try {
            boolean known = onTransact(code, data, reply, flags);
            if (reply != null) reply.setDataPosition(0);
            return known;
        } catch (RuntimeException e) {
            if ((flags & FLAG_ONEWAY) != 0 || reply == null) {
                // Nobody waits for a oneway call's answer: as android.os.Binder logs such an exception, the session
                // reports it rather than letting it end the connection that brought the call.
                throw new RemoteException(BinderStatus.UNKNOWN_ERROR, descriptor + ": oneway transaction " + code
                        + " threw " + e);
            }
            reply.setDataPosition(start);
            reply.writeException(e);
            reply.setDataPosition(0);
            return true;
        }
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
    public void linkToDeath(DeathRecipient recipient, int flags) {
    }

    @Override
    public boolean unlinkToDeath(DeathRecipient recipient, int flags) {
        return true;
    }
}
