package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.cli.Mdemu;
import org.mdemu.fixtures.ApkBuilder;
import org.mdemu.fixtures.FixtureBuilder;
import org.mdemu.virtualmachine.MdemuHome;

/** The mdemu command: exit statuses, output routing, payload detection, instances and the info report. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    /** The command line run in this JVM, its output captured (nothing reaches the build's console). */
    static Result mdemu(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Mdemu.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] fixtureLibrary(String path) throws Exception {
        return Files.readAllBytes(Fixtures.root().resolve("tests/fixtures/lib/" + path));
    }

    /** A page setting the JVM cannot honour is named before the boot, never an internal error from inside it. */
    @Test
    void aPageSettingTheJavaEngineCannotHonourIsABadInputNamingIt() throws Exception {
        Result r = mdemuInChildJvm(List.of("-Dmdemu.pages=sideways"),
                "run-app", Fixtures.apk("hello").toString(), dir.resolve("vm").toString(), "--cpu-engine", "java");
        assertThat(r.out())
                .contains("the java CPU engine cannot run: -Dmdemu.pages=sideways: expected direct or heap")
                .doesNotContain("internal error");
        assertThat(r.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
    }

    /**
     * Guest memory the JVM has no room for (the Java engine's pages live in its heap or direct memory) ends the payload
     * as the kernel's OOM killer would, naming the JVM's limit, never as an internal error.
     */
    @Test
    void guestMemoryPastTheJvmsRoomIsAnOomKillNamingTheLimit() throws Exception {
        Result r = mdemuInChildJvm(List.of("-Xmx192m"), "run-app", Fixtures.apk("hostile").toString(),
                dir.resolve("vm").toString(), "--payload-binary-name", "libhostile_memhog.so", "--cpu-engine", "java",
                "--mem", "2048");
        assertThat(r.out())
                .containsPattern("Out of memory: Killed process 1042: guest pages would take more than \\d+ MiB of"
                        + " (the Java heap \\(-Xmx\\)|direct memory \\(-XX:MaxDirectMemorySize\\))")
                .contains("microdroid_manager: payload killed by signal 9 (SIGKILL): out of memory")
                .doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(r.status()).isEqualTo(128 + 9);
    }

    /** mdemu in a JVM of its own with the given options (which this JVM cannot change about itself); output merged. */
    private static Result mdemuInChildJvm(List<String> jvmOptions, String... args) throws Exception {
        Process process = new ProcessBuilder(ChildJvm.command(jvmOptions, "org.mdemu.cli.Mdemu", args))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), "");
    }

    @Test
    void runAppFindsTheOnlyPayloadAndExitsWithItsStatus() {
        Result r = mdemu("run-app", Fixtures.apk("hello").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Hello from the Microdroid payload!").contains("I mdemu-demo: first primes");
        assertThat(r.err()).as("a temporary instance is not announced").isEmpty();
    }

    @Test
    void enableTestAttestationCreatesTheTestRootInTheMdemuHome() {
        Result r = mdemu("enable-test-attestation");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("test attestation enabled");
        assertThat(MdemuHome.defaultHome().isTestAttestationEnabled()).isTrue();
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
        assertThat(noPayload.err()).contains("no library in lib/arm64-v8a exports AVmPayload_main (it has libnomain.so)")
                .contains("--payload-binary-name");
    }

    @Test
    void aDirectoryIsToldItIsADirectory() {
        Result r = mdemu("run-app", dir.toString());
        assertThat(r.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(r.err()).isEqualTo("mdemu: " + dir + ": is a directory, not an APK file\n");
        assertThat(mdemu("info", dir.toString()).err()).contains("is a directory, not an APK file");
    }

    @Test
    void anApkWithoutArm64LibrariesListsTheAbisItHas() throws Exception {
        Result r = mdemu("run-app", Fixtures.apk("no-arm64").toString());
        assertThat(r.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("no-arm64.apk: no lib/arm64-v8a")
                .contains("native libraries are for armeabi-v7a, x86_64").doesNotContain("--payload-binary-name");
        assertThat(mdemu("run-app", Fixtures.apk("no-arm64").toString(), "--payload-binary-name", "libhello.so").err())
                .as("naming a payload does not hide the missing ABI").contains("native libraries are for armeabi-v7a, x86_64");
        Path javaOnly = dir.resolve("java-only.apk");
        FixtureBuilder.Signing key = TestApks.fixtureKey();
        new ApkBuilder().manifest("org.mdemu.test.javaonly", 1).entry("classes.dex", new byte[] {1, 2, 3})
                .writeSigned(javaOnly, key.key(), key.certificate());
        assertThat(mdemu("run-app", javaOnly.toString()).err()).contains("native libraries are none");
    }

    @Test
    void anUnsignedOrTamperedZipShowsItsSignatureErrorFirst() throws Exception {
        Path unsigned = dir.resolve("unsigned.apk");
        Files.write(unsigned, new ApkBuilder().manifest("org.mdemu.test.unsigned", 1)
                .entry("lib/x86_64/libhello.so", fixtureLibrary("x86_64/libhello.so")).unsignedZip());
        Result r = mdemu("run-app", unsigned.toString());
        assertThat(r.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(r.err()).startsWith("mdemu: " + unsigned + ": signature verification failed")
                .doesNotContain("arm64").doesNotContain("AVmPayload_main");
        Path tampered = dir.resolve("tampered.apk");
        byte[] bytes = Files.readAllBytes(Fixtures.apk("nomain"));
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(tampered, bytes);
        Result t = mdemu("run-app", tampered.toString());
        assertThat(t.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(t.err()).startsWith("mdemu: " + tampered + ": signature verification failed")
                .doesNotContain("AVmPayload_main");
    }

    @Test
    void badFlagValuesAreAnInvalidCommandLineReportedBeforeTheApkIsOpened() {
        String apk = dir.resolve("not-yet-there.apk").toString();
        List<String[]> cases = List.of(
                new String[] {"--mem", "0"}, new String[] {"--mem", "16385"}, new String[] {"--mem", "1000000"},
                new String[] {"--mem", "lots"}, new String[] {"--cpu-engine", "foo"}, new String[] {"--debug", "verbose"},
                new String[] {"--cpu-topology", "two"}, new String[] {"--storage-size", "12Q"},
                new String[] {"--storage-size", "2G"}, new String[] {"--storage-size", "0"},
                new String[] {"--deterministic=soon"}, new String[] {"--forward", "5678:99999"},
                new String[] {"--forward-host", "5679"}, new String[] {"--storage", dir.resolve("elsewhere.img").toString()},
                new String[] {"--config-path", "assets/vm_config.json", "--payload-binary-name", "libhello.so"},
                new String[] {"--gdb", "70000"}, new String[] {"--trace", "syscalls,files"},
                new String[] {"--trace-file", dir.resolve("t.txt").toString()},
                new String[] {"--trace", "libc", "--trace-file", dir.resolve("missing/t.txt").toString()},
                new String[] {"--perfetto", dir.resolve("missing/run.perfetto-trace").toString()},
                new String[] {"--perfetto", dir.toString()},
                new String[] {"--no-such-flag"}, new String[] {"bad%name"});
        for (String[] flags : cases) {
            List<String> args = new ArrayList<>(List.of("run-app", apk));
            args.addAll(List.of(flags));
            Result r = mdemu(args.toArray(String[]::new));
            String option = flags[0].startsWith("--") ? flags[0].replaceAll("=.*", "") : flags[0];
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(Mdemu.EXIT_USAGE);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("mdemu: ").contains(option)
                    .contains("Run 'mdemu run-app --help' for usage.").doesNotContain("no such file");
            assertThat(r.out()).isEmpty();
        }
        assertThat(mdemu("run-app", apk, "--mem", "0").err())
                .startsWith("mdemu: Invalid value for option '--mem': 0 MiB is outside 16 to 16384 MiB");
        assertThat(mdemu("run-app", apk, "--cpu-topolgy", "one_cpu").err()).contains("--cpu-topology");
        assertThat(mdemu("run-pap").status()).isEqualTo(Mdemu.EXIT_USAGE);
        assertThat(mdemu("delete").status()).isEqualTo(Mdemu.EXIT_USAGE);
    }

    @Test
    void theLargestMemoryIsAccepted() {
        Result r = mdemu("run-app", Fixtures.apk("hello").toString(), "--mem", "16384");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Machine model: mdemu microdroid, 16384 MiB");
    }

    @Test
    void cpuEngineFlagChoosesTheEngineAndIsKeptInTheInstance() throws Exception {
        Path instance = dir.resolve("engine-vm");
        Result r = mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString(), "--cpu-engine", "unicorn2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Hello from the Microdroid payload!");
        assertThat(Files.readString(instance.resolve("config.properties"))).contains("cpuEngine=unicorn2");
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
    }

    @Test
    void aPathInstanceIsThatDirectoryAndIsReused() {
        Path instance = dir.resolve("my-vm");
        Result first = mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString());
        assertThat(first.status()).isZero();
        assertThat(first.err()).contains("created instance my-vm in " + instance);
        assertThat(instance.resolve("config.properties")).exists();
        Result again = mdemu("run-app", Fixtures.apk("hello").toString(), instance.toString());
        assertThat(again.status()).isZero();
        assertThat(again.err()).doesNotContain("created");
    }

    @Test
    void aBareNameIsAnInstanceOfTheInstancesDirectoryThatListAndDeleteFind() throws Exception {
        Path instances = dir.resolve("instances");
        String apk = Fixtures.apk("hello").toString();
        Result empty = mdemu("list", "--instances", instances.toString());
        assertThat(empty.status()).isZero();
        assertThat(empty.out()).isEqualTo("no instances in " + instances + " (mdemu run-app APK NAME creates one)\n");

        Result run = mdemu("run-app", apk, "myvm", "--instances", instances.toString());
        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("created instance myvm in " + instances.resolve("myvm"));
        assertThat(instances.resolve("myvm/config.properties")).exists();
        assertThat(Path.of("myvm")).as("nothing is made in the working directory").doesNotExist();
        Result list = mdemu("list", "--instances", instances.toString());
        assertThat(list.out()).startsWith("instances in " + instances + ":\n").contains("  myvm\tapk=" + apk)
                .contains("booted: org.mdemu.test.hello version 1");
        assertThat(mdemu("run-app", apk, "myvm", "--instances", instances.toString()).status())
                .as("the same name boots the same instance").isZero();
        Result deleted = mdemu("delete", "myvm", "--instances", instances.toString());
        assertThat(deleted.status()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted " + instances.resolve("myvm") + "\n");
        assertThat(instances.resolve("myvm")).doesNotExist();
        Result again = mdemu("delete", "myvm", "--instances", instances.toString());
        assertThat(again.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(again.err()).contains("no instance myvm in " + instances);
    }

    @Test
    void withoutInstancesDirectoryANameLivesInTheMdemuHome() {
        String name = "home-vm-" + ProcessHandle.current().pid();
        Path home = MdemuHome.defaultHome().instancesDirectory();
        try {
            assertThat(mdemu("run-app", Fixtures.apk("exit42").toString(), name).status()).isEqualTo(42);
            assertThat(home.resolve(name + "/config.properties")).exists();
            assertThat(mdemu("list").out()).contains("instances in " + home + ":").contains("  " + name + "\t");
        } finally {
            assertThat(mdemu("delete", name).status()).isZero();
        }
        assertThat(mdemu("list").out()).doesNotContain(name);
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

        Path broken = instances.resolve("broken-vm");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("config.properties"), "not a config\n");
        Result list = mdemu("list", "--instances", instances.toString());
        assertThat(list.status()).as("a damaged instance does not hide the others").isZero();
        assertThat(list.out()).contains("store-vm").contains("storage=262144 bytes")
                .contains("booted: org.mdemu.test.instance_suite version 1")
                .contains("broken-vm\tunusable: cannot read VM config");
        assertThat(mdemu("delete", "broken-vm", "--instances", instances.toString()).status())
                .as("a damaged instance can be deleted").isZero();
        Result delete = mdemu("delete", "store-vm", "--instances", instances.toString());
        assertThat(delete.status()).isZero();
        assertThat(vm).doesNotExist();
        assertThat(mdemu("list", "--instances", instances.toString()).out()).doesNotContain("store-vm");
        assertThat(mdemu("run-app", apk, vm.toString()).out()).as("a deleted instance starts over").contains("new_instance=1");
        assertThat(mdemu("delete", vm.toString()).status()).as("delete by path").isZero();
        assertThat(vm).doesNotExist();
    }

    @Test
    void anUpdatedApkAtAnotherPathBootsTheInstanceAndVerificationDecides() throws Exception {
        Path instance = dir.resolve("app-vm");
        FixtureBuilder.Signing mine = TestApks.fixtureKey();
        Path v1 = TestApks.instanceSuite(dir.resolve("v1/app.apk"), mine, 1);
        Path v2 = TestApks.instanceSuite(dir.resolve("v2/app-release.apk"), mine, 2);
        Path theirs = TestApks.instanceSuite(dir.resolve("other/app.apk"), TestApks.otherKey(), 3);
        assertThat(mdemu("run-app", v1.toString(), instance.toString()).out()).contains("new_instance=1", "failures=0");
        Result update = mdemu("run-app", v2.toString(), instance.toString());
        assertThat(update.status()).as(update.err()).isZero();
        assertThat(update.out()).as("the same instance, its secrets kept").contains("new_instance=0", "failures=0");
        assertThat(Files.readString(instance.resolve("config.properties"))).contains("v2");
        Result other = mdemu("run-app", theirs.toString(), instance.toString());
        assertThat(other.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(other.err()).contains(theirs.toString()).contains("signed by another key");
        Result rollback = mdemu("run-app", v1.toString(), instance.toString());
        assertThat(rollback.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(rollback.err()).contains("version code 1 is a rollback");
    }

    @Test
    void infoListsAbisCandidatesAndImportProviders() {
        Result r = mdemu("info", Fixtures.apk("hello").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("ABIs: arm64-v8a").contains("payload candidates (export AVmPayload_main): libhello.so")
                .contains("signature: verified: org.mdemu.test.hello version 1, signer sha256:")
                .containsPattern("printf@LIBC +libhello.so +provided by libc.so")
                .contains("all imports are provided");
        Result bad = mdemu("info", Fixtures.apk("unresolved").toString());
        assertThat(bad.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(bad.out()).containsPattern("mdemu_missing_one@LIBC +libunresolved.so +MISSING")
                .contains("2 import(s) are not provided");
        Result noArm64 = mdemu("info", Fixtures.apk("no-arm64").toString());
        assertThat(noArm64.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(noArm64.out()).contains("ABIs: armeabi-v7a, x86_64", "arm64-v8a libraries: none");
    }

    @Test
    void infoBindsImportsAsTheLinkerDoes() throws Exception {
        Path tls = dir.resolve("tls.apk");
        FixtureBuilder.Signing key = TestApks.fixtureKey();
        new ApkBuilder().manifest("org.mdemu.test.tls", 1)
                .entry("lib/arm64-v8a/libtls_suite.so", fixtureLibrary("arm64-v8a/libtls_suite.so"))
                .entry("lib/arm64-v8a/libtls_dep.so", fixtureLibrary("arm64-v8a/libtls_dep.so"))
                .writeSigned(tls, key.key(), key.certificate());
        Result r = mdemu("info", tls.toString());
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("tls_dep_bump +libtls_suite.so +provided by libtls_dep.so \\(APK\\)")
                .contains("all imports are provided");
        Path withoutDep = dir.resolve("without-dep.apk");
        new ApkBuilder().manifest("org.mdemu.test.tls", 1)
                .entry("lib/arm64-v8a/libtls_suite.so", fixtureLibrary("arm64-v8a/libtls_suite.so"))
                .writeSigned(withoutDep, key.key(), key.certificate());
        Result missing = mdemu("info", withoutDep.toString());
        assertThat(missing.status()).isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(missing.out()).contains("library libtls_dep.so not found: needed by libtls_suite.so");
        Result run = mdemu("run-app", withoutDep.toString());
        assertThat(run.status()).as("run-app refuses what info reports").isEqualTo(Mdemu.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("libtls_dep.so");
    }

    @Test
    void helpAndVersionWork() {
        Result help = mdemu("--help");
        assertThat(help.out()).contains("run-app").contains("list").contains("delete").contains("info")
                .contains("128+N").containsPattern("\\n  2 +invalid command line");
        assertThat(mdemu("--version").out()).startsWith("mdemu ");
        assertThat(mdemu("run-app", "--help").out()).contains("--payload-binary-name").contains("--mem")
                .contains("--storage").contains("--storage-size").contains("INSTANCE").contains("--instances");
    }
}
