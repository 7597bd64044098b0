package android.os;

import java.io.FileDescriptor;

/**
 * A binder object: local ({@link Binder}) or a proxy for one in another process, here a payload in a VM reached
 * over an RPC binder session. Codes and flags are Android's.
 */
public interface IBinder {
    int FIRST_CALL_TRANSACTION = 0x00000001;
    int LAST_CALL_TRANSACTION = 0x00ffffff;
    int PING_TRANSACTION = ('_' << 24) | ('P' << 16) | ('N' << 8) | 'G';
    int DUMP_TRANSACTION = ('_' << 24) | ('D' << 16) | ('M' << 8) | 'P';
    int SHELL_COMMAND_TRANSACTION = ('_' << 24) | ('C' << 16) | ('M' << 8) | 'D';
    int INTERFACE_TRANSACTION = ('_' << 24) | ('N' << 16) | ('T' << 8) | 'F';
    int TWEET_TRANSACTION = ('_' << 24) | ('T' << 16) | ('W' << 8) | 'T';
    int LIKE_TRANSACTION = ('_' << 24) | ('L' << 16) | ('I' << 8) | 'K';
    /** The call returns at once; the caller gets no reply. */
    int FLAG_ONEWAY = 0x00000001;
    /** The parcel's memory is zeroed after the call (hidden on Android; meaningless for heap parcels). */
    int FLAG_CLEAR_BUF = 0x00000020;

    /** The size above which a transaction risks failing on a device (64 KiB). */
    static int getSuggestedMaxIpcSizeBytes() {
        return 64 * 1024;
    }

    /** The interface descriptor; a proxy asks the remote object (INTERFACE_TRANSACTION). */
    String getInterfaceDescriptor() throws RemoteException;

    boolean pingBinder();

    boolean isBinderAlive();

    /** The local interface object attached under this descriptor, or null (always null for a proxy). */
    IInterface queryLocalInterface(String descriptor);

    void dump(FileDescriptor fd, String[] args) throws RemoteException;

    void dumpAsync(FileDescriptor fd, String[] args) throws RemoteException;

    /**
     * Runs a transaction. Returns false when the object does not know the code (UNKNOWN_TRANSACTION). reply is null
     * for oneway calls.
     */
    boolean transact(int code, Parcel data, Parcel reply, int flags) throws RemoteException;

    /** Told when the process behind a proxy is gone. */
    interface DeathRecipient {
        void binderDied();

        default void binderDied(IBinder who) {
            binderDied();
        }
    }

    /** For proxies: the recipient hears once when the object's process dies. Local binders never die. */
    void linkToDeath(DeathRecipient recipient, int flags) throws RemoteException;

    boolean unlinkToDeath(DeathRecipient recipient, int flags);
}
