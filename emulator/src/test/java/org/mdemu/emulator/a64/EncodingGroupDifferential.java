package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Random differential testing of one encoding group: words with the group's fixed bits and random other bits run on
 * the Java engine and on Unicorn 2 from the same random registers. Words an explicit, named predicate excludes (what
 * Unicorn 2 executes but this engine leaves to another owner or does not implement) are counted, never compared.
 * Cases: {@code -Dmdemu.diff.cases=N} per group, else the given default.
 */
final class EncodingGroupDifferential {
    private EncodingGroupDifferential() {}

    record Exclusion(String name, IntPredicate matches) {}

    static int cases(int defaultCases) {
        return Integer.getInteger("mdemu.diff.cases", defaultCases);
    }

    /** Runs the group and fails listing the first differences (with disassembly when llvm-mc is at hand). */
    static void run(A64Rig.Pair pair, String group, int mask, int fixed, int cases, long seed, Exclusion... exclusions) {
        Random random = new Random(seed);
        int[] excluded = new int[exclusions.length];
        List<String> differences = new ArrayList<>();
        int compared = 0, differing = 0;
        outer:
        for (int i = 0; i < cases; i++) {
            int word = (random.nextInt() & ~mask) | fixed;
            long registers = random.nextLong();
            for (int e = 0; e < exclusions.length; e++) {
                if (exclusions[e].matches().test(word)) {
                    excluded[e]++;
                    continue outer;
                }
            }
            compared++;
            String d = pair.compareRandom(new int[] {word}, registers);
            if (d != null) {
                differing++;
                if (differences.size() < 8) differences.add(disassemble(word) + " (registers seed " + registers + "): " + d);
            }
        }
        StringBuilder summary = new StringBuilder(String.format("%s: %d cases, %d compared, %d differ", group, cases,
                compared, differing));
        for (int e = 0; e < exclusions.length; e++) {
            summary.append(String.format(", %d excluded as %s", excluded[e], exclusions[e].name()));
        }
        System.out.println(summary);
        assertThat(compared).as("cases compared in %s", group).isGreaterThan(cases / 2);
        assertThat(differences).as(summary.toString()).isEmpty();
    }

    /** The word in hex, with llvm-mc's disassembly when llvm-mc-14 is installed (only to name failures). */
    static String disassemble(int word) {
        String hex = String.format("%08x", word);
        try {
            Process p = new ProcessBuilder("llvm-mc-14", "-disassemble", "-triple=aarch64",
                    "-mattr=+v8.2a,+crypto,+aes,+sha2,+sha3,+sm4,+fullfp16").redirectErrorStream(true).start();
            p.getOutputStream().write(String.format("0x%02x 0x%02x 0x%02x 0x%02x\n", word & 0xff, (word >>> 8) & 0xff,
                    (word >>> 16) & 0xff, word >>> 24).getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith(".text")) return hex + " " + t.replace('\t', ' ');
            }
        } catch (IOException | InterruptedException e) {
            // no disassembler: the hex word names the case
        }
        return hex;
    }
}
