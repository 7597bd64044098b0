package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CyclicBarrier;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * Four host threads, each on its own core of one {@code JavaMachine(4)}, increment one shared counter N times each with
 * every kind of read-modify-write the engine has; the counter must end at exactly 4 x N. A load-then-store
 * implementation loses increments here (two cores read the same old value), and a byte atomic done on its whole word
 * clobbers its neighbours' increments. Each variant runs interpreted (translation off) and with the translator on at
 * its default threshold (the loops get hot after 500 passes; translated code calls the interpreter for these
 * instructions, which must stay atomic there too).
 */
class MultiCoreAtomicsTest {
    private static final int CORES = 4, N = 200_003, ROUNDS = 2;
    private static final long CODE = 0x10000, DATA = 0x100000, COUNTER = DATA + 0x100;

    enum Mode {
        INTERPRETED(Integer.MAX_VALUE), TRANSLATED(Translator.DEFAULT_HOT);

        final int threshold;

        Mode(int threshold) {
            this.threshold = threshold;
        }
    }

    /** X0: counter, X1: N, X2: 1. */
    private static final int[] LDADD = {
        0xf8220003, // loop: ldadd x2, x3, [x0]
        0xf1000421, // subs x1, x1, #1
        0x54ffffc1, // b.ne loop
    };

    private static final int[] EXCLUSIVE = {
        0xc85f7c03, // loop: ldxr x3, [x0]
        0x91000463, // add x3, x3, #1
        0xc8047c03, // stxr w4, x3, [x0]
        0x35ffffa4, // cbnz w4, loop
        0xf1000421, // subs x1, x1, #1
        0x54ffff61, // b.ne loop
    };

    private static final int[] CAS = {
        0xf9400003, // loop: ldr x3, [x0]
        0x91000464, // retry: add x4, x3, #1
        0xaa0303e5, // mov x5, x3
        0xc8a57c04, // cas x5, x4, [x0]
        0xeb0300bf, // cmp x5, x3
        0xaa0503e3, // mov x3, x5
        0x54ffff61, // b.ne retry
        0xf1000421, // subs x1, x1, #1
        0x54ffff01, // b.ne loop
    };

    /** X0: the shared byte, X6: this core's own byte (the shared one's neighbours). */
    private static final int[] LDADDB = {
        0x38220003, // loop: ldaddb w2, w3, [x0]
        0x382200c3, // ldaddb w2, w3, [x6]
        0xf1000421, // subs x1, x1, #1
        0x54ffffa1, // b.ne loop
    };

    /** A 128-bit counter (low, high) at X0 incremented with carry. */
    private static final int[] CASP = {
        0xa9401404, // loop: ldp x4, x5, [x0]
        0xb1000486, // retry: adds x6, x4, #1
        0x9a1f00a7, // adc x7, x5, xzr
        0xaa0403e8, // mov x8, x4
        0xaa0503e9, // mov x9, x5
        0x4864fc06, // caspal x4, x5, x6, x7, [x0]
        0xeb08009f, // cmp x4, x8
        0xfa4900a0, // ccmp x5, x9, #0, eq
        0x54ffff21, // b.ne retry
        0xf1000421, // subs x1, x1, #1
        0x54fffec1, // b.ne loop
    };

    /** A 64-bit counter as two words (low, high) at X0, incremented with carry by a CASP of W registers. */
    private static final int[] CASP_W = {
        0x29401404, // loop: ldp w4, w5, [x0]
        0x31000486, // retry: adds w6, w4, #1
        0x1a1f00a7, // adc w7, w5, wzr
        0x2a0403e8, // mov w8, w4
        0x2a0503e9, // mov w9, w5
        0x0864fc06, // caspal w4, w5, w6, w7, [x0]
        0x6b08009f, // cmp w4, w8
        0x7a4900a0, // ccmp w5, w9, #0, eq
        0x54ffff21, // b.ne retry
        0xf1000421, // subs x1, x1, #1
        0x54fffec1, // b.ne loop
    };

    private static final int[] EXCLUSIVE_PAIR = {
        0xc87f9404, // loop: ldaxp x4, x5, [x0]
        0xb1000484, // adds x4, x4, #1
        0x9a1f00a5, // adc x5, x5, xzr
        0xc8239404, // stlxp w3, x4, x5, [x0]
        0x35ffff83, // cbnz w3, loop
        0xf1000421, // subs x1, x1, #1
        0x54ffff41, // b.ne loop
    };

    /**
     * The translated half of these tests is only as good as this: translated code runs every atomic, exclusive and
     * ordered access and every barrier through the interpreter's entry (so through {@link Atomics} and its fences),
     * never an inline load-then-store. A translator that inlines one of them must keep it atomic and change this list.
     */
    @Test
    void translatedCodeRunsAtomicsOrderedAccessesAndBarriersThroughTheInterpreter() {
        int[] words = {
            0xf8220003, // ldadd x2, x3, [x0]
            0x38220003, // ldaddb w2, w3, [x0]
            0xf8e28003, // swpal x2, x3, [x0]
            0xc8a57c04, // cas x5, x4, [x0]
            0x4864fc06, // caspal x4, x5, x6, x7, [x0]
            0xc85f7c03, // ldxr x3, [x0]
            0xc8047c03, // stxr w4, x3, [x0]
            0xc87f9404, // ldaxp x4, x5, [x0]
            0xc8239404, // stlxp w3, x4, x5, [x0]
            0xc8dffc03, // ldar x3, [x0]
            0xc89ffc03, // stlr x3, [x0]
            0xd5033bbf, // dmb ish
            0xd5033f9f, // dsb sy
            0xd5033fdf, // isb
            0xd5033f5f, // clrex
        };
        assertThat(RegionCompiler.inlines(0xf9400003)).as("ldr x3, [x0]: a plain load is inlined").isTrue();
        for (int word : words) {
            assertThat(RegionCompiler.inlines(word)).as("0x%08x inlined", word).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ldaddCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(counter64(mode, LDADD)).as("round %d", round).isEqualTo((long) CORES * N);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exclusiveRetryLoopCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(counter64(mode, EXCLUSIVE)).as("round %d", round).isEqualTo((long) CORES * N);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void casRetryLoopCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(counter64(mode, CAS)).as("round %d", round).isEqualTo((long) CORES * N);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void byteAtomicsCountEveryIncrementAndKeepTheirNeighbours(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // The shared byte at COUNTER; core i's own byte at COUNTER + 1 + i: three in the shared byte's word.
            byte[] bytes = run(mode, LDADDB, 8, (r, core) -> r.setX(6, COUNTER + 1 + core));
            byte[] expected = new byte[8];
            expected[0] = (byte) (CORES * N);
            for (int core = 0; core < CORES; core++) expected[1 + core] = (byte) N;
            assertThat(bytes).as("round %d: shared byte, then each core's own", round).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pairCompareAndSwapCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(counter128(mode, CASP)).as("round %d", round).isEqualTo(new long[] {2L * N, 6});
        }
    }

    /** The two words start at (2^32 - 2N, 5): the 4N increments carry into the high word midway, ending (2N, 6). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void wordPairCompareAndSwapCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] start = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(-2 * N).putInt(5).array();
            byte[] b = run(mode, CASP_W, start, (r, core) -> {});
            long counter = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(counter).as("round %d", round).isEqualTo(6L << 32 | 2L * N);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exclusivePairRetryLoopCountsEveryIncrement(Mode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(counter128(mode, EXCLUSIVE_PAIR)).as("round %d", round).isEqualTo(new long[] {2L * N, 6});
        }
    }

    private static long counter64(Mode mode, int[] words) throws Exception {
        byte[] b = run(mode, words, 8, (r, core) -> {});
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The 128-bit counter starts at (-2N, 5), so the 4N increments carry into its high half midway: (2N, 6). */
    private static long[] counter128(Mode mode, int[] words) throws Exception {
        byte[] start = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(-2L * N).putLong(5).array();
        byte[] b = run(mode, words, start, (r, core) -> {});
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {bb.getLong(), bb.getLong()};
    }

    private static byte[] run(Mode mode, int[] words, int counterBytes, ObjIntConsumer<CpuRegisters> setup)
            throws Exception {
        return run(mode, words, new byte[counterBytes], setup);
    }

    /**
     * Runs words from CODE to their end on CORES host threads at once, each on its own core (X0 = COUNTER, X1 = N,
     * X2 = 1, then setup), COUNTER starting as start; returns COUNTER's bytes after.
     */
    private static byte[] run(Mode mode, int[] words, byte[] start, ObjIntConsumer<CpuRegisters> setup)
            throws Exception {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = mode.threshold;
        long regionsBefore = Translator.STATS.regions.get();
        try (JavaMachine machine = new JavaMachine(CORES)) {
            Translator.hotThresholdForTests = saved; // read once, by the machine's translator
            GuestMemory memory = machine.memory();
            memory.map(CODE, 0x10000, Prot.RX);
            memory.map(DATA, 0x10000, Prot.RW);
            memory.privileged().write(CODE, A64Rig.bytes(words));
            memory.write(COUNTER, start);
            CyclicBarrier together = new CyclicBarrier(CORES);
            CpuExit[] exits = new CpuExit[CORES];
            Throwable[] failures = new Throwable[CORES];
            Thread[] threads = new Thread[CORES];
            for (int i = 0; i < CORES; i++) {
                int core = i;
                threads[i] = new Thread(() -> {
                    try {
                        CpuRegisters r = machine.cpu().registers(); // this thread's own core
                        r.setPc(CODE);
                        r.setX(0, COUNTER);
                        r.setX(1, N);
                        r.setX(2, 1);
                        setup.accept(r, core);
                        together.await();
                        exits[core] = machine.cpu().run(CODE + 4L * words.length, 0);
                    } catch (Throwable t) {
                        failures[core] = t;
                    }
                }, "core " + i);
                threads[i].start();
            }
            for (Thread t : threads) t.join();
            for (int i = 0; i < CORES; i++) {
                assertThat(failures[i]).as("core %d", i).isNull();
                assertThat(exits[i]).as("core %d", i).isInstanceOf(CpuExit.ReachedStopAddress.class);
            }
            if (mode == Mode.TRANSLATED) {
                assertThat(Translator.STATS.regions.get()).as("regions translated").isGreaterThan(regionsBefore);
            }
            return memory.read(COUNTER, start.length);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }
}
