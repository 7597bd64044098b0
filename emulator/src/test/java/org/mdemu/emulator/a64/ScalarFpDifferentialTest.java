package org.mdemu.emulator.a64;

import org.junit.jupiter.api.Test;

/** Random words of each scalar FP group on the Java engine and Unicorn 2 from the same random state. */
class ScalarFpDifferentialTest {
    private static final int CASES = RandomDifferential.cases(1500);

    /** Three draws in four with M, S and type<1> zero (single or double), one with them random (mostly undefined). */
    private static void run(String name, int mask, int value, long seed) {
        int valid = mask | 0xa0800000;
        run(name, seed, valid, value, valid, value, valid, value, mask, value);
    }

    private static void run(String name, long seed, int... patterns) {
        RandomDifferential.group(name, seed, CASES).words(RandomDifferential.patterns(patterns))
                .skip(UnreportedFeatures.SKIP).run();
    }

    @Test
    void dataProcessing3Source() {
        run("FP 3-source", 0x5f000000, 0x1f000000, 1);
    }

    @Test
    void dataProcessing2Source() {
        run("FP 2-source", 0x5f200c00, 0x1e200800, 2);
    }

    @Test
    void dataProcessing1Source() {
        run("FP 1-source", 0x5f207c00, 0x1e204000, 3);
    }

    @Test
    void compare() {
        run("FP compare", 0x5f203c00, 0x1e202000, 4);
    }

    @Test
    void conditionalCompare() {
        run("FP conditional compare", 0x5f200c00, 0x1e200400, 5);
    }

    @Test
    void conditionalSelect() {
        run("FP conditional select", 0x5f200c00, 0x1e200c00, 6);
    }

    @Test
    void immediate() {
        run("FP immediate", 0x5f201c00, 0x1e201000, 7);
    }

    @Test
    void integerConversion() {
        run("FP<->integer", 8, 0x7fa0fc00, 0x1e200000, 0x5f20fc00, 0x1e200000);
    }

    @Test
    void fixedPointConversion() {
        run("FP<->fixed", 9, 0x7fa00000, 0x1e000000, 0x5f200000, 0x1e000000);
    }
}
