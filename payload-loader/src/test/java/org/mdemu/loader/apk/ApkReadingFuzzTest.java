package org.mdemu.loader.apk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Damaged APKs: opening one, verifying its signature, listing its libraries and reading its VM config either work
 * or fail with an {@link ApkException} naming the file; any other exception is a finding. Committed inputs (a small
 * signed fixture APK among them) run in every build; {@code JAZZER_FUZZ=1} fuzzes from them.
 */
class ApkReadingFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("mdemu-fuzz", ".apk");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void damagedApksFailOnlyWithApkExceptions(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try (Apk apk = Apk.open(FILE)) {
            apk.unsafeEntries();
            apk.abis();
            for (String lib : apk.arm64Libraries()) apk.read(lib);
            if (apk.contains("assets/vm_config.json")) {
                VmPayloadConfig.parse("vm_config.json",
                        new String(apk.read("assets/vm_config.json"), StandardCharsets.UTF_8));
            }
            ApkSignature.verify(FILE);
        } catch (ApkException expected) {
            // a clear refusal is the right answer to a damaged file
        }
    }

    @FuzzTest(maxDuration = "30s")
    void damagedVmConfigsFailOnlyWithApkExceptions(String json) {
        if (json == null) return; // the config is always read from bytes, never absent
        try {
            VmPayloadConfig.parse("assets/vm_config.json", json);
        } catch (ApkException expected) {
            // refused with the file named
        }
    }
}
