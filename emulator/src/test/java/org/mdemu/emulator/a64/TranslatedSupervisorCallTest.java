package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.TrapHandler;

/**
 * Translated code serves an SVC itself (the core's trap handler through {@link CpuState#traps}) and goes on in the
 * same region: whatever the handler does (change any register or the flags, move pc, ask for a stop, throw, rewrite
 * the code after its SVC), the state and the traps are those of the interpreter running the same code.
 */
class TranslatedSupervisorCallTest {
    static final int[] CODE = {
        0xd2800020, // 0x00 mov x0, #1
        0xd2800043, // 0x04 mov x3, #2
        0xd4000001, // 0x08 svc #0
        0x9a9f57e6, // 0x0c cset x6, mi
        0x91000401, // 0x10 add x1, x0, #1
        0xab030022, // 0x14 adds x2, x1, x3
        0x9a9f17e4, // 0x18 cset x4, eq
        0x8b000273, // 0x1c add x19, x19, x0
        0xd4000021, // 0x20 svc #1
        0x91000e67, // 0x24 add x7, x19, #3
        0xc85f7f88, // 0x28 ldxr x8, [x28]
        0xd4000041, // 0x2c svc #2
        0xc8097f88, // 0x30 stxr w9, x8, [x28]
        0x9100052a, // 0x34 add x10, x9, #1
        0xd4000061, // 0x38 svc #3
        0xd28000ab, // 0x3c mov x11, #5
        0xd28000cc, // 0x40 mov x12, #6
        0x54000040, // 0x44 b.eq 0x4c
        0xd280012d, // 0x48 mov x13, #9
        0xd280014e, // 0x4c mov x14, #10
        0xd65f03c0, // 0x50 ret
    };
    static final long BASE = A64Rig.CODE, STOP = BASE + 0x50;
    static final long SVC0 = BASE + 0x08, SVC1 = BASE + 0x20, SVC2 = BASE + 0x2c, SVC3 = BASE + 0x38;

    /** What a handler does at an SVC: the tests' variations on the plain handler. */
    interface Action {
        void at(Machine m, Cpu cpu, long svc);
    }

    /** The plain handler: at svc #0 it sets x0, x3 and N (read by the code after it), at svc #1 it adds to x19. */
    static void plain(Machine m, Cpu cpu, long svc) {
        if (svc == SVC0) {
            cpu.registers().setX(0, 100);
            cpu.registers().setX(3, -101);
            cpu.registers().setNzcv(CpuState.N);
        } else if (svc == SVC1) {
            cpu.registers().setX(19, cpu.registers().x(19) + 1000);
        }
    }

    record Outcome(A64Rig.Snapshot snapshot, List<String> traps, Throwable thrown) {}

    /** Runs CODE from BASE (translated at once, or interpreted only) with the handler doing action. */
    static Outcome run(boolean translated, long budget, Action action) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = translated ? 1 : Integer.MAX_VALUE;
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, CODE, r -> r.setX(19, 7));
            List<String> traps = new ArrayList<>();
            TrapHandler handler = (cpu, svc) -> {
                traps.add(String.format("svc 0x%x pc=0x%x x0=%d", svc, cpu.registers().pc(), cpu.registers().x(0)));
                action.at(m, cpu, svc);
            };
            m.cpu().setTrapHandler(handler);
            CpuExit exit = null;
            Throwable thrown = null;
            try {
                exit = m.cpu().run(STOP, budget);
            } catch (RuntimeException e) {
                thrown = e;
                exit = new CpuExit.StopRequested(); // a stand-in for the snapshot: the outcome's thrown tells
            }
            return new Outcome(A64Rig.snapshot(m, exit), traps, thrown);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    static Outcome assertSameAsInterpreted(long budget, Action action) {
        Outcome t = run(true, budget, action), i = run(false, budget, action);
        assertThat(t.snapshot.difference(i.snapshot)).as("translated vs interpreted, budget %d", budget).isNull();
        assertThat(t.traps).as("traps, budget %d", budget).isEqualTo(i.traps);
        assertThat(t.thrown).as("thrown, budget %d", budget).isSameAs(i.thrown);
        return t;
    }

    @Test
    void theRegionGoesOnAfterEachSvcWithTheRegistersAndFlagsTheHandlerLeft() {
        Outcome o = assertSameAsInterpreted(0, TranslatedSupervisorCallTest::plain);
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        long[] x = o.snapshot.x();
        assertThat(x[6]).as("cset mi after the handler set N").isEqualTo(1);
        assertThat(x[2]).isZero();
        assertThat(x[4]).as("cset eq").isEqualTo(1);
        assertThat(x[7]).isEqualTo(7 + 100 + 1000 + 3);
        assertThat(x[9]).as("stxr after an svc: the monitor was cleared").isEqualTo(1);
        assertThat(o.traps).hasSize(4);

        // All of it is one region, served inside it: one translator run does every instruction and every trap.
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, CODE, r -> r.setX(19, 7));
            JavaCpu c = (JavaCpu) m.cpu();
            assertThat(c.state().traps).isNotNull();
            List<Long> traps = new ArrayList<>();
            c.setTrapHandler((cpu, svc) -> {
                traps.add(svc);
                plain(m, cpu, svc);
            });
            long n = c.translator().run(c.state(), 1_000_000, STOP);
            assertThat(traps).containsExactly(SVC0, SVC1, SVC2, SVC3);
            assertThat(n).isEqualTo(19);
            assertThat(c.state().pc).isEqualTo(STOP);
            assertThat(c.state().event).isZero();
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    @Test
    void everyBudgetEndsInTheInterpretersStateAcrossTheTraps() {
        for (long budget = 1; budget <= 21; budget++) assertSameAsInterpreted(budget, TranslatedSupervisorCallTest::plain);
    }

    @Test
    void aHandlerMovingPcIsFollowed() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            plain(m, cpu, svc);
            if (svc == SVC3) cpu.registers().setPc(BASE + 0x4c);
        });
        assertThat(o.snapshot.x()[11]).isZero();
        assertThat(o.snapshot.x()[14]).isEqualTo(10);
    }

    @Test
    void aStopRequestedByTheHandlerEndsTheRunRightAfterItsSvc() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            plain(m, cpu, svc);
            if (svc == SVC1) cpu.requestStop();
        });
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.StopRequested.class);
        assertThat(o.snapshot.pc()).isEqualTo(SVC1 + 4);
        assertThat(o.snapshot.x()[7]).isZero();
    }

    @Test
    void aHandlersExceptionLeavesTheStateAsTheHandlerLeftIt() {
        RuntimeException boom = new IllegalStateException("boom");
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            plain(m, cpu, svc);
            if (svc == SVC1) {
                cpu.registers().setX(20, 77);
                throw boom;
            }
        });
        assertThat(o.thrown).isSameAs(boom);
        assertThat(o.snapshot.pc()).isEqualTo(SVC1 + 4);
        assertThat(o.snapshot.x()[20]).isEqualTo(77);
        assertThat(o.snapshot.x()[19]).isEqualTo(7 + 100 + 1000);
        assertThat(o.snapshot.x()[4]).isEqualTo(1);
    }

    @Test
    void anA64FaultFromTheHandlerComesOutOfRunAsItIsNotAsAGuestFault() {
        A64Fault fault = new A64Fault(CpuExit.FaultKind.READ_UNMAPPED, 0x1234, null);
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            if (svc == SVC2) throw fault;
        });
        assertThat(o.thrown).isSameAs(fault);
        assertThat(o.snapshot.pc()).isEqualTo(SVC2 + 4);
    }

    @Test
    void aHandlerRewritingTheCodeAfterItsSvcRunsTheNewCode() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            plain(m, cpu, svc);
            if (svc == SVC3) m.memory().privileged().write(BASE + 0x3c, A64Rig.bytes(new int[] {0xd28006eb})); // mov x11, #55
        });
        assertThat(o.snapshot.x()[11]).isEqualTo(55);
    }

    @Test
    void withoutInlineTrapsTheLoopServesThemTheSame() {
        Outcome inline = run(true, 0, TranslatedSupervisorCallTest::plain);
        Outcome off;
        System.setProperty("mdemu.java.inlineTraps", "false");
        try {
            off = run(true, 0, TranslatedSupervisorCallTest::plain);
        } finally {
            System.clearProperty("mdemu.java.inlineTraps");
        }
        assertThat(off.snapshot.difference(inline.snapshot)).isNull();
        assertThat(off.traps).isEqualTo(inline.traps);
    }
}
