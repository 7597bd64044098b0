package org.mdemu.guest.runtime;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.loader.link.SymbolSource;

/**
 * A guest system library made from its binding table: each row has been given a guest address (trap stub, data
 * object or guest-code routine), and the dynamic linker resolves imports against those rows by name and version.
 */
final class TableLibrary implements SymbolSource {
    private final LibraryTable table;
    private final Map<String, Long> addresses = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();

    TableLibrary(LibraryTable table) {
        this.table = table;
    }

    void place(String name, long address, long size) {
        addresses.put(name, address);
        sizes.put(name, size);
    }

    LibraryTable table() {
        return table;
    }

    @Override
    public String soname() {
        return table.soname();
    }

    @Override
    public ResolvedSymbol lookup(String name, String version) {
        GuestSymbol row = table.lookup(name, version);
        Long address = addresses.get(name);
        if (row == null || address == null) return null;
        return new ResolvedSymbol(name, address, sizes.getOrDefault(name, 0L), row.isFunction(), false, this);
    }

    /** The row whose function or data object starts at or contains address, for backtraces; null if none. */
    String nameAt(long address) {
        String best = null;
        for (Map.Entry<String, Long> e : addresses.entrySet()) {
            long start = e.getValue();
            long size = Math.max(1, sizes.getOrDefault(e.getKey(), 1L));
            if (address >= start && address < start + size) best = e.getKey();
        }
        return best;
    }
}
