package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Random differential testing of FP encodings: words drawn from fixed-field patterns (mask, value) with the other bits
 * random, run on the Java engine and Unicorn 2 from the same random state ({@link A64Rig.Pair#compareRandom}).
 * Encodings Unicorn 2 executes but this engine deliberately does not (FP16 arithmetic and other later features) are
 * skipped by a named predicate and counted.
 */
final class FpDiff {
    private FpDiff() {}

    /** Cases per group: the default keeps a run of the differential tests short; -Dmdemu.diff.cases=N for more. */
    static int cases(int defaultCases) {
        return Integer.getInteger("mdemu.diff.cases", defaultCases);
    }

    /** A named set of encodings. */
    record Group(String name, int[] patterns) {
        /** patterns: pairs of (mask of fixed bits, their values). */
        static Group of(String name, int... patterns) {
            return new Group(name, patterns);
        }

        int draw(Random r) {
            int i = 2 * r.nextInt(patterns.length / 2);
            return (r.nextInt() & ~patterns[i]) | patterns[i + 1];
        }
    }

    /** Runs cases random words of the group; fails listing the first differences. Returns the number skipped. */
    static int run(Group group, long seed, int cases, String skipName, IntPredicate skip) {
        Random r = new Random(seed);
        List<String> differences = new ArrayList<>();
        int skipped = 0, different = 0;
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < cases; i++) {
                int word = group.draw(r);
                long stateSeed = r.nextLong();
                if (skip.test(word)) {
                    skipped++;
                    continue;
                }
                String d = pair.compareRandom(new int[] {word}, stateSeed);
                if (d != null) {
                    different++;
                    if (differences.size() < 12) differences.add(d + " (state seed " + stateSeed + ")");
                }
            }
        }
        System.out.printf("%s: %d cases, %d skipped (%s), %d different%n", group.name(), cases, skipped, skipName,
                different);
        assertThat(differences).as("%s: %d of %d cases differ", group.name(), different, cases).isEmpty();
        assertThat(skipped).as("%s: skipped cases", group.name()).isLessThan(cases);
        return skipped;
    }
}
