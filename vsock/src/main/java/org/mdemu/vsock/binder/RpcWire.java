package org.mdemu.vsock.binder;

/**
 * libbinder's RPC wire format (RpcWireFormat.h, RpcSession.h): the structs exchanged on each connection, all
 * little-endian. A connection starts with an {@code RpcConnectionHeader} (+ session id); a new session is answered
 * with an {@code RpcNewSessionResponse}; the side that will send transactions on the connection then sends an
 * {@code RpcOutgoingConnectionInit} ("cci"). After that, commands follow: an {@code RpcWireHeader} and a body
 * ({@code RpcWireTransaction} + parcel data + object table, {@code RpcWireReply} + the same, or
 * {@code RpcDecStrong}).
 */
public final class RpcWire {
    private RpcWire() {}

    /** The highest protocol version spoken here (Android 14's RPC_WIRE_PROTOCOL_VERSION). */
    public static final int PROTOCOL_VERSION = 1;
    /** Versions at or above this one, other than the experimental one, are refused. */
    public static final int PROTOCOL_VERSION_NEXT = 2;
    public static final int PROTOCOL_VERSION_EXPERIMENTAL = 0xF0000000;
    /** From this version on, transactions and replies carry the parcel data size, and replies are 20 bytes. */
    public static final int VERSION_EXPLICIT_PARCEL_SIZE = 1;

    public static final int CONNECTION_OPTION_INCOMING = 0x1;
    public static final int ADDRESS_OPTION_CREATED = 1;
    public static final int ADDRESS_OPTION_FOR_SERVER = 1 << 1;

    public static final int COMMAND_TRANSACT = 0, COMMAND_REPLY = 1, COMMAND_DEC_STRONG = 2;
    public static final int SPECIAL_GET_ROOT = 0, SPECIAL_GET_MAX_THREADS = 1, SPECIAL_GET_SESSION_ID = 2;

    public static final int CONNECTION_HEADER_SIZE = 16;
    public static final int NEW_SESSION_RESPONSE_SIZE = 8;
    public static final int CONNECTION_INIT_SIZE = 8;
    public static final int WIRE_HEADER_SIZE = 16;
    public static final int DEC_STRONG_SIZE = 16;
    public static final int TRANSACTION_SIZE = 40;
    public static final int SESSION_ID_BYTES = 32;
    /** The only file-descriptor transport mode offered: NONE. */
    public static final int FD_TRANSPORT_NONE = 0;

    /** Size of RpcWireReply for a protocol version: only the status before version 1. */
    public static int replySize(int version) {
        return version == 0 ? 4 : 20;
    }

    /** RpcState::validateProtocolVersion without the codename check: experimental is not for release builds. */
    public static boolean isUsableVersion(int version) {
        return Integer.compareUnsigned(version, PROTOCOL_VERSION_NEXT) < 0;
    }

    /** RpcWireAddress as the uint64 libbinder keeps it: options in the low word, the number in the high word. */
    public static long address(int options, int number) {
        return (options & 0xffffffffL) | ((long) number << 32);
    }

    public static int addressOptions(long address) {
        return (int) address;
    }

    /** RpcConnectionHeader: version, options, fileDescriptorTransportMode, 8 reserved bytes, sessionIdSize. */
    public record ConnectionHeader(int version, int options, int fdTransportMode, int sessionIdSize) {
        public byte[] encode() {
            byte[] b = new byte[CONNECTION_HEADER_SIZE];
            putInt(b, 0, version);
            b[4] = (byte) options;
            b[5] = (byte) fdTransportMode;
            b[14] = (byte) sessionIdSize;
            b[15] = (byte) (sessionIdSize >>> 8);
            return b;
        }

        public static ConnectionHeader decode(byte[] b) {
            return new ConnectionHeader(getInt(b, 0), b[4] & 0xff, b[5] & 0xff,
                    (b[14] & 0xff) | (b[15] & 0xff) << 8);
        }
    }

    /** RpcNewSessionResponse: the version the server chose, 4 reserved bytes. */
    public static byte[] newSessionResponse(int version) {
        byte[] b = new byte[NEW_SESSION_RESPONSE_SIZE];
        putInt(b, 0, version);
        return b;
    }

    /** RpcOutgoingConnectionInit: "cci" with its NUL, then 4 reserved bytes. */
    public static byte[] connectionInit() {
        return new byte[] {'c', 'c', 'i', 0, 0, 0, 0, 0};
    }

    public static boolean isConnectionInit(byte[] b) {
        return b[0] == 'c' && b[1] == 'c' && b[2] == 'i' && b[3] == 0;
    }

    /** RpcWireHeader: command, bodySize, 2 reserved words; the body follows in the same buffer. */
    static byte[] command(int command, int bodySize) {
        byte[] b = new byte[WIRE_HEADER_SIZE + bodySize];
        putInt(b, 0, command);
        putInt(b, 4, bodySize);
        return b;
    }

    /** A whole TRANSACT command: header, RpcWireTransaction (address, code, flags, asyncNumber, parcelDataSize), data. */
    public static byte[] transaction(long address, int code, int flags, long asyncNumber, byte[] data, int dataSize) {
        byte[] b = command(COMMAND_TRANSACT, TRANSACTION_SIZE + dataSize);
        int at = WIRE_HEADER_SIZE;
        putLong(b, at, address);
        putInt(b, at + 8, code);
        putInt(b, at + 12, flags);
        putLong(b, at + 16, asyncNumber);
        putInt(b, at + 24, dataSize);
        System.arraycopy(data, 0, b, at + TRANSACTION_SIZE, dataSize);
        return b;
    }

    /** A whole REPLY command: header, RpcWireReply (status [, parcelDataSize, reserved]), data. */
    public static byte[] reply(int version, int status, byte[] data, int dataSize) {
        int replySize = replySize(version);
        byte[] b = command(COMMAND_REPLY, replySize + dataSize);
        putInt(b, WIRE_HEADER_SIZE, status);
        if (replySize > 4) putInt(b, WIRE_HEADER_SIZE + 4, dataSize);
        System.arraycopy(data, 0, b, WIRE_HEADER_SIZE + replySize, dataSize);
        return b;
    }

    /** A whole DEC_STRONG command: header, RpcDecStrong (address, amount, reserved). */
    public static byte[] decStrong(long address, int amount) {
        byte[] b = command(COMMAND_DEC_STRONG, DEC_STRONG_SIZE);
        putLong(b, WIRE_HEADER_SIZE, address);
        putInt(b, WIRE_HEADER_SIZE + 8, amount);
        return b;
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) v);
        putInt(b, at + 4, (int) (v >>> 32));
    }

    static long getLong(byte[] b, int at) {
        return (getInt(b, at) & 0xffffffffL) | ((long) getInt(b, at + 4) << 32);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
