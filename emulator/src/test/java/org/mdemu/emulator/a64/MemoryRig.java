package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiConsumer;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;

/** Directed load/store cases: fixed registers, a setup that may also change the machine (protections), both engines. */
final class MemoryRig {
    private MemoryRig() {}

    /** X0-X27, X29, X30 and every vector register set to distinct, recognisable values. */
    static void fixed(CpuRegisters r) {
        for (int i = 0; i < 31; i++) if (i != 28) r.setX(i, 0x0123456789abcdefL * (i + 1) ^ 0x8080808080808080L);
        for (int i = 0; i < 32; i++) {
            r.setQ(i, 0x1111111111111111L * (i % 15 + 1) ^ 0x80f1e2d3c4b5a697L, ~(long) i << 40 | i);
        }
    }

    /** The snapshot of words on a fresh machine from the fixed registers, then setup. */
    static A64Rig.Snapshot run(Machine m, int[] words, BiConsumer<Machine, CpuRegisters> setup) {
        try (m) {
            return A64Rig.run(m, words, r -> {
                fixed(r);
                setup.accept(m, r);
            });
        }
    }

    static A64Rig.Snapshot java(int[] words, BiConsumer<Machine, CpuRegisters> setup) {
        return run(new JavaMachine(), words, setup);
    }

    static A64Rig.Snapshot unicorn2(int[] words, BiConsumer<Machine, CpuRegisters> setup) {
        return run(UnicornMachine.unicorn2(), words, setup);
    }

    /** Runs words on both engines; fails naming the first difference; the Java engine's snapshot. */
    static A64Rig.Snapshot assertSameAsUnicorn2(int[] words, BiConsumer<Machine, CpuRegisters> setup) {
        A64Rig.Snapshot java = java(words, setup);
        assertThat(java.difference(unicorn2(words, setup))).as("Java engine vs Unicorn 2 on %s", A64Rig.hex(words))
                .isNull();
        return java;
    }

    static A64Rig.Snapshot assertSameAsUnicorn2(int word, BiConsumer<Machine, CpuRegisters> setup) {
        return assertSameAsUnicorn2(new int[] {word}, setup);
    }

    /**
     * As {@link #assertSameAsUnicorn2} for one word, but where the Java engine faulted having changed nothing, Unicorn
     * 2 may have performed the first parts of the access ({@link Unicorn2Departures#wroteBeforeFault}).
     */
    static A64Rig.Snapshot assertSameAsUnicorn2ExceptPartialWrites(int word, BiConsumer<Machine, CpuRegisters> setup) {
        int[] words = {word};
        A64Rig.Snapshot java = java(words, setup), unicorn = unicorn2(words, setup);
        if (!Unicorn2Departures.wroteBeforeFault(java, unicorn, before(setup))) {
            assertThat(java.difference(unicorn)).as("Java engine vs Unicorn 2 on %s", A64Rig.hex(words)).isNull();
        }
        return java;
    }

    /** The registers fixed() and setup leave, as a snapshot of a machine that ran nothing. */
    static A64Rig.Snapshot before(BiConsumer<Machine, CpuRegisters> setup) {
        return java(new int[0], setup);
    }

    /** Asserts that exit is a fault of kind at address, raised by the instruction at index. */
    static void assertFault(A64Rig.Snapshot s, CpuExit.FaultKind kind, long address, int index) {
        assertThat(s.exit()).isInstanceOf(CpuExit.Fault.class);
        CpuExit.Fault f = (CpuExit.Fault) s.exit();
        assertThat(f.kind()).as("fault kind").isEqualTo(kind);
        assertThat(f.pc()).as("fault pc").isEqualTo(A64Rig.CODE + 4L * index);
        if (address != -1) assertThat(f.faultAddress()).as("fault address").isEqualTo(address);
    }

    /** Asserts that after has every register and every byte of DATA as before. */
    static void assertUnchanged(A64Rig.Snapshot after, A64Rig.Snapshot before) {
        A64Rig.Snapshot same = new A64Rig.Snapshot(before.exit(), after.pc(), after.x(), after.sp(), after.nzcv(),
                after.v(), after.fpcr(), after.fpsr(), after.tpidr(), after.data());
        assertThat(same.difference(before)).isNull();
    }
}
