package org.mdemu.loader.link;

/**
 * Something the linker can resolve symbols against: an ELF module it loaded, or a system library the guest runtime
 * provides (libc.so, liblog.so, ...).
 */
public interface SymbolSource {
    /** The soname, as DT_NEEDED names it. */
    String soname();

    /**
     * Looks up a defined symbol. version is the required version node (from VERNEED, e.g. "LIBC") or null for an
     * unversioned reference; a versioned reference only matches a definition of that version (or an unversioned
     * definition, as bionic's linker accepts).
     *
     * @return the symbol, or null if this source does not define it
     */
    ResolvedSymbol lookup(String name, String version);

    record ResolvedSymbol(String name, long address, long size, boolean function, boolean tls, SymbolSource source) {}
}
