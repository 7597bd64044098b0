package org.mdemu.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mdemu.guest.boot.PayloadInspector;
import org.mdemu.loader.apk.Apk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mdemu info APK}: what is in an APK and whether mdemu's guest can link its payload. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show an APK's ABIs, payload candidates and every import of the payload with its provider.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "APK")
    Path apkPath;

    @Option(names = "--payload-binary-name", paramLabel = "NAME", description = "Library to inspect (default: the payload).")
    String payload;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(apkPath)) throw new BadInputException(apkPath + ": no such file");
        List<String> candidates;
        try (Apk apk = Apk.open(apkPath)) {
            System.out.println("APK: " + apkPath);
            System.out.println("ABIs: " + (apk.abis().isEmpty() ? "none" : String.join(", ", apk.abis())));
            System.out.println("arm64-v8a libraries: " + String.join(", ", apk.arm64Libraries()));
        } catch (org.mdemu.loader.apk.ApkException e) {
            throw new BadInputException(e.getMessage());
        }
        candidates = PayloadInspector.payloadCandidates(apkPath);
        System.out.println("payload candidates (export AVmPayload_main): "
                + (candidates.isEmpty() ? "none" : String.join(", ", candidates)));
        String target = payload != null ? payload : candidates.size() == 1 ? candidates.get(0) : null;
        if (target == null) return 0;
        List<PayloadInspector.Import> imports = PayloadInspector.imports(apkPath, target);
        int missing = 0;
        System.out.println("imports of " + target + " and the libraries it needs:");
        for (PayloadInspector.Import i : imports) {
            String symbol = i.version() == null ? i.symbol() : i.symbol() + "@" + i.version();
            System.out.printf("  %-40s %-18s %s%n", symbol, i.library(),
                    i.providedBy() == null ? "MISSING" : "provided by " + i.providedBy());
            if (i.providedBy() == null) missing++;
        }
        System.out.println(missing == 0 ? "all imports are provided" : missing + " import(s) are not provided");
        return missing == 0 ? 0 : Mdemu.EXIT_BAD_INPUT;
    }
}
