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
 * Issue 15, several vCPUs: guest code runs on as many cores as the CPU has while the kernel's baton still admits one
 * Java side at a time; a thread waiting for a core gets one when another leaves; the ticker stops a thread that has
 * held a core for a whole slice while another waits; the process's end reaches threads on cores and waiting for one.
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
        assertThat(mostInGuest.get()).as("threads in guest code at once").isEqualTo(2);
    }

    @Test
    void aThreadWaitingForACoreGetsTheFirstOneLeft() throws Exception {
        CountDownLatch bothOnCores = new CountDownLatch(2), release = new CountDownLatch(1);
        CountDownLatch thirdOnCore = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            startThread(20 + i, t -> {
                scheduler.enterGuest(t);
                bothOnCores.countDown();
                await(release);
                scheduler.leaveGuest(t);
            });
        }
        letGo();
        assertThat(bothOnCores.await(10, TimeUnit.SECONDS)).isTrue();
        GuestThread third = startThread(22, t -> {
            scheduler.enterGuest(t);
            thirdOnCore.countDown();
            scheduler.leaveGuest(t);
        });
        assertThat(thirdOnCore.await(200, TimeUnit.MILLISECONDS)).as("no core is free").isFalse();
        assertThat(scheduler.describeThreads()).anyMatch(line -> line.startsWith(third.tid() + " ") && line.endsWith("waiting for a core"));
        release.countDown();
        assertThat(thirdOnCore.await(10, TimeUnit.SECONDS)).as("a core was left").isTrue();
    }

    @Test
    void theTickerStopsAThreadThatHeldItsCoreForASliceWhileAnotherWaits() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2), waiting = new CountDownLatch(1);
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            startThread(30 + i, t -> {
                synchronized (holders) {
                    holders.add(Thread.currentThread());
                }
                scheduler.enterGuest(t);
                onCores.countDown();
                // Guest code that never traps: only a stop from the ticker would end it.
                while (!cpu.stopped.contains(Thread.currentThread())) Thread.onSpinWait();
                scheduler.leaveGuest(t);
            });
        }
        letGo();
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.startPreemption();
        startThread(32, t -> {
            scheduler.enterGuest(t);
            waiting.countDown();
            scheduler.leaveGuest(t);
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the waiting thread got a core").isTrue();
        assertThat(cpu.stopped).containsAnyElementsOf(holders);
    }

    @Test
    void theProcessEndReachesThreadsOnCoresAndThreadsWaitingForOne() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2);
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.describeThreads().stream().noneMatch(line -> line.endsWith("waiting for a core"))) {
            assertThat(System.nanoTime() - deadline).as("the third thread waits for a core").isNegative();
            Thread.sleep(1);
        }
        scheduler.terminate(new RuntimeException("killed"));
        for (Thread h : hosts) h.join(5000);
        assertThat(hosts).noneMatch(Thread::isAlive);
        assertThat(ended.get()).as("threads that saw the end").isEqualTo(3);
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
    void aThreadKeepsItsCoreThroughItsHandlersUntilItsSliceIsOverWhileAnotherWaits() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2), handlersDone = new CountDownLatch(1), preempt = new CountDownLatch(1);
        CountDownLatch waiterOnCore = new CountDownLatch(1);
        AtomicInteger handlers = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            int index = i;
            startThread(60 + i, t -> {
                scheduler.enterGuest(t);
                onCores.countDown();
                if (index == 0) {
                    await(preempt);
                    // System calls that do not block, until its slice ends and the waiting thread takes its core.
                    while (waiterOnCore.getCount() > 0) {
                        scheduler.leaveGuest(t);
                        handlers.incrementAndGet();
                        if (handlers.get() == 200) handlersDone.countDown();
                        scheduler.enterGuest(t);
                    }
                } else {
                    while (scheduler.termination() == null) Thread.onSpinWait();
                }
                scheduler.leaveGuest(t);
            });
        }
        letGo();
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        startThread(62, t -> {
            scheduler.enterGuest(t);
            waiterOnCore.countDown();
            scheduler.leaveGuest(t);
        });
        preempt.countDown();
        assertThat(handlersDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waiterOnCore.getCount()).as("the waiting thread took no core while the first made calls").isEqualTo(1);
        scheduler.startPreemption();
        assertThat(waiterOnCore.await(10, TimeUnit.SECONDS)).as("a core once the slice was over").isTrue();
    }

    @Test
    void aThreadThatBlocksGivesItsCoreToAThreadWaitingForOne() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2), thirdOnCore = new CountDownLatch(1);
        Waiter[] blocked = new Waiter[1];
        CountDownLatch blocking = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            int index = i;
            startThread(70 + i, t -> {
                scheduler.enterGuest(t);
                onCores.countDown();
                if (index == 0) {
                    await(blocking);
                    scheduler.leaveGuest(t);
                    Waiter w = new Waiter(t, 0);
                    blocked[0] = w;
                    scheduler.block(w, Long.MAX_VALUE);
                } else {
                    while (scheduler.termination() == null) Thread.onSpinWait();
                    scheduler.leaveGuest(t);
                }
            });
        }
        letGo();
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        startThread(72, t -> {
            scheduler.enterGuest(t);
            thirdOnCore.countDown();
            scheduler.leaveGuest(t);
        });
        assertThat(thirdOnCore.await(200, TimeUnit.MILLISECONDS)).as("no core is free").isFalse();
        blocking.countDown();
        assertThat(thirdOnCore.await(10, TimeUnit.SECONDS)).as("the blocked thread's core").isTrue();
    }

    @Test
    void aThreadWaitingLongForTheBatonLendsItsCoreToAThreadWaitingForOne() throws Exception {
        CountDownLatch onCores = new CountDownLatch(2), longHandler = new CountDownLatch(1), start = new CountDownLatch(1);
        CountDownLatch thirdOnCore = new CountDownLatch(1), handlerEnd = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            int index = i;
            startThread(90 + i, t -> {
                scheduler.enterGuest(t);
                onCores.countDown();
                if (index == 0) {
                    await(start);
                    scheduler.leaveGuest(t);
                    longHandler.countDown();
                    await(handlerEnd); // a handler holding the baton for long (a big copy, a slow file)
                    scheduler.enterGuest(t);
                } else {
                    await(longHandler);
                    scheduler.leaveGuest(t); // waits behind the long handler
                    scheduler.enterGuest(t);
                }
                while (scheduler.termination() == null) Thread.onSpinWait();
                scheduler.leaveGuest(t);
            });
        }
        letGo();
        assertThat(onCores.await(10, TimeUnit.SECONDS)).isTrue();
        startThread(92, t -> {
            scheduler.enterGuest(t);
            thirdOnCore.countDown();
            while (scheduler.termination() == null) Thread.onSpinWait();
            scheduler.leaveGuest(t);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.describeThreads().stream().noneMatch(line -> line.endsWith("waiting for a core"))) {
            assertThat(System.nanoTime() - deadline).as("the third thread waits for a core").isNegative();
            Thread.sleep(1);
        }
        start.countDown();
        try {
            assertThat(thirdOnCore.await(10, TimeUnit.SECONDS)).as("a core lent while the long handler runs").isTrue();
        } finally {
            handlerEnd.countDown();
        }
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
