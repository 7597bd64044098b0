package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_KILLED;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** Guest threads, their synchronization and the thread syscalls, run end to end from the committed payloads. */
@MdemuTest
class ThreadsTest {
    @TempDir
    Path instances;

    @Test
    void threadsSynchronizationAndThreadSyscallsPassTheInGuestChecks(
            @Payload(apk = Apks.DIR + "threads.apk", binary = "libthreads.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok 64 threads x 1000 increments under one mutex")
                .containsLineContaining("ok producer/consumer with condition variables")
                .containsLineContaining("ok threads have their own tids")
                .containsLineContaining("ok an unlocked mutex is not handed to a sleeping waiter")
                .containsLineContaining("ok thread-specific values differ per thread")
                .containsLineContaining("ok key destructors run at thread exit")
                .containsLineContaining("ok pthread_once runs its routine once")
                .containsLineContaining("ok cond timedwait on CLOCK_MONOTONIC times out")
                .containsLineContaining("ok mutex timedlock times out")
                .containsLineContaining("ok barrier releases all with one serial thread")
                .containsLineContaining("ok rwlock: readers share, writers exclude")
                .containsLineContaining("ok spinlock counter")
                .containsLineContaining("ok semaphore hands over every post")
                .containsLineContaining("ok raw clone thread runs and its exit clears the child tid")
                .containsLineContaining("ok futex wait times out")
                .containsLineContaining("ok a spinning thread does not starve the others")
                .containsLineContaining("threads failures=0");
        assertThat(r).exitedWith(0);
    }

    @Test
    void exitFromAWorkerThreadEndsTheProcessWithItsStatusAndRunsAtexitHandlers(
            @Payload(apk = Apks.DIR + "threads_exit.apk", binary = "libthreads_exit.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).exitedWith(7);
        assertThat(r).console().containsLineContaining("atexit handler ran on exit from a worker")
                .doesNotContainLineContaining("main thread must not get here");
    }

    @Test
    void aWorkerThreadsFaultCrashesTheVmWithATombstoneNamingThatThread(
            @Payload(apk = Apks.DIR + "threads_crash.apk", binary = "libthreads_crash.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).crashedWith(11).hasFaultAddress(0);
        assertThat(r.tombstone().text()).containsPattern("pid: 1042, tid: (?!1042,)\\d+, name: crasher")
                .contains("code 1 (SEGV_MAPERR)");
        assertThat(r).console().containsLineContaining("crasher about to fault");
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
