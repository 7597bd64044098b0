package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/** Translations never run stale code: guest stores into their own region, kernel writes, mprotect, unmap, remap. */
@ExtendWith(TranslationRig.TranslatingAtOnce.class)
class SelfModifyingCodeTest {
    private static final int[] SUM = {
        0xd2800000, // mov x0, #0
        0xd2800c81, // mov x1, #100
        0x8b010000, // add x0, x0, x1
        0xf1000421, // subs x1, x1, #1
        0x54ffffc1, // b.ne #-8
    };
    private static final int ADD_SHIFTED = 0x8b010400; // add x0, x0, x1, lsl #1
    private static final long END = A64Rig.CODE + 4L * SUM.length;

    /**
     * Without cache maintenance the architecture lets a CPU fetch either word; this engine promises the new one (a
     * store leaves the region at once). Unicorn 2 runs the stale word from its translation block (x0 = 101): the
     * engine's own answer is tested here.
     */
    @Test
    void aRegionRewritingItsNextInstructionRunsTheNewOne() {
        int[] words = {
            0x10000081, // adr x1, target
            0x5280a802, // mov w2, #0x0540
            0x72ba5002, // movk w2, #0xd280, lsl #16   (w2 = mov x0, #42)
            0xb9000022, // str w2, [x1]
            0xd2800020, // target: mov x0, #1
            0x91019000, // add x0, x0, #100
        };
        long invalidationsBefore = Translator.STATS.regions.get();
        A64Rig.Snapshot s = TranslationRig.java(words, r -> {}, A64Rig.CODE + 24, 10_000, true);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[0]).isEqualTo(142);
        assertThat(s.x()[2]).isEqualTo(0xd2800540L);
        assertThat(Translator.STATS.regions.get() - invalidationsBefore).as("the region, then the rewritten rest").isEqualTo(2);
    }

    @Test
    void aLoopRewritingItsOwnBodyRunsTheNewBodyFromTheNextIteration() {
        int[] words = {
            0xd2800003, // mov x3, #0
            0xd2800144, // mov x4, #10
            0x91000463, // loop: add x3, x3, #1
            0xf100189f, // cmp x4, #6
            0x540000a1, // b.ne skip
            0x10ffffa1, // adr x1, loop
            0x52920c62, // mov w2, #0x9063
            0x72b22022, // movk w2, #0x9101, lsl #16   (w2 = add x3, x3, #100)
            0xb9000022, // str w2, [x1]
            0xf1000484, // skip: subs x4, x4, #1
            0x54ffff01, // b.ne loop
        };
        long regionsBefore = Translator.STATS.regions.get();
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {}, A64Rig.CODE + 44, 10_000, true);
        assertThat(s.x()[3]).isEqualTo(505);
        assertThat(Translator.STATS.regions.get() - regionsBefore).as("regions (the rewritten loop again)").isGreaterThan(1);
    }

    private static long sum(Machine m) {
        CpuRegisters r = m.cpu().registers();
        r.setPc(A64Rig.CODE);
        CpuExit exit = m.cpu().run(END, 0);
        assertThat(exit).isInstanceOf(CpuExit.ReachedStopAddress.class);
        return r.x(0);
    }

    private static TranslationCache cache(Machine m) {
        return ((JavaCpu) m.cpu()).translator().cache();
    }

    @Test
    void codeTheKernelRewritesBetweenRunsIsTranslatedAnew() {
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(sum(m)).isEqualTo(5050);
            assertThat(cache(m).size()).isPositive();
            m.memory().privileged().write(A64Rig.CODE + 8, A64Rig.bytes(new int[] {ADD_SHIFTED}));
            assertThat(cache(m).invalidations()).isPositive();
            assertThat(sum(m)).isEqualTo(10100);
        }
    }

    @Test
    void codeLosingExecFaultsOnFetchAndRunsAgainWhenExecutable() {
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(sum(m)).isEqualTo(5050);
            m.memory().protect(A64Rig.CODE, 0x10000, Prot.RW);
            m.cpu().registers().setPc(A64Rig.CODE);
            CpuExit exit = m.cpu().run(END, 0);
            assertThat(exit).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
                assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.FETCH_PROT);
                assertThat(f.pc()).isEqualTo(A64Rig.CODE);
            });
            m.memory().protect(A64Rig.CODE, 0x10000, Prot.RX);
            assertThat(sum(m)).isEqualTo(5050);
        }
    }

    @Test
    void writeXorExecuteFlipsRunTheCodeLastWritten() {
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(sum(m)).isEqualTo(5050);
            m.memory().protect(A64Rig.CODE, 0x10000, Prot.RW);
            m.memory().write(A64Rig.CODE + 8, A64Rig.bytes(new int[] {ADD_SHIFTED}));
            m.memory().protect(A64Rig.CODE, 0x10000, Prot.RX);
            assertThat(sum(m)).isEqualTo(10100);
        }
    }

    @Test
    void unmappedCodeFaultsOnFetch() {
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(sum(m)).isEqualTo(5050);
            m.memory().unmap(A64Rig.CODE, 0x10000);
            m.cpu().registers().setPc(A64Rig.CODE);
            assertThat(m.cpu().run(END, 0)).isInstanceOfSatisfying(CpuExit.Fault.class,
                    f -> assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.FETCH_UNMAPPED));
        }
    }

    /** mmap(MAP_FIXED) over translated code: PagedMemory tells the watcher about the replaced page (shared change). */
    @Test
    void codeMappedOverTranslatedCodeRuns() {
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(sum(m)).isEqualTo(5050);
            m.memory().map(A64Rig.CODE, 0x10000, Prot.RX);
            int[] changed = SUM.clone();
            changed[2] = ADD_SHIFTED;
            m.memory().privileged().write(A64Rig.CODE, A64Rig.bytes(changed));
            assertThat(sum(m)).isEqualTo(10100);
        }
    }
}
