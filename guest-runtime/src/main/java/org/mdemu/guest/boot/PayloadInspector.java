package org.mdemu.guest.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.runtime.SystemImage;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.elf.Elf64Image;
import org.mdemu.loader.elf.ElfException;
import org.mdemu.loader.elf.ElfSymbol;
import org.mdemu.loader.link.ImportBinding;
import org.mdemu.loader.link.SymbolSource;

/**
 * Answers questions about an APK without running it: which libraries are payloads, what they import and whether
 * the guest's linker would bind it. Imports are bound with {@link ImportBinding}, the linker's own rule, over the
 * libraries in the order the linker would load them, so {@code mdemu info} says what {@code run-app} would do.
 */
public final class PayloadInspector {
    /**
     * One import of a library: where it binds (a system library's soname, or {@code "libx.so (APK)"}), or null when
     * nothing defines it. A weak import that nothing defines binds to 0 and does not stop linking.
     */
    public record Import(String library, String symbol, String version, String providedBy, boolean weak) {
        /** Unresolved and not weak: the linker refuses the library. */
        public boolean missing() {
            return providedBy == null && !weak;
        }

        public String displayName() {
            return version == null ? symbol : symbol + "@" + version;
        }
    }

    /**
     * Everything the linker would check when loading a library: each import of the library and of the libraries it
     * pulls in, and the needed libraries that neither the APK nor the guest has (library name → who needs it).
     */
    public record LinkReport(List<Import> imports, Map<String, String> missingLibraries) {
        /** Whether the linker would load the library: every needed library found, every strong import bound. */
        public boolean links() {
            return missingLibraries.isEmpty() && imports.stream().noneMatch(Import::missing);
        }
    }

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

    /** The link report of a library in the APK's lib/arm64-v8a. */
    public static LinkReport inspect(Path apkPath, String library) throws IOException {
        try (Apk apk = Apk.open(apkPath)) {
            return inspect(library, name -> {
                if (!apk.contains(Apk.ARM64_LIB_DIR + name)) return null;
                try {
                    return apk.read(Apk.ARM64_LIB_DIR + name);
                } catch (ApkException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (ApkException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The link report of a library among others shipped with it (an APK's lib/arm64-v8a, an AAR's jni/arm64-v8a).
     *
     * @param shipped the bytes of a shipped library by file name, or null when there is none of that name
     */
    public static LinkReport inspect(String library, Function<String, byte[]> shipped) throws IOException {
        SystemImage system = SystemImage.forInspection();
        try {
            // The linker's breadth-first load order; a shipped library shadows a system one of the same name.
            Map<String, Elf64Image> loadOrder = new LinkedHashMap<>();
            Map<String, SymbolSource> systemLoaded = new LinkedHashMap<>();
            Map<String, String> missingLibraries = new LinkedHashMap<>();
            Deque<String[]> queue = new ArrayDeque<>();
            queue.add(new String[] {library, null});
            while (!queue.isEmpty()) {
                String[] next = queue.poll();
                String name = next[0];
                if (loadOrder.containsKey(name) || systemLoaded.containsKey(name) || missingLibraries.containsKey(name)) {
                    continue;
                }
                byte[] bytes = shipped.apply(name);
                if (bytes == null) {
                    LibraryTable table = system.table(name);
                    if (table != null) systemLoaded.put(name, new TableSymbols(table));
                    else missingLibraries.put(name, next[1] == null ? "(the library inspected)" : next[1]);
                    continue;
                }
                Elf64Image image = Elf64Image.parse(name, bytes);
                loadOrder.put(name, image);
                for (String needed : image.needed()) queue.add(new String[] {needed, name});
            }
            List<SymbolSource> globalGroup = new ArrayList<>();
            for (Map.Entry<String, Elf64Image> e : loadOrder.entrySet()) globalGroup.add(new ShippedSymbols(e.getKey(), e.getValue()));
            List<Import> imports = new ArrayList<>();
            for (Map.Entry<String, Elf64Image> e : loadOrder.entrySet()) {
                Elf64Image image = e.getValue();
                for (ElfSymbol s : image.symbols()) {
                    if (s.isDefined() || s.name().isEmpty()) continue;
                    SymbolSource.ResolvedSymbol bound = ImportBinding.find(s, image.needed(), globalGroup, systemLoaded::get);
                    String provider = bound == null ? null
                            : bound.source() instanceof ShippedSymbols lib ? lib.soname() + " (APK)" : bound.source().soname();
                    imports.add(new Import(e.getKey(), s.name(), s.version(), provider, s.isWeak()));
                }
            }
            return new LinkReport(imports, missingLibraries);
        } catch (ElfException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A shipped library's exports at link-time addresses: what the linker finds in it once mapped. */
    private record ShippedSymbols(String soname, Elf64Image image) implements SymbolSource {
        @Override
        public ResolvedSymbol lookup(String name, String version) {
            ElfSymbol s = image.definition(name, version);
            return s == null ? null : new ResolvedSymbol(name, s.value(), s.size(), s.type() == ElfSymbol.STT_FUNC,
                    s.type() == ElfSymbol.STT_TLS, this);
        }
    }

    /** A system library's rows as the linker binds to them, without guest addresses. */
    private record TableSymbols(LibraryTable table) implements SymbolSource {
        @Override
        public String soname() {
            return table.soname();
        }

        @Override
        public ResolvedSymbol lookup(String name, String version) {
            GuestSymbol row = table.lookup(name, version);
            return row == null ? null : new ResolvedSymbol(name, 0, 0, row.isFunction(), false, this);
        }
    }
}
