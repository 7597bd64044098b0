package org.mdemu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A VM running a payload, injected into a field or a test method parameter of type {@code VirtualMachine} or
 * {@link PayloadVm}. The VM gets a temporary instance directory, deleted afterwards, debuggable with output
 * captured; it is started before the test (or, with {@link Scope#PER_CLASS} on a static field, before all tests of
 * the class) and stopped after it.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Payload {
    /** The APK, relative to the working directory (the module's directory under Maven and Gradle). */
    String apk();

    /** The payload library in lib/arm64-v8a; empty: the one named by {@link #configPath()}. */
    String binary() default "";

    /** The VM config in the APK (e.g. "assets/vm_config.json"), used when {@link #binary()} is empty. */
    String configPath() default "";

    Scope scope() default Scope.PER_TEST;

    /** What to wait for before the test runs. */
    WaitFor waitFor() default WaitFor.STARTED;

    /**
     * The longest a test may run with this VM, in seconds (0: no limit). When it is exceeded the VM is stopped and
     * the test fails saying so, with the payload's last output.
     */
    long timeoutSeconds() default 120;

    /** Memory in MiB (0: the default). */
    int memoryMib() default 0;

    /** Encrypted storage in bytes (0: none). */
    long encryptedStorageBytes() default 0;

    boolean protectedVm() default false;

    /** The instance's name within its temporary directory; two payloads of one test need different names. */
    String name() default "";

    enum Scope {
        /** A new VM for every test, stopped and deleted after it. */
        PER_TEST,
        /** One VM for all tests of the class (a static field), stopped and deleted after the last. */
        PER_CLASS
    }

    enum WaitFor {
        /** The test starts at once; the payload may not have begun. */
        NOTHING,
        /** The payload has started (onPayloadStarted). */
        STARTED,
        /** The payload called AVmPayload_notifyPayloadReady (onPayloadReady): its services are up. */
        READY
    }
}
