package org.mdemu.guest.kernel;

import java.util.Random;

/**
 * The guest's one random source in deterministic mode: a SplitMix64 sequence from a seed, so every consumer
 * (getrandom, /dev/urandom, the stack canary, arc4random, temporary file names) draws the same bytes on every run
 * with that seed, in the order the guest asks for them. Not for secrets: anyone who knows the seed knows the bytes.
 */
public final class SeededRandom extends Random {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    public SeededRandom(long seed) {
        super(seed);
        state = seed;
    }

    /** Restarts the sequence (also called once by Random's constructor, before the field above is assigned). */
    @Override
    public synchronized void setSeed(long seed) {
        state = seed;
    }

    @Override
    public synchronized long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i += 8) {
            long v = nextLong();
            for (int j = i; j < Math.min(i + 8, bytes.length); j++, v >>>= 8) bytes[j] = (byte) v;
        }
    }
}
