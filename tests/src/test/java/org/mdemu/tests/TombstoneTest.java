package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdemu.junit.Tombstone;
import org.mdemu.virtualmachine.CpuEngine;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineCallback;

/**
 * Tombstones as debuggerd writes them, from the crashes of libtombstones.so (tombstones.c, -O2 -fomit-frame-pointer,
 * with libtombstones_dep.so): every thread, backtraces by the call frame information and through a signal frame,
 * build ids, abort messages, causes, and the files in the instance's tombstones directory.
 */
class TombstoneTest {
    private static final String DEP = "/mnt/apk/lib/arm64-v8a/libtombstones_dep.so";

    @TempDir
    Path instances;

    private record Crash(FixtureRun run, Tombstone tombstone) {}

    private Crash crash(String mode, CpuEngine engine) throws Exception {
        FixtureRun r = FixtureRun.run(instances, "tombstones", "libtombstones_" + mode + ".so", engine);
        assertThat(r.callback().stopReason).as(r.console()).isEqualTo(VirtualMachineCallback.STOP_REASON_CRASH);
        VirtualMachine.CrashReport report = r.vm().getCrashReport();
        assertThat(report).as(r.console()).isNotNull();
        assertThat(report.tombstone()).as(r.console()).isNotNull();
        assertThat(r.console() + r.log()).doesNotContain("internal error").doesNotContain("Exception");
        return new Crash(r, Tombstone.parse(report.tombstone()));
    }

    private static List<String> symbols(List<Tombstone.Frame> frames) {
        return frames.stream().map(Tombstone.Frame::symbol).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CpuEngine.class)
    void aCrashSixFramesDeepAcrossTwoLibrariesShowsItsFramesBuildIdsAndEveryOtherThread(CpuEngine engine)
            throws Exception {
        Crash c = crash("deep", engine);
        Tombstone t = c.tombstone();
        assertThat(t.signal()).isEqualTo(11);
        assertThat(t.faultAddress()).isEqualTo(0x10L);
        assertThat(t.cause()).isEqualTo("null pointer dereference");
        assertThat(symbols(t.frames())).as(t.text()).containsExactly("tomb_dep_crash", "tomb_inner", "tomb_dep_level2",
                "tomb_dep_level1", "tomb_outer", "AVmPayload_main");
        String payload = "/mnt/apk/lib/arm64-v8a/libtombstones_deep.so";
        assertThat(t.frames()).extracting(Tombstone.Frame::module).containsExactly(DEP, payload, DEP, DEP, payload,
                payload);
        String depId = buildId("libtombstones_dep.so"), payloadId = buildId("libtombstones.so");
        assertThat(t.frames()).allSatisfy(f -> assertThat(f.buildId()).isEqualTo(f.module().equals(DEP) ? depId : payloadId));
        assertThat(t.text()).contains("pid: 1042, tid: 1042, name: microdroid_laun  >>> /system/bin/microdroid_launcher <<<")
                .containsPattern("(?m)^    lr  [0-9a-f]{16}  sp  [0-9a-f]{16}  pc  [0-9a-f]{16}  pst [0-9a-f]{16}$")
                .contains("memory near sp ([stack]):")
                .contains("--->Fault address falls at 00000000'00000010 before any mapped regions")
                .containsPattern("(?m)^    [0-9a-f]{8}'[0-9a-f]{8}-[0-9a-f]{8}'[0-9a-f]{8} r-x  .* " + DEP
                        + " \\(BuildId: " + depId + "\\)$");
        assertThat(t.otherThreads()).extracting(Tombstone.OtherThread::name)
                .containsExactly("tomb-worker-1", "tomb-worker-2");
        for (Tombstone.OtherThread worker : t.otherThreads()) {
            assertThat(symbols(worker.frames())).as(t.text())
                    .containsExactly("pthread_cond_wait", "tomb_dep_wait", "tomb_worker");
        }
        // The log gets the crashing thread only, as debuggerd logs it; the file has all of it.
        assertThat(c.run().log()).contains("F DEBUG   : Cause: null pointer dereference")
                .contains("tomb_dep_level1+").doesNotContain("tomb-worker-1")
                .contains("tombstoned: Tombstone written to: /data/tombstones/tombstone_00");
        Path file = c.run().vm().getCrashReport().tombstoneFile();
        assertThat(file).isEqualTo(c.run().vm().getDirectory().resolve("tombstones/tombstone_00"));
        assertThat(Files.readString(file)).isEqualTo(t.text());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CpuEngine.class)
    void aCrashInASignalHandlerUnwindsThroughTheSignalFrameIntoTheInterruptedCode(CpuEngine engine) throws Exception {
        Tombstone t = crash("signal", engine).tombstone();
        assertThat(t.faultAddress()).isEqualTo(0x10L);
        assertThat(symbols(t.frames())).as(t.text()).containsExactly("tomb_dep_crash", "tomb_on_segv", "__restore_rt",
                "tomb_dep_touch", "tomb_outer_signal", "AVmPayload_main");
        assertThat(t.frames().get(2).module()).isEqualTo("[mdemu:return]");
        // The interrupted frame is the faulting instruction itself (no return-address adjustment).
        assertThat(t.frames().get(3).module()).isEqualTo(DEP);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CpuEngine.class)
    void anAbortShowsTheMessageSetByTheLibraryAndUnwindsOutOfAbort(CpuEngine engine) throws Exception {
        Tombstone t = crash("abort", engine).tombstone();
        assertThat(t.signal()).isEqualTo(6);
        assertThat(t.faultAddress()).isNull();
        assertThat(t.abortMessage()).isEqualTo("tombstone test: deliberate abort 7");
        assertThat(symbols(t.frames())).as(t.text()).containsSubsequence("abort", "tomb_dep_abort", "tomb_outer_abort",
                "AVmPayload_main");
        assertThat(t.frames().get(0).module()).isEqualTo("/system/lib64/libc.so");
    }

    @Test
    void unboundedRecursionOnAThreadIsAStackOverflowIntoItsGuard() throws Exception {
        Tombstone t = crash("overflow", CpuEngine.defaultEngine()).tombstone();
        assertThat(t.text()).contains("name: tomb-recurse  >>>");
        assertThat(t.cause()).as(t.text()).endsWith("likely due to stack overflow.");
        assertThat(t.frames()).hasSizeBetween(100, 256);
        assertThat(t.frames()).allSatisfy(f -> assertThat(f.symbol()).isEqualTo("tomb_dep_recurse"));
    }

    @Test
    void aReadOfExecuteOnlyMemoryIsNamed() throws Exception {
        Tombstone t = crash("xom", CpuEngine.defaultEngine()).tombstone();
        assertThat(t.text()).contains("code 2 (SEGV_ACCERR)");
        assertThat(t.cause()).isEqualTo("execute-only (no-read) memory access error; likely due to data in .text.");
        assertThat(t.text()).containsPattern("(?m)^--->[0-9a-f']+-[0-9a-f']+ --x ");
    }

    @Test
    void aCallIntoDataIsAnAttemptToExecuteNonExecutableMemory() throws Exception {
        Tombstone t = crash("nx", CpuEngine.defaultEngine()).tombstone();
        assertThat(t.cause()).as(t.text()).isEqualTo("trying to execute non-executable memory.");
        // The data page, at its first byte: an anonymous mapping, not a library.
        assertThat(t.frames().get(0).module()).doesNotStartWith("/");
        assertThat(t.frames().get(0).pc()).isZero();
    }

    @Test
    void aReadOfMemoryUnmappedBeforeIsAUseAfterMunmap() throws Exception {
        Tombstone t = crash("munmap", CpuEngine.defaultEngine()).tombstone();
        assertThat(t.cause()).as(t.text()).startsWith("use after munmap: the fault address was in ");
        assertThat(t.text()).contains("between mapped regions");
    }

    /** Hostile register and stack states: each ends in a complete tombstone with a bounded backtrace. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"badsp", "fploop", "corrupt", "hole"})
    void hostileStatesGiveABoundedBacktraceAndNeverAnEmulatorError(String mode) throws Exception {
        Tombstone t = crash(mode, CpuEngine.defaultEngine()).tombstone();
        assertThat(t.signal()).isEqualTo(11);
        assertThat(t.frames()).hasSizeBetween(1, 256);
        assertThat(t.text()).contains("memory map (");
        switch (mode) {
            case "badsp" -> {
                assertThat(symbols(t.frames())).as(t.text()).startsWith("tomb_bad_sp");
                assertThat(t.text()).containsPattern("sp  0000000000007000").doesNotContain("memory near sp");
            }
            case "fploop" -> assertThat(symbols(t.frames())).as(t.text()).startsWith("tomb_fp_loop");
            case "corrupt" -> {
                assertThat(symbols(t.frames())).as(t.text()).startsWith("tomb_corrupt", "tomb_call_hostile");
                assertThat(t.frames()).noneMatch(f -> Long.toHexString(f.pc()).contains("41414141"));
            }
            default -> {
                assertThat(t.faultAddress()).isEqualTo(0x7b0000000L);
                assertThat(t.frames().get(0).module()).isEqualTo("<unknown>");
                assertThat(t.frames().get(0).pc()).isEqualTo(0x7b0000000L);
                assertThat(symbols(t.frames())).as(t.text()).containsSubsequence("tomb_call_hostile", "AVmPayload_main");
            }
        }
    }

    @Test
    void aNamedInstanceKeepsEachCrashInTheNextTombstoneFile() throws Exception {
        org.mdemu.virtualmachine.VirtualMachineConfig config = new org.mdemu.virtualmachine.VirtualMachineConfig.Builder()
                .setApkPath(Fixtures.apk("tombstones")).setPayloadBinaryName("libtombstones_xom.so").build();
        org.mdemu.virtualmachine.VirtualMachineManager manager = new org.mdemu.virtualmachine.VirtualMachineManager(instances);
        for (int run = 0; run < 2; run++) {
            VirtualMachine vm = manager.getOrCreate("crashy", config);
            RecordingCallback callback = new RecordingCallback();
            vm.setCallback(Runnable::run, callback);
            vm.run();
            callback.awaitStopped(java.time.Duration.ofSeconds(120));
            assertThat(vm.getCrashReport().tombstoneFile().getFileName().toString())
                    .isEqualTo(String.format("tombstone_%02d", run));
        }
        assertThat(instances.resolve("crashy/tombstones")).isDirectoryContaining("glob:**/tombstone_00")
                .isDirectoryContaining("glob:**/tombstone_01");
    }

    @Test
    void libcxxTerminateAbortsWithItsMessageAndFramesInLibcxxSharedWithItsBuildId() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "cxx_terminate", "libcxx_terminate.so");
        Tombstone t = Tombstone.parse(r.vm().getCrashReport().tombstone());
        assertThat(t.abortMessage()).startsWith("terminating due to uncaught exception of type std::logic_error");
        Tombstone.Frame libcxx = t.frames().stream().filter(f -> f.module().endsWith("/libc++_shared.so")).findFirst()
                .orElseThrow(() -> new AssertionError(t.text()));
        Path shared = Fixtures.root().resolve("tests/fixtures/lib/ndk/r27/libc++_shared.so");
        assertThat(libcxx.buildId()).isEqualTo(buildId(Files.readAllBytes(shared)));
        assertThat(symbols(t.frames())).as(t.text()).contains("AVmPayload_main");
    }

    private static String buildId(String fixtureLibrary) throws Exception {
        return buildId(Files.readAllBytes(Fixtures.root().resolve("tests/fixtures/lib/arm64-v8a/" + fixtureLibrary)));
    }

    /**
     * The build id as readelf -n shows it, read here through the section headers (.note.gnu.build-id), not the
     * program headers the emulator reads.
     */
    private static String buildId(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3a) & 0xffff, shnum = b.getShort(0x3c) & 0xffff, shstrndx = b.getShort(0x3e) & 0xffff;
        long strings = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int header = (int) (shoff + (long) i * shentsize);
            int nameAt = (int) (strings + b.getInt(header));
            int end = nameAt;
            while (elf[end] != 0) end++;
            if (!new String(elf, nameAt, end - nameAt, StandardCharsets.US_ASCII).equals(".note.gnu.build-id")) continue;
            int note = (int) b.getLong(header + 0x18);
            int nameSize = b.getInt(note), descSize = b.getInt(note + 4);
            int desc = note + 12 + ((nameSize + 3) & ~3);
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < descSize; k++) hex.append(String.format("%02x", elf[desc + k] & 0xff));
            return hex.toString();
        }
        throw new AssertionError("no .note.gnu.build-id");
    }
}
