package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.virtualmachine.VirtualMachineManager;
import org.mdemu.vsock.VsockConnection;

/**
 * Issue 16's workloads at sizes whose cost used to explode (costs.apk; CostCurves prints their curves): each must
 * reach its outcome within the hang guard. The outcome is asserted, never the time.
 */
class CostsTest {
    @TempDir
    Path instances;

    private FixtureRun run(String mode, Consumer<VirtualMachineConfig.Builder> settings) throws Exception {
        FixtureRun r = FixtureRun.run(instances.resolve(mode), "costs", "libcost_" + mode + ".so", settings,
                Duration.ofMinutes(5));
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        return r;
    }

    /** 3000 nested directories took 52 s to create and 36 s to climb (each walk started at /). */
    @Test
    void aChainOfThreeThousandDirectoriesIsCreatedClimbedAndRemoved() throws Exception {
        FixtureRun r = run("dirs_3000", b -> { });
        assertThat(r.console()).contains("cost: dirs n=3000 made=3000 climbed=3000 back_at_top=1 removed=3000");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /**
     * 800 threads blocked at once (64 KiB stacks), then released and joined: 167 s to create before, when each thread
     * cost the engine three mappings and a protection split (now one mapping, its guards reservations it never holds).
     */
    @Test
    void eightHundredBlockedThreadsAreCreatedReleasedAndJoined() throws Exception {
        FixtureRun r = run("threads_800", b -> { });
        assertThat(r.console()).contains("cost: threads n=800 created=800 blocked=800 joined=800");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /** 100 MiB written to a file in 4 KiB writes: 169 s before (each write that grew the file copied all of it). */
    @Test
    void aHundredMebibyteFileIsWrittenInSmallWritesAndReadBack() throws Exception {
        FixtureRun r = run("files_100", b -> b.setEncryptedStorageBytes(128L << 20));
        assertThat(r.console()).contains("cost: files n=100 written=104857600 size=104857600 checked=16");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /**
     * 20 000 one-page mmaps, each written and read back, then all unmapped, on Unicorn 2: with one engine region per
     * mapping 2000 took 13.7 s and 20 000 never ended; with page permissions in the MMU's translation tables and the
     * room for each found without walking the others (UnmappedAreas), seconds.
     */
    @Test
    void twentyThousandSmallMappingsAreMappedWrittenAndUnmappedOnUnicornTwo() throws Exception {
        FixtureRun r = run("mmaps_20000", b -> b.setCpuEngine(org.mdemu.virtualmachine.CpuEngine.UNICORN2));
        assertThat(r.console()).contains("cost: mmaps n=20000 mapped=20000 intact=20000 unmapped=20000 ");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /**
     * 30 000 protection changes, page by page, in one mapping of 20 000 pages on Unicorn 2 (protections.c): with one
     * engine region per mapping each change split a region, and 1000 pages took 20 s, 2000 pages 117 s.
     */
    @Test
    void thirtyThousandProtectionChangesInOneMappingOnUnicornTwo() throws Exception {
        FixtureRun r = FixtureRun.run(instances.resolve("protect"), "protections", "libprotect_20000.so",
                b -> b.setCpuEngine(org.mdemu.virtualmachine.CpuEngine.UNICORN2), Duration.ofMinutes(5));
        assertThat(r.callback().errorCode).as("emulator error: %s", r.callback().errorMessage).isNull();
        assertThat(r.console()).contains(
                "cost: mprotects n=20000 changed=30000 intact=20000 written=20000 unmapped=1 ");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /**
     * Unicorn 1 aborted the JVM at its 1021st memory region (QEMU 2's section limit): one-page mmaps past what it holds
     * answer ENOMEM, as Linux does past vm.max_map_count, and the payload goes on.
     */
    @Test
    void mappingsPastWhatUnicornOneHoldsAnswerEnomemInsteadOfAbortingTheJvm() throws Exception {
        FixtureRun r = run("mmaps_2000", b -> b.setCpuEngine(org.mdemu.virtualmachine.CpuEngine.UNICORN1));
        assertThat(r.console()).containsPattern("cost: mmaps mmap \\d+ failed: Out of memory")
                .containsPattern("cost: mmaps n=2000 mapped=(\\d+) intact=\\1 unmapped=\\1 ");
        assertThat(r.callback().events).containsExactly("started", "finished:1", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /** The exit closes all 100 000 descriptors (27-50 s before). */
    @Test
    void aProcessExitsWithAHundredThousandOpenDescriptors() throws Exception {
        FixtureRun r = run("fds_100000", b -> { });
        assertThat(r.console()).contains("cost: fds n=100000 open=100000");
        assertThat(r.callback().events).containsExactly("started", "finished:7", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    /** qsort of 2^29 ints (2 GiB mapped): guest code now, stopped by the VM's timeout like any guest loop. */
    @Test
    void aQsortOfTwoToTheTwentyNineElementsEndsWhenTheVmIsStopped() throws Exception {
        FixtureRun r = run("qsort_536870912", b -> b.setMemoryBytes(3L << 30).setTimeout(Duration.ofSeconds(3)));
        assertThat(r.console()).contains("cost: qsort n=536870912 sorting").doesNotContain("sorted=");
        assertThat(r.callback().stopReason).isEqualTo(STOP_REASON_HANGUP);
        assertThat(r.console()).contains("payload stopped: its timeout of 3 s ran out")
                // qsort (libc) is on the stack; the innermost frame is qsort or the payload's comparator it calls
                .containsPattern("#0[01] pc [0-9a-f]+  /system/lib64/libc.so")
                .containsPattern("#0[0-9] pc [0-9a-f]+  /mnt/apk/lib/arm64-v8a/libcost_qsort_536870912.so \\(AVmPayload_main");
    }

    /**
     * A backlog of 2^30 is somaxconn (4096) pending connections, as Linux caps it; the rest are refused, and the
     * pending ones hold no buffers (each held 512 KiB: 4.9 GB before).
     */
    @Test
    void connectionsNobodyAcceptsStopAtSomaxconn() throws Exception {
        VirtualMachineConfig config = new VirtualMachineConfig.Builder().setApkPath(Fixtures.apk("costs"))
                .setPayloadBinaryName("libcost_vsock_5000.so").setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true).build();
        VirtualMachine vm = new VirtualMachineManager(instances).create("vsock", config);
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        var console = org.mdemu.fixtures.OutputCollector.collect(vm.getConsoleOutput());
        org.mdemu.fixtures.OutputCollector.collect(vm.getLogOutput());
        List<VsockConnection> pending = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (pending.isEmpty()) {
            try {
                pending.add(vm.connectVsock(5000));
            } catch (VirtualMachineException notYetListening) {
                assertThat(System.nanoTime()).as("the payload never listened").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        int refused = 0;
        for (int i = 1; i < 4200; i++) {
            try {
                pending.add(vm.connectVsock(5000));
            } catch (VirtualMachineException e) {
                assertThat(e).hasMessageContaining("backlog");
                refused++;
            }
        }
        assertThat(pending).hasSize(4096);
        assertThat(refused).isEqualTo(4200 - 4096);
        assertThat(pending).allSatisfy(c -> assertThat(c.isReset()).isFalse());
        vm.stop();
        callback.awaitStopped(Duration.ofMinutes(1));
        assertThat(console.get()).contains("cost: vsock listening on 5000");
        assertThat(pending.get(0).isReset()).as("the VM's end resets its connections").isTrue();
    }
}
