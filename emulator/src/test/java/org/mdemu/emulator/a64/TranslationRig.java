package org.mdemu.emulator.a64;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * The translator's tests' ground, beside {@link A64Rig}: translation forced on (every entry hot at once), runs with a
 * chosen budget, and runs of the {@link Translator} alone on a Java machine's state.
 */
final class TranslationRig {
    private TranslationRig() {}

    /** Runs body with every pc hot at its first miss (threshold 1), restoring the default after. */
    static void translatingAtOnce(Runnable body) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try {
            body.run();
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    /** For {@code @ExtendWith}: each test runs with every pc hot at its first miss, as {@link #translatingAtOnce}. */
    static final class TranslatingAtOnce implements BeforeEachCallback, AfterEachCallback {
        private static final ExtensionContext.Namespace SAVED =
                ExtensionContext.Namespace.create(TranslatingAtOnce.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(SAVED).put("threshold", Translator.hotThresholdForTests);
            Translator.hotThresholdForTests = 1;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            Translator.hotThresholdForTests = context.getStore(SAVED).get("threshold", Integer.class);
        }
    }

    /** Maps CODE and DATA as A64Rig does, writes words and the data pattern, sets pc, X28, SP and then setup. */
    static void load(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        A64Rig.map(m);
        reload(m, words, setup);
    }

    /** As {@link #load} on a machine loaded before: registers zeroed, then words, data and registers set again. */
    static void reload(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        CpuRegisters regs = m.cpu().registers();
        for (int i = 0; i < 31; i++) regs.setX(i, 0);
        regs.setNzcv(0);
        A64Rig.place(m, words, setup);
    }

    /** Unicorn 2's state after running words for budget instructions (stop address: after the last word). */
    static A64Rig.Snapshot unicorn(int[] words, Consumer<CpuRegisters> setup, long budget) {
        return unicorn(words, setup, A64Rig.CODE + 4L * words.length, budget, false);
    }

    static A64Rig.Snapshot unicorn(int[] words, Consumer<CpuRegisters> setup, long stop, long budget, boolean rwx) {
        try (Machine m = UnicornMachine.unicorn2()) {
            return run(m, words, setup, stop, budget, rwx);
        }
    }

    /** The Java engine's state after running words for budget instructions, translation forced on. */
    static A64Rig.Snapshot java(int[] words, Consumer<CpuRegisters> setup, long budget) {
        return java(words, setup, A64Rig.CODE + 4L * words.length, budget, false);
    }

    static A64Rig.Snapshot java(int[] words, Consumer<CpuRegisters> setup, long stop, long budget, boolean rwx) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try (Machine m = new JavaMachine()) {
            return run(m, words, setup, stop, budget, rwx);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    private static A64Rig.Snapshot run(Machine m, int[] words, Consumer<CpuRegisters> setup, long stop, long budget,
            boolean rwx) {
        load(m, words, setup);
        if (rwx) m.memory().protect(A64Rig.CODE, 0x10000, Prot.RWX);
        CpuExit exit = m.cpu().run(stop, budget);
        return A64Rig.snapshot(m, exit);
    }

    /** Both engines from the same state: the Java engine's snapshot; fails naming the first difference. */
    static A64Rig.Snapshot assertSame(int[] words, Consumer<CpuRegisters> setup, long stop, long budget, boolean rwx) {
        A64Rig.Snapshot j = java(words, setup, stop, budget, rwx);
        A64Rig.Snapshot u = unicorn(words, setup, stop, budget, rwx);
        org.assertj.core.api.Assertions.assertThat(j.difference(u)).as("Java engine vs Unicorn 2 on %s",
                A64Rig.hex(words)).isNull();
        return j;
    }
}
