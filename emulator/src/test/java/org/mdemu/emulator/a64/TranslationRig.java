package org.mdemu.emulator.a64;

import java.util.function.Consumer;
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

    /** Maps CODE and DATA as A64Rig does, writes words and the data pattern, sets pc, X28, SP and then setup. */
    static void load(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        m.memory().map(A64Rig.CODE, 0x10000, Prot.RX);
        m.memory().map(A64Rig.DATA, A64Rig.DATA_SIZE, Prot.RW);
        reload(m, words, setup);
    }

    /** As {@link #load} on a machine loaded before: registers zeroed, then words, data and registers set again. */
    static void reload(Machine m, int[] words, Consumer<CpuRegisters> setup) {
        CpuRegisters regs = m.cpu().registers();
        for (int i = 0; i < 31; i++) regs.setX(i, 0);
        regs.setNzcv(0);
        m.memory().privileged().write(A64Rig.CODE, bytes(words));
        m.memory().write(A64Rig.DATA, A64Rig.pattern());
        CpuRegisters r = m.cpu().registers();
        r.setPc(A64Rig.CODE);
        r.setX(28, A64Rig.DATA + A64Rig.DATA_SIZE / 2);
        r.setSp(A64Rig.DATA + A64Rig.DATA_SIZE - 256);
        setup.accept(r);
        m.cpu().setTrapHandler((cpu, svc) -> cpu.requestStop());
    }

    static byte[] bytes(int[] words) {
        byte[] code = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) for (int j = 0; j < 4; j++) code[4 * i + j] = (byte) (words[i] >>> (8 * j));
        return code;
    }

    static A64Rig.Snapshot snapshot(Machine m, CpuExit exit) {
        CpuRegisters r = m.cpu().registers();
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) x[i] = r.x(i);
        long[] v = new long[64];
        for (int i = 0; i < 32; i++) {
            long[] q = r.q(i);
            v[2 * i] = q[0];
            v[2 * i + 1] = q[1];
        }
        return new A64Rig.Snapshot(exit, r.pc(), x, r.sp(), r.nzcv() & 0xf0000000L, v, r.fpcr(), r.fpsr(), r.tpidr(),
                m.memory().read(A64Rig.DATA, (int) A64Rig.DATA_SIZE));
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
        return snapshot(m, exit);
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
