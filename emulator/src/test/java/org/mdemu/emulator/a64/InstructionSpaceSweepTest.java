package org.mdemu.emulator.a64;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Random words from each top-level encoding group of A64 (op0, bits 28:25) — not only the encodings each group's own
 * tests draw — run on the Java engine and on Unicorn 2 from the same random state, with a third of the registers
 * pointing into the data region so that loads and stores reach memory. Every word must end the same way on both:
 * the same registers, flags, FPSR and memory, or the same fault. Tolerated, named and counted: an encoding of a
 * feature this engine does not report in AT_HWCAP, which it refuses while Unicorn 2 (a newer CPU) executes it
 * ({@link UnreportedFeatures}); and the places where Unicorn 2 departs from the ARM ARM that the groups' own tests
 * check against the architecture ({@link Unicorn2Departures}). Words on which Unicorn 2 would abort the process
 * ({@link Unicorn2Departures#aborts}) are not drawn. Cases per group: {@code -Dmdemu.diff.cases}.
 */
class InstructionSpaceSweepTest {
    private static final int CASES = RandomDifferential.cases(1500);

    /** The groups, as the fixed bits of op0 and the mask that leaves the rest random. */
    enum Group {
        DATA_PROCESSING_IMMEDIATE(0x10000000, 0x1c000000),
        BRANCHES_SYSTEM(0x14000000, 0x1c000000),
        LOADS_STORES(0x08000000, 0x0a000000),
        DATA_PROCESSING_REGISTER(0x0a000000, 0x0e000000),
        SCALAR_FP(0x1e000000, 0x5e000000),
        ADVANCED_SIMD(0x0e000000, 0x0e000000);

        final int pattern, mask;

        Group(int pattern, int mask) {
            this.pattern = pattern;
            this.mask = mask;
        }

        int draw(Random r) {
            while (true) {
                int w = (r.nextInt() & ~mask) | pattern;
                if (this == ADVANCED_SIMD && (w & 0x5e000000) == 0x1e000000) continue; // that is SCALAR_FP's
                if (Unicorn2Departures.aborts(w)) continue;
                return w;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Group.class)
    void everyWordEndsTheSameOnBothEnginesOrDiffersForANamedReason(Group group) {
        RandomDifferential.compare("sweep of " + group.name().toLowerCase(), 0x5eed0000L + group.ordinal(), CASES,
                r -> new int[] {group.draw(r)}, words -> null, InstructionSpaceSweepTest::pointIntoData,
                InstructionSpaceSweepTest::reason);
    }

    private static String reason(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
        int word = words[0];
        if (Unicorn2Departures.undefined(java.exit()) && !Unicorn2Departures.undefined(unicorn.exit())) {
            String feature = UnreportedFeatures.feature(word);
            if (feature != null) return "unreported feature: " + feature;
        }
        return Unicorn2Departures.of(words, java, unicorn, before);
    }

    /** After the random operands: about a third of the general registers pointed into DATA near its middle. */
    private static void pointIntoData(int[] words, CpuRegisters regs) {
        Random r = new Random(words[0] * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < 31; i++) {
            if (r.nextInt(3) == 0) regs.setX(i, A64Rig.DATA + A64Rig.DATA_SIZE / 2 + 16L * (r.nextInt(64) - 32));
        }
    }
}
