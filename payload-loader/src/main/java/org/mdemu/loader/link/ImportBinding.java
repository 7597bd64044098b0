package org.mdemu.loader.link;

import java.util.List;
import java.util.function.Function;
import org.mdemu.loader.elf.ElfSymbol;

/**
 * Which definition a library's symbol reference binds to: the linker's rule, shared by {@link DynamicLinker} and by
 * the inspection of an APK without running it ({@code mdemu info}), so that both give the same answer.
 *
 * <p>The libraries loaded so far are searched first, in load order (the global group, the referencing library
 * included; as bionic without DT_SYMBOLIC), then the system libraries the referencing library names in DT_NEEDED, in
 * that order. A versioned reference is matched by its version <em>name</em> in each library searched; the file its
 * verneed entry names plays no part, as in bionic's linker ({@code printf@LIBC} recorded against libc.so binds to
 * whichever searched library defines printf in LIBC).
 */
public final class ImportBinding {
    private ImportBinding() {}

    /**
     * @param reference the symbol as the referencing library's symbol table has it (undefined for an import)
     * @param needed the referencing library's DT_NEEDED names, in order
     * @param loadOrder the ELF libraries loaded so far, in load order
     * @param systemLibraries the guest's system library loaded under a DT_NEEDED name, or null
     * @return the definition, or null when nothing searched defines it
     */
    public static SymbolSource.ResolvedSymbol find(ElfSymbol reference, List<String> needed,
                                                   Iterable<? extends SymbolSource> loadOrder,
                                                   Function<String, ? extends SymbolSource> systemLibraries) {
        // A defined symbol's own version node does not restrict which definition wins (interposition).
        String version = reference.isDefined() ? null : reference.version();
        for (SymbolSource lib : loadOrder) {
            SymbolSource.ResolvedSymbol s = lib.lookup(reference.name(), version);
            if (s != null) return s;
        }
        for (String name : needed) {
            SymbolSource system = systemLibraries.apply(name);
            if (system == null) continue;
            SymbolSource.ResolvedSymbol s = system.lookup(reference.name(), reference.version());
            if (s != null) return s;
        }
        return null;
    }
}
