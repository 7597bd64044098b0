package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_CRASH;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_KILLED;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** Guest threads, their synchronization and the thread syscalls, run end to end from the committed payloads. */
class ThreadsTest {
    @TempDir
    Path instances;

    @Test
    void threadsSynchronizationAndThreadSyscallsPassTheInGuestChecks() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "threads", "libthreads.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok 64 threads x 1000 increments under one mutex")
                .contains("ok producer/consumer with condition variables")
                .contains("ok threads have their own tids")
                .contains("ok thread-specific values differ per thread")
                .contains("ok key destructors run at thread exit")
                .contains("ok pthread_once runs its routine once")
                .contains("ok cond timedwait on CLOCK_MONOTONIC times out")
                .contains("ok mutex timedlock times out")
                .contains("ok barrier releases all with one serial thread")
                .contains("ok rwlock: readers share, writers exclude")
                .contains("ok spinlock counter")
                .contains("ok semaphore hands over every post")
                .contains("ok raw clone thread runs and its exit clears the child tid")
                .contains("ok futex wait times out")
                .contains("ok a spinning thread does not starve the others")
                .contains("threads failures=0");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    @Test
    void exitFromAWorkerThreadEndsTheProcessWithItsStatusAndRunsAtexitHandlers() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "threads_exit", "libthreads_exit.so");
        assertThat(r.callback().events).containsExactly("started", "finished:7", "stopped:" + STOP_REASON_SHUTDOWN);
        assertThat(r.console()).contains("atexit handler ran on exit from a worker")
                .doesNotContain("main thread must not get here");
    }

    @Test
    void aWorkerThreadsFaultCrashesTheVmWithATombstoneNamingThatThread() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "threads_crash", "libthreads_crash.so");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        String tombstone = r.vm().getCrashReport().tombstone();
        assertThat(tombstone).containsPattern("pid: 1042, tid: (?!1042,)\\d+, name: crasher")
                .contains("signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x0");
        assertThat(r.console()).contains("crasher about to fault");
    }

    /**
     * Stopping a VM whose four threads all spin ends every one of them, on both engines, several times in one JVM.
     * On Unicorn 1 this crashed the JVM (issue 11): a termination unwinding a nested guest call restored that
     * thread's registers into the engine from a thread that no longer held the CPU, while another ran in it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CpuEngine.class)
    void stopEndsEveryThreadOfAPayloadWhoseThreadsAllSpin(CpuEngine engine) throws Exception {
        for (int run = 0; run < 5; run++) {
            VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("threads_spin"))
                    .setPayloadBinaryName("libthreads_spin.so").setCpuEngine(engine).build();
            VirtualMachine vm = new VirtualMachineManager(instances).create("threads_spin_" + engine.cliName() + run, config);
            RecordingCallback callback = new RecordingCallback();
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitStarted();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (guestHostThreads() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(guestHostThreads()).as("worker threads while spinning").isGreaterThanOrEqualTo(3);
            Thread.sleep(run * 40L);
            vm.stop();
            callback.awaitStopped();
            assertThat(callback.stopReason).isEqualTo(STOP_REASON_KILLED);
            for (int i = 0; i < 100 && guestHostThreads() > 0; i++) Thread.sleep(20);
            assertThat(guestHostThreads()).as("host threads of guest threads left after stop").isZero();
            vm.close();
        }
    }

    private static long guestHostThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("mdemu-guest-tid-")).count();
    }
}
