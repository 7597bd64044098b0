package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * The random differential driver of every encoding group: random instruction sequences (words with the group's
 * fixed bits, the other bits random, or a group's own generator) run on the Java engine and on Unicorn 2 from the
 * same random registers ({@link A64Rig#randomize} unless the group chooses its own state, then the group's adjustment
 * of base and index registers); every difference is collected and the test fails listing the first few, with
 * llvm-mc's disassembly when it is installed. Left out, by name, counted and printed: sequences a {@link Skip}
 * names (encodings of another owner, of a feature this engine does not report: {@link UnreportedFeatures#SKIP}),
 * words on which Unicorn 2 aborts the process ({@link Unicorn2Departures#aborts}); and differences a
 * {@link Tolerance} names (Unicorn 2's departures from the ARM ARM, {@link Unicorn2Departures}); more than half the
 * cases drawn must be compared. Cases:
 * {@code -Dmdemu.diff.cases=N} per group, else the group's default; {@code -Dmdemu.diff.dump=prefix} writes every
 * difference of a group to a file.
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

    /** Sets a case's registers from its own random values (the same on both engines). */
    interface State {
        void set(int[] words, CpuRegisters regs, Random values);
    }

    static final Skip NO_SKIP = words -> null;
    static final Tolerance NONE = (words, java, unicorn, before) -> null;
    static final State RANDOM_REGISTERS = (words, regs, values) -> A64Rig.randomize(regs, values);

    private RandomDifferential() {}

    static int cases(int defaultCases) {
        return Integer.getInteger("mdemu.diff.cases", defaultCases);
    }

    /** Skips sequences whose first word matches, by that name. */
    static Skip skip(String name, IntPredicate matches) {
        return words -> matches.test(words[0]) ? name : null;
    }

    /** Single words with the fixed bits (value under mask) and random other bits. */
    static Function<Random, int[]> pattern(int mask, int value) {
        return r -> new int[] {(r.nextInt() & ~mask) | value};
    }

    /** Single words of one of the patterns (pairs of mask of fixed bits, their value), chosen at random. */
    static Function<Random, int[]> patterns(int... maskValuePairs) {
        return r -> {
            int i = 2 * r.nextInt(maskValuePairs.length / 2);
            return new int[] {(r.nextInt() & ~maskValuePairs[i]) | maskValuePairs[i + 1]};
        };
    }

    /** A group's run, to configure and {@link #run}. */
    static Run group(String name, long seed, int cases) {
        return new Run(name, seed, cases);
    }

    static final class Run {
        private final String name;
        private final long seed;
        private final int cases;
        private Function<Random, int[]> words;
        private final List<Skip> skips = new ArrayList<>();
        private final List<Tolerance> tolerances = new ArrayList<>();
        private State state = RANDOM_REGISTERS;
        private BiConsumer<int[], CpuRegisters> adjust = (words, regs) -> {};
        private final Map<String, IntPredicate> counted = new TreeMap<>();
        private boolean untilCompared;

        private Run(String name, long seed, int cases) {
            this.name = name;
            this.seed = seed;
            this.cases = cases;
        }

        Run words(Function<Random, int[]> generator) {
            this.words = generator;
            return this;
        }

        Run pattern(int mask, int value) {
            return words(RandomDifferential.pattern(mask, value));
        }

        Run skip(Skip skip) {
            skips.add(skip);
            return this;
        }

        Run skip(String name, IntPredicate matches) {
            return skip(RandomDifferential.skip(name, matches));
        }

        Run tolerate(Tolerance tolerance) {
            tolerances.add(tolerance);
            return this;
        }

        Run state(State state) {
            this.state = state;
            return this;
        }

        Run adjust(BiConsumer<int[], CpuRegisters> adjust) {
            this.adjust = adjust;
            return this;
        }

        /** Counts the compared cases whose first word matches, to print under that name. */
        Run count(String name, IntPredicate matches) {
            counted.put(name, matches);
            return this;
        }

        /** Draws until the number of cases were compared, not drawn. */
        Run untilCompared() {
            this.untilCompared = true;
            return this;
        }

        void run() {
            Random gen = new Random(seed);
            List<int[]> differing = new ArrayList<>();
            List<String> differences = new ArrayList<>();
            Map<String, Integer> skipped = new TreeMap<>(), counts = new TreeMap<>();
            int drawn = 0, compared = 0;
            try (A64Rig.Pair pair = new A64Rig.Pair()) {
                while (untilCompared ? compared < cases : drawn < cases) {
                    if (untilCompared && drawn > 100 * cases) break;
                    drawn++;
                    int[] ws = words.apply(gen);
                    long caseSeed = gen.nextLong();
                    String reason = skipReason(ws);
                    if (reason != null) {
                        skipped.merge(reason, 1, Integer::sum);
                        continue;
                    }
                    compared++;
                    for (Map.Entry<String, IntPredicate> c : counted.entrySet()) {
                        if (c.getValue().test(ws[0])) counts.merge(c.getKey(), 1, Integer::sum);
                    }
                    Consumer<CpuRegisters> setup = r -> {
                        state.set(ws, r, new Random(caseSeed));
                        adjust.accept(ws, r);
                    };
                    A64Rig.Snapshot[] both = pair.runBoth(ws, setup);
                    String d = both[0].difference(both[1]);
                    if (d == null) continue;
                    A64Rig.Snapshot before = pair.runBoth(new int[0], setup)[0];
                    String known = tolerated(ws, both[0], both[1], before);
                    if (known != null) {
                        skipped.merge(known, 1, Integer::sum);
                        continue;
                    }
                    differing.add(ws);
                    differences.add("Java engine vs Unicorn 2: " + d + " (registers seed " + caseSeed + ")");
                }
            }
            dump(differing, differences);
            System.out.printf("%s: %d cases, %d compared%s, skipped %s, %d differences%n", name, drawn, compared,
                    counts.isEmpty() ? "" : " " + counts, skipped, differences.size());
            List<String> first = new ArrayList<>();
            for (int i = 0; i < Math.min(12, differences.size()); i++) {
                first.add(disassemble(differing.get(i)) + ": " + differences.get(i));
            }
            assertThat(differences.size()).as("%s: %d differences in %d cases, the first: %s", name,
                    differences.size(), compared, String.join("\n", first)).isZero();
            assertThat(compared).as("%s: cases compared of %d", name, drawn)
                    .isGreaterThan(drawn / 2);
        }

        private String skipReason(int[] ws) {
            for (int w : ws) if (Unicorn2Departures.aborts(w)) return "Unicorn 2 aborts the process";
            for (Skip s : skips) {
                String reason = s.reason(ws);
                if (reason != null) return reason;
            }
            return null;
        }

        private String tolerated(int[] ws, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
            if (ws.length == 1 && Unicorn2Departures.wroteBeforeFault(java, unicorn, before)) {
                return Unicorn2Departures.PARTIAL_WRITE;
            }
            for (Tolerance t : tolerances) {
                String reason = t.reason(ws, java, unicorn, before);
                if (reason != null) return reason;
            }
            return null;
        }

        private void dump(List<int[]> differing, List<String> differences) {
            String dump = System.getProperty("mdemu.diff.dump");
            if (dump == null || differences.isEmpty()) return;
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < differences.size(); i++) {
                lines.add(A64Rig.hex(differing.get(i)) + ": " + differences.get(i));
            }
            try {
                Files.write(Path.of(dump + "-" + name.replaceAll("\\W+", "_") + ".txt"), lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void compare(String group, long seed, int cases, Function<Random, int[]> generator, Skip skip,
            BiConsumer<int[], CpuRegisters> adjust) {
        compare(group, seed, cases, generator, skip, adjust, NONE);
    }

    static void compare(String group, long seed, int cases, Function<Random, int[]> generator, Skip skip,
            BiConsumer<int[], CpuRegisters> adjust, Tolerance tolerance) {
        group(group, seed, cases).words(generator).skip(skip).adjust(adjust).tolerate(tolerance).run();
    }

    /** Each word from 20 random register states on both engines of pair; fails listing every difference. */
    static void assertSameFromRandomStates(A64Rig.Pair pair, int... words) {
        List<String> differences = new ArrayList<>();
        for (int word : words) {
            for (long seed = 1; seed <= 20; seed++) {
                String d = pair.compareRandom(new int[] {word}, seed * 7919 + word);
                if (d != null) differences.add(disassemble(word) + ": " + d);
            }
        }
        assertThat(differences).isEmpty();
    }

    /**
     * Compares single words with the fixed bits (value under mask) and random other bits, from random registers:
     * {@link #cases} of defaultCases.
     */
    static void compareWords(String name, long seed, int defaultCases, int mask, int value) {
        group(name, seed, cases(defaultCases)).pattern(mask, value).run();
    }

    /** A small register value (an index or post-index offset that keeps accesses near the base), from the word. */
    static long small(int word, int salt) {
        Random r = new Random(word * 31L + salt);
        return r.nextInt(8) == 0 ? r.nextLong() : r.nextInt(1024) - 512;
    }

    /** The words in hex, each with llvm-mc's disassembly when llvm-mc-14 is installed (only to name failures). */
    static String disassemble(int... words) {
        StringBuilder out = new StringBuilder();
        for (int w : words) {
            if (out.length() > 0) out.append("; ");
            out.append(disassemble(w));
        }
        return out.toString();
    }

    static String disassemble(int word) {
        String hex = String.format("%08x", word);
        try {
            Process p = new ProcessBuilder("llvm-mc-14", "-disassemble", "-triple=aarch64",
                    "-mattr=+v8.2a,+crypto,+aes,+sha2,+sha3,+sm4,+fullfp16,+dotprod,+rdm,+fp16fml,+complxnum,+i8mm,"
                            + "+bf16")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(String.format("0x%02x 0x%02x 0x%02x 0x%02x\n", word & 0xff, (word >>> 8) & 0xff,
                    (word >>> 16) & 0xff, word >>> 24).getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith(".text")) return hex + " " + t.replaceAll("\\s+", " ");
            }
        } catch (IOException | InterruptedException e) {
            // no disassembler: the hex word names the case
        }
        return hex;
    }
}
