package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

/**
 * Translated loads and stores check an instruction's whole access once (against the page of the run's previous load
 * or store, then the page cache) and then touch the page's bytes directly: the results match Unicorn 2 for every size
 * and pair, and a page whose permission changes, which is unmapped, or which gets a watchpoint after the loop has run
 * (its pages cached), or while it runs, still faults or stops at the next access, the registers as after the last
 * completed instruction.
 */
@ExtendWith(TranslationRig.TranslatingAtOnce.class)
class TranslatedMemoryAccessTest {
    private static final long SRC = A64Rig.DATA + A64Rig.DATA_SIZE / 2, DST = SRC + 1024;
    static final int[] QUAD_COPY = {
        0xaa1c03e0, // mov x0, x28
        0x91100381, // add x1, x28, #1024
        0xd2800202, // mov x2, #16
        0xacc10400, // loop: ldp q0, q1, [x0], #32
        0xac810420, // stp q0, q1, [x1], #32
        0xf1000442, // subs x2, x2, #1
        0x54ffffa1, // b.ne loop
    };
    static final int[] MIXED = {
        0xaa1c03e0, // mov x0, x28
        0x91100381, // add x1, x28, #1024
        0xd2800202, // mov x2, #16
        0x38401c03, // loop: ldrb w3, [x0, #1]!
        0x79000423, // strh w3, [x1, #2]
        0xbd400404, // ldr s4, [x0, #4]
        0xfc008424, // str d4, [x1], #8
        0x69401805, // ldpsw x5, x6, [x0]
        0x293f1825, // stp w5, w6, [x1, #-8]
        0xf1000442, // subs x2, x2, #1
        0x54ffff21, // b.ne loop
    };
    private static final long QUAD_END = A64Rig.CODE + 4L * QUAD_COPY.length;
    private static final long LOAD_PC = A64Rig.CODE + 12, STORE_PC = A64Rig.CODE + 16;

    @Test
    void aQuadPairCopyLoopEndsAsOnUnicorn2() {
        TranslationRig.assertSame(QUAD_COPY, r -> {}, QUAD_END, 100_000, false);
    }

    @Test
    void aLoopOfEverySizeAndSignEndsAsOnUnicorn2() {
        TranslationRig.assertSame(MIXED, r -> {}, A64Rig.CODE + 4L * MIXED.length, 100_000, false);
    }

    /** A machine that ran the copy loop once, translated, so its pages sit in the page cache; then reloaded. */
    private static Machine warmed() {
        Machine m = new JavaMachine();
        TranslationRig.load(m, QUAD_COPY, r -> {});
        assertThat(m.cpu().run(QUAD_END, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(m.memory().readLong(DST + 8)).isEqualTo(m.memory().readLong(SRC + 8));
        assertThat(((JavaCpu) m.cpu()).translator().cache().size()).isPositive();
        TranslationRig.reload(m, QUAD_COPY, r -> {});
        return m;
    }

    @Test
    void aPageMadeReadOnlyAfterTheLoopRanFaultsAtTheFirstStoreWithTheLoadDone() {
        try (Machine m = warmed()) {
            m.memory().protect(A64Rig.DATA, A64Rig.DATA_SIZE, Prot.READ);
            CpuExit exit = m.cpu().run(QUAD_END, 0);
            assertThat(exit).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
                assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.WRITE_PROT);
                assertThat(f.pc()).isEqualTo(STORE_PC);
                assertThat(f.faultAddress()).isEqualTo(DST);
            });
            CpuRegisters r = m.cpu().registers();
            assertThat(r.pc()).isEqualTo(STORE_PC);
            assertThat(r.x(0)).isEqualTo(SRC + 32);
            assertThat(r.x(1)).isEqualTo(DST);
            assertThat(r.x(2)).isEqualTo(16);
        }
    }

    @Test
    void aPageUnmappedAfterTheLoopRanFaultsAtTheFirstLoad() {
        try (Machine m = warmed()) {
            m.memory().unmap(A64Rig.DATA, A64Rig.DATA_SIZE);
            CpuExit exit = m.cpu().run(QUAD_END, 0);
            assertThat(exit).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
                assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.READ_UNMAPPED);
                assertThat(f.pc()).isEqualTo(LOAD_PC);
                assertThat(f.faultAddress()).isEqualTo(SRC);
            });
            assertThat(m.cpu().registers().x(0)).isEqualTo(SRC);
        }
    }

    @Test
    void aPageProtectedByAnotherThreadWhileALoopStoresToItFaultsAtTheNextStore() throws Exception {
        int[] words = {
            0xf9000380, // loop: str x0, [x28]
            0x91000400, // add x0, x0, #1
            0x17fffffe, // b loop
        };
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            AtomicReference<CpuExit> exit = new AtomicReference<>();
            Thread t = new Thread(() -> exit.set(m.cpu().run(A64Rig.CODE + 12, 0)));
            t.start();
            Thread.sleep(200);
            m.memory().protect(A64Rig.DATA, A64Rig.DATA_SIZE, Prot.READ);
            t.join(5000);
            if (t.isAlive()) { // the loop kept storing to its cached page: stop it to fail cleanly
                m.cpu().requestStop();
                t.join(5000);
            }
            assertThat(exit.get()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
                assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.WRITE_PROT);
                assertThat(f.pc()).isEqualTo(A64Rig.CODE);
                assertThat(f.faultAddress()).isEqualTo(SRC);
            });
            long x0 = m.cpu().registers().x(0);
            assertThat(x0).isGreaterThan(1000);
            assertThat(m.memory().readLong(SRC)).isEqualTo(x0 - 1);
        }
    }

    @Test
    void aWatchpointSetAfterTheLoopRanStopsTheStoreOverlappingItBeforeAnyByteLands() {
        try (Machine m = warmed()) {
            long watched = DST + 32 + 24; // the second half of the second iteration's store
            long before = m.memory().readLong(DST + 32);
            m.cpu().debug().addWatchpoint(watched, 8, Prot.WRITE);
            CpuExit exit = m.cpu().run(QUAD_END, 0);
            assertThat(exit).isInstanceOfSatisfying(CpuExit.Watchpoint.class, w -> {
                assertThat(w.pc()).isEqualTo(STORE_PC);
                assertThat(w.address()).isEqualTo(watched);
            });
            CpuRegisters r = m.cpu().registers();
            assertThat(r.x(0)).isEqualTo(SRC + 64);
            assertThat(r.x(1)).isEqualTo(DST + 32);
            assertThat(r.x(2)).isEqualTo(15);
            assertThat(m.memory().readLong(DST + 32)).isEqualTo(before);
        }
    }
}
