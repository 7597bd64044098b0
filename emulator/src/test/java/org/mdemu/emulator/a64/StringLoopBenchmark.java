package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;

/**
 * Measures (run with -Dmdemu.bench=true) the word-at-a-time strlen loop of the hot routines (hot-routines.so) over
 * 64 KiB and the 128-byte LDP/STP Q loop of its memcpy over 32 KiB, 500 times each: MB/s and ns per guest
 * instruction, translated at once, thread CPU time.
 */
@EnabledIfSystemProperty(named = "mdemu.bench", matches = "true")
class StringLoopBenchmark {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final int[] STRLEN_64K = {
        0xd2803e94, // mov x20, #500
        0xd1002388, // outer: sub x8, x28, #8
        0xb207dbe9, // mov x9, #-72340172838076674
        0xf29fdfe9, // movk x9, #65279
        0xf8408d0a, // inner: ldr x10, [x8, #8]!
        0x8b09014b, // add x11, x10, x9
        0x8a2a016b, // bic x11, x11, x10
        0xf201c17f, // tst x11, #0x8080808080808080
        0x54ffff80, // b.eq inner
        0xf1000694, // subs x20, x20, #1
        0x54fffee1, // b.ne outer
    };

    private static final int[] MEMCPY_32K = {
        0xd2803e94, // mov x20, #500
        0x9101038c, // outer: add x12, x28, #64
        0x9101036d, // add x13, x27, #64
        0xd280800e, // mov x14, #1024
        0xad7f0181, // loop: ldp q1, q0, [x12, #-32]
        0xf10011ce, // subs x14, x14, #4
        0xad7e0983, // ldp q3, q2, [x12, #-64]
        0xad3f01a1, // stp q1, q0, [x13, #-32]
        0xad410181, // ldp q1, q0, [x12, #32]
        0xad3e09a3, // stp q3, q2, [x13, #-64]
        0xacc40983, // ldp q3, q2, [x12], #128
        0xad0101a1, // stp q1, q0, [x13, #32]
        0xac8409a3, // stp q3, q2, [x13], #128
        0x54fffee1, // b.ne loop
        0xf1000694, // subs x20, x20, #1
        0x54fffe41, // b.ne outer
    };

    @Test
    void memcpyOf32KiB() {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try {
            for (int round = 0; round < 5; round++) {
                try (Machine m = new JavaMachine()) {
                    TranslationRig.load(m, MEMCPY_32K, r -> {
                        r.setX(28, A64Rig.DATA);
                        r.setX(27, A64Rig.DATA + A64Rig.DATA_SIZE / 2);
                    });
                    long t0 = CPU.getCurrentThreadCpuTime();
                    CpuExit exit = m.cpu().run(A64Rig.CODE + 4L * MEMCPY_32K.length, 0);
                    long ns = CPU.getCurrentThreadCpuTime() - t0;
                    assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
                    assertThat(m.cpu().registers().x(13)).isEqualTo(A64Rig.DATA + A64Rig.DATA_SIZE + 64);
                    long instructions = 500L * (3 + 10 * 256 + 2);
                    System.out.printf("memcpy 32 KiB x 500: %.0f MB/s, %.3f ns/instruction (thread CPU time)%n",
                            500.0 * A64Rig.DATA_SIZE / 2 / ns * 1e3, (double) ns / instructions);
                }
            }
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    @Test
    void strlenOver64KiB() {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try {
            for (int round = 0; round < 5; round++) {
                try (Machine m = new JavaMachine()) {
                    TranslationRig.load(m, STRLEN_64K, r -> r.setX(28, A64Rig.DATA));
                    byte[] text = new byte[(int) A64Rig.DATA_SIZE];
                    Arrays.fill(text, (byte) 'x');
                    text[text.length - 1] = 0;
                    m.memory().write(A64Rig.DATA, text);
                    long t0 = CPU.getCurrentThreadCpuTime();
                    CpuExit exit = m.cpu().run(A64Rig.CODE + 4L * STRLEN_64K.length, 0);
                    long ns = CPU.getCurrentThreadCpuTime() - t0;
                    assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
                    assertThat(m.cpu().registers().x(8)).isEqualTo(A64Rig.DATA + A64Rig.DATA_SIZE - 8);
                    long instructions = 500L * (3 + 5 * (A64Rig.DATA_SIZE / 8) + 2);
                    System.out.printf("strlen 64 KiB x 500: %.0f MB/s, %.3f ns/instruction (thread CPU time)%n",
                            500.0 * A64Rig.DATA_SIZE / ns * 1e3, (double) ns / instructions);
                }
            }
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }
}
