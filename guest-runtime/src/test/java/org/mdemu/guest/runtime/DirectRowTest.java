package org.mdemu.guest.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.FunctionHandler;
import org.mdemu.guest.abi.OutsideTrapRequired;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.DirectTrap;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;
import org.mdemu.guest.testing.RecordingCpu;
import org.mdemu.guest.trace.CallTracer;

/**
 * A row's {@link DirectTrap} (what the Java engine calls from translated code) does what
 * {@link GuestExecutor#onSupervisorCall} does for the same trap: registers and pc, stop requests, deferral outside the
 * trap, abort(), exceptions, the trap flag; it declines once a tracer is attached, and is never offered for raw
 * system calls or rows that call guest code.
 */
class DirectRowTest {
    private static final long GATE = 0x40000, ABORT = 0x7000, RETURN = 0x8000;

    /** One process's executor with a gate of the given rows (a row's stub is at GATE + 8 * its index). */
    private static final class Setup {
        final RecordingCpu cpu = new RecordingCpu();
        final FakeMemory memory = new FakeMemory();
        final Scheduler scheduler = new Scheduler(cpu, 1_000_000L);
        final TrapGate gate;
        final GuestExecutor executor;

        Setup(FunctionHandler... rows) {
            memory.map(GATE, 4096, Prot.RX);
            gate = new TrapGate(memory, GATE, 16);
            for (int i = 0; i < rows.length; i++) gate.install("libc.so", "row" + i, rows[i], false);
            gate.install("libc.so", "callsGuest", f -> { }, true);
            executor = new GuestExecutor(cpu, memory, gate, (n, f) -> 1000 + n, scheduler, RETURN, null, null, null);
            executor.setAbortRoutine(ABORT);
            cpu.registers().setPc(GATE + 4);
        }

        void close() {
            scheduler.terminate(new RuntimeException("end of test"));
            scheduler.close();
        }
    }

    /** The state a trap left: x0, x1, pc, stops requested, the trap flag, the deferred call and where it restarts. */
    private record After(long x0, long x1, long pc, int stops, boolean inTrap, Object deferred, long deferredAt,
                         Throwable thrown) {}

    private static After after(Setup s, Throwable thrown) throws Exception {
        var deferred = GuestExecutor.class.getDeclaredField("deferred");
        var deferredAt = GuestExecutor.class.getDeclaredField("deferredAt");
        deferred.setAccessible(true);
        deferredAt.setAccessible(true);
        CpuRegisters r = s.cpu.registers();
        return new After(r.x(0), r.x(1), r.pc(), s.cpu.stops.get(), s.scheduler.inTrap(), deferred.get(s.executor),
                deferredAt.getLong(s.executor), thrown);
    }

    /** The setup whose trap is being served (for rows that act on their CPU). */
    private static Setup serving;

    /** Serves the trap of row index through onSupervisorCall. */
    private static After general(Setup s, int index) throws Exception {
        serving = s;
        try {
            s.executor.onSupervisorCall(s.cpu, GATE + 8L * index);
            return after(s, null);
        } catch (RuntimeException e) {
            return after(s, e);
        }
    }

    /** Serves it as the engine serves a direct trap (see DirectTrap); fails if the trap declines. */
    private static After direct(Setup s, int index) throws Exception {
        serving = s;
        DirectTrap d = s.executor.directTrap(GATE + 8L * index);
        assertThat(d).isNotNull();
        assertThat(d.enter()).as("the direct trap serves").isTrue();
        try {
            d.function().call(d.argument());
        } catch (Throwable t) {
            if (!d.failed(t)) return after(s, t);
            return after(s, null);
        }
        d.leave();
        return after(s, null);
    }

    private Setup a, b;

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        a = b = null;
    }

    private void assertSameBothWays(FunctionHandler row, java.util.function.Consumer<Setup> prepare) throws Exception {
        close();
        a = new Setup(row);
        b = new Setup(row);
        prepare.accept(a);
        prepare.accept(b);
        After g = general(a, 0), d = direct(b, 0);
        assertThat(d).isEqualTo(g);
        assertThat(d.inTrap).isFalse();
    }

    @Test
    void aRowChangingRegistersAndPcLeavesWhatTheGeneralPathLeaves() throws Exception {
        assertSameBothWays(f -> {
            f.ret(42);
            f.registers().setX(1, 7);
        }, s -> { });
        assertSameBothWays(f -> f.registers().setPc(0x1234), s -> { });
        assertThat(a.cpu.registers().pc()).isEqualTo(0x1234);
    }

    @Test
    void aRowRequestingAStopStopsAsOnTheGeneralPath() throws Exception {
        assertSameBothWays(f -> serving.cpu.requestStop(), s -> { });
        assertThat(b.cpu.stops.get()).isEqualTo(1);
    }

    @Test
    void aRowNeedingToRunOutsideTheTrapIsDeferredAsOnTheGeneralPath() throws Exception {
        FunctionHandler row = f -> {
            throw OutsideTrapRequired.INSTANCE;
        };
        assertSameBothWays(row, s -> { });
        After d = after(b, null);
        assertThat(d.deferred).isSameAs(row);
        assertThat(d.deferredAt).isEqualTo(GATE);
        assertThat(d.stops).isEqualTo(1);
    }

    @Test
    void aRowAbortingContinuesInAbortAsOnTheGeneralPath() throws Exception {
        assertSameBothWays(f -> {
            throw AbortRequested.INSTANCE;
        }, s -> { });
        assertThat(b.cpu.registers().pc()).isEqualTo(ABORT);
        // and with the slice over, the run stops there too
        assertSameBothWays(f -> {
            throw AbortRequested.INSTANCE;
        }, s -> s.scheduler.requireBudgets());
        assertThat(b.cpu.stops.get()).isEqualTo(1);
    }

    @Test
    void anExceptionOfTheRowLeavesTheTrapAndIsNotHandled() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSameBothWays(f -> {
            throw boom;
        }, s -> { });
        assertThat(after(b, null).inTrap).isFalse();
    }

    @Test
    void aRunThatNeedsBudgetsStopsAfterTheRowAsOnTheGeneralPath() throws Exception {
        assertSameBothWays(f -> f.ret(1), s -> s.scheduler.requireBudgets());
        assertThat(b.cpu.stops.get()).isEqualTo(1);
    }

    @Test
    void aTracerAttachedAfterTheDirectTrapWasOfferedMakesItDecline() throws Exception {
        a = new Setup(f -> f.ret(5));
        DirectTrap d = a.executor.directTrap(GATE);
        assertThat(d).isNotNull();
        a.executor.setTracer(new CallTracer(Set.of(), line -> { }, () -> 0L, 1), n -> "syscall_" + n);
        assertThat(d.enter()).isFalse();
        assertThat(a.scheduler.inTrap()).isFalse();
        assertThat(a.cpu.registers().x(0)).as("nothing done").isZero();
    }

    @Test
    void rawSystemCallsAndRowsCallingGuestCodeGetNoDirectTrap() {
        a = new Setup(f -> f.ret(5));
        assertThat(a.executor.directTrap(GATE + 8)).as("a row calling guest code").isNull();
        assertThat(a.executor.directTrap(GATE + 4)).as("not a stub's svc").isNull();
        assertThat(a.executor.directTrap(0x1000)).as("outside the gate").isNull();
        assertThat(a.executor.directTrap(GATE + 8 * 10)).as("no row there yet").isNull();
    }

}
