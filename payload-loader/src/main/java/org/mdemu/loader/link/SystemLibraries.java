package org.mdemu.loader.link;

/** The guest's system library directory (/system/lib64 role): looked up by soname after the APK's own libraries. */
@FunctionalInterface
public interface SystemLibraries {
    /** The library with this soname, or null if the guest has none. */
    SymbolSource find(String soname);
}
