package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.VirtualMachineConfig;

/**
 * Payloads that end badly or never end (hostile.apk, one library per behaviour): each gets the device's answer, a
 * status, a signal with its tombstone, a watchdog line or a timeout with a thread dump, never an emulator error.
 */
class HostilePayloadTest {
    @TempDir
    Path instances;

    private FixtureRun run(String mode, Consumer<VirtualMachineConfig.Builder> settings) throws Exception {
        FixtureRun r = FixtureRun.run(instances.resolve(mode), "hostile", "libhostile_" + mode + ".so", settings);
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        assertThat(r.console()).contains("hostile: " + mode);
        return r;
    }

    private FixtureRun run(String mode) throws Exception {
        return run(mode, b -> { });
    }

    @Test
    void rawExitOfTheLastThreadIsTheProcessExitStatus() throws Exception {
        FixtureRun r = run("exit100");
        assertThat(r.callback().events).containsExactly("started", "finished:100", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    @Test
    void sigkillEndsTheProcessWithoutATombstone() throws Exception {
        FixtureRun r = run("sigkill");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(9);
        assertThat(r.console()).contains("payload killed by signal 9 (SIGKILL)").doesNotContain("at 0x0")
                .doesNotContain("*** *** ***");
    }

    @Test
    void aSignalThatCannotBeDeliveredOnABadStackIsSigsegvFromTheKernel() throws Exception {
        for (String mode : new String[] {"badsp", "badaltstack", "clonebadstack"}) {
            FixtureRun r = run(mode);
            assertThat(r.callback().stopReason).as(mode).isEqualTo(STOP_REASON_CRASH);
            assertThat(r.vm().getCrashReport().signal()).as(mode).isEqualTo(11);
            assertThat(r.vm().getCrashReport().tombstone()).as(mode).contains("signal 11 (SIGSEGV), code 128 (SI_KERNEL)");
        }
    }

    @Test
    void aLibraryFunctionReadingAProtectedStringCrashesInThatFunction() throws Exception {
        FixtureRun r = run("putsnone");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().tombstone()).contains("signal 11 (SIGSEGV), code 2 (SEGV_ACCERR)")
                .containsPattern("#00 pc [0-9a-f]+  /system/lib64/libc.so \\(puts")
                .containsPattern("#01 pc [0-9a-f]+  /mnt/apk/lib/arm64-v8a/libhostile_putsnone.so");
        assertThat(r.console()).doesNotContain("never printed");
    }

    /** Every thread blocked for good: the watchdog says so once, with the wait channels, and the VM keeps waiting. */
    @Test
    void aDeadlockIsReportedByTheWatchdogAndATimeoutDumpsEveryThread() throws Exception {
        FixtureRun r = run("deadlock", b -> b.setWatchdogDelay(Duration.ofMillis(300)).setTimeout(Duration.ofSeconds(3)));
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.console()).containsPattern("watchdog: all 2 threads blocked for [0-9.]+ s: 1042 \\(microdroid_laun\\):"
                + " blocked on futex 0x[0-9a-f]+; 1043 \\([^)]*\\): blocked on futex 0x[0-9a-f]+");
        assertThat(r.console().split("watchdog: all").length).as("reported once").isEqualTo(2);
        assertThat(r.console()).contains("payload stopped: its timeout of 3 s ran out")
                .contains("threads of the payload when its time ran out")
                .containsPattern("1042 \\(microdroid_laun\\): blocked on futex")
                .containsPattern("#0[0-9] pc [0-9a-f]+  /system/lib64/libc.so \\(pthread_mutex_lock")
                .containsPattern("#0[0-9] pc [0-9a-f]+  /mnt/apk/lib/arm64-v8a/libhostile_deadlock.so \\(AVmPayload_main");
    }

    @Test
    void aFutexWaitWithoutTimeoutIsReportedAndTheVmKeepsWaiting() throws Exception {
        FixtureRun r = run("futexwait", b -> b.setWatchdogDelay(Duration.ofMillis(200)).setTimeout(Duration.ofSeconds(2)));
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.console()).containsPattern("watchdog: all 1 thread blocked for [0-9.]+ s: 1042 \\(microdroid_laun\\):"
                + " blocked on futex 0x");
    }

    @Test
    void aTimeoutStopsASpinningPayloadWithItsThreadRunning() throws Exception {
        FixtureRun r = run("spin", b -> b.setWatchdogDelay(Duration.ofMillis(100)).setTimeout(Duration.ofMillis(800)));
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.console()).doesNotContain("watchdog:").contains("1042 (microdroid_laun): running")
                .containsPattern("#00 pc [0-9a-f]+  /mnt/apk/lib/arm64-v8a/libhostile_spin.so \\(AVmPayload_main");
    }

    /** raise(SIGSTOP) stops the process as on Linux: nothing runs, the watchdog reports it, only SIGKILL ends it. */
    @Test
    void aStopSignalStopsTheProcessUntilItIsKilled() throws Exception {
        FixtureRun r = run("stop", b -> b.setWatchdogDelay(Duration.ofMillis(200)).setTimeout(Duration.ofSeconds(2)));
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.console()).containsPattern("watchdog: all 1 thread blocked for [0-9.]+ s: 1042 \\(microdroid_laun\\):"
                + " stopped").doesNotContain("continued");
    }
}
