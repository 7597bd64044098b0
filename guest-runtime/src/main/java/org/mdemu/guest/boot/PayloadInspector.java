package org.mdemu.guest.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.runtime.SystemImage;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfException;
import org.mdemu.loader.elf.ElfSymbol;

/** Answers questions about an APK without running it: which libraries are payloads, what they import. */
public final class PayloadInspector {
    /** One import of a library and whether the guest provides it. */
    public record Import(String library, String symbol, String version, String providedBy) {}

    private PayloadInspector() {}

    /** arm64 libraries in the APK that export AVmPayload_main. */
    public static List<String> payloadCandidates(Path apkPath) throws IOException {
        try (Apk apk = Apk.open(apkPath)) {
            List<String> result = new ArrayList<>();
            for (String lib : apk.arm64Libraries()) {
                try {
                    Elf64Image image = Elf64Image.parse(lib, apk.read(Apk.ARM64_LIB_DIR + lib));
                    if (image.exported("AVmPayload_main") != null) result.add(lib);
                } catch (ElfException e) {
                    // not a loadable library: not a candidate
                }
            }
            return result;
        } catch (ApkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Every undefined symbol of the library's closure inside the APK, with the system library providing it. */
    public static List<Import> imports(Path apkPath, String library) throws IOException {
        SystemImage system = SystemImage.forInspection();
        List<Import> result = new ArrayList<>();
        try (Apk apk = Apk.open(apkPath)) {
            List<String> todo = new ArrayList<>(List.of(library));
            List<String> seen = new ArrayList<>();
            while (!todo.isEmpty()) {
                String name = todo.remove(0);
                if (seen.contains(name) || !apk.contains(Apk.ARM64_LIB_DIR + name)) continue;
                seen.add(name);
                Elf64Image image = Elf64Image.parse(name, apk.read(Apk.ARM64_LIB_DIR + name));
                todo.addAll(image.needed());
                for (ElfSymbol s : image.symbols()) {
                    if (s.isDefined() || s.name().isEmpty()) continue;
                    String provider = null;
                    for (String needed : image.needed()) {
                        LibraryTable t = system.table(needed);
                        if (t != null && t.lookup(s.name()) != null
                                && (s.version() == null || s.version().equals(t.lookup(s.name()).version()))) {
                            provider = needed;
                        } else if (apk.contains(Apk.ARM64_LIB_DIR + needed)
                                && Elf64Image.parse(needed, apk.read(Apk.ARM64_LIB_DIR + needed)).exported(s.name()) != null) {
                            provider = needed + " (APK)";
                        }
                        if (provider != null) break;
                    }
                    result.add(new Import(name, s.name(), s.version(), provider));
                }
            }
            return result;
        } catch (ApkException | ElfException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
