package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;

/**
 * {@link Translator#run} runs the next region at once when one leaves to another's entry (chaining), and stops chaining
 * exactly where the CPU's loop must act: the budget, a stop request, the stop address (at or inside the next region),
 * an event, and after {@link Translator#MAX_CHAIN} regions. The loop here has no backward branch inside any region:
 * bl f / b loop / f: add, ret is three regions, four instructions an iteration.
 */
@ExtendWith(TranslationRig.TranslatingAtOnce.class)
class RegionChainingTest {
    static final int[] CALL_LOOP = {
        0x94000002, // loop: bl f
        0x17ffffff, // b loop
        0x91000400, // f: add x0, x0, #1
        0xd65f03c0, // ret
    };
    private static final long LOOP = A64Rig.CODE, AFTER_CALL = LOOP + 4, F = LOOP + 8, RET = LOOP + 12;
    private static final long NEVER = A64Rig.CODE + 0x1000;

    private JavaMachine machine;
    private JavaCpu cpu;

    /** A machine whose three regions are translated (the loop ran a while), back at the loop's start. */
    @BeforeEach
    void warm() {
        machine = new JavaMachine();
        TranslationRig.load(machine, CALL_LOOP, r -> {});
        cpu = (JavaCpu) machine.cpu();
        assertThat(cpu.run(NEVER, 200)).isInstanceOf(CpuExit.SliceExpired.class);
        assertThat(cpu.translator().cache().size()).isEqualTo(3);
        restart();
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private void restart() {
        CpuRegisters r = cpu.registers();
        r.setX(0, 0);
        r.setX(30, 0);
        r.setPc(LOOP);
    }

    /** Where the loop is after n instructions from its start: pc, x0, x30. */
    private static long[] after(long n) {
        long k = n / 4;
        return switch ((int) (n % 4)) {
            case 0 -> new long[] {LOOP, k, k == 0 ? 0 : AFTER_CALL};
            case 1 -> new long[] {F, k, AFTER_CALL};
            case 2 -> new long[] {RET, k + 1, AFTER_CALL};
            default -> new long[] {AFTER_CALL, k + 1, AFTER_CALL};
        };
    }

    private String state() {
        CpuRegisters r = cpu.registers();
        return String.format("pc=0x%x x0=%d x30=0x%x", r.pc(), r.x(0), r.x(30));
    }

    private static String expected(long n) {
        long[] e = after(n);
        return String.format("pc=0x%x x0=%d x30=0x%x", e[0], e[1], e[2]);
    }

    @Test
    void everyBudgetEndsAfterAtMostThatManyInstructionsInTheirExactState() {
        List<String> wrong = new ArrayList<>();
        int chainedRuns = 0;
        for (long budget = 1; budget <= 300; budget++) {
            restart();
            long n = cpu.translator().run(cpu.state(), budget, NEVER);
            if (n < 1 || n > budget) wrong.add("budget " + budget + ": ran " + n);
            else if (!state().equals(expected(n))) wrong.add("budget " + budget + ": " + state() + " after " + n);
            if (n > 2) chainedRuns++;
        }
        assertThat(wrong).isEmpty();
        assertThat(chainedRuns).isGreaterThan(250);
    }

    @Test
    void everyBudgetOfAWholeRunEndsExactlyThere() {
        List<String> wrong = new ArrayList<>();
        for (long budget = 1; budget <= 300; budget++) {
            restart();
            CpuExit exit = cpu.run(NEVER, budget);
            if (!(exit instanceof CpuExit.SliceExpired) || !state().equals(expected(budget))) {
                wrong.add("budget " + budget + ": " + exit + " " + state());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStopRequestEndsTheChainAfterTheFirstRegion() {
        cpu.state().stopRequested = true;
        long n = cpu.translator().run(cpu.state(), 1_000_000, NEVER);
        cpu.state().stopRequested = false;
        assertThat(n).isEqualTo(1);
        assertThat(state()).isEqualTo(expected(1));
    }

    @Test
    void theStopAddressAtTheNextRegionsEntryIsNotRun() {
        assertThat(cpu.translator().run(cpu.state(), 1_000_000, F)).isEqualTo(1);
        assertThat(cpu.registers().pc()).isEqualTo(F);
        restart();
        assertThat(cpu.run(F, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(state()).isEqualTo(expected(1));
    }

    @Test
    void theStopAddressInsideTheNextRegionIsNotRun() {
        assertThat(cpu.translator().run(cpu.state(), 1_000_000, RET)).isEqualTo(1);
        assertThat(cpu.registers().pc()).isEqualTo(F);
        restart();
        assertThat(cpu.run(RET, 0)).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(state()).isEqualTo(expected(2));
    }

    @Test
    void oneRunChainsAtMostMaxChainRegions() {
        long n = cpu.translator().run(cpu.state(), Long.MAX_VALUE, NEVER);
        // Regions of 1, 1 and 2 instructions (4 an iteration of 3 regions): MAX_CHAIN regions are at most 2 each.
        assertThat(n).isGreaterThan(Translator.MAX_CHAIN).isLessThanOrEqualTo(2L * Translator.MAX_CHAIN);
        assertThat(state()).isEqualTo(expected(n));
    }

    /**
     * After a run each region's exit is linked to the region it went on to, which the region then enters itself (the
     * chaining conditions above hold the same: every test here runs on linked regions after the warm-up).
     */
    @Test
    void eachExitIsLinkedToTheRegionItWentOnToAndTheLinkIsFollowed() {
        TranslationCache cache = cpu.translator().cache();
        TranslatedRegion loop = cache.lookup(LOOP), f = cache.lookup(F), afterCall = cache.lookup(AFTER_CALL);
        assertThat(java.util.Arrays.asList(loop.links)).contains(f);
        assertThat(java.util.Arrays.asList(f.links)).contains(afterCall);
        assertThat(java.util.Arrays.asList(afterCall.links)).contains(loop);
        // Regions [bl f], [add, ret], [b loop] in turn: still MAX_CHAIN of them in one run, the last one left unlinked.
        long expected = 0;
        for (int k = 0; k < Translator.MAX_CHAIN; k++) expected += k % 3 == 1 ? 2 : 1;
        long n = cpu.translator().run(cpu.state(), 1_000_000, NEVER);
        assertThat(n).isEqualTo(expected);
        assertThat(state()).isEqualTo(expected(n));
        assertThat(cpu.state().exitRegion).isSameAs(Translator.MAX_CHAIN % 3 == 1 ? loop : Translator.MAX_CHAIN % 3 == 2
                ? f : afterCall);
    }

    /** Without Traps (the state's hook to the core's trap handler) an SVC ends the chain, s.event set, pc past it. */
    @Test
    void anSvcWithoutTrapsEndsTheChainWithThePcPastIt() {
        int[] words = {
            0x94000002, // loop: bl f
            0x17ffffff, // b loop
            0xd4000001, // f: svc #0
            0xd65f03c0, // ret
        };
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            JavaCpu c = (JavaCpu) m.cpu();
            List<Long> traps = new ArrayList<>();
            c.setTrapHandler((x, svc) -> traps.add(svc));
            assertThat(c.run(NEVER, 40)).isInstanceOf(CpuExit.SliceExpired.class);
            assertThat(traps).hasSize(10).allMatch(svc -> svc == F);
            c.registers().setPc(LOOP);
            Translator.Traps hook = c.state().traps;
            c.state().traps = null;
            long n = c.translator().run(c.state(), 1_000_000, NEVER);
            c.state().traps = hook;
            assertThat(n).isEqualTo(2);
            assertThat(c.state().event).isEqualTo(CpuState.EVENT_SVC);
            assertThat(c.registers().pc()).isEqualTo(F + 4);
            c.state().event = 0;
        }
    }

    /** With Traps the region serves the SVC itself and the chain goes on: one translator run, many traps. */
    @Test
    void anSvcServedByTrapsLetsTheChainGoOn() {
        int[] words = {
            0x94000002, // loop: bl f
            0x17ffffff, // b loop
            0xd4000001, // f: svc #0
            0xd65f03c0, // ret
        };
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, words, r -> {});
            JavaCpu c = (JavaCpu) m.cpu();
            List<Long> traps = new ArrayList<>();
            c.setTrapHandler((x, svc) -> traps.add(svc));
            assertThat(c.run(NEVER, 40)).isInstanceOf(CpuExit.SliceExpired.class);
            traps.clear();
            c.registers().setPc(LOOP);
            // Regions [bl f], [svc, ret], [b loop] in turn, MAX_CHAIN of them in one translator run.
            long expected = 0;
            int trapped = 0;
            for (int k = 0; k < Translator.MAX_CHAIN; k++) {
                expected += k % 3 == 1 ? 2 : 1;
                if (k % 3 == 1) trapped++;
            }
            long n = c.translator().run(c.state(), 1_000_000, NEVER);
            assertThat(c.state().event).isZero();
            assertThat(traps).hasSize(trapped).allMatch(svc -> svc == F);
            assertThat(n).isEqualTo(expected);
        }
    }
}
