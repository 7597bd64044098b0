package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;

/**
 * Measures (run with -Dmdemu.bench=true): ns per guest instruction of a tight integer loop translated and
 * interpreted, and what a translation costs (time per region, class size).
 */
@EnabledIfSystemProperty(named = "mdemu.bench", matches = "true")
class TranslationBenchmark {
    /** Thread CPU time: the machine is shared, wall time would measure the neighbours. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** 100 M iterations of add/subs/b.ne: 300 M instructions. */
    private static final int[] TIGHT = {
        0xd2800000, // mov x0, #0
        0xd2a0bea1, // mov x1, #0x05f50000
        0xf29c2001, // movk x1, #0xe100   (x1 = 100 000 000)
        0x91000c00, // loop: add x0, x0, #3
        0xf1000421, // subs x1, x1, #1
        0x54ffffc1, // b.ne loop
    };

    private static double nsPerInstruction(int threshold, long iterations) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = threshold;
        int[] words = TIGHT.clone();
        words[1] = 0xd2a00001 | (int) (iterations >>> 16 & 0xffff) << 5; // movz x1, #iterations >> 16, lsl #16
        words[2] = 0xf2800001 | (int) (iterations & 0xffff) << 5; // movk x1, #iterations & 0xffff
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            long t0 = CPU.getCurrentThreadCpuTime();
            CpuExit exit = m.cpu().run(A64Rig.CODE + 4L * words.length, 0);
            long ns = CPU.getCurrentThreadCpuTime() - t0;
            assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
            long instructions = 3 + 3 * iterations;
            assertThat(m.cpu().registers().x(0)).isEqualTo(3 * iterations);
            return (double) ns / instructions;
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    @Test
    void tightIntegerLoop() {
        for (int round = 0; round < 3; round++) {
            // Hot at once: at the default threshold the first 50 passes are interpreted, which needs the interpreter.
            System.out.printf("translated: %.3f ns/instruction (300 M instructions, thread CPU time)%n",
                    nsPerInstruction(1, 100_000_000L));
        }
        System.out.printf("default threshold (interpreted until hot): %.3f ns/instruction (300 M instructions)%n",
                nsPerInstruction(-1, 100_000_000L));
        for (int round = 0; round < 3; round++) {
            System.out.printf("interpreted: %.3f ns/instruction (30 M instructions, thread CPU time)%n",
                    nsPerInstruction(Integer.MAX_VALUE, 10_000_000));
        }
    }

    @Test
    void translationCost() {
        Translator.Stats st = Translator.STATS;
        for (int round = 0; round < 3; round++) {
            long b0 = st.classBytes.get(), i0 = st.instructions.get(), r0 = st.regions.get();
            long cpu = 0;
            try (Machine m = new JavaMachine()) {
                TranslationRig.load(m, TranslationBenchmarkWords.MIXED, r -> {});
                Translator t = ((JavaCpu) m.cpu()).translator();
                for (int k = 0; k < 200; k++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    assertThat(t.translate(A64Rig.CODE, -1)).isNotNull();
                    cpu += CPU.getCurrentThreadCpuTime() - c0;
                }
            }
            long regions = st.regions.get() - r0;
            System.out.printf("translation: %d regions, %.1f us CPU each, %.0f bytes of class each, %.1f instructions"
                    + " each%n", regions, cpu / 1e3 / regions, (double) (st.classBytes.get() - b0) / regions,
                    (double) (st.instructions.get() - i0) / regions);
        }
    }
}
