package org.mdemu.guest.abi;

/** A group of related guest functions (e.g. libc's string functions) that declares its rows into a library table. */
@FunctionalInterface
public interface LibrarySection {
    void declare(LibraryTable table);
}
