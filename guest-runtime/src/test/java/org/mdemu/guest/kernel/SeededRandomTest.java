package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomTest {
    private static byte[] bytes(SeededRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndLongsInTheSameOrder() {
        SeededRandom a = new SeededRandom(99), b = new SeededRandom(99);
        assertThat(bytes(a, 13)).isEqualTo(bytes(b, 13));
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
        assertThat(a.nextInt(62)).isEqualTo(b.nextInt(62));
    }

    @Test
    void anotherSeedGivesOtherBytesAndTheSequenceDoesNotRepeatItself() {
        assertThat(bytes(new SeededRandom(1), 16)).isNotEqualTo(bytes(new SeededRandom(2), 16));
        SeededRandom r = new SeededRandom(0);
        assertThat(bytes(r, 16)).isNotEqualTo(bytes(r, 16)).isNotEqualTo(new byte[16]);
    }

    @Test
    void bytesAreUniformEnoughToServeAsEntropy() {
        int[] counts = new int[256];
        for (byte x : bytes(new SeededRandom(7), 256 * 400)) counts[x & 0xff]++;
        for (int c : counts) assertThat(c).isBetween(300, 500);
    }
}
