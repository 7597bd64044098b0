package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.junit.Deterministic;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.virtualmachine.CpuEngine;

/**
 * Deterministic mode end to end: the racy payload (unlocked counter shared by four threads, clock readings, random
 * bytes, tids, addresses) prints and logs exactly the same bytes on every run with one seed.
 */
@MdemuTest
class DeterministicTest {
    private static final int RUNS = 20;

    @TempDir
    Path instances;

    private FixtureRun racy(String instance, Long seed) throws Exception {
        return FixtureRun.run(instances.resolve(instance), "racy", "libracy.so", b -> {
            if (seed != null) b.setDeterministic(seed);
        });
    }

    @Test
    void theRacyPayloadGivesByteIdenticalConsoleAndLogOnEveryRunWithTheSameSeed() throws Exception {
        FixtureRun first = racy("first", 42L);
        assertThat(first.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
        assertThat(first.console()).contains("count ", "worker 3 tid 1046", "realtime 17040672000")
                .contains("microdroid_manager: payload exited with status 0");
        assertThat(first.log()).contains("I racy    : count ");
        for (int i = 1; i < RUNS; i++) {
            FixtureRun again = racy("run" + i, 42L);
            assertThat(again.console()).as("console of run %d", i + 1).isEqualTo(first.console());
            assertThat(again.log()).as("log of run %d", i + 1).isEqualTo(first.log());
        }
    }

    @Test
    void theOtherEngineGivesTheSameBytesToo() throws Exception {
        FixtureRun unicorn2 = FixtureRun.run(instances.resolve("u2"), "racy", "libracy.so",
                b -> b.setDeterministic(7).setCpuEngine(CpuEngine.UNICORN2));
        FixtureRun unicorn1 = FixtureRun.run(instances.resolve("u1"), "racy", "libracy.so",
                b -> b.setDeterministic(7).setCpuEngine(CpuEngine.UNICORN1));
        assertThat(unicorn1.console()).isEqualTo(unicorn2.console());
        assertThat(unicorn1.log()).isEqualTo(unicorn2.log());
    }

    @Test
    void anotherSeedGivesOtherRandomBytesAndAnotherInterleaving() throws Exception {
        FixtureRun a = racy("a", 1L), b = racy("b", 2L);
        assertThat(line(b.console(), "getrandom")).isNotEqualTo(line(a.console(), "getrandom"));
        assertThat(line(b.console(), "urandom")).isNotEqualTo(line(a.console(), "urandom"));
        assertThat(line(b.console(), "canary")).isNotEqualTo(line(a.console(), "canary"));
        Set<String> interleavings = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            FixtureRun r = racy("seed" + seed, seed);
            interleavings.add(line(r.console(), "finish order") + " / " + line(r.console(), "count"));
        }
        assertThat(interleavings).as("finish order and lost updates over four seeds").hasSizeGreaterThan(1);
    }

    @Test
    void withoutTheSwitchTheRacyPayloadStillRunsToItsEndOnHostTime(
            @Payload(apk = Apks.DIR + "racy.apk", binary = "libracy.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).exitedWith(0).console().containsLineContaining("count ")
                .doesNotContainLineContaining("realtime 17040672000");
    }

    @Test
    @Deterministic(seed = 3)
    void theThreadSuiteWithItsTimedWaitsPassesOnVirtualTime(
            @Payload(apk = Apks.DIR + "threads.apk", binary = "libthreads.so") PayloadVm vm) throws Exception {
        assertThat(vm.awaitStop(RUN)).exitedWith(0).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok cond timedwait on CLOCK_MONOTONIC times out")
                .containsLineContaining("ok futex wait times out")
                .containsLineContaining("ok a spinning thread does not starve the others")
                .containsLine("threads failures=0");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line starting '" + prefix + "' in:\n" + text));
    }
}
