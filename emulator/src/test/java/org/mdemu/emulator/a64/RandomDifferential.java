package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Runs random instruction sequences of one encoding group on the Java engine and Unicorn 2 from the same random
 * registers ({@link A64Rig#randomize}, then the group's own adjustment of base and index registers), collects every
 * difference and fails listing the first few. Encodings outside what this engine executes but Unicorn 2 does are
 * left out by named predicates, counted and printed.
 */
final class RandomDifferential {
    /** A reason to leave a sequence out, or null to compare it. */
    interface Skip {
        String reason(int[] words);
    }

    /**
     * A named, known divergence of Unicorn 2 from the architecture shown by a case's outcome (it depends on register
     * values, not only on the words): the reason, or null when the difference is not that one. before is the Java
     * engine's state before the words ran.
     */
    interface Tolerance {
        String reason(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before);
    }

    static final Tolerance NONE = (words, java, unicorn, before) -> null;

    private RandomDifferential() {}

    static final String PARTIAL_WRITE = "Unicorn 2 wrote part of a faulting access";

    /**
     * Whether the engines differ only in that Unicorn 2 (QEMU) performed the first parts of a multi-part access (a
     * Q register's first 8 bytes, a pair's first register, a structure's first elements) before the part that
     * faults, stores to memory or loads to vector registers, while the Java engine, as this project requires,
     * changed nothing: same fault, same general registers, Java's state exactly as before the instruction.
     */
    /** Whether java ended with an alignment fault at its last word, every register and byte as before. */
    static boolean alignmentFaultChangingNothing(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot before) {
        return java.exit() instanceof CpuExit.Fault f
                && f.kind() == CpuExit.FaultKind.UNALIGNED
                && f.pc() == A64Rig.CODE + 4L * (words.length - 1) && Arrays.equals(java.x(), before.x())
                && java.sp() == before.sp() && Arrays.equals(java.v(), before.v())
                && Arrays.equals(java.data(), before.data());
    }

    static boolean unicorn2WroteBeforeFault(A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
        if (!(java.exit() instanceof CpuExit.Fault)) return false;
        A64Rig.Snapshot u = new A64Rig.Snapshot(unicorn.exit(), unicorn.pc(), unicorn.x(), unicorn.sp(), unicorn.nzcv(),
                java.v(), unicorn.fpcr(), unicorn.fpsr(), unicorn.tpidr(), java.data());
        return u.difference(java) == null && Arrays.equals(java.x(), before.x()) && java.sp() == before.sp()
                && Arrays.equals(java.v(), before.v()) && Arrays.equals(java.data(), before.data());
    }

    static int cases(int defaultCases) {
        return Integer.getInteger("mdemu.diff.cases", defaultCases);
    }

    static void compare(String group, long seed, int cases, Function<Random, int[]> generator, Skip skip,
            BiConsumer<int[], CpuRegisters> adjust) {
        compare(group, seed, cases, generator, skip, adjust, NONE);
    }

    static void compare(String group, long seed, int cases, Function<Random, int[]> generator, Skip skip,
            BiConsumer<int[], CpuRegisters> adjust, Tolerance tolerance) {
        Random gen = new Random(seed);
        List<String> differences = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int compared = 0;
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < cases; i++) {
                int[] words = generator.apply(gen);
                long caseSeed = gen.nextLong();
                String reason = skip.reason(words);
                if (reason != null) {
                    skipped.merge(reason, 1, Integer::sum);
                    continue;
                }
                compared++;
                Consumer<CpuRegisters> setup = r -> {
                    A64Rig.randomize(r, new Random(caseSeed));
                    adjust.accept(words, r);
                };
                A64Rig.Snapshot[] both = pair.runBoth(words, setup);
                String d = both[0].difference(both[1]);
                if (d == null) continue;
                A64Rig.Snapshot before = pair.runBoth(new int[0], setup)[0];
                String known = words.length == 1 && unicorn2WroteBeforeFault(both[0], both[1], before) ? PARTIAL_WRITE
                        : tolerance.reason(words, both[0], both[1], before);
                if (known != null) {
                    skipped.merge(known, 1, Integer::sum);
                    continue;
                }
                differences.add(A64Rig.hex(words) + ": Java engine vs Unicorn 2: " + d);
            }
        }
        String dump = System.getProperty("mdemu.diff.dump");
        if (dump != null && !differences.isEmpty()) {
            try {
                Files.write(Path.of(dump + "-" + group.replaceAll("\\W+", "_") + ".txt"),
                        differences);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.printf("%s: %d cases, %d compared, skipped %s, %d differences%n", group, cases, compared, skipped,
                differences.size());
        assertThat(differences.size()).as("%s: %d differences in %d cases, the first: %s", group, differences.size(),
                compared, String.join("\n", differences.subList(0, Math.min(12, differences.size())))).isZero();
    }

    /** A small register value (an index or post-index offset that keeps accesses near the base), from the word. */
    static long small(int word, int salt) {
        Random r = new Random(word * 31L + salt);
        return r.nextInt(8) == 0 ? r.nextLong() : r.nextInt(1024) - 512;
    }
}
