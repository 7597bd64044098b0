package org.mdemu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mdemu.guest.boot.PayloadInspector;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.apk.ApkSignature;

/**
 * What run-app checks before it boots anything, in the order microdroid_manager would refuse an APK: the file, the
 * zip, the v2/v3 signature (so an unsigned or tampered APK is told so before anything is said about its contents),
 * then an arm64-v8a payload to run. Each failure is a {@link BadInputException} naming the APK.
 */
final class ApkChecks {
    private ApkChecks() {}

    /** Fails unless the APK is a verified zip with arm64-v8a libraries. */
    static void verify(Path apk) {
        if (Files.isDirectory(apk)) {
            throw new BadInputException(apk + ": is a directory, not an APK file");
        }
        if (!Files.exists(apk)) throw new BadInputException(apk + ": no such file");
        List<String> abis;
        List<String> arm64;
        try (Apk zip = Apk.open(apk)) {
            abis = zip.abis();
            arm64 = zip.arm64Libraries();
        } catch (ApkException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            ApkSignature.verify(apk);
        } catch (ApkException e) {
            throw new BadInputException(e.getMessage());
        }
        if (arm64.isEmpty()) {
            throw new BadInputException(apk + ": no lib/arm64-v8a: Microdroid runs arm64 payloads, and this APK's"
                    + " native libraries are " + (abis.isEmpty() ? "none" : "for " + String.join(", ", abis)));
        }
    }

    /** The only arm64 library exporting AVmPayload_main; none or several is an error listing what there is. */
    static String onlyPayload(Path apk) {
        List<String> candidates;
        List<String> libraries;
        try (Apk zip = Apk.open(apk)) {
            libraries = zip.arm64Libraries();
            candidates = PayloadInspector.payloadCandidates(apk);
        } catch (ApkException | IOException e) {
            throw new BadInputException(e.getMessage());
        }
        if (candidates.size() == 1) return candidates.get(0);
        if (candidates.isEmpty()) {
            throw new BadInputException(apk + ": no library in lib/arm64-v8a exports AVmPayload_main (it has "
                    + String.join(", ", libraries) + "); name the payload with --payload-binary-name");
        }
        throw new BadInputException(apk + ": several libraries export AVmPayload_main: "
                + String.join(", ", candidates) + "; choose one with --payload-binary-name");
    }
}
