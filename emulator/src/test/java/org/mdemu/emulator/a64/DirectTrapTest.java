package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.BASE;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.CODE;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.STOP;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.SVC0;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.SVC1;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.SVC2;
import static org.mdemu.emulator.a64.TranslatedSupervisorCallTest.SVC3;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.DirectTrap;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.TrapHandler;

/**
 * Translated code serves the SVCs its trap handler offers as {@link DirectTrap}s by calling their function itself
 * (the guest runtime's rows): whatever the function does (change registers or flags, move pc, ask for a stop, throw
 * what the trap handles or what it does not, rewrite code, add a breakpoint) and whenever the trap declines or the
 * handler is replaced, the state, the traps and the exceptions are those of the interpreter serving every SVC through
 * {@link TrapHandler#onSupervisorCall}.
 */
class DirectTrapTest {
    /** Thrown by a function and handled by its trap (as a row's OutsideTrapRequired): the run stops after the svc. */
    static final class Handled extends RuntimeException {
        Handled() {
            super(null, null, false, false);
        }
    }

    /** The Rows whose function runs (for actions that change their handler). */
    static final ThreadLocal<Rows> CURRENT = new ThreadLocal<>();

    /** What the function does at an SVC (beyond recording it). */
    interface Action {
        void at(Machine m, Cpu cpu, long svc);
    }

    /**
     * A trap handler offering a direct trap for every SVC of the code; both paths run the same function, recording
     * the trap and the path taken. Declines direct service while {@link #declining}.
     */
    static final class Rows implements TrapHandler {
        final Machine m;
        final Action action;
        final List<String> traps = new ArrayList<>();
        final List<Long> direct = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        boolean declining;
        int inTrap;

        Rows(Machine m, Action action) {
            this.m = m;
            this.action = action;
        }

        void function(long svc) {
            CURRENT.set(this);
            Cpu cpu = m.cpu();
            traps.add(String.format("svc 0x%x pc=0x%x x0=%d", svc, cpu.registers().pc(), cpu.registers().x(0)));
            action.at(m, cpu, svc);
        }

        @Override
        public void onSupervisorCall(Cpu cpu, long svc) {
            inTrap++;
            try {
                function(svc);
            } catch (Handled h) {
                cpu.requestStop();
            } finally {
                inTrap--;
            }
        }

        @Override
        public DirectTrap directTrap(long svc) {
            return new DirectTrap(frame -> function(svc), null) {
                @Override
                public boolean enter() {
                    if (declining) return false;
                    inTrap++;
                    direct.add(svc);
                    return true;
                }

                @Override
                public void leave() {
                    inTrap--;
                    events.add("leave");
                }

                @Override
                public boolean failed(Throwable t) {
                    inTrap--;
                    events.add("failed " + t.getClass().getSimpleName());
                    if (!(t instanceof Handled)) return false;
                    m.cpu().requestStop();
                    return true;
                }
            };
        }
    }

    record Outcome(A64Rig.Snapshot snapshot, List<String> traps, Throwable thrown, List<Long> direct, Rows rows) {}

    static Outcome run(boolean translated, long budget, Action action) {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = translated ? 1 : Integer.MAX_VALUE;
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, CODE, r -> r.setX(19, 7));
            Rows rows = new Rows(m, action);
            m.cpu().setTrapHandler(rows);
            CpuExit exit;
            Throwable thrown = null;
            try {
                exit = m.cpu().run(STOP, budget);
            } catch (RuntimeException e) {
                thrown = e;
                exit = new CpuExit.StopRequested();
            }
            assertThat(rows.inTrap).as("every trap begun was ended").isZero();
            return new Outcome(A64Rig.snapshot(m, exit), rows.traps, thrown, rows.direct, rows);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }

    static Outcome assertSameAsInterpreted(long budget, Action action) {
        Outcome t = run(true, budget, action), i = run(false, budget, action);
        assertThat(i.direct).as("the interpreter serves every SVC through onSupervisorCall").isEmpty();
        assertThat(t.snapshot.difference(i.snapshot)).as("translated vs interpreted, budget %d", budget).isNull();
        assertThat(t.traps).as("traps, budget %d", budget).isEqualTo(i.traps);
        if (t.thrown == null || i.thrown == null) {
            assertThat(t.thrown).as("thrown, budget %d", budget).isSameAs(i.thrown);
        } else {
            assertThat(t.thrown).hasSameClassAs(i.thrown).hasMessage(i.thrown.getMessage());
            assertThat(t.thrown.getCause()).isSameAs(i.thrown.getCause());
        }
        return t;
    }

    @Test
    void everySvcOfTheRegionIsServedDirectlyWithTheInterpretersOutcome() {
        Outcome o = assertSameAsInterpreted(0, TranslatedSupervisorCallTest::plain);
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.ReachedStopAddress.class);
        assertThat(o.direct).containsExactly(SVC0, SVC1, SVC2, SVC3);
        assertThat(o.rows.events).containsExactly("leave", "leave", "leave", "leave");
        assertThat(o.snapshot.x()[6]).as("cset mi after the function set N").isEqualTo(1);
        assertThat(o.snapshot.x()[7]).isEqualTo(7 + 100 + 1000 + 3);
        assertThat(o.snapshot.x()[9]).as("stxr after an svc: the monitor was cleared").isEqualTo(1);
    }

    @Test
    void everyBudgetEndsInTheInterpretersState() {
        for (long budget = 1; budget <= 21; budget++) assertSameAsInterpreted(budget, TranslatedSupervisorCallTest::plain);
    }

    @Test
    void aFunctionMovingPcIsFollowed() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC3) cpu.registers().setPc(BASE + 0x4c);
        });
        assertThat(o.direct).contains(SVC3);
        assertThat(o.snapshot.x()[11]).isZero();
        assertThat(o.snapshot.x()[14]).isEqualTo(10);
    }

    @Test
    void aStopRequestedByTheFunctionEndsTheRunRightAfterItsSvc() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC1) cpu.requestStop();
        });
        assertThat(o.direct).containsExactly(SVC0, SVC1);
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.StopRequested.class);
        assertThat(o.snapshot.pc()).isEqualTo(SVC1 + 4);
    }

    @Test
    void anExceptionTheTrapHandlesStopsAfterTheSvcAsOnTheGeneralPath() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC2) {
                cpu.registers().setX(21, 5);
                throw new Handled();
            }
        });
        assertThat(o.rows.events).containsExactly("leave", "leave", "failed Handled");
        assertThat(o.thrown).isNull();
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.StopRequested.class);
        assertThat(o.snapshot.pc()).isEqualTo(SVC2 + 4);
        assertThat(o.snapshot.x()[21]).isEqualTo(5);
    }

    @Test
    void exceptionsTheTrapDoesNotHandleComeOutOfRunAsOnTheGeneralPath() {
        RuntimeException boom = new IllegalStateException("boom");
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC1) {
                cpu.registers().setX(20, 77);
                throw boom;
            }
        });
        assertThat(o.thrown).isSameAs(boom);
        assertThat(o.rows.events).containsExactly("leave", "failed IllegalStateException");
        assertThat(o.snapshot.pc()).isEqualTo(SVC1 + 4);
        assertThat(o.snapshot.x()[20]).isEqualTo(77);

        A64Fault fault = new A64Fault(CpuExit.FaultKind.READ_UNMAPPED, 0x1234, null);
        assertThat(assertSameAsInterpreted(0, (m, cpu, svc) -> {
            if (svc == SVC2) throw fault;
        }).thrown).as("a function's A64Fault is no guest fault").isSameAs(fault);

        AssertionError error = new AssertionError("an Error");
        Throwable wrapped = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            if (svc == SVC0) throw error;
        }).thrown;
        assertThat(wrapped).isInstanceOf(IllegalStateException.class).hasCauseReference(error);
    }

    @Test
    void aFunctionRewritingTheCodeAfterItsSvcRunsTheNewCode() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC3) m.memory().privileged().write(BASE + 0x3c, A64Rig.bytes(new int[] {0xd28006eb}));
        });
        assertThat(o.direct).contains(SVC3);
        assertThat(o.snapshot.x()[11]).isEqualTo(55);
    }

    @Test
    void aTrapThatDeclinesLaterTakesTheGeneralPath() {
        // As a row's trap once a tracer is attached: the region, compiled with direct traps, serves the rest through
        // onSupervisorCall.
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC1) CURRENT.get().declining = true;
        });
        assertThat(o.direct).containsExactly(SVC0, SVC1);
        assertThat(o.traps).hasSize(4);
    }

    @Test
    void aBreakpointAddedByTheFunctionIsHitAsOnTheGeneralPath() {
        Outcome o = assertSameAsInterpreted(0, (m, cpu, svc) -> {
            TranslatedSupervisorCallTest.plain(m, cpu, svc);
            if (svc == SVC1) cpu.debug().addBreakpoint(SVC2);
        });
        assertThat(o.snapshot.exit()).isInstanceOf(CpuExit.Fault.class);
        assertThat(((CpuExit.Fault) o.snapshot.exit()).kind()).isEqualTo(CpuExit.FaultKind.BREAKPOINT);
        assertThat(o.snapshot.pc()).isEqualTo(SVC2);
    }

    @Test
    void aReplacedTrapHandlerIsCalledNotTheDirectTrapsOfTheOldOne() {
        int saved = Translator.hotThresholdForTests;
        Translator.hotThresholdForTests = 1;
        try (JavaMachine m = new JavaMachine()) {
            TranslationRig.load(m, CODE, r -> r.setX(19, 7));
            org.mdemu.guest.machine.CpuContext start = m.cpu().saveContext();
            Rows first = new Rows(m, TranslatedSupervisorCallTest::plain);
            m.cpu().setTrapHandler(first);
            m.cpu().run(STOP, 0);
            assertThat(first.direct).containsExactly(SVC0, SVC1, SVC2, SVC3);

            m.cpu().restoreContext(start); // the code stays translated, with the first handler's direct traps
            List<Long> general = new ArrayList<>();
            m.cpu().setTrapHandler((cpu, svc) -> general.add(svc));
            m.cpu().run(STOP, 0);
            assertThat(general).containsExactly(SVC0, SVC1, SVC2, SVC3);
            assertThat(first.direct).hasSize(4);
        } finally {
            Translator.hotThresholdForTests = saved;
        }
    }
}
