package org.mdemu.guest.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.testing.RecordingCpu;

/**
 * Issue 11: on a CPU that cannot be paused from another thread, time slices end only at traps and budget ends. The
 * ticker must never stop such a CPU, and a run must carry an instruction budget whenever another thread could need
 * the CPU before the holder's next trap.
 */
class PreemptionPolicyTest {
    private final RecordingCpu cpu = new RecordingCpu();
    private final Scheduler scheduler = new Scheduler(cpu, 1_000_000L);
    private final GuestThread main = new GuestThread(1, 0, 0);

    @AfterEach
    void close() {
        scheduler.terminate(new RuntimeException("end of test"));
        scheduler.close();
    }

    private GuestThread startThread(int tid, java.util.function.Consumer<GuestThread> body) {
        GuestThread t = new GuestThread(tid, 0, 0);
        Thread host = new Thread(() -> {
            try {
                scheduler.awaitFirstTurn(t);
                body.accept(t);
                scheduler.exit(t);
            } catch (RuntimeException ended) {
                scheduler.exit(t);
            }
        });
        host.setDaemon(true);
        scheduler.registerRunnable(t, host);
        host.start();
        return t;
    }

    @Test
    void aSingleThreadRunsWithoutABudget() {
        scheduler.register(main);
        scheduler.acquire(main);
        assertThat(scheduler.budgetsNeeded()).isFalse();
        assertThat(scheduler.instructionBudget()).isZero();
    }

    @Test
    void aSecondThreadGivesEveryRunABudgetForGood() throws Exception {
        scheduler.register(main);
        scheduler.acquire(main);
        CountDownLatch ran = new CountDownLatch(1);
        startThread(2, t -> ran.countDown());
        assertThat(scheduler.budgetsNeeded()).as("a run that created the thread must leave the CPU at its next trap").isTrue();
        assertThat(scheduler.instructionBudget()).isEqualTo(Scheduler.SLICE_INSTRUCTIONS);
        scheduler.yield(main);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (scheduler.liveCount() > 1 && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(scheduler.liveCount()).isEqualTo(1);
        assertThat(scheduler.instructionBudget()).as("after the second thread ended").isEqualTo(Scheduler.SLICE_INSTRUCTIONS);
    }

    @Test
    void theTickerMarksASliceAsOverButNeverStopsACpuThatCannotResumeFromIt() throws Exception {
        scheduler.register(main);
        scheduler.acquire(main);
        startThread(2, t -> { });
        scheduler.startPreemption();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!scheduler.preemptionDue() && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(scheduler.preemptionDue()).as("the holder kept the CPU for whole slices while another waited").isTrue();
        Thread.sleep(20);
        assertThat(cpu.stops).as("stops requested of the CPU from the ticker's thread").hasValue(0);
        assertThat(scheduler.takePreemption()).isTrue();
        scheduler.yield(main);
        assertThat(scheduler.preemptionDue()).as("a hand-off starts a new slice").isFalse();
    }

    @Test
    void aThreadHandedTheCpuNeverSeesThePreviousHoldersSliceAsItsOwn() throws Exception {
        scheduler.register(main);
        scheduler.acquire(main);
        scheduler.startPreemption();
        for (int round = 0; round < 50; round++) {
            // The other thread holds the CPU for several ticks while main waits, so its slice is marked as over.
            startThread(10 + round, t -> {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4);
                while (System.nanoTime() < until && !scheduler.preemptionDue()) Thread.onSpinWait();
            });
            scheduler.yield(main);
            assertThat(scheduler.preemptionDue()).as("round %d: main's slice has just begun", round).isFalse();
        }
    }
}
