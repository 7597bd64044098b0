package org.mdemu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mdemu.guest.boot.PayloadInspector;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.apk.ApkSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mdemu info APK}: what is in an APK and whether mdemu's guest would link its payload. Imports are bound by
 * the linker's own rule ({@link PayloadInspector}), so what this reports as missing is what run-app would refuse.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show an APK's signature, ABIs, payload candidates and every import of the payload with the"
                + " library the guest's linker binds it to.",
                "Exits with 65 when run-app could not run the payload: signature, no arm64 library, a needed"
                        + " library or import missing."})
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    Mdemu mdemu;

    @Parameters(index = "0", paramLabel = "APK")
    Path apkPath;

    @Option(names = "--payload-binary-name", paramLabel = "NAME", description = "Library to inspect (default: the payload).")
    String payload;

    @Override
    public Integer call() throws Exception {
        PrintStream out = mdemu.out();
        if (Files.isDirectory(apkPath)) throw new BadInputException(apkPath + ": is a directory, not an APK file");
        if (!Files.exists(apkPath)) throw new BadInputException(apkPath + ": no such file");
        boolean runnable = true;
        List<String> arm64;
        try (Apk apk = Apk.open(apkPath)) {
            out.println("APK: " + apkPath);
            out.println("ABIs: " + (apk.abis().isEmpty() ? "none" : String.join(", ", apk.abis())));
            arm64 = apk.arm64Libraries();
        } catch (ApkException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            ApkSignature s = ApkSignature.verify(apkPath);
            out.println("signature: verified: " + s.packageName() + " version " + s.versionCode() + ", signer sha256:"
                    + s.signerDigest().substring(0, 16) + "...");
        } catch (ApkException e) {
            out.println("signature: " + e.getMessage());
            runnable = false;
        }
        out.println("arm64-v8a libraries: " + (arm64.isEmpty() ? "none (Microdroid runs arm64 payloads)"
                : String.join(", ", arm64)));
        if (arm64.isEmpty()) return Mdemu.EXIT_BAD_INPUT;
        List<String> candidates = PayloadInspector.payloadCandidates(apkPath);
        out.println("payload candidates (export AVmPayload_main): "
                + (candidates.isEmpty() ? "none" : String.join(", ", candidates)));
        String target = payload != null ? payload : candidates.size() == 1 ? candidates.get(0) : null;
        if (target == null) return runnable ? 0 : Mdemu.EXIT_BAD_INPUT;
        if (!arm64.contains(target)) throw new BadInputException(apkPath + ": no lib/arm64-v8a/" + target);
        PayloadInspector.LinkReport report;
        try {
            report = PayloadInspector.inspect(apkPath, target);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        print(out, target, report);
        return runnable && report.links() ? 0 : Mdemu.EXIT_BAD_INPUT;
    }

    private static void print(PrintStream out, String target, PayloadInspector.LinkReport report) {
        out.println("imports of " + target + " and the libraries it needs:");
        int missing = 0, weak = 0;
        for (PayloadInspector.Import i : report.imports()) {
            String binding = i.providedBy() != null ? "provided by " + i.providedBy()
                    : i.weak() ? "weak, not provided: binds to 0" : "MISSING";
            out.printf("  %-40s %-18s %s%n", i.displayName(), i.library(), binding);
            if (i.missing()) missing++;
            else if (i.providedBy() == null) weak++;
        }
        for (Map.Entry<String, String> e : report.missingLibraries().entrySet()) {
            out.println("library " + e.getKey() + " not found: needed by " + e.getValue());
        }
        out.println((missing == 0 ? "all imports are provided" : missing + " import(s) are not provided")
                + (weak == 0 ? "" : " (" + weak + " weak import(s) bind to 0)")
                + (report.missingLibraries().isEmpty() ? "" : "; " + report.missingLibraries().size()
                        + " needed library(ies) not found"));
    }
}
