package android.os;

import android.util.AndroidRuntimeException;

/** A Parcelable is malformed or cannot be read (EX_BAD_PARCELABLE when it crosses a binder call). */
public class BadParcelableException extends AndroidRuntimeException {
    public BadParcelableException(String msg) {
        super(msg);
    }

    public BadParcelableException(Exception cause) {
        super(cause);
    }
}
