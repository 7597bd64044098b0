package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * Runs the committed payload APKs through the Java API and checks callbacks, exit codes and output: with the mdemu
 * JUnit extension (@Payload), and through VirtualMachineManager directly where a test varies the engine.
 */
@MdemuTest
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
    void helloPayloadRunsToCompletionWithLogsStdoutAndReadyCallback(
            @Payload(apk = Apks.DIR + "hello.apk", binary = "libhello.so", waitFor = Payload.WaitFor.READY) PayloadVm vm)
            throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).exitedWith(0).console().containsLine("Hello from the Microdroid payload!");
        assertThat(r).log().withTag("mdemu-demo").withPriorityAtLeast('I')
                .containsLine("first primes: 2 3 5 7 11 13 17 19 23 29")
                .containsLine("pi is about 3.14159, e is about 2.71828")
                .as("INIT_ARRAY constructor and RELR-relocated table")
                .containsLine("initialised by the constructor, now in main")
                .containsLine("read from the APK: Hello from the APK")
                .containsMessagesInOrder("started", "first primes", "read from the APK");
        assertThat(vm.vm().getStatus()).isEqualTo(VirtualMachine.STATUS_STOPPED);
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
    void configFileRouteFindsThePayloadThroughVmConfigJson(
            @Payload(apk = Apks.DIR + "config-route.apk", configPath = "assets/vm_config.json") PayloadVm vm)
            throws Exception {
        assertThat(vm.awaitStop(RUN)).exitedWith(0).log().containsMessageContaining("read from the APK: Hello from the APK");
    }

    @Test
    void exitFromNestedFunctionRunsAtexitHandlersAndReportsTheCode(
            @Payload(apk = Apks.DIR + "exit42.apk", binary = "libexit42.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).exitedWith(42).log().containsMessageContaining("atexit handler ran");
    }

    @Test
    void exitInTheConstructorOfADlopenedLibraryEndsThePayloadWithThatStatus(
            @Payload(apk = Apks.DIR + "dlopen_exit.apk", binary = "libdlopen_exit.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).exitedWith(23).console()
                .containsLineContaining("exit_ctor: constructor exits with 23").doesNotContainLineContaining("dlopen returned");
    }

    @Test
    void segfaultStopsTheVmWithCrashAndATombstoneNamingTheFunction(
            @Payload(apk = Apks.DIR + "segv.apk", binary = "libsegv.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).crashedWith(11).hasFaultAddress(0x10).hasFramesInOrder("write_to_bad_pointer", "AVmPayload_main")
                .hasFrameIn("/mnt/apk/lib/arm64-v8a/libsegv.so");
        assertThat(r.exitCode()).isNull();
        assertThat(r.tombstone().text()).contains("signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x10");
        assertThat(r).log().hasLine('F', "DEBUG", "signal 11 (SIGSEGV)");
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
                .containsPattern("libsegv\\.so \\(write_to_bad_pointer\\+\\d+\\)");
    }

    @Test
    void abortStopsTheVmWithSigabrtAndBacktraceThroughLibc(
            @Payload(apk = Apks.DIR + "abort.apk", binary = "libabort.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).crashedWith(6).hasFramesInOrder("abort", "AVmPayload_main")
                .hasFrameIn("/system/lib64/libc.so").hasFrameIn("libabort.so");
    }

    @Test
    void unresolvedImportsFailBeforeMainNamingEverySymbolWithItsVersion(
            @Payload(apk = Apks.DIR + "unresolved.apk", binary = "libunresolved.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).hasError(ERROR_PAYLOAD_INVALID_CONFIG).stoppedBecause(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
        assertThat(r.errorMessage())
                .contains("cannot locate symbol \"mdemu_missing_one@LIBC\" referenced by \"libunresolved.so\"")
                .contains("cannot locate symbol \"mdemu_missing_two@LIBC\" referenced by \"libunresolved.so\"");
        assertThat(r.exitCode()).isNull();
    }

    @Test
    void libraryWithoutEntryPointIsRejected(
            @Payload(apk = Apks.DIR + "nomain.apk", binary = "libnomain.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r.errorMessage()).contains("AVmPayload_main").contains("libnomain.so");
        assertThat(r).stoppedBecause(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
    }

    @Test
    void notAZipFailsVerification(
            @Payload(apk = Apks.DIR + "not-a-zip.apk", binary = "libhello.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).hasError(ERROR_PAYLOAD_VERIFICATION_FAILED);
        assertThat(r.errorMessage()).contains("not-a-zip.apk").contains("not a zip");
        assertThat(r).stoppedBecause(STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED);
    }

    @Test
    void apkWithoutArm64LibrariesListsTheAbisPresent(
            @Payload(apk = Apks.DIR + "no-arm64.apk", binary = "libhello.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r.errorMessage()).contains("no lib/arm64-v8a").contains("armeabi-v7a, x86_64");
        assertThat(r).hasError(ERROR_PAYLOAD_INVALID_CONFIG);
    }

    @Test
    void payloadNameNotInTheApkListsWhatIsThere(
            @Payload(apk = Apks.DIR + "hello.apk", binary = "libother.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r.errorMessage()).contains("libother.so not found in lib/arm64-v8a (present: libhello.so)");
    }

    @Test
    void elfOfAnotherMachineIsRejectedWithItsMachineNamed(
            @Payload(apk = Apks.DIR + "wrong-machine.apk", binary = "libhello.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r.errorMessage()).contains("machine 62 (x86-64) is not AArch64 (183)");
        assertThat(r).stoppedBecause(STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG);
    }

    @Test
    void truncatedElfIsRejectedWithTheOffset(
            @Payload(apk = Apks.DIR + "truncated-elf.apk", binary = "libhello.so", waitFor = Payload.WaitFor.NOTHING)
            PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r.errorMessage()).contains("truncated").contains("300 bytes");
    }

    @Test
    void stopHaltsATightLoopWithinAFewHundredMilliseconds(
            @Payload(apk = Apks.DIR + "spin.apk", binary = "libspin.so") PayloadVm vm) throws Exception {
        Thread.sleep(300);
        assertThat(vm).isRunning().log().hasLine('I', "spin", "spinning");
        vm.vm().stop();
        assertThat(vm.awaitStop(java.time.Duration.ofSeconds(5))).wasKilled();
        assertThat(vm.vm().getStatus()).isEqualTo(VirtualMachine.STATUS_STOPPED);
    }
}
