package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * Random words from each top-level encoding group of A64 (op0, bits 28:25), run on the Java engine and on Unicorn 2
 * from the same random state, with a third of the registers pointing into the data region so that loads and stores
 * reach memory. Every word must end the same way on both: the same registers, flags, FPSR and memory, or the same
 * fault. Words on which Unicorn 2 would abort the process ({@link A64Rig#unicorn2Aborts}) are not drawn. The one tolerated difference is an encoding of a feature this engine does not report in AT_HWCAP (Unicorn 2
 * emulates a newer CPU): {@link UnreportedFeatures} names them, and any other word the Java engine refuses fails the
 * test. The words and outcomes go to target/instruction-sweep-GROUP.txt. Cases per group: {@code -Dmdemu.diff.cases}.
 */
class InstructionSpaceSweepTest {
    private static final int CASES = Integer.getInteger("mdemu.diff.cases", 1500);

    /** The groups, as the fixed bits of op0 and the mask that leaves the rest random. */
    enum Group {
        DATA_PROCESSING_IMMEDIATE(0x10000000, 0x1c000000),
        BRANCHES_SYSTEM(0x14000000, 0x1c000000),
        LOADS_STORES(0x08000000, 0x0a000000),
        DATA_PROCESSING_REGISTER(0x0a000000, 0x0e000000),
        SCALAR_FP(0x1e000000, 0x5f000000),
        ADVANCED_SIMD(0x0e000000, 0x0e000000);

        final int pattern, mask;

        Group(int pattern, int mask) {
            this.pattern = pattern;
            this.mask = mask;
        }

        int draw(Random r) {
            while (true) {
                int w = (r.nextInt() & ~mask) | pattern;
                if (this == ADVANCED_SIMD && (w & 0x5f000000) == 0x1e000000) continue; // that is SCALAR_FP's
                if (A64Rig.unicorn2Aborts(w)) continue;
                return w;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Group.class)
    void everyWordEndsTheSameOnBothEnginesOrIsAnUnreportedFeature(Group group) throws IOException {
        Random random = new Random(0x5eed0000L + group.ordinal());
        List<String> differences = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        StringBuilder log = new StringBuilder();
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < CASES; i++) {
                int word = group.draw(random);
                long seed = random.nextLong();
                A64Rig.Snapshot[] both = pair.runBoth(new int[] {word}, regs -> pointIntoData(regs, seed));
                String outcome = classify(word, both[0], both[1], differences);
                outcomes.merge(outcome, 1, Integer::sum);
                log.append(String.format("%08x %s%n", word, outcome));
            }
        }
        Path report = Path.of("target", "instruction-sweep-" + group.name().toLowerCase() + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, outcomes + "\n" + log);
        assertThat(differences).as("%s: outcomes %s; first differences", group, outcomes)
                .isEmpty();
    }

    private static String classify(int word, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, List<String> differences) {
        boolean javaRefused = undefined(java.exit()), unicornRefused = undefined(unicorn.exit());
        if (javaRefused && unicornRefused) return "undefined";
        if (javaRefused) {
            if (UnreportedFeatures.matches(word)) return "unreported-feature";
            note(differences, String.format("%08x: the Java engine refuses it, Unicorn 2 executes it", word));
            return "java-refuses";
        }
        if (unicornRefused) {
            note(differences, String.format("%08x: the Java engine executes it, Unicorn 2 refuses it", word));
            return "unicorn-refuses";
        }
        String d = java.difference(unicorn);
        if (d != null) {
            note(differences, String.format("%08x: %s", word, d));
            return "different";
        }
        return java.exit() instanceof CpuExit.Fault ? "same-fault" : "same";
    }

    private static void note(List<String> differences, String what) {
        if (differences.size() < 40) differences.add(what);
    }

    private static boolean undefined(CpuExit exit) {
        return exit instanceof CpuExit.Fault f && f.kind() == CpuExit.FaultKind.UNDEFINED_INSTRUCTION;
    }

    /** Random operands, then about a third of the general registers pointed into DATA near its middle. */
    private static void pointIntoData(CpuRegisters regs, long seed) {
        Random r = new Random(seed);
        A64Rig.randomize(regs, r);
        for (int i = 0; i < 31; i++) {
            if (r.nextInt(3) == 0) regs.setX(i, A64Rig.DATA + A64Rig.DATA_SIZE / 2 + 16L * (r.nextInt(64) - 32));
        }
    }
}
