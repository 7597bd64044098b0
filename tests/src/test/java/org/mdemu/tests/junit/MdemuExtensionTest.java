package org.mdemu.tests.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.mdemu.junit.MdemuAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.mdemu.junit.Deterministic;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;
import org.mdemu.virtualmachine.VirtualMachine;

/**
 * The extension as its users meet it: test classes using it (the static nested classes, which Surefire does not
 * run by themselves) are run by the JUnit engine here, and what they report is checked.
 */
class MdemuExtensionTest {
    static final String HELLO = "fixtures/apks/hello.apk", SPIN = "fixtures/apks/spin.apk", RACY = "fixtures/apks/racy.apk";

    private static EngineExecutionResults run(Class<?> testClass, String... configuration) {
        var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass));
        for (int i = 0; i + 1 < configuration.length; i += 2) kit = kit.configurationParameter(configuration[i], configuration[i + 1]);
        return kit.execute();
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).hasSize(1);
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    // ---- a failing test gets its payload's output ----

    @MdemuTest
    static class FailingTest {
        @Payload(apk = HELLO, binary = "libhello.so")
        PayloadVm vm;

        @Test
        void failsAfterThePayloadPrinted() throws Exception {
            vm.awaitStop(Duration.ofSeconds(60));
            assertThat(1 + 1).as("a failing assertion").isEqualTo(3);
        }
    }

    @Test
    void aFailingTestCarriesTheLastConsoleAndLogLinesOfItsPayload() {
        Throwable failure = failureOf(run(FailingTest.class));
        assertThat(failure).hasMessageContaining("a failing assertion");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0].getMessage())
                .contains("vm (hello.apk): VM stopped: SHUTDOWN, exit code 0")
                .contains("--- last console lines:").contains("Hello from the Microdroid payload!")
                .contains("--- last log lines:").contains("I mdemu-demo: first primes: 2 3 5 7 11 13 17 19 23 29");
    }

    // ---- timeouts stop hung payloads and say so ----

    @MdemuTest
    static class HungTest {
        @Payload(apk = SPIN, binary = "libspin.so", timeoutSeconds = 2)
        PayloadVm vm;

        @Test
        void waitsLongerThanItsTimeout() throws Exception {
            VmStop stop = vm.awaitStop(Duration.ofSeconds(60));
            assertThat(stop).wasKilled();
        }
    }

    @Test
    void aPayloadOutlivingItsTimeoutIsStoppedAndTheTestFailsSayingSo() {
        long start = System.nanoTime();
        Throwable failure = failureOf(run(HungTest.class));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(50));
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a payload outlived its test's timeout and was stopped")
                .hasMessageContaining("the test ran past the payload's timeout of 2 s")
                .hasMessageContaining("VM stopped: KILLED")
                .hasMessageContaining("I spin    : spinning");
    }

    @MdemuTest
    static class AwaitStopTimeoutTest {
        @Payload(apk = SPIN, binary = "libspin.so")
        PayloadVm vm;

        @Test
        void expectsTheSpinnerToStop() throws Exception {
            vm.awaitStop(Duration.ofSeconds(1));
        }
    }

    @Test
    void awaitStopOnAHungPayloadStopsItAndFailsSayingItWasStillRunning() {
        Throwable failure = failureOf(run(AwaitStopTimeoutTest.class));
        assertThat(failure).hasMessageContaining("the payload was still running after PT1S; the mdemu extension"
                + " stopped it").hasMessageContaining("VM stopped: KILLED");
    }

    // ---- instances live in temporary directories that are deleted ----

    static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

    @MdemuTest
    static class DirectoriesTest {
        @Payload(apk = HELLO, binary = "libhello.so")
        PayloadVm field;

        @Test
        void fieldAndParameter(@Payload(apk = HELLO, binary = "libhello.so") VirtualMachine parameter) throws Exception {
            PayloadVm p = PayloadVm.of(parameter);
            DIRECTORIES.add(field.instancesDirectory());
            DIRECTORIES.add(p.instancesDirectory());
            assertThat(field.instancesDirectory()).isNotEqualTo(p.instancesDirectory());
            assertThat(Files.isDirectory(field.vm().getDirectory())).isTrue();
            assertThat(field.awaitStop(Duration.ofSeconds(60))).exitedWith(0);
            assertThat(p.awaitStop(Duration.ofSeconds(60))).exitedWith(0);
        }
    }

    @Test
    void fieldAndParameterVmsGetTheirOwnInstanceDirectoriesWhichAreDeletedAfterTheTest() {
        DIRECTORIES.clear();
        run(DirectoriesTest.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(DIRECTORIES).hasSize(2).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    // ---- one VM per class ----

    static final List<VirtualMachine> SEEN = new CopyOnWriteArrayList<>();

    @MdemuTest
    static class PerClassTest {
        @Payload(apk = SPIN, binary = "libspin.so", scope = Payload.Scope.PER_CLASS, timeoutSeconds = 0)
        static VirtualMachine shared;

        @Test
        void first() {
            SEEN.add(shared);
            assertThat(shared.getStatus()).isEqualTo(VirtualMachine.STATUS_RUNNING);
        }

        @Test
        void second() {
            SEEN.add(shared);
            assertThat(shared.getStatus()).isEqualTo(VirtualMachine.STATUS_RUNNING);
        }
    }

    @Test
    void aPerClassVmServesEveryTestOfTheClassAndIsStoppedAfterTheLast() {
        SEEN.clear();
        run(PerClassTest.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(2);
        assertThat((Object) SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(0).getStatus()).isNotEqualTo(VirtualMachine.STATUS_RUNNING);
    }

    // ---- a class's VM and a test's own VM together ----

    static final List<PayloadVm> OWN = new CopyOnWriteArrayList<>();

    @MdemuTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MixedScopesTest {
        @Payload(apk = SPIN, binary = "libspin.so", scope = Payload.Scope.PER_CLASS, timeoutSeconds = 0)
        static PayloadVm shared;

        @Test
        @Order(1)
        void first(@Payload(apk = SPIN, binary = "libspin.so", name = "own", timeoutSeconds = 0) VirtualMachine own) {
            OWN.add(PayloadVm.of(own));
        }

        @Test
        @Order(2)
        void second() {
            PayloadVm firstOwn = OWN.get(0);
            assertThat(firstOwn.vm().getStatus()).as("the first test's own VM").isNotEqualTo(VirtualMachine.STATUS_RUNNING);
            assertThat(firstOwn.instancesDirectory()).doesNotExist();
            assertThat(shared.vm().getStatus()).isEqualTo(VirtualMachine.STATUS_RUNNING);
            assertThat(1 + 1).as("a failing assertion").isEqualTo(3);
        }
    }

    @Test
    void aTestsOwnVmEndsWithItsTestWhileTheClassVmRunsOnAndFailuresListEachVmOnce() {
        OWN.clear();
        EngineExecutionResults results = run(MixedScopesTest.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        Throwable failure = failureOf(results);
        assertThat(failure).hasMessageContaining("a failing assertion");
        assertThat(failure.getSuppressed()).hasSize(1);
        String report = failure.getSuppressed()[0].getMessage();
        assertThat(report.split("--- shared \\(spin.apk\\)", -1)).as(report).hasSize(2);
        assertThat(report).doesNotContain("--- own ");
    }

    // ---- parallel execution ----

    static final CountDownLatch ALL_RUNNING = new CountDownLatch(3);
    static final Set<Integer> CIDS = ConcurrentHashMap.newKeySet();

    @MdemuTest
    static class ParallelTest {
        @Payload(apk = SPIN, binary = "libspin.so")
        VirtualMachine vm;

        void together() throws Exception {
            CIDS.add(vm.getVsockCid());
            ALL_RUNNING.countDown();
            // Passes only when the three tests run at once, each with its own VM.
            assertThat(ALL_RUNNING.await(60, TimeUnit.SECONDS)).as("three VMs running at once").isTrue();
            assertThat(vm.getStatus()).isEqualTo(VirtualMachine.STATUS_RUNNING);
        }

        @Test void a() throws Exception { together(); }
        @Test void b() throws Exception { together(); }
        @Test void c() throws Exception { together(); }
    }

    @Test
    void testsRunInParallelEachWithItsOwnVm() {
        CIDS.clear();
        run(ParallelTest.class, "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
                .testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertThat(CIDS).hasSize(3);
    }

    // ---- deterministic mode ----

    static final List<String> CONSOLES = new CopyOnWriteArrayList<>();

    @MdemuTest
    @Deterministic(seed = 7)
    static class DeterministicRunsTest {
        @Payload(apk = RACY, binary = "libracy.so")
        PayloadVm vm;

        @Test void once() throws Exception { CONSOLES.add(vm.awaitStop(Duration.ofSeconds(120)).console()); }
        @Test void again() throws Exception { CONSOLES.add(vm.awaitStop(Duration.ofSeconds(120)).console()); }
    }

    @Test
    void deterministicRunsOfARacyPayloadPrintTheSameConsole() {
        CONSOLES.clear();
        run(DeterministicRunsTest.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(CONSOLES).hasSize(2);
        assertThat(CONSOLES.get(0)).isNotEmpty().isEqualTo(CONSOLES.get(1));
    }

    // ---- configuration errors name the problem ----

    @MdemuTest
    static class MisconfiguredTest {
        @Payload(apk = HELLO)
        PayloadVm vm;

        @Test void never() { }
    }

    @Test
    void aPayloadWithoutBinaryOrConfigIsAConfigurationErrorNamingTheApk() {
        Throwable failure = failureOf(run(MisconfiguredTest.class));
        assertThat(failure).hasMessageContaining("@Payload(apk = \"" + HELLO + "\") names neither a binary nor a configPath");
    }
}
