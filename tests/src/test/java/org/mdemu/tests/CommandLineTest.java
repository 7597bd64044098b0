package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.cli.Mdemu;

/** The mdemu command: exit statuses, output routing, payload detection and the info report. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private static synchronized Result mdemu(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Mdemu.execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void runAppFindsTheOnlyPayloadAndExitsWithItsStatus() {
        Result r = mdemu("run-app", Fixtures.apk("hello").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Hello from the Microdroid payload!").contains("I mdemu-demo: first primes");
    }

    @Test
    void enableTestAttestationCreatesTheTestRootInTheMdemuHome() {
        Result r = mdemu("enable-test-attestation");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("test attestation enabled");
        assertThat(org.mdemu.virtualmachine.MdemuHome.defaultHome().isTestAttestationEnabled()).isTrue();
    }

    @Test
    void exitCodeOfThePayloadBecomesTheProcessStatus() {
        assertThat(mdemu("run-app", Fixtures.apk("exit42").toString()).status()).isEqualTo(42);
    }

    @Test
    void crashesMapTo128PlusTheSignal() {
        assertThat(mdemu("run-app", Fixtures.apk("segv").toString()).status()).isEqualTo(139);
        assertThat(mdemu("run-app", Fixtures.apk("abort").toString()).status()).isEqualTo(134);
    }

    @Test
    void consoleAndLogCanBeWrittenToFiles() throws Exception {
        Path console = dir.resolve("console.txt"), log = dir.resolve("log.txt");
        Result r = mdemu("run-app", Fixtures.apk("hello").toString(), "--console", console.toString(), "--log", log.toString());
        assertThat(r.status()).isZero();
        assertThat(Files.readString(console)).contains("Hello from the Microdroid payload!").contains("microdroid_manager");
        assertThat(Files.readString(log)).contains("mdemu-demo: read from the APK");
        assertThat(r.out()).doesNotContain("mdemu-demo");
    }

    @Test
    void debugLevelNoneKeepsPayloadStdoutOffTheConsole() throws Exception {
        Path console = dir.resolve("console.txt");
        assertThat(mdemu("run-app", Fixtures.apk("hello").toString(), "--debug", "none", "--console", console.toString(),
                "--log", dir.resolve("log.txt").toString()).status()).isZero();
        assertThat(Files.readString(console)).doesNotContain("Hello from the Microdroid payload!");
    }

    @Test
    void badInputGetsAClearMessageAndExitStatus65() {
        Result missing = mdemu("run-app", dir.resolve("nope.apk").toString());
        assertThat(missing.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("nope.apk: no such file");
        Result noZip = mdemu("run-app", Fixtures.apk("not-a-zip").toString(), "--payload-binary-name", "libhello.so");
        assertThat(noZip.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(noZip.err()).contains("not a zip").doesNotContain("Exception");
        Result noPayload = mdemu("run-app", Fixtures.apk("nomain").toString());
        assertThat(noPayload.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(noPayload.err()).contains("no library in lib/arm64-v8a exports AVmPayload_main");
    }

    @Test
    void cpuEngineFlagChoosesTheEngineAndIsKeptInTheInstance() throws Exception {
        Path instance = dir.resolve("engine-vm");
        Result r = mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString(), "--cpu-engine", "unicorn2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Hello from the Microdroid payload!");
        assertThat(Files.readString(instance.resolve("config.properties"))).contains("cpuEngine=unicorn2");
        Result bad = mdemu("run-app", Fixtures.apk("hello").toString(), "--cpu-engine", "bochs");
        assertThat(bad.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(bad.err()).contains("--cpu-engine must be unicorn1 or unicorn2, not 'bochs'");
    }

    @Test
    void deterministicFlagGivesTheSameOutputTwiceWithOrWithoutASeed() throws Exception {
        String apk = Fixtures.apk("racy").toString();
        Path c1 = dir.resolve("c1"), c2 = dir.resolve("c2"), c3 = dir.resolve("c3"), l = dir.resolve("log");
        assertThat(mdemu("run-app", "--deterministic", apk, "--console", c1.toString(), "--log", l.toString()).status())
                .as("a bare --deterministic leaves the APK argument alone").isZero();
        assertThat(mdemu("run-app", apk, "--deterministic=0", "--console", c2.toString(), "--log", l.toString()).status()).isZero();
        assertThat(mdemu("run-app", apk, "--deterministic=0x2a", "--console", c3.toString(), "--log", l.toString()).status()).isZero();
        assertThat(Files.readString(c2)).as("the default seed is 0").isEqualTo(Files.readString(c1));
        assertThat(Files.readString(c3)).contains("realtime 17040672000").isNotEqualTo(Files.readString(c1));
        Result bad = mdemu("run-app", apk, "--deterministic=soon");
        assertThat(bad.status()).isEqualTo(65);
        assertThat(bad.err()).contains("--deterministic takes a 64-bit integer seed, not 'soon'");
    }

    @Test
    void instanceDirectoryIsCreatedAndReused() {
        Path instance = dir.resolve("my-vm");
        assertThat(mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString()).status()).isZero();
        assertThat(instance.resolve("config.properties")).exists();
        assertThat(mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString()).status()).isZero();
    }

    @Test
    void infoListsAbisCandidatesAndImportProviders() {
        Result r = mdemu("info", Fixtures.apk("hello").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("ABIs: arm64-v8a").contains("payload candidates (export AVmPayload_main): libhello.so")
                .containsPattern("printf@LIBC +libhello.so +provided by libc.so")
                .contains("all imports are provided");
        Result bad = mdemu("info", Fixtures.apk("unresolved").toString());
        assertThat(bad.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(bad.out()).containsPattern("mdemu_missing_one@LIBC +libunresolved.so +MISSING");
    }

    @Test
    void helpAndVersionWork() {
        assertThat(mdemu("--help").out()).contains("run-app").contains("info").contains("128+N");
        assertThat(mdemu("--version").out()).startsWith("mdemu ");
        assertThat(mdemu("run-app", "--help").out()).contains("--payload-binary-name").contains("--mem");
    }
}
