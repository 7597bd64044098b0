package org.mdemu.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.apk.VmPayloadConfig;

class ApkTest {
    @TempDir
    Path dir;

    private Path zip(String... names) throws Exception {
        Path p = dir.resolve("t.apk");
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(n.getBytes());
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void entriesThatCouldEscapeAreSetAside() throws Exception {
        try (Apk apk = Apk.open(zip("lib/arm64-v8a/libx.so", "../evil.so", "/abs.txt", "assets/a/../../../b", "lib/x86_64/liby.so"))) {
            assertThat(apk.entries()).containsExactly("lib/arm64-v8a/libx.so", "lib/x86_64/liby.so");
            assertThat(apk.unsafeEntries()).containsExactly("../evil.so", "/abs.txt", "assets/a/../../../b");
            assertThat(apk.abis()).containsExactly("arm64-v8a", "x86_64");
            assertThat(apk.arm64Libraries()).containsExactly("libx.so");
            assertThatThrownBy(() -> apk.read("../evil.so")).isInstanceOf(ApkException.class);
        }
    }

    @Test
    void notAZipIsNamed() throws Exception {
        Path p = dir.resolve("bad.apk");
        Files.writeString(p, "hello");
        assertThatThrownBy(() -> Apk.open(p)).hasMessageContaining("bad.apk: not an APK (not a zip archive");
    }

    @Test
    void vmConfigNamesTheLauncherCommand() throws Exception {
        assertThat(VmPayloadConfig.parse("c", "{\"os\":{\"name\":\"microdroid\"},\"task\":{\"type\":\"microdroid_launcher\","
                + "\"command\":\"libfoo.so\"}}").command()).isEqualTo("libfoo.so");
        assertThatThrownBy(() -> VmPayloadConfig.parse("c", "{\"task\":{\"type\":\"executable\",\"command\":\"x\"}}"))
                .hasMessageContaining("task type \"executable\" is not supported");
        assertThatThrownBy(() -> VmPayloadConfig.parse("c", "{\"task\": {")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> VmPayloadConfig.parse("c", "{}")).hasMessageContaining("no \"task\"");
    }
}
