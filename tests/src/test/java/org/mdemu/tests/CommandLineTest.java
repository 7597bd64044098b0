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
    void debugLevelNoneExportsNoOutputButKeepsTheExitStatus() throws Exception {
        Path console = dir.resolve("console.txt"), log = dir.resolve("log.txt");
        assertThat(mdemu("run-app", Fixtures.apk("hello").toString(), "--debug", "none", "--console", console.toString(),
                "--log", log.toString()).status()).isZero();
        assertThat(Files.readString(console)).isEmpty();
        assertThat(Files.readString(log)).isEmpty();
        Result quiet = mdemu("run-app", Fixtures.apk("exit42").toString(), "--debug", "none");
        assertThat(quiet.status()).isEqualTo(42);
        assertThat(quiet.out()).isEmpty();
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
        Result old = mdemu("run-app", Fixtures.apk("hello").toString(), "--cpu-engine", "unicorn1");
        assertThat(old.status()).isZero();
        assertThat(old.err()).contains("unicorn1 counts instructions more slowly");
        assertThat(r.err()).doesNotContain("unicorn1");
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
    void runAppKeepsEncryptedStorageInTheInstanceAndListAndDeleteManageInstances() throws Exception {
        Path instances = dir.resolve("instances");
        Path vm = instances.resolve("store-vm");
        String apk = Fixtures.apk("instance_suite").toString();
        Result first = mdemu("run-app", apk, vm.toString(), "--storage", vm.resolve("storage.img").toString(),
                "--storage-size", "256K");
        assertThat(first.status()).isZero();
        assertThat(first.out()).contains("new_instance=1", "storage_path=/mnt/encryptedstore",
                "storage_capacity=262144", "failures=0");
        assertThat(vm.resolve("storage.img")).exists();
        Result second = mdemu("run-app", apk, vm.toString(), "--storage-size", "256K", "--mem", "128");
        assertThat(second.status()).as("memory may change between boots").isZero();
        assertThat(second.out()).contains("new_instance=0", "boots_before=1", "failures=0");

        Result incompatible = mdemu("run-app", apk, vm.toString());
        assertThat(incompatible.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(incompatible.err()).contains("the instance was created with another").contains("mdemu delete");
        Result outside = mdemu("run-app", apk, vm.toString(), "--storage", dir.resolve("elsewhere.img").toString());
        assertThat(outside.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(outside.err()).contains("keeps the encrypted storage image in the instance directory");
        assertThat(mdemu("run-app", apk, "--storage-size", "lots").err())
                .contains("--storage-size must be a positive size in bytes");

        Path broken = instances.resolve("broken-vm");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("config.properties"), "not a config\n");
        Result list = mdemu("list", "--instances", instances.toString());
        assertThat(list.status()).as("a damaged instance does not hide the others").isZero();
        assertThat(list.out()).contains("store-vm").contains("storage=262144 bytes")
                .contains("booted: org.mdemu.test.instance_suite version 1")
                .contains("broken-vm\tunusable: cannot read VM config");
        Result delete = mdemu("delete", "store-vm", "--instances", instances.toString());
        assertThat(delete.status()).isZero();
        assertThat(vm).doesNotExist();
        assertThat(mdemu("list", "--instances", instances.toString()).out()).doesNotContain("store-vm");
        Result again = mdemu("delete", "store-vm", "--instances", instances.toString());
        assertThat(again.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(again.err()).contains("VM 'store-vm' does not exist");
        assertThat(mdemu("run-app", apk, vm.toString()).out()).as("a deleted instance starts over").contains("new_instance=1");
        assertThat(mdemu("delete", vm.toString()).status()).as("delete by path").isZero();
        assertThat(vm).doesNotExist();
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
        assertThat(mdemu("--help").out()).contains("run-app").contains("list").contains("delete").contains("info")
                .contains("128+N");
        assertThat(mdemu("--version").out()).startsWith("mdemu ");
        assertThat(mdemu("run-app", "--help").out()).contains("--payload-binary-name").contains("--mem")
                .contains("--storage").contains("--storage-size");
    }
}
