package org.mdemu.guest.runtime;

/**
 * Where a code address lies: the module file, the offset in it, and the nearest preceding symbol if known.
 * Printed the way debuggerd prints backtrace frames: {@code /path/lib.so (symbol+12)}.
 */
record CodeLocation(String module, long offset, String symbol, long symbolOffset) {
    String describe() {
        String sym = symbol == null ? "" : symbolOffset == 0 ? " (" + symbol + ")" : " (" + symbol + "+" + symbolOffset + ")";
        return module + sym;
    }

    @FunctionalInterface
    interface Resolver {
        /** The location of address, or null if it lies in no known module. */
        CodeLocation locate(long address);
    }
}
