package org.mdemu.loader.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mdemu.loader.elf.ElfSymbol;

/** The linker's binding rule, which mdemu info shares: load order first, then needed system libraries by version name. */
class ImportBindingTest {
    /** A library defining the given names, all in one version node (null: unversioned). */
    private record Library(String soname, String version, Set<String> names) implements SymbolSource {
        @Override
        public ResolvedSymbol lookup(String name, String v) {
            if (!names.contains(name) || (v != null && version != null && !v.equals(version))) return null;
            return new ResolvedSymbol(name, 0, 0, true, false, this);
        }
    }

    private static ElfSymbol imported(String name, String version) {
        return new ElfSymbol(1, name, 0, 0, ElfSymbol.STT_FUNC, 1, 0, version, false);
    }

    private static String provider(ElfSymbol reference, List<String> needed, List<Library> loaded,
                                   Map<String, Library> system) {
        SymbolSource.ResolvedSymbol s = ImportBinding.find(reference, needed, loaded, system::get);
        return s == null ? null : s.source().soname();
    }

    @Test
    void aVersionedImportBindsByVersionNameInWhicheverNeededLibraryHasIt() {
        // dladdr@LIBC is recorded against libdl.so's verneed entry by the NDK, printf@LIBC against libc.so's:
        // neither file name matters, only the version name in the libraries searched.
        Map<String, Library> system = Map.of(
                "libc.so", new Library("libc.so", "LIBC", Set.of("printf")),
                "libdl.so", new Library("libdl.so", "LIBC", Set.of("dladdr")),
                "liblog.so", new Library("liblog.so", "LIBLOG", Set.of("__android_log_print")));
        List<String> needed = List.of("liblog.so", "libdl.so", "libc.so");
        assertThat(provider(imported("dladdr", "LIBC"), needed, List.of(), system)).isEqualTo("libdl.so");
        assertThat(provider(imported("printf", "LIBC"), needed, List.of(), system)).isEqualTo("libc.so");
        assertThat(provider(imported("__android_log_print", "LIBC"), needed, List.of(), system))
                .as("the wrong version name binds nowhere").isNull();
        assertThat(provider(imported("printf", "LIBC"), List.of("liblog.so"), List.of(), system))
                .as("only the referencing library's needed system libraries are searched").isNull();
    }

    @Test
    void loadedLibrariesComeFirstInLoadOrderEvenWhenNotNeededDirectly() {
        Library app = new Library("libapp.so", null, Set.of("main"));
        Library dep = new Library("libdep.so", null, Set.of("helper"));
        Library deeper = new Library("libdeeper.so", null, Set.of("helper", "deep_only", "printf"));
        Map<String, Library> system = Map.of("libc.so", new Library("libc.so", "LIBC", Set.of("printf")));
        List<Library> loadOrder = List.of(app, dep, deeper);
        assertThat(provider(imported("helper", null), List.of("libdep.so"), loadOrder, system)).isEqualTo("libdep.so");
        assertThat(provider(imported("deep_only", null), List.of("libdep.so"), loadOrder, system))
                .as("a library the importer does not need itself still provides (global group)").isEqualTo("libdeeper.so");
        assertThat(provider(imported("printf", "LIBC"), List.of("libc.so"), loadOrder, system))
                .as("an unversioned definition in a loaded library interposes").isEqualTo("libdeeper.so");
    }
}
