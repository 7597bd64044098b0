package org.mdemu.guest.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.TrapHandler;
import org.mdemu.guest.testing.FakeRegisters;

/** The scheduler's deterministic policy on a CPU that runs nothing: only the baton and the virtual clock matter. */
class DeterministicSchedulingTest {
    private static final class IdleCpu implements Cpu {
        private final CpuRegisters registers = new FakeRegisters();
        @Override public CpuRegisters registers() { return registers; }
        @Override public CpuContext saveContext() { return () -> { }; }
        @Override public void restoreContext(CpuContext context) { }
        @Override public CpuContext newContext() { return () -> { }; }
        @Override public CpuExit run(long stopAddress, long instructionBudget) { throw new UnsupportedOperationException(); }
        @Override public void requestStop() { }
        @Override public void setTrapHandler(TrapHandler handler) { }
        @Override public long hwcap() { return 0; }
    }

    private final GuestClock clock = GuestClock.virtual();
    private final Scheduler scheduler = new Scheduler(new IdleCpu(), Scheduler.DEFAULT_SLICE_NANOS, clock, 3);
    private final List<String> wakeups = new CopyOnWriteArrayList<>();

    private void sleeper(GuestThread t, long seconds) {
        Thread host = new Thread(() -> {
            scheduler.awaitFirstTurn(t);
            scheduler.sleepUntil(t, clock.deadlineAfter(seconds, 0));
            wakeups.add(t.tid() + "@" + clock.monotonicNanos() / 1_000_000_000L);
            scheduler.exit(t);
        });
        scheduler.registerRunnable(t, host);
        host.start();
    }

    @Test
    void whenEveryThreadSleepsVirtualTimeJumpsToEachDeadlineInTurnWithoutRealWaiting() throws Exception {
        GuestThread main = new GuestThread(1, 0, 0);
        scheduler.register(main);
        scheduler.acquire(main);
        sleeper(new GuestThread(2, 0, 0), 5000);
        sleeper(new GuestThread(3, 0, 0), 3000);
        long start = System.nanoTime();
        scheduler.sleepUntil(main, clock.deadlineAfter(10_000, 0));
        assertThat(clock.monotonicNanos()).isEqualTo(10_000_000_000_000L);
        assertThat(wakeups).as("the sleepers ran and woke at their virtual deadlines").containsExactly("3@3000", "2@5000");
        assertThat(System.nanoTime() - start).as("real time for 10000 virtual seconds").isLessThan(5_000_000_000L);
        scheduler.exit(main);
    }

    @Test
    void aDeterministicSchedulerHasAnInstructionBudgetOnEveryRunDrawnFromTheSeed() {
        Scheduler again = new Scheduler(new IdleCpu(), Scheduler.DEFAULT_SLICE_NANOS, GuestClock.virtual(), 3);
        Scheduler other = new Scheduler(new IdleCpu(), Scheduler.DEFAULT_SLICE_NANOS, GuestClock.virtual(), 4);
        long[] a = new long[8], b = new long[8], c = new long[8];
        for (int i = 0; i < 8; i++) {
            a[i] = scheduler.instructionBudget();
            b[i] = again.instructionBudget();
            c[i] = other.instructionBudget();
        }
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        for (long budget : a) {
            assertThat(budget).isBetween(Scheduler.DETERMINISTIC_SLICE_INSTRUCTIONS / 2,
                    Scheduler.DETERMINISTIC_SLICE_INSTRUCTIONS * 3 / 2);
        }
        assertThat(new Scheduler(new IdleCpu(), Scheduler.DEFAULT_SLICE_NANOS).instructionBudget())
                .as("the default policy for a single-threaded process").isZero();
    }
}
