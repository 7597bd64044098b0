package org.mdemu.guest.trace;

import java.util.function.IntSupplier;
import org.mdemu.vsock.binder.RpcObserver;

/**
 * The {@code binder} lines of a trace: one per RPC binder command a guest thread sends or receives, with the
 * interface descriptor, the transaction code, the parcel's size and, for replies, the status, e.g.
 * {@code 1042/1045 0.183211 binder <- transaction org.mdemu.test.ICalc code=1 size=36} then
 * {@code 1042/1045 0.183420 binder -> reply org.mdemu.test.ICalc code=1 status=OK size=12}. {@code <-} is what
 * arrives from the host, {@code ->} what leaves for it. The session's own transactions on address 0 show as
 * {@code rpc-session GET_MAX_THREADS} and the like.
 */
public final class BinderTraceLines implements RpcObserver {
    private final CallTracer tracer;
    private final IntSupplier tid;

    /** tid: the guest thread the calling host thread runs. */
    public BinderTraceLines(CallTracer tracer, IntSupplier tid) {
        this.tracer = tracer;
        this.tid = tid;
    }

    @Override
    public void transactionSent(long flow, long address, int code, int flags, int size, String descriptor) {
        tracer.event(tid.getAsInt(), "binder -> transaction " + what(address, code, descriptor) + " size=" + size
                + ((flags & 1) != 0 ? " oneway" : ""));
    }

    @Override
    public void transactionReturned(long flow, long address, int code, int status, int replySize, String descriptor) {
        if (replySize < 0) return;
        tracer.event(tid.getAsInt(), "binder <- reply " + what(address, code, descriptor) + " status="
                + statusName(status) + " size=" + replySize);
    }

    @Override
    public void transactionReceived(long flow, long address, int code, int flags, int size, String descriptor) {
        tracer.event(tid.getAsInt(), "binder <- transaction " + what(address, code, descriptor) + " size=" + size
                + ((flags & 1) != 0 ? " oneway" : ""));
    }

    @Override
    public void transactionHandled(long flow, long address, int code, int status, int replySize, String descriptor) {
        if (replySize < 0) return;
        tracer.event(tid.getAsInt(), "binder -> reply " + what(address, code, descriptor) + " status="
                + statusName(status) + " size=" + replySize);
    }

    /** The interface and code as a timeline or a line names them. */
    public static String what(long address, int code, String descriptor) {
        if (address == 0) {
            return "rpc-session " + switch (code) {
                case 0 -> "GET_ROOT";
                case 1 -> "GET_MAX_THREADS";
                case 2 -> "GET_SESSION_ID";
                default -> "code=" + code;
            };
        }
        String name = switch (code) {
            // IBinder's reserved codes, B_PACK_CHARS of the names' four letters.
            case 0x5f4e5446 -> "INTERFACE_TRANSACTION";
            case 0x5f504e47 -> "PING_TRANSACTION";
            case 0x5f444d50 -> "DUMP_TRANSACTION";
            case 0x5f434d44 -> "SHELL_COMMAND_TRANSACTION";
            case 0x5f504944 -> "DEBUG_PID_TRANSACTION";
            case 0x5f455854 -> "EXTENSION_TRANSACTION";
            default -> null;
        };
        if (name != null) return name;
        return (descriptor == null ? "(no interface token)" : descriptor) + " code=" + code;
    }

    /** libbinder's status_t names (utils/Errors.h) for the statuses a reply carries. */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "OK";
            case Integer.MIN_VALUE -> "UNKNOWN_ERROR";
            case Integer.MIN_VALUE + 1 -> "BAD_TYPE";
            case Integer.MIN_VALUE + 2 -> "FAILED_TRANSACTION";
            case Integer.MIN_VALUE + 7 -> "FDS_NOT_ALLOWED";
            case Integer.MIN_VALUE + 8 -> "UNEXPECTED_NULL";
            case -1 -> "PERMISSION_DENIED";
            case -2 -> "NAME_NOT_FOUND";
            case -11 -> "WOULD_BLOCK";
            case -12 -> "NO_MEMORY";
            case -17 -> "ALREADY_EXISTS";
            case -19 -> "NO_INIT";
            case -22 -> "BAD_VALUE";
            case -32 -> "DEAD_OBJECT";
            case -38 -> "INVALID_OPERATION";
            case -61 -> "NOT_ENOUGH_DATA";
            case -74 -> "UNKNOWN_TRANSACTION";
            case -75 -> "BAD_INDEX";
            case -110 -> "TIMED_OUT";
            default -> Integer.toString(status);
        };
    }
}
