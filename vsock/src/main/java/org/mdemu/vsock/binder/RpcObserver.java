package org.mdemu.vsock.binder;

/**
 * Hears of the transactions of an RPC session (tracing), on the thread that sends or serves each. A transaction
 * this side sends is {@link #transactionSent} then {@link #transactionReturned} (at once for a oneway one); one it
 * receives is {@link #transactionReceived} then {@link #transactionHandled}, with the nested calls the handling
 * makes in between. The flow id is the same number on both sides of the connection for the same transaction (both
 * ends count the TRANSACT commands on it), so a timeline can join the caller's slice to the callee's.
 *
 * <p>The descriptor is the interface token at the start of the parcel, or null when the parcel has none (the
 * special transactions on address 0, hand-written parcels).
 */
public interface RpcObserver {
    void transactionSent(long flow, long address, int code, int flags, int size, String descriptor);

    /** status is a {@link BinderStatus}; replySize is -1 for a oneway transaction (nothing comes back). */
    void transactionReturned(long flow, long address, int code, int status, int replySize, String descriptor);

    void transactionReceived(long flow, long address, int code, int flags, int size, String descriptor);

    /** status is what the reply carries; replySize is -1 for a oneway transaction (no reply is sent). */
    void transactionHandled(long flow, long address, int code, int status, int replySize, String descriptor);

    /**
     * The interface token a transaction's parcel starts with (a String16: int32 length in UTF-16 units, the units,
     * a NUL, padded to 4 bytes), or null if the bytes do not hold one.
     */
    static String descriptor(byte[] data, int offset, int size) {
        if (size < 8) return null;
        int n = (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16
                | data[offset + 3] << 24;
        if (n <= 0 || n > 512 || 4 + 2L * (n + 1) > size) return null;
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            int at = offset + 4 + 2 * i;
            c[i] = (char) ((data[at] & 0xff) | (data[at + 1] & 0xff) << 8);
            if (c[i] < 0x20 || c[i] > 0x7e) return null;
        }
        return new String(c);
    }

    /**
     * The flow id of the n-th TRANSACT sent on a connection by the end that connected (or by the other end): the
     * connection's id from {@link RpcTransport#connectionId} in the high bits. Never 0.
     */
    static long flow(long connectionId, boolean fromConnectingEnd, long n) {
        return (connectionId << 33) | (fromConnectingEnd ? 1L << 32 : 0) | ((n + 1) & 0xffffffffL);
    }
}
