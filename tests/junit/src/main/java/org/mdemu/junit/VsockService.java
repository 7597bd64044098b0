package org.mdemu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A binder service the payload serves with AVmPayload_runVsockRpcServer, injected once the payload is ready as
 * {@code IFoo.Stub.asInterface(vm.connectToVsockServer(port))} into a field or parameter of an AIDL interface type
 * IFoo (or as the root {@code android.os.IBinder} itself). The payload is the class's only {@link Payload}, or the
 * one whose field is named by {@link #payload()}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VsockService {
    int port();

    /** The name of the {@link Payload} field serving it, when the class has several. */
    String payload() default "";
}
