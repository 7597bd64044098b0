package org.mdemu.junit;

import android.os.ServiceSpecificException;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an AIDL service's own error: its code and message. */
public final class ServiceSpecificExceptionAssert
        extends AbstractAssert<ServiceSpecificExceptionAssert, ServiceSpecificException> {
    ServiceSpecificExceptionAssert(ServiceSpecificException e) {
        super(e, ServiceSpecificExceptionAssert.class);
    }

    public ServiceSpecificExceptionAssert hasErrorCode(int errorCode) {
        if (actual.errorCode != errorCode) {
            failWithMessage("expected service-specific error code %d but it was %d (%s)", errorCode, actual.errorCode,
                    actual.getMessage());
        }
        return this;
    }

    public ServiceSpecificExceptionAssert hasMessage(String message) {
        if (!message.equals(actual.getMessage())) {
            failWithMessage("expected the message \"%s\" but it was \"%s\"", message, actual.getMessage());
        }
        return this;
    }

    public ServiceSpecificExceptionAssert hasMessageContaining(String text) {
        if (actual.getMessage() == null || !actual.getMessage().contains(text)) {
            failWithMessage("expected a message containing \"%s\" but it was \"%s\"", text, actual.getMessage());
        }
        return this;
    }
}
