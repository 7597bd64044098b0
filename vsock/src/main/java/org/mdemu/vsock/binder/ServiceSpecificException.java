package org.mdemu.vsock.binder;

/** An AIDL service's own error (EX_SERVICE_SPECIFIC): an error code and a message, as android.os's. */
public class ServiceSpecificException extends RuntimeException {
    public final int errorCode;

    public ServiceSpecificException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ServiceSpecificException(int errorCode) {
        this(errorCode, null);
    }

    @Override
    public String toString() {
        return super.toString() + " (code " + errorCode + ")";
    }
}
