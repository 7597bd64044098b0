package org.mdemu.guest.binder;

import org.mdemu.os.BinderStatus;

/** An AStatus: libbinder's Status behind the pointer, with the C strings handed out for it. */
final class NdkStatus {
    final BinderStatus status;
    /** AStatus_getMessage's string, made on first use and freed with the status. */
    long message;

    NdkStatus(BinderStatus status) {
        this.status = status;
    }

    /** Status::fromStatusT: OK, EX_NULL_POINTER for UNEXPECTED_NULL, else EX_TRANSACTION_FAILED carrying it. */
    static BinderStatus fromStatusT(int statusT) {
        if (statusT == BinderStatus.OK) return BinderStatus.ok();
        if (statusT == BinderStatus.UNEXPECTED_NULL) return new BinderStatus(BinderStatus.EX_NULL_POINTER, 0, null);
        return new BinderStatus(BinderStatus.EX_TRANSACTION_FAILED, statusT, null);
    }

    /** Status::fromExceptionCode: EX_TRANSACTION_FAILED carries FAILED_TRANSACTION. */
    static BinderStatus fromException(int exception, String message) {
        if (exception == BinderStatus.EX_TRANSACTION_FAILED) {
            return new BinderStatus(exception, BinderStatus.FAILED_TRANSACTION, message);
        }
        return new BinderStatus(exception, 0, message);
    }

    int transactionError() {
        return status.exception() == BinderStatus.EX_TRANSACTION_FAILED ? status.errorCode() : BinderStatus.OK;
    }
}
