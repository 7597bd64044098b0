package org.mdemu.guest.debuggerd;

/** The loaded code of a process as an unwinder sees it: which module an address lies in. */
@FunctionalInterface
public interface CodeModules {
    /** The module holding address, or null if none does. */
    Module moduleAt(long address);

    /** A symbol and the offset of an address from it. */
    record Symbol(String name, long offset) {}

    /**
     * A loaded ELF (or a piece of runtime code shown as one): its path, the load base offsets are printed against,
     * the range it occupies, its .eh_frame_hdr's guest address (0 if none), its build id (null if none) and its
     * symbols.
     */
    record Module(String path, long base, long start, long end, long ehFrameHdr, String buildId,
                  java.util.function.LongFunction<Symbol> symbols) {
        public Symbol symbolAt(long address) {
            return symbols == null ? null : symbols.apply(address);
        }
    }
}
