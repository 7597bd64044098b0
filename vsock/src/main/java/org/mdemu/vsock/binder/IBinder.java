package org.mdemu.vsock.binder;

/**
 * A binder object, local ({@link Binder}) or a proxy for one on the other side of an RPC session, with the
 * codes and flags of android.os.IBinder.
 */
public interface IBinder {
    int FIRST_CALL_TRANSACTION = 0x00000001;
    int LAST_CALL_TRANSACTION = 0x00ffffff;
    int PING_TRANSACTION = ('_' << 24) | ('P' << 16) | ('N' << 8) | 'G';
    int DUMP_TRANSACTION = ('_' << 24) | ('D' << 16) | ('M' << 8) | 'P';
    int INTERFACE_TRANSACTION = ('_' << 24) | ('N' << 16) | ('T' << 8) | 'F';
    int FLAG_ONEWAY = 0x01;
    int FLAG_CLEAR_BUF = 0x20;

    /**
     * Runs a transaction. Returns false when the target does not know the code (UNKNOWN_TRANSACTION); other
     * failures below the AIDL level throw. reply may be null for oneway calls.
     */
    boolean transact(int code, Parcel data, Parcel reply, int flags) throws RemoteException;

    /** The descriptor, asked of the remote side for a proxy (INTERFACE_TRANSACTION). */
    String getInterfaceDescriptor() throws RemoteException;

    boolean pingBinder();

    boolean isBinderAlive();

    /** For proxies: the recipient hears once when the session ends. Local binders never die, so this is a no-op. */
    void linkToDeath(DeathRecipient recipient, int flags) throws RemoteException;

    boolean unlinkToDeath(DeathRecipient recipient, int flags);

    /** Told when the process (session) behind a proxy is gone. */
    @FunctionalInterface
    interface DeathRecipient {
        void binderDied();
    }
}
