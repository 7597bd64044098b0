package org.mdemu.guest.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.MultiCoreCpu;
import org.mdemu.guest.machine.TrapHandler;
import org.mdemu.guest.testing.FakeRegisters;

/**
 * Issue 15, several vCPUs: guest code runs on the cores while the kernel's baton still admits one Java side at a time;
 * every thread that can run guest code runs it at once, more of them than cores too (the host shares its processors),
 * and no ticker stops them; they wait only while the cores are stopped; the process's end reaches threads on cores.
 */
class MultiCoreSchedulingTest {
    /** A CPU of the given cores that runs nothing and records the host threads it was asked to stop. */
    private static final class RecordingCores implements MultiCoreCpu {
        final int cores;
        final Set<Thread> stopped = ConcurrentHashMap.newKeySet();
        final AtomicInteger stopAll = new AtomicInteger();
        private final CpuRegisters registers = new FakeRegisters();

        RecordingCores(int cores) {
            this.cores = cores;
        }

        @Override public int cores() { return cores; }
        @Override public void requestStop(Thread host) { stopped.add(host); }
        @Override public void requestStopAll() { stopAll.incrementAndGet(); }
        @Override public void release(Thread host) { }
        @Override public CpuRegisters registers() { return registers; }
        @Override public CpuContext saveContext() { return () -> { }; }
        @Override public void restoreContext(CpuContext context) { }
        @Override public CpuContext newContext() { return () -> { }; }
        @Override public CpuExit run(long stopAddress, long instructionBudget) { throw new IllegalStateException(); }
        @Override public boolean pausableFromAnotherThread() { return true; }
        @Override public void requestStop() { }
        @Override public void setTrapHandler(TrapHandler handler) { }
        @Override public long hwcap() { return 0; }
    }

    private final RecordingCores cpu = new RecordingCores(2);
    private final Scheduler scheduler = new Scheduler(cpu, 1_000_000L);
    private final List<Thread> hosts = new ArrayList<>();
    /** The test's own thread holds the baton first and gives it up (by exiting) once it started the others. */
    private final GuestThread main = new GuestThread(1, 0, 0);

    @org.junit.jupiter.api.BeforeEach
    void holdTheBaton() {
        scheduler.register(main);
        scheduler.acquire(main);
    }

    private void letGo() {
        scheduler.exit(main);
    }

    @AfterEach
    void close() throws InterruptedException {
        scheduler.terminate(new RuntimeException("end of test"));
        scheduler.close();
        for (Thread h : hosts) h.join(5000);
    }

    private GuestThread startThread(int tid, java.util.function.Consumer<GuestThread> body) {
        GuestThread t = new GuestThread(tid, 0, 0);
        Thread host = new Thread(() -> {
            try {
                scheduler.awaitFirstTurn(t);
                body.accept(t);
            } catch (RuntimeException ended) {
                // the termination of the test's end
            } finally {
                scheduler.exit(t);
            }
        });
        host.setDaemon(true);
        hosts.add(host);
        scheduler.registerRunnable(t, host);
        host.start();
        return t;
    }

    @Test
    void guestCodeRunsOnEveryCoreAtOnceWhileHandlersTakeTurns() throws Exception {
        AtomicInteger inGuest = new AtomicInteger(), mostInGuest = new AtomicInteger();
        AtomicInteger inKernel = new AtomicInteger(), mostInKernel = new AtomicInteger();
        int[] unsynchronized = {0};
        int threads = 6, rounds = 20_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            startThread(10 + i, t -> {
                for (int r = 0; r < rounds; r++) {
                    // A handler: only the baton holder runs it, so a plain counter stays exact.
                    mostInKernel.accumulateAndGet(inKernel.incrementAndGet(), Math::max);
                    unsynchronized[0]++;
                    inKernel.decrementAndGet();
                    scheduler.enterGuest(t);
                    mostInGuest.accumulateAndGet(inGuest.incrementAndGet(), Math::max);
                    for (int spin = 0; spin < 50; spin++) Thread.onSpinWait();
                    inGuest.decrementAndGet();
                    scheduler.leaveGuest(t);
                }
                done.countDown();
            });
        }
        letGo();
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every thread finished").isTrue();
        assertThat(unsynchronized[0]).isEqualTo(threads * rounds);
        assertThat(mostInKernel.get()).as("Java sides at once").isEqualTo(1);
        assertThat(mostInGuest.get()).as("threads in guest code at once").isGreaterThanOrEqualTo(2);
    }

    @Test
    void moreThreadsThanCoresRunGuestCodeAtOnceAndNoTickerStopsThem() throws Exception {
        int threads = 3;
        CountDownLatch allOnCores = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            startThread(20 + i, t -> {
                scheduler.enterGuest(t);
                allOnCores.countDown();
                // Guest code that never traps: it ends only when stopped.
                while (!cpu.stopped.contains(Thread.currentThread()) && scheduler.termination() == null) Thread.onSpinWait();
                scheduler.leaveGuest(t);
            });
        }
        letGo();
        assertThat(allOnCores.await(10, TimeUnit.SECONDS)).as("three threads in guest code on two cores").isTrue();
        scheduler.startPreemption();
        Thread.sleep(20); // twenty of this scheduler's slices
        assertThat(cpu.stopped).as("threads stopped by a ticker").isEmpty();
        assertThat(scheduler.describeThreads()).hasSize(threads).allMatch(line -> line.endsWith(": running"));
    }

    @Test
    void theProcessEndReachesEveryThreadOnACore() throws Exception {
        int threads = 3;
        CountDownLatch onCores = new CountDownLatch(threads);
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            startThread(40 + i, t -> {
                try {
                    scheduler.enterGuest(t);
                    onCores.countDown();
                    while (scheduler.termination() == null) Thread.onSpinWait();
                    scheduler.leaveGuest(t);
                } catch (RuntimeException end) {
                    ended.incrementAndGet();
                    throw end;
                }
            });
        }
        letGo();
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.terminate(new RuntimeException("killed"));
        for (Thread h : hosts) h.join(5000);
        assertThat(hosts).noneMatch(Thread::isAlive);
        assertThat(ended.get()).as("threads that saw the end").isEqualTo(threads);
        assertThat(cpu.stopAll.get()).isEqualTo(1);
    }

    @Test
    void stoppingTheOtherCoresWaitsUntilNoGuestCodeRunsAndGivesNoCoreAwayUntilResumed() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2);
        AtomicInteger left = new AtomicInteger();
        GuestThread[] workers = new GuestThread[2];
        for (int i = 0; i < 2; i++) {
            workers[i] = startThread(50 + i, t -> {
                scheduler.enterGuest(t);
                onCores.countDown();
                while (!cpu.stopped.contains(Thread.currentThread())) Thread.onSpinWait();
                left.incrementAndGet();
                scheduler.leaveGuest(t);
                scheduler.enterGuest(t);
                scheduler.leaveGuest(t);
            });
        }
        // The main thread lets both workers take the baton and a core, and gets the baton back.
        scheduler.yield(main);
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.stopOtherCores(main);
        assertThat(left.get()).isEqualTo(2);
        assertThat(workers).noneMatch(w -> w.onCore);
        scheduler.resumeOtherCores();
        letGo();
        for (Thread h : hosts) h.join(5000);
        assertThat(hosts).noneMatch(Thread::isAlive);
    }

    @Test
    void aFreeBatonGoesToTheThreadAskingForItEvenPastAQueuedThreadNotYetAwake() throws Exception {
        GuestThread queued = new GuestThread(80, 0, 0);
        // Queued behind the baton's holder; its host thread never runs: a thread handed the baton would wait forever.
        scheduler.registerRunnable(queued, new Thread(() -> { }));
        scheduler.enterGuest(main);
        Thread trap = new Thread(() -> scheduler.leaveGuest(main));
        trap.start();
        trap.join(5000);
        assertThat(trap.isAlive()).as("waiting for a baton handed to a sleeping thread").isFalse();
        assertThat(scheduler.current()).isSameAs(main);
        assertThat(scheduler.describeThreads()).anyMatch(line -> line.startsWith("80 ") && line.endsWith("runnable"));
        scheduler.exit(queued);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
