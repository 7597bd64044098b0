package org.mdemu.guest.attestation;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The VM's random source as a {@link SecureRandom}, for key generation and signature nonces: in deterministic mode
 * that source is seeded, so attestation results repeat from run to run. Written here because the JDK offers no
 * SecureRandom over a caller's generator.
 */
public final class VmSecureRandom extends SecureRandom {
    private final transient Random source;

    private VmSecureRandom(Random source) {
        this.source = source;
    }

    /** The source itself when it already is a SecureRandom (the normal mode), else a view of it. */
    public static SecureRandom of(Random source) {
        if (source == null) return new SecureRandom();
        return source instanceof SecureRandom secure ? secure : new VmSecureRandom(source);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int count) {
        byte[] seed = new byte[count];
        source.nextBytes(seed);
        return seed;
    }

    @Override
    public void setSeed(long seed) {
        // The VM's source is seeded once, by the VM; Random's constructor calls this before source is set.
    }
}
