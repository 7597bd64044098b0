package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;

/**
 * Measures (run with -Dmdemu.bench=true) what FP/SIMD code costs translated and interpreted: a 4x4 dgemm-like
 * micro-kernel loop of LDP q / FMLA by element / LDR q / FADD / PRFM / STR q (ns per guest instruction), and the class
 * size of an OpenBLAS-like 256-instruction region compiled in one piece.
 */
@EnabledIfSystemProperty(named = "mdemu.bench", matches = "true")
class FpTranslationBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** 16 instructions an iteration; x2 iterations (set by movz/movk at words 3 and 4). */
    static final int[] KERNEL = {
        0xaa1c03e0, // mov x0, x28
        0x91040381, // add x1, x28, #256
        0x91080383, // add x3, x28, #512
        0xd2800002, // mov x2, #0
        0xf2a00202, // movk x2, #16, lsl #16
        0xad400400, // loop: ldp q0, q1, [x0]
        0xad400c22, // ldp q2, q3, [x1]
        0x4fc21010, // fmla v16.2d, v0.2d, v2.d[0]
        0x4fc21031, // fmla v17.2d, v1.2d, v2.d[0]
        0x4fc21812, // fmla v18.2d, v0.2d, v2.d[1]
        0x4fc21833, // fmla v19.2d, v1.2d, v2.d[1]
        0x4fc31014, // fmla v20.2d, v0.2d, v3.d[0]
        0x4fc31035, // fmla v21.2d, v1.2d, v3.d[0]
        0x4fc31816, // fmla v22.2d, v0.2d, v3.d[1]
        0x4fc31837, // fmla v23.2d, v1.2d, v3.d[1]
        0x3dc00824, // ldr q4, [x1, #32]
        0x4e64d718, // fadd v24.2d, v24.2d, v4.2d
        0xf9808000, // prfm pldl1keep, [x0, #256]
        0x3d800078, // str q24, [x3]
        0xf1000442, // subs x2, x2, #1
        0x54fffe21, // b.ne loop
    };

    private static double nsPerInstruction(int threshold, int iterations) {
        return nsPerInstruction(KERNEL, threshold, iterations);
    }

    private static double nsPerInstruction(int[] kernel, int threshold, int iterations) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = threshold;
        int[] words = kernel.clone();
        words[3] = 0xd2800002 | (iterations & 0xffff) << 5; // movz x2, #iterations & 0xffff
        words[4] = 0xf2a00002 | (iterations >>> 16 & 0xffff) << 5; // movk x2, #iterations >> 16, lsl #16
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            byte[] ones = new byte[1024];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(ones).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 128; i++) b.putDouble(8 * i, 1.0 / (i + 1)); // ordinary doubles, no NaN
            m.memory().write(A64Rig.DATA + A64Rig.DATA_SIZE / 2, ones);
            long t0 = CPU.getCurrentThreadCpuTime();
            CpuExit exit = m.cpu().run(A64Rig.CODE + 4L * words.length, 0);
            long ns = CPU.getCurrentThreadCpuTime() - t0;
            assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(m.cpu().registers().x(2)).isZero();
            return (double) ns / (5 + 16L * iterations);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    @Test
    void dgemmMicroKernel() {
        for (int round = 0; round < 3; round++) {
            System.out.printf("fp kernel translated: %.3f ns/instruction (16 M instructions, thread CPU time)%n",
                    nsPerInstruction(1, 1 << 20));
        }
        int[] noFmla = KERNEL.clone();
        java.util.Arrays.fill(noFmla, 7, 15, 0xd503201f); // the eight FMLA as NOP: what the rest costs
        for (int round = 0; round < 2; round++) {
            System.out.printf("fp kernel, FMLA replaced by NOP, translated: %.3f ns/instruction%n",
                    nsPerInstruction(noFmla, 1, 1 << 20));
        }
        for (int round = 0; round < 2; round++) {
            System.out.printf("fp kernel interpreted: %.3f ns/instruction (4 M instructions, thread CPU time)%n",
                    nsPerInstruction(Integer.MAX_VALUE, 1 << 18));
        }
    }

    /**
     * 256 instructions: 28 ADDs touching x0..x27, then LDP q (post-index on x0..x27 in turn) and FMLA in a 1:3 ratio,
     * as OpenBLAS's dgemm kernel has them.
     */
    static int[] openBlasLikeRegion() {
        int[] words = new int[256];
        for (int i = 0; i < 256; i++) {
            if (i < 28) words[i] = 0x91000400 | i << 5 | i; // add x(i), x(i), #1
            else if (i % 4 == 0) words[i] = 0xacc10400 | (i % 28) << 5; // ldp q0, q1, [x(i%28)], #32
            else words[i] = 0x4e22cc20 | (i % 8) << 16 | (16 + i % 8); // fmla v(16+i%8).2d, v1.2d, v(i%8).2d
        }
        return words;
    }

    @Test
    void openBlasLikeRegionSize() {
        int[] words = openBlasLikeRegion();
        RegionCompiler c = new RegionCompiler(RegionBuilder.plan(0x10000, words, words.length));
        String size;
        try {
            size = c.compile().length + " bytes of class";
        } catch (org.objectweb.asm.MethodTooLargeException e) {
            size = "method too large (" + e.getCodeSize() + " bytes of bytecode)";
        }
        System.out.printf("OpenBLAS-like region (256 instructions: 28 ADD, 57 LDP q, 171 FMLA): %s,"
                + " %d generic interpreter calls, %d calls of a group's entry%n", size, c.fallbacks, c.interpreterCalls);
    }
}
