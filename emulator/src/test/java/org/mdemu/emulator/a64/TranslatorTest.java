package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit;

/** Loops of the instructions the translator compiles inline, translated at once, against Unicorn 2. */
class TranslatorTest {
    private int savedThreshold;
    private long regionsBefore;

    @BeforeEach
    void translateAtOnce() {
        savedThreshold = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        regionsBefore = Translator.STATS.regions.get();
    }

    @AfterEach
    void restore() {
        Translator.hotThresholdForTests = savedThreshold;
    }

    private void assertTranslated() {
        assertThat(Translator.STATS.regions.get()).as("regions compiled").isGreaterThan(regionsBefore);
    }

    /**
     * A region using every general register, then a long run of FMLA (OpenBLAS's kernels). Before FP/SIMD calls knew
     * their register effects, each reloaded the region's registers and 256 instructions passed the JVM's 64 KiB limit
     * on a method's bytecode; now they pass the class-size bound (about 11.7 KB): either way the region is cut instead
     * of failing the run.
     */
    @Test
    void aRegionTooLargeForOneJvmMethodIsCutNotRefused() {
        int[] words = new int[257];
        for (int i = 0; i < 256; i++) {
            words[i] = i < 28 ? 0x91000400 | i << 5 | i // add x(i), x(i), #1
                    : 0x4e22cc20 | (i % 8) << 16; // fmla v0.2d, v1.2d, v(i%8).2d
        }
        words[256] = 0xd503201f; // nop
        long before = Translator.STATS.regions.get();
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(Translator.STATS.regions.get() - before).as("regions the run was cut into").isGreaterThan(1);
    }

    @Test
    void sumLoop() {
        int[] words = {
            0xd2800000, // mov x0, #0
            0xd2800c81, // mov x1, #100
            0x8b010000, // add x0, x0, x1
            0xf1000421, // subs x1, x1, #1
            0x54ffffc1, // b.ne #-8
        };
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertThat(s.x()[0]).isEqualTo(5050);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertTranslated();
    }

    @Test
    void memoryCopyWithPostIndex() {
        int[] words = {
            0xaa1c03e0, // mov x0, x28
            0x91100381, // add x1, x28, #1024
            0xd2800802, // mov x2, #64
            0xf8408403, // ldr x3, [x0], #8
            0xf8008423, // str x3, [x1], #8
            0xf1000442, // subs x2, x2, #1
            0x54ffffa1, // b.ne #-12
        };
        A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertTranslated();
    }

    @Test
    void strlenByteLoop() {
        int[] words = {
            0xaa1c03e0, // mov x0, x28
            0x38401401, // ldrb w1, [x0], #1
            0x35ffffe1, // cbnz w1, #-4
            0xcb1c0000, // sub x0, x0, x28
        };
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertThat(s.x()[0]).isPositive();
        assertTranslated();
    }

    @Test
    void pointerChasing() {
        int[] words = {
            0xaa1c03e0, // mov x0, x28
            0xd2800201, // mov x1, #16
            0x9100a002, // add x2, x0, #40
            0xf9000002, // str x2, [x0]
            0xaa0203e0, // mov x0, x2
            0xf1000421, // subs x1, x1, #1
            0x54ffff81, // b.ne #-16
            0xf900001f, // str xzr, [x0]
            0xaa1c03e0, // mov x0, x28
            0xd2800003, // mov x3, #0
            0xf9400000, // ldr x0, [x0]
            0x91000463, // add x3, x3, #1
            0xb5ffffc0, // cbnz x0, #-8
        };
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertThat(s.x()[3]).isEqualTo(17);
        assertTranslated();
    }

    /** Every inline instruction kind in one loop: logical, bitfield, selects, multiply, extended operands, pairs. */
    @Test
    void mixedIntegerLoop() {
        int[] words = TranslationBenchmarkWords.MIXED;
        A64Rig.assertSameAsUnicorn2(words, r -> {});
        assertTranslated();
    }
}
