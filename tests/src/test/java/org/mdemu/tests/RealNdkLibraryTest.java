package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.fixtures.ApkBuilder;
import org.mdemu.fixtures.FixtureBuilder;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineConfig;
import org.mdemu.virtualmachine.VirtualMachineManager;

/**
 * A real NDK-built arm64 library from Maven Central (zstd-jni's Android AAR) loads and links in the guest, and a
 * payload's calls into it give exactly what the same zstd version computes on the host JVM.
 */
class RealNdkLibraryTest {
    private static final String ZSTD = "libzstd-jni-1.5.6-3.so";

    @TempDir
    Path dir;

    @Test
    void zstdFromItsAndroidAarCompressesInTheGuestLikeOnTheHost() throws Exception {
        Path aar = Path.of("target/ndk/zstd-jni-1.5.6-3.aar");
        assertThat(aar).as("AAR copied by the maven-dependency-plugin").exists();
        byte[] zstdSo;
        try (ZipFile zip = new ZipFile(aar.toFile())) {
            zstdSo = zip.getInputStream(zip.getEntry("jni/arm64-v8a/" + ZSTD)).readAllBytes();
        }
        Path root = Fixtures.root();
        Path apk = dir.resolve("zstd.apk");
        FixtureBuilder.Signing signing = FixtureBuilder.Signing.load(root.resolve("tests/fixtures/keys"), "debug");
        new ApkBuilder().manifest("org.mdemu.test.zstd", 1)
                .entry("lib/arm64-v8a/libzstd_user.so", Files.readAllBytes(root.resolve("tests/fixtures/lib/arm64-v8a/libzstd_user.so")))
                .entry("lib/arm64-v8a/" + ZSTD, zstdSo)
                .writeSigned(apk, signing.key(), signing.certificate());

        VirtualMachine vm = new VirtualMachineManager(dir.resolve("vms")).create("zstd", new VirtualMachineConfig.Builder()
                .setApkPath(apk).setPayloadBinaryName("libzstd_user.so")
                .setDebugLevel(VirtualMachineConfig.DEBUG_LEVEL_FULL).setVmOutputCaptured(true).build());
        RecordingCallback callback = new RecordingCallback();
        vm.setCallback(Runnable::run, callback);
        vm.run();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (var in = vm.getConsoleOutput()) {
            in.transferTo(console);
        }
        callback.awaitStopped();
        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(callback.exitCode).as(out).isZero();

        byte[] input = new byte[65536];
        byte[] letters = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < input.length; i++) input[i] = letters[(i / 3 + i % 7) % 10];
        byte[] packed = Zstd.compress(input, 3);
        int fnv = 0x811c9dc5;
        for (byte b : packed) fnv = (fnv ^ (b & 0xff)) * 16777619;
        Matcher m = Pattern.compile("zstd version=(\\d+) bound=(\\d+) compressed=(\\d+) fnv=([0-9a-f]{8}) roundtrip=ok")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String[] v = com.github.luben.zstd.util.ZstdVersion.VERSION.split("[.-]");
        long hostVersion = Long.parseLong(v[0]) * 10000 + Long.parseLong(v[1]) * 100 + Long.parseLong(v[2]);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(hostVersion);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(Zstd.compressBound(input.length));
        assertThat(Long.parseLong(m.group(3))).isEqualTo(packed.length);
        assertThat(m.group(4)).isEqualTo(String.format("%08x", fnv));
    }
}
