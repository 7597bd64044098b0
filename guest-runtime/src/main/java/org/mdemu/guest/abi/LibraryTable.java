package org.mdemu.guest.abi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binding table of one guest system library ({@code libc.so}, {@code liblog.so}, ...). Sections declare their
 * rows into it; the dynamic linker resolves imports against it and docs/COMPATIBILITY.md is generated from it.
 */
public final class LibraryTable {
    private final String soname;
    private final String defaultVersion;
    private final Map<String, GuestSymbol> symbols = new LinkedHashMap<>();

    public LibraryTable(String soname, String defaultVersion) {
        this.soname = soname;
        this.defaultVersion = defaultVersion;
    }

    public String soname() {
        return soname;
    }

    public String defaultVersion() {
        return defaultVersion;
    }

    /** A fully supported Java function in the library's default version node. */
    public void function(String name, FunctionHandler handler) {
        function(name, defaultVersion, Support.FULL, handler);
    }

    public void function(String name, Support support, FunctionHandler handler) {
        function(name, defaultVersion, support, handler);
    }

    public void function(String name, String version, Support support, FunctionHandler handler) {
        add(new GuestSymbol(soname, name, version, new GuestSymbol.JavaFunction(handler, false), support));
    }

    /** A Java function that calls guest code through {@link GuestCalls} (see {@link GuestSymbol.JavaFunction}). */
    public void functionCallingGuest(String name, Support support, FunctionHandler handler) {
        functionCallingGuest(name, defaultVersion, support, handler);
    }

    public void functionCallingGuest(String name, String version, Support support, FunctionHandler handler) {
        add(new GuestSymbol(soname, name, version, new GuestSymbol.JavaFunction(handler, true), support));
    }

    /** A function implemented as guest machine code: the symbol of that name in the runtime's guest code image. */
    public void guestCode(String name, String version, Support support) {
        add(new GuestSymbol(soname, name, version, new GuestSymbol.GuestCode(name), support));
    }

    public void data(String name, String version, int size, int alignment, Support support,
                     GuestSymbol.DataInitializer initializer) {
        add(new GuestSymbol(soname, name, version, new GuestSymbol.DataObject(size, alignment, initializer), support));
    }

    private void add(GuestSymbol symbol) {
        GuestSymbol previous = symbols.putIfAbsent(symbol.name(), symbol);
        if (previous != null) {
            throw new IllegalStateException(soname + " declares " + symbol.name() + " twice");
        }
    }

    public void declare(LibrarySection... sections) {
        for (LibrarySection s : sections) s.declare(this);
    }

    public GuestSymbol lookup(String name) {
        return symbols.get(name);
    }

    /**
     * The row a reference binds to: any row of the name for an unversioned reference, else only a row of that
     * version node (every row has one, as bionic's libraries version every export).
     */
    public GuestSymbol lookup(String name, String version) {
        GuestSymbol row = symbols.get(name);
        return row == null || (version != null && !version.equals(row.version())) ? null : row;
    }

    public List<GuestSymbol> symbols() {
        return Collections.unmodifiableList(new ArrayList<>(symbols.values()));
    }
}
