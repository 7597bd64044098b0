package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class RandomNumbersTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final RandomNumbers random = new RandomNumbers(process, null);

    RandomNumbersTest() {
        BumpHeap.on(process);
        libc.declare(random);
    }

    @Test
    void seededRandomGivesTheWellKnownSequence() {
        random.srandom(1);
        assertThat(new int[] {random.random(), random.random(), random.random()})
                .containsExactly(1804289383, 846930886, 1681692777);
        process.call(libc, "srand", 1);
        assertThat(process.call(libc, "rand")).isEqualTo(1804289383);
    }

    @Test
    void unseededRandomStartsFromBsdTableNotFromZero() {
        long first = process.call(libc, "random");
        RandomNumbers other = new RandomNumbers(process, null);
        assertThat(other.random()).isEqualTo((int) first);
        assertThat(first).isBetween(0L, 0x7fffffffL);
    }

    @Test
    void rand48FamilyFollowsThePosixLcg() {
        // X(n+1) = (0x5DEECE66D * X(n) + 0xB) mod 2^48 from X(0) = 0x330E (srand48(0)).
        process.call(libc, "srand48", 0);
        assertThat(process.call(libc, "lrand48")).isEqualTo(366850414L);
        assertThat(process.call(libc, "lrand48")).isEqualTo(1610402240L);
        process.call(libc, "srand48", 0);
        assertThat(process.call(libc, "mrand48")).isEqualTo((long) (int) (0x2bbb62dc5101L >>> 16));
        long xsubi = process.alloc(6);
        process.memory().writeShort(xsubi, 0x330e);
        assertThat(process.call(libc, "nrand48", xsubi)).isEqualTo(366850414L);
        assertThat(process.memory().readShort(xsubi) & 0xffff).isEqualTo(0x5101);
        process.call(libc, "srand48", 0);
        process.call(libc, "drand48");
        assertThat(process.regs.d(0)).isEqualTo(0x2bbb62dc5101L / (double) (1L << 48));
    }

    @Test
    void seed48ReturnsThePreviousState() {
        process.call(libc, "srand48", 0);
        long seed = process.alloc(6);
        process.memory().writeShort(seed, 1);
        long previous = process.call(libc, "seed48", seed);
        assertThat(process.memory().readShort(previous) & 0xffff).isEqualTo(0x330e);
        assertThat(process.memory().readShort(previous + 2)).isZero();
    }

    @Test
    void randRIsTheClassicLcgMaskedToRandMax() {
        long seed = process.alloc(4);
        process.memory().writeInt(seed, 1);
        assertThat(process.call(libc, "rand_r", seed)).isEqualTo(1103527590L);
        assertThat(process.memory().readInt(seed)).isEqualTo(1103527590);
    }
}
