package org.mdemu.guest.bionic;

import java.util.List;

/** What libc's unwinder and backtrace functions need from the dynamic linker. */
public interface CodeMap {
    /** A loaded ELF object: its load bias and where its program headers are mapped. */
    record Module(long bias, long phdrAddress, int phdrCount) {}

    /** dladdr's answer: the module's path and base, and the nearest symbol (null if none) and its address. */
    record Location(String path, long base, String symbol, long symbolAddress) {}

    List<Module> modules();

    /** Where address lies, or null when no module or system library holds it. */
    Location locate(long address);

    /** A symbol's address in the global scope (RTLD_DEFAULT from libc), or 0. */
    long symbol(String name);

    CodeMap NONE = new CodeMap() {
        @Override
        public List<Module> modules() {
            return List.of();
        }

        @Override
        public Location locate(long address) {
            return null;
        }

        @Override
        public long symbol(String name) {
            return 0;
        }
    };
}
