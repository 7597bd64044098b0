package org.mdemu.tests;

import java.time.Duration;

/** Where @Payload finds the committed fixture APKs (relative to the tests module, Surefire's working directory). */
final class Apks {
    static final String DIR = "fixtures/apks/";
    /** How long an in-guest suite may take to run to its end. */
    static final Duration RUN = Duration.ofSeconds(120);

    private Apks() {}
}
