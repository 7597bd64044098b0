package org.mdemu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test's payloads in deterministic mode with this seed (VirtualMachineConfig.Builder.setDeterministic):
 * the same interleaving, clock readings and random bytes on every run. On a test method or a test class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Deterministic {
    long seed() default 0;
}
