package org.mdemu.os;

import android.os.BadParcelableException;
import android.os.NetworkOnMainThreadException;
import android.os.Parcel;
import android.os.ParcelFormatException;
import android.os.ServiceSpecificException;

/**
 * libbinder's Status: an exception code (EX_*), a message and, for EX_SERVICE_SPECIFIC, the service's error code,
 * with its parcel form (the header of every AIDL reply) and the status_t values transactions return.
 */
public record BinderStatus(int exception, int errorCode, String message) {
    public static final int EX_NONE = 0, EX_SECURITY = -1, EX_BAD_PARCELABLE = -2, EX_ILLEGAL_ARGUMENT = -3,
            EX_NULL_POINTER = -4, EX_ILLEGAL_STATE = -5, EX_NETWORK_MAIN_THREAD = -6, EX_UNSUPPORTED_OPERATION = -7,
            EX_SERVICE_SPECIFIC = -8, EX_PARCELABLE = -9, EX_HAS_NOTED_APPOPS_REPLY_HEADER = -127,
            EX_HAS_REPLY_HEADER = -128, EX_TRANSACTION_FAILED = -129;

    /** status_t values (utils/Errors.h), the same numbers as the NDK's STATUS_* constants. */
    public static final int OK = 0, UNKNOWN_ERROR = Integer.MIN_VALUE, NO_MEMORY = -12, INVALID_OPERATION = -38,
            BAD_VALUE = -22, BAD_TYPE = UNKNOWN_ERROR + 1, NAME_NOT_FOUND = -2, PERMISSION_DENIED = -1,
            NO_INIT = -19, ALREADY_EXISTS = -17, DEAD_OBJECT = -32, FAILED_TRANSACTION = UNKNOWN_ERROR + 2,
            BAD_INDEX = -75, NOT_ENOUGH_DATA = -61, WOULD_BLOCK = -11, TIMED_OUT = -110,
            UNKNOWN_TRANSACTION = -74, FDS_NOT_ALLOWED = UNKNOWN_ERROR + 7, UNEXPECTED_NULL = UNKNOWN_ERROR + 8;

    public static BinderStatus ok() {
        return new BinderStatus(EX_NONE, 0, null);
    }

    public boolean isOk() {
        return exception == EX_NONE;
    }

    /**
     * The status android.os.Parcel.writeException writes for an exception, or null for one it does not carry
     * across a call (any other exception, a RemoteException among them).
     */
    public static BinderStatus fromThrowable(Exception e) {
        int code;
        int error = 0;
        if (e instanceof ServiceSpecificException s) {
            code = EX_SERVICE_SPECIFIC;
            error = s.errorCode;
        } else if (e instanceof SecurityException) {
            code = EX_SECURITY;
        } else if (e instanceof BadParcelableException || e instanceof ParcelFormatException) {
            code = EX_BAD_PARCELABLE;
        } else if (e instanceof IllegalArgumentException) {
            code = EX_ILLEGAL_ARGUMENT;
        } else if (e instanceof NullPointerException) {
            code = EX_NULL_POINTER;
        } else if (e instanceof NetworkOnMainThreadException) {
            code = EX_NETWORK_MAIN_THREAD;
        } else if (e instanceof IllegalStateException) {
            code = EX_ILLEGAL_STATE;
        } else if (e instanceof UnsupportedOperationException) {
            code = EX_UNSUPPORTED_OPERATION;
        } else {
            return null;
        }
        return new BinderStatus(code, error, e.getMessage());
    }

    /** Status::writeToParcel: the code; for an exception the message, an empty stack-trace header, the detail. */
    public void writeTo(Parcel p) {
        p.writeInt(exception);
        if (exception == EX_NONE) return;
        p.writeString(message);
        p.writeInt(0);
        if (exception == EX_SERVICE_SPECIFIC) {
            p.writeInt(errorCode);
        } else if (exception == EX_PARCELABLE) {
            p.writeInt(0);
        }
    }

    /** Status::readFromParcel, skipping reply headers, remote stack traces and parcelable blobs by their sizes. */
    public static BinderStatus readFrom(Parcel p) {
        int exception = p.readInt();
        if (exception == EX_HAS_REPLY_HEADER || exception == EX_HAS_NOTED_APPOPS_REPLY_HEADER) {
            skipSized(p);
            exception = EX_NONE;
        }
        if (exception == EX_NONE) return ok();
        String message = p.readString();
        skipSized(p);
        int error = 0;
        if (exception == EX_SERVICE_SPECIFIC) {
            error = p.readInt();
        } else if (exception == EX_PARCELABLE) {
            skipSized(p);
        }
        return new BinderStatus(exception, error, message);
    }

    /** Skips a block whose int32 size (counting the size field itself) is at its start. */
    private static void skipSized(Parcel p) {
        int start = p.dataPosition(), avail = p.dataAvail();
        int size = p.readInt();
        if (size < 0 || size > avail) throw new ParcelFormatException("header of " + size + " bytes at " + start);
        if (size != 0) p.setDataPosition(start + size);
    }

    /** The Java exception android.os.Parcel.readException throws for this code. */
    public RuntimeException toException() {
        String m = message;
        return switch (exception) {
            case EX_SERVICE_SPECIFIC -> new ServiceSpecificException(errorCode, m);
            case EX_SECURITY -> new SecurityException(m);
            case EX_BAD_PARCELABLE -> new BadParcelableException(m);
            case EX_ILLEGAL_ARGUMENT -> new IllegalArgumentException(m);
            case EX_NULL_POINTER -> new NullPointerException(m);
            case EX_ILLEGAL_STATE -> new IllegalStateException(m);
            case EX_NETWORK_MAIN_THREAD -> new NetworkOnMainThreadException();
            case EX_UNSUPPORTED_OPERATION -> new UnsupportedOperationException(m);
            default -> new RuntimeException("Unknown exception code: " + exception + " msg " + m);
        };
    }

    /** The name of a status_t (utils/Errors.h), or its number when it has none. */
    public static String statusName(int status) {
        return switch (status) {
            case OK -> "OK";
            case UNKNOWN_ERROR -> "UNKNOWN_ERROR";
            case NO_MEMORY -> "NO_MEMORY";
            case INVALID_OPERATION -> "INVALID_OPERATION";
            case BAD_VALUE -> "BAD_VALUE";
            case BAD_TYPE -> "BAD_TYPE";
            case NAME_NOT_FOUND -> "NAME_NOT_FOUND";
            case PERMISSION_DENIED -> "PERMISSION_DENIED";
            case NO_INIT -> "NO_INIT";
            case ALREADY_EXISTS -> "ALREADY_EXISTS";
            case DEAD_OBJECT -> "DEAD_OBJECT";
            case FAILED_TRANSACTION -> "FAILED_TRANSACTION";
            case BAD_INDEX -> "BAD_INDEX";
            case NOT_ENOUGH_DATA -> "NOT_ENOUGH_DATA";
            case WOULD_BLOCK -> "WOULD_BLOCK";
            case TIMED_OUT -> "TIMED_OUT";
            case UNKNOWN_TRANSACTION -> "UNKNOWN_TRANSACTION";
            case FDS_NOT_ALLOWED -> "FDS_NOT_ALLOWED";
            case UNEXPECTED_NULL -> "UNEXPECTED_NULL";
            default -> Integer.toString(status);
        };
    }

    /** The NDK's AStatus_getDescription text. */
    public String description() {
        if (exception == EX_NONE) return "No error";
        StringBuilder s = new StringBuilder("Status(").append(exception).append(", ").append(exceptionName(exception))
                .append("): '");
        if (exception == EX_SERVICE_SPECIFIC) s.append(errorCode).append(": ");
        if (exception == EX_TRANSACTION_FAILED) s.append("status ").append(errorCode).append(": ");
        return s.append(message == null ? "" : message).append("'").toString();
    }

    public static String exceptionName(int code) {
        return switch (code) {
            case EX_SECURITY -> "EX_SECURITY";
            case EX_BAD_PARCELABLE -> "EX_BAD_PARCELABLE";
            case EX_ILLEGAL_ARGUMENT -> "EX_ILLEGAL_ARGUMENT";
            case EX_NULL_POINTER -> "EX_NULL_POINTER";
            case EX_ILLEGAL_STATE -> "EX_ILLEGAL_STATE";
            case EX_NETWORK_MAIN_THREAD -> "EX_NETWORK_MAIN_THREAD";
            case EX_UNSUPPORTED_OPERATION -> "EX_UNSUPPORTED_OPERATION";
            case EX_SERVICE_SPECIFIC -> "EX_SERVICE_SPECIFIC";
            case EX_PARCELABLE -> "EX_PARCELABLE";
            case EX_TRANSACTION_FAILED -> "EX_TRANSACTION_FAILED";
            default -> "UNKNOWN";
        };
    }
}
