package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.virtualmachine.VirtualMachineCallback.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.fixtures.ApkBuilder;
import org.mdemu.fixtures.FixtureBuilder;
import org.mdemu.fixtures.OutputCollector;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * What only shows across boots of one instance: the first-boot flag, the encrypted storage (after a VM restart and
 * after a JVM restart, and never in plaintext on the host), the rollback-protected secret, and the payload checks
 * microdroid_manager makes against the instance record (signature, signer, version).
 */
class InstanceTest {
    private static final String PAYLOAD = "libinstance_suite.so";
    private static final long STORAGE = 1L << 20;

    @TempDir
    Path dir;

    private record Boot(RecordingCallback callback, String console) {}

    private VirtualMachineConfig config(Path apk, Consumer<VirtualMachineConfig.Builder> settings) {
        VirtualMachineConfig.Builder b = new VirtualMachineConfig.Builder().setApkPath(apk.toAbsolutePath())
                .setPayloadBinaryName(PAYLOAD).setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL)
                .setVmOutputCaptured(true);
        settings.accept(b);
        return b.build();
    }

    private static Boot boot(VirtualMachine vm) throws Exception {
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        CompletableFuture<String> console = OutputCollector.collect(vm.getConsoleOutput());
        OutputCollector.collect(vm.getLogOutput());
        callback.awaitStopped();
        return new Boot(callback, console.get());
    }

    /** The instance_suite APK with the given signer and version code, written to path. */
    private static void apk(Path path, PrivateKey key, X509Certificate cert, int versionCode) throws Exception {
        TestApks.instanceSuite(path, new FixtureBuilder.Signing(key, cert), versionCode);
    }

    private static FixtureBuilder.Signing fixtureKey() throws Exception {
        return TestApks.fixtureKey();
    }

    private static FixtureBuilder.Signing otherKey() throws Exception {
        return TestApks.otherKey();
    }

    @Test
    void onlyTheFirstBootOfAnInstanceIsNewAndTheRollbackProtectedSecretPersists() throws Exception {
        VirtualMachineManager manager = new VirtualMachineManager(dir.resolve("vms"));
        VirtualMachine vm = manager.create("vm", config(Fixtures.apk("instance_suite"), b -> { }));
        Boot first = boot(vm);
        assertThat(first.console()).contains("new_instance=1", "storage_path=NULL", "rollback_read_first=-1",
                "failures=0").doesNotContain("FAIL");
        assertThat(first.callback().events).containsExactly("started", "ready", "finished:0",
                "stopped:" + STOP_REASON_SHUTDOWN);
        Boot second = boot(vm);
        assertThat(second.console()).contains("new_instance=0", "rollback_read_first=0", "failures=0")
                .doesNotContain("FAIL");
        assertThat(second.callback().events).as("onPayloadReady once though the payload notifies twice")
                .containsOnlyOnce("ready");
        VirtualMachine other = manager.create("other", config(Fixtures.apk("instance_suite"), b -> { }));
        assertThat(boot(other).console()).as("another instance has its own record")
                .contains("new_instance=1", "rollback_read_first=-1");
        String record = Files.readString(dir.resolve("vms/vm/instance.img.properties"));
        assertThat(record).contains("packageName=org.mdemu.test.instance_suite", "versionCode=1")
                .doesNotContain(hex(0xa0, 32));
    }

    @Test
    void encryptedStorageSurvivesVmAndJvmRestartsAndIsNeverPlaintextOnTheHost() throws Exception {
        Path apk = Fixtures.apk("instance_suite");
        VirtualMachineManager manager = new VirtualMachineManager(dir.resolve("vms"));
        VirtualMachine vm = manager.create("store", config(apk, b -> b.setEncryptedStorageBytes(STORAGE)));
        Boot first = boot(vm);
        assertThat(first.console()).contains("storage_path=/mnt/encryptedstore", "boots_before=0",
                "storage_capacity=" + STORAGE, "ok filling the store ends with ENOSPC", "failures=0")
                .doesNotContain("FAIL");
        Boot second = boot(vm);
        assertThat(second.console()).contains("boots_before=1", "ok canary read back", "failures=0")
                .doesNotContain("FAIL");

        // A third boot in another JVM, through the command line on the same instance directory.
        Process process = new ProcessBuilder(ChildJvm.command("org.mdemu.cli.Mdemu", "run-app", apk.toString(),
                dir.resolve("vms/store").toString(), "--storage-size", "1M"))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String third = out.toString(StandardCharsets.UTF_8);
        assertThat(third).contains("new_instance=0", "boots_before=2", "ok canary read back", "failures=0")
                .doesNotContain("FAIL");
        assertThat(process.exitValue()).isZero();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("vms/store"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("storage.img");
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(f.toString()).doesNotContain("PLAINTEXT-CANARY", "canary-name", "canary-dir",
                    "boots.txt", "fill.bin");
        }
    }

    @Test
    void encryptedStorageNeedsTheSameVmIdentity() throws Exception {
        Path apk = Fixtures.apk("instance_suite");
        VirtualMachineManager manager = new VirtualMachineManager(dir.resolve("vms"));
        VirtualMachine vm = manager.create("a", config(apk, b -> b.setEncryptedStorageBytes(STORAGE)));
        assertThat(boot(vm).console()).contains("failures=0");
        manager.create("b", config(apk, b -> b.setEncryptedStorageBytes(STORAGE)));
        Files.copy(dir.resolve("vms/a/storage.img"), dir.resolve("vms/b/storage.img"));
        Boot stolen = boot(manager.get("b"));
        assertThat(stolen.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR);
        assertThat(stolen.callback().errorMessage).contains("cannot decrypt the encrypted storage");
    }

    @Test
    void anApkSignedByAnotherKeyIsAChangedPayload() throws Exception {
        Path apk = dir.resolve("app.apk");
        FixtureBuilder.Signing mine = fixtureKey();
        apk(apk, mine.key(), mine.certificate(), 1);
        VirtualMachine vm = new VirtualMachineManager(dir.resolve("vms")).create("vm", config(apk, b -> { }));
        assertThat(boot(vm).console()).contains("failures=0");
        FixtureBuilder.Signing theirs = otherKey();
        apk(apk, theirs.key(), theirs.certificate(), 1);
        Boot changed = boot(vm);
        assertThat(changed.callback().events).containsExactly("error:" + ERROR_PAYLOAD_CHANGED,
                "stopped:" + STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED);
        assertThat(changed.callback().errorMessage).contains(apk.toString()).contains("signed by another key");
        apk(apk, mine.key(), mine.certificate(), 1);
        assertThat(boot(vm).console()).as("the first signer is still welcome").contains("new_instance=0", "failures=0");
    }

    @Test
    void unsignedAndTamperedApksFailVerificationNamingTheApk() throws Exception {
        byte[] so = Files.readAllBytes(Fixtures.root().resolve("tests/fixtures/lib/arm64-v8a/" + PAYLOAD));
        Path unsigned = dir.resolve("unsigned.apk");
        Files.write(unsigned, new ApkBuilder().manifest("org.mdemu.test.instance_suite", 1)
                .entry("lib/arm64-v8a/" + PAYLOAD, so).unsignedZip());
        Path tampered = dir.resolve("tampered.apk");
        byte[] signed = Files.readAllBytes(Fixtures.apk("instance_suite"));
        byte[] elf = java.util.Arrays.copyOf(so, 64);
        int at = indexOf(signed, elf) + 4096;
        signed[at] ^= 0x01;
        Files.write(tampered, signed);
        VirtualMachineManager manager = new VirtualMachineManager(dir.resolve("vms"));
        List<String> messages = new ArrayList<>();
        for (Path apk : List.of(unsigned, tampered)) {
            VirtualMachine vm = manager.create(apk.getFileName().toString().replace(".apk", ""), config(apk, b -> { }));
            Boot b = boot(vm);
            assertThat(b.callback().events).containsExactly("error:" + ERROR_PAYLOAD_VERIFICATION_FAILED,
                    "stopped:" + STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED);
            assertThat(b.callback().errorMessage).startsWith(apk.toString() + ": signature verification failed");
            messages.add(b.callback().errorMessage);
            assertThat(vm.getDirectory().resolve("instance.img.properties")).as("nothing recorded").doesNotExist();
        }
        assertThat(messages.get(0)).containsIgnoringCase("sign");
        assertThat(messages.get(1)).containsIgnoringCase("digest");
    }

    @Test
    void anOlderVersionIsARollbackButANewerOneRaisesTheMinimum() throws Exception {
        Path apk = dir.resolve("app.apk");
        FixtureBuilder.Signing key = fixtureKey();
        apk(apk, key.key(), key.certificate(), 2);
        VirtualMachine vm = new VirtualMachineManager(dir.resolve("vms")).create("vm", config(apk, b -> { }));
        assertThat(boot(vm).console()).contains("new_instance=1", "failures=0");
        apk(apk, key.key(), key.certificate(), 1);
        Boot older = boot(vm);
        assertThat(older.callback().errorCode).isEqualTo(ERROR_PAYLOAD_CHANGED);
        assertThat(older.callback().stopReason).isEqualTo(STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED);
        assertThat(older.callback().errorMessage).contains("version code 1 is a rollback", "version 2");
        apk(apk, key.key(), key.certificate(), 3);
        assertThat(boot(vm).console()).as("an update keeps the instance and its secrets")
                .contains("new_instance=0", "rollback_read_first=0", "failures=0");
        apk(apk, key.key(), key.certificate(), 2);
        assertThat(boot(vm).callback().errorMessage).contains("version code 2 is a rollback", "version 3");
    }

    @Test
    void protectedModeAndDebugLevelAreVisibleToThePayload() throws Exception {
        VirtualMachineManager manager = new VirtualMachineManager(dir.resolve("vms"));
        VirtualMachine pvm = manager.create("pvm", config(Fixtures.apk("instance_suite"), b -> b.setProtectedVm(true)));
        assertThat(boot(pvm).console()).contains("strict_boot=1", "new_instance_node=1", "debuggable=1");
        assertThat(boot(pvm).console()).contains("strict_boot=1", "new_instance_node=0");
        assertThatThrownBy(() -> config(Fixtures.apk("instance_suite"),
                b -> b.setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_NONE))).as("AVF: no output from a VM that is not debuggable")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("debug level must be FULL to capture output");
        VirtualMachine plain = manager.create("plain", config(Fixtures.apk("instance_suite"),
                b -> b.setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_NONE).setVmOutputCaptured(false)));
        RecordingCallback quiet = new RecordingCallback();
        plain.setCallback(Runnable::run, quiet);
        plain.run();
        quiet.awaitStopped();
        assertThat(quiet.exitCode).as("the suite passes with ro.boot.microdroid.debuggable=0 too").isZero();
        assertThatThrownBy(plain::getConsoleOutput).hasMessageContaining("not captured");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("needle not found");
    }

    private static String hex(int first, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) s.append(String.format("%02x", first + i));
        return s.toString();
    }
}
