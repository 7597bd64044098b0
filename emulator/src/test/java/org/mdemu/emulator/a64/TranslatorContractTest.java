package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Machine;

/**
 * The translator keeps the CPU contract: budgets exact to the instruction, stop requests seen at back-edges, the stop
 * address never executed, SVCs leaving at once, faults with the registers as after the last completed instruction.
 */
@ExtendWith(TranslationRig.TranslatingAtOnce.class)
class TranslatorContractTest {
    static final int[] MEMCPY = {
        0xaa1c03e0, // mov x0, x28
        0x91100381, // add x1, x28, #1024
        0xd2800802, // mov x2, #64
        0xf8408403, // loop: ldr x3, [x0], #8
        0xf8008423, // str x3, [x1], #8
        0xf1000442, // subs x2, x2, #1
        0x54ffffa1, // b.ne loop
    };
    static final int[] SUM = {
        0xd2800000, // mov x0, #0
        0xd2800c81, // mov x1, #100
        0x8b010000, // loop: add x0, x0, x1
        0xf1000421, // subs x1, x1, #1
        0x54ffffc1, // b.ne loop
    };

    private static A64Rig.Snapshot withExit(A64Rig.Snapshot s, CpuExit exit) {
        return new A64Rig.Snapshot(exit, s.pc(), s.x(), s.sp(), s.nzcv(), s.v(), s.fpcr(), s.fpsr(), s.tpidr(), s.data());
    }

    /**
     * Translator.run alone with every budget: -1 (nothing changed) below what the region needs at its entry, else it
     * completes n <= budget instructions, stopping no earlier than the longest unchecked run allows, in exactly the
     * state Unicorn 2 reaches after n instructions.
     */
    private static void everyBudget(int[] words, int maxBudget) {
        RegionBuilder.Plan plan = RegionBuilder.plan(A64Rig.CODE, words, words.length);
        int longest = Arrays.stream(plan.longestRun).max().orElseThrow();
        long stop = A64Rig.CODE + 4L * words.length;
        List<String> wrong = new ArrayList<>();
        int translatedRuns = 0;
        try (Machine m = new JavaMachine(); Machine u = org.mdemu.emulator.cpu.UnicornMachine.unicorn2()) {
            TranslationRig.load(m, words, r -> {});
            TranslationRig.load(u, words, r -> {});
            JavaCpu cpu = (JavaCpu) m.cpu();
            for (long budget = 1; budget <= maxBudget; budget++) {
                TranslationRig.reload(m, words, r -> {});
                A64Rig.Snapshot before = A64Rig.snapshot(m, new CpuExit.SliceExpired());
                long n = cpu.translator().run(cpu.state(), budget, stop);
                A64Rig.Snapshot after = A64Rig.snapshot(m, new CpuExit.SliceExpired());
                if (n == -1) {
                    if (after.difference(before) != null) wrong.add("budget " + budget + ": -1 but " + after.difference(before));
                    continue;
                }
                translatedRuns++;
                if (n < 1 || n > budget || (n < budget - longest && after.pc() != stop)) {
                    wrong.add("budget " + budget + ": ran " + n);
                    continue;
                }
                TranslationRig.reload(u, words, r -> {});
                CpuExit exit = u.cpu().run(stop, n);
                A64Rig.Snapshot unicorn = A64Rig.snapshot(u, exit);
                String d = withExit(after, exit).difference(unicorn);
                if (d != null) wrong.add("budget " + budget + " (" + n + " run): " + d);
            }
        }
        assertThat(translatedRuns).isGreaterThan(maxBudget / 2);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyBudgetOfACopyLoopEndsWhereUnicorn2IsAfterAsManyInstructions() {
        everyBudget(MEMCPY, 262);
    }

    @Test
    void everyBudgetOfTheMixedLoopEndsWhereUnicorn2IsAfterAsManyInstructions() {
        everyBudget(TranslationBenchmarkWords.MIXED, 200);
    }

    /** Whole CPU runs (the interpreter finishing what budgets leave) against Unicorn 2 for every budget. */
    @Test
    void everyBudgetOfAWholeRunEqualsUnicorn2() {
        long stop = A64Rig.CODE + 4L * MEMCPY.length;
        List<String> wrong = new ArrayList<>();
        try (Machine m = new JavaMachine(); Machine u = org.mdemu.emulator.cpu.UnicornMachine.unicorn2()) {
            TranslationRig.load(m, MEMCPY, r -> {});
            TranslationRig.load(u, MEMCPY, r -> {});
            for (long budget = 1; budget <= 262; budget++) {
                TranslationRig.reload(m, MEMCPY, r -> {});
                TranslationRig.reload(u, MEMCPY, r -> {});
                String d = A64Rig.snapshot(m, m.cpu().run(stop, budget))
                        .difference(A64Rig.snapshot(u, u.cpu().run(stop, budget)));
                if (d != null) wrong.add("budget " + budget + ": " + d);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStopFromAnotherThreadEndsATightTranslatedLoopWithin100Ms() throws Exception {
        int[] words = {
            0x91000400, // loop: add x0, x0, #1
            0x91000821, // add x1, x1, #2
            0x17fffffe, // b loop
        };
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            AtomicReference<CpuExit> exit = new AtomicReference<>();
            long[] returnedAt = new long[1];
            Thread t = new Thread(() -> {
                exit.set(m.cpu().run(A64Rig.CODE + 12, 0));
                returnedAt[0] = System.nanoTime();
            });
            t.start();
            Thread.sleep(300);
            long requested = System.nanoTime();
            m.cpu().requestStop();
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
            assertThat(exit.get()).isInstanceOf(CpuExit.StopRequested.class);
            assertThat((returnedAt[0] - requested) / 1_000_000).as("ms to stop").isLessThan(100);
            CpuRegisters r = m.cpu().registers();
            assertThat(r.x(0)).isGreaterThan(1000);
            // Stopped between two instructions: x1 is twice x0 except between the two adds.
            long expected = r.pc() == A64Rig.CODE + 4 ? 2 * r.x(0) - 2 : 2 * r.x(0);
            assertThat(r.x(1)).isEqualTo(expected);
        }
    }

    @Test
    void theStopAddressInsideARegionIsNeverExecuted() {
        A64Rig.Snapshot s = TranslationRig.assertSame(SUM, r -> {}, A64Rig.CODE + 12, 10_000, false);
        assertThat(s.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(s.x()[0]).isEqualTo(100);
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, SUM, r -> {});
            assertThat(m.cpu().run(A64Rig.CODE + 20, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(m.cpu().registers().x(0)).isEqualTo(5050);
            // The region translated for the first run covers the new stop address: it must not run past it.
            m.cpu().registers().setPc(A64Rig.CODE);
            assertThat(m.cpu().run(A64Rig.CODE + 12, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(m.cpu().registers().pc()).isEqualTo(A64Rig.CODE + 12);
            assertThat(m.cpu().registers().x(0)).isEqualTo(100);
        }
    }

    @Test
    void anSvcLeavesTheRegionWithThePcPastIt() {
        int[] words = {
            0xd2800020, // mov x0, #1
            0xd4000001, // svc #0
            0x91000400, // add x0, x0, #1
            0xd4000001, // svc #0
            0x91000400, // add x0, x0, #1
        };
        try (Machine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            List<String> traps = new ArrayList<>();
            m.cpu().setTrapHandler((cpu, svc) -> traps.add(String.format("0x%x x0=%d pc=0x%x", svc,
                    cpu.registers().x(0), cpu.registers().pc())));
            assertThat(m.cpu().run(A64Rig.CODE + 20, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
            assertThat(traps).containsExactly("0x10004 x0=1 pc=0x10008", "0x1000c x0=2 pc=0x10010");
            assertThat(m.cpu().registers().x(0)).isEqualTo(3);
        }
    }

    // ---- faults in the middle of a region ----

    @Test
    void aLoadFaultLeavesTheEarlierInstructionsDoneAndItsTargetUntouched() {
        int[] words = {
            0x91000400, // add x0, x0, #1
            0xd28000a1, // mov x1, #5
            0xf9400062, // ldr x2, [x3]
            0x91000484, // add x4, x4, #1
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {
            r.setX(2, 77);
            r.setX(3, 0x5000);
        }, A64Rig.CODE + 16, 10_000, false);
        assertThat(s.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> assertThat(f.pc()).isEqualTo(A64Rig.CODE + 8));
        assertThat(s.x()[1]).isEqualTo(5);
        assertThat(s.x()[2]).isEqualTo(77);
    }

    @Test
    void aStoreFaultAfterAWritebackKeepsTheWriteback() {
        int[] words = {
            0xd2807d00, // mov x0, #1000
            0xd1000400, // sub x0, x0, #1
            0xf85f8f85, // ldr x5, [x28, #-8]!
            0xf9000005, // str x5, [x0]
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {}, A64Rig.CODE + 16, 10_000, false);
        assertThat(s.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> assertThat(f.pc()).isEqualTo(A64Rig.CODE + 12));
        assertThat(s.x()[28]).isEqualTo(A64Rig.DATA + A64Rig.DATA_SIZE / 2 - 8);
    }

    @Test
    void aPairLoadWhoseSecondHalfFaultsWritesNoRegister() {
        int[] words = {
            0x91000400, // add x0, x0, #1
            0xa9401c66, // ldp x6, x7, [x3]
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {
            r.setX(3, A64Rig.DATA + A64Rig.DATA_SIZE - 8);
            r.setX(6, 66);
        }, A64Rig.CODE + 8, 10_000, false);
        assertThat(s.x()[6]).isEqualTo(66);
        assertThat(s.x()[0]).isEqualTo(1);
    }

    /** The house rule: no part of a store is written if any part faults. Unicorn 2 writes the first half here. */
    @Test
    void aPairStoreWhoseSecondHalfFaultsWritesNothing() {
        int[] words = {
            0x91000400, // add x0, x0, #1
            0xa9001c66, // stp x6, x7, [x3]
        };
        A64Rig.Snapshot s = TranslationRig.java(words, r -> {
            r.setX(3, A64Rig.DATA + A64Rig.DATA_SIZE - 8);
            r.setX(6, 66);
        }, A64Rig.CODE + 8, 10_000, false);
        assertThat(s.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
            assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.WRITE_UNMAPPED);
            assertThat(f.pc()).isEqualTo(A64Rig.CODE + 4);
        });
        assertThat(Arrays.copyOfRange(s.data(), s.data().length - 8, s.data().length))
                .isEqualTo(Arrays.copyOfRange(A64Rig.pattern(), s.data().length - 8, s.data().length));
        assertThat(s.x()[0]).isEqualTo(1);
    }

    @Test
    void aPostIndexLoadFaultLeavesTheBase() {
        int[] words = {
            0x91000400, // add x0, x0, #1
            0xf8408462, // ldr x2, [x3], #8
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> r.setX(3, 0x5000), A64Rig.CODE + 8, 10_000, false);
        assertThat(s.x()[3]).isEqualTo(0x5000);
    }

    @Test
    void aLoopRunningOffTheEndOfMemoryFaultsWithItsCountersExact() {
        int[] words = {
            0xaa1c03e0, // mov x0, x28
            0xf8008409, // loop: str x9, [x0], #8
            0x91000529, // add x9, x9, #1
            0x17fffffe, // b loop
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> r.setX(9, 0), A64Rig.CODE + 16, 100_000, false);
        assertThat(s.x()[9]).isEqualTo(A64Rig.DATA_SIZE / 2 / 8);
        assertThat(s.x()[0]).isEqualTo(A64Rig.DATA + A64Rig.DATA_SIZE);
    }

    @Test
    void anUndefinedInstructionTheInterpreterRaisesInARegionFaultsAtItsPc() {
        int[] words = {
            0x91000400, // add x0, x0, #1
            0xd28000a1, // mov x1, #5
            0x8bc00000, // add x0, x0, x0, ror #0: reserved shift
            0x91000484, // add x4, x4, #1
        };
        A64Rig.Snapshot s = TranslationRig.assertSame(words, r -> {}, A64Rig.CODE + 16, 10_000, false);
        assertThat(s.exit()).isInstanceOfSatisfying(CpuExit.Fault.class, f -> {
            assertThat(f.kind()).isEqualTo(CpuExit.FaultKind.UNDEFINED_INSTRUCTION);
            assertThat(f.pc()).isEqualTo(A64Rig.CODE + 8);
        });
        assertThat(s.x()[0]).isEqualTo(1);
        assertThat(s.x()[1]).isEqualTo(5);
    }
}
