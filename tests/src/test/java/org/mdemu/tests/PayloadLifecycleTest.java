package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/** Runs the committed payload APKs through the Java API and checks callbacks, exit codes and output. */
class PayloadLifecycleTest {
    @TempDir
    Path instances;

    private FixtureRun run(String apk, String payload) throws Exception {
        return FixtureRun.run(instances, apk, payload);
    }

    private FixtureRun run(String apk, String payload, CpuEngine engine) throws Exception {
        return FixtureRun.run(instances, apk, payload, engine);
    }

    @Test
    void helloPayloadRunsToCompletionWithLogsStdoutAndReadyCallback() throws Exception {
        FixtureRun r = run("hello", "libhello.so");
        assertThat(r.callback().events).containsExactly("started", "ready", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
        assertThat(r.console()).contains("Hello from the Microdroid payload!");
        assertThat(r.log()).containsPattern("\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} +\\d+ +\\d+ I mdemu-demo: first primes:"
                + " 2 3 5 7 11 13 17 19 23 29");
        assertThat(r.log()).contains("pi is about 3.14159, e is about 2.71828");
        assertThat(r.log()).as("INIT_ARRAY constructor and RELR-relocated table").contains("initialised by the constructor, now in main");
        assertThat(r.log()).contains("read from the APK: Hello from the APK");
        assertThat(r.vm().getStatus()).isEqualTo(VirtualMachine.STATUS_STOPPED);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"suite", "suite_aps2"})
    void libcSyscallsFilesAndDynamicLinkingPassTheInGuestSuite(String variant) throws Exception {
        FixtureRun r = run(variant, "lib" + variant + ".so");
        assertThat(r.console()).doesNotContain("FAIL").contains("ok syscall write").contains("raw write")
                .contains("ok proc maps").contains("ok no escape via ..").contains("ok dlopen+dlsym")
                .contains("ok qsort with guest comparator").contains("ok dl_iterate_phdr")
                .contains("ok relocated pointer table").contains("ok stderr data import")
                .contains("suite failures=0");
        assertThat(r.callback().exitCode).isZero();
    }

    @Test
    void configFileRouteFindsThePayloadThroughVmConfigJson() throws Exception {
        FixtureRun r = run("config-route", null);
        assertThat(r.callback().exitCode).isZero();
        assertThat(r.log()).contains("read from the APK: Hello from the APK");
    }

    @Test
    void exitFromNestedFunctionRunsAtexitHandlersAndReportsTheCode() throws Exception {
        FixtureRun r = run("exit42", "libexit42.so");
        assertThat(r.callback().events).containsExactly("started", "finished:42", "stopped:" + STOP_REASON_SHUTDOWN);
        assertThat(r.log()).contains("atexit handler ran");
    }

    @Test
    void exitInTheConstructorOfADlopenedLibraryEndsThePayloadWithThatStatus() throws Exception {
        FixtureRun r = run("dlopen_exit", "libdlopen_exit.so");
        assertThat(r.callback().events).containsExactly("started", "finished:23", "stopped:" + STOP_REASON_SHUTDOWN);
        assertThat(r.console()).contains("exit_ctor: constructor exits with 23").doesNotContain("dlopen returned");
    }

    @Test
    void segfaultStopsTheVmWithCrashAndATombstoneNamingTheFunction() throws Exception {
        FixtureRun r = run("segv", "libsegv.so");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.callback().exitCode).isNull();
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(11);
        assertThat(r.vm().getCrashReport().tombstone())
                .contains("signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x10")
                .contains("/mnt/apk/lib/arm64-v8a/libsegv.so (write_to_bad_pointer)")
                .contains("libsegv.so (AVmPayload_main+");
        assertThat(r.log()).contains("F DEBUG   : signal 11 (SIGSEGV)");
    }

    /** The whole suite runs on the default engine; these prove the other engine too within one build. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(CpuEngine.class)
    void inGuestSuiteAndCrashReportsWorkOnEveryCpuEngine(CpuEngine engine) throws Exception {
        FixtureRun suite = run("suite", "libsuite.so", engine);
        assertThat(suite.console()).doesNotContain("FAIL").contains("suite failures=0");
        assertThat(suite.callback().exitCode).isZero();
        FixtureRun segv = run("segv", "libsegv.so", engine);
        assertThat(segv.vm().getCrashReport().tombstone())
                .contains("signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x10")
                .contains("libsegv.so (write_to_bad_pointer)");
    }

    @Test
    void abortStopsTheVmWithSigabrtAndBacktraceThroughLibc() throws Exception {
        FixtureRun r = run("abort", "libabort.so");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_CRASH);
        assertThat(r.vm().getCrashReport().signal()).isEqualTo(6);
        assertThat(r.vm().getCrashReport().tombstone()).contains("signal 6 (SIGABRT)")
                .contains("/system/lib64/libc.so (abort").contains("libabort.so (AVmPayload_main+");
    }

    @Test
    void unresolvedImportsFailBeforeMainNamingEverySymbolWithItsVersion() throws Exception {
        FixtureRun r = run("unresolved", "libunresolved.so");
        assertThat(r.callback().errorCode).isEqualTo(ERROR_PAYLOAD_INVALID_CONFIG);
        assertThat(r.callback().errorMessage)
                .contains("cannot locate symbol \"mdemu_missing_one@LIBC\" referenced by \"libunresolved.so\"")
                .contains("cannot locate symbol \"mdemu_missing_two@LIBC\" referenced by \"libunresolved.so\"");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
        assertThat(r.callback().exitCode).isNull();
    }

    @Test
    void libraryWithoutEntryPointIsRejected() throws Exception {
        FixtureRun r = run("nomain", "libnomain.so");
        assertThat(r.callback().errorMessage).contains("AVmPayload_main").contains("libnomain.so");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
    }

    @Test
    void notAZipFailsVerification() throws Exception {
        FixtureRun r = run("not-a-zip", "libhello.so");
        assertThat(r.callback().errorCode).isEqualTo(ERROR_PAYLOAD_VERIFICATION_FAILED);
        assertThat(r.callback().errorMessage).contains("not-a-zip.apk").contains("not a zip");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED);
    }

    @Test
    void apkWithoutArm64LibrariesListsTheAbisPresent() throws Exception {
        FixtureRun r = run("no-arm64", "libhello.so");
        assertThat(r.callback().errorMessage).contains("no lib/arm64-v8a").contains("armeabi-v7a, x86_64");
        assertThat(r.callback().errorCode).isEqualTo(ERROR_PAYLOAD_INVALID_CONFIG);
    }

    @Test
    void payloadNameNotInTheApkListsWhatIsThere() throws Exception {
        FixtureRun r = run("hello", "libother.so");
        assertThat(r.callback().errorMessage).contains("libother.so not found in lib/arm64-v8a (present: libhello.so)");
    }

    @Test
    void elfOfAnotherMachineIsRejectedWithItsMachineNamed() throws Exception {
        FixtureRun r = run("wrong-machine", "libhello.so");
        assertThat(r.callback().errorMessage).contains("machine 62 (x86-64) is not AArch64 (183)");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
    }

    @Test
    void truncatedElfIsRejectedWithTheOffset() throws Exception {
        FixtureRun r = run("truncated-elf", "libhello.so");
        assertThat(r.callback().errorMessage).contains("truncated").contains("300 bytes");
    }

    @Test
    void stopHaltsATightLoopWithinAFewHundredMilliseconds() throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("spin"))
                .setPayloadBinaryName("libspin.so").build();
        VirtualMachine vm = new VirtualMachineManager(instances).create("spin", config);
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        callback.awaitStarted();
        Thread.sleep(300);
        assertThat(vm.getStatus()).isEqualTo(VirtualMachine.STATUS_RUNNING);
        vm.stop();
        callback.awaitStopped();
        assertThat(callback.stopReason).isEqualTo(STOP_REASON_KILLED);
        assertThat(vm.getStatus()).isEqualTo(VirtualMachine.STATUS_STOPPED);
    }
}
