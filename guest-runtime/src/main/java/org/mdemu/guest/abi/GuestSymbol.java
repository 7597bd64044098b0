package org.mdemu.guest.abi;

/**
 * One row of a guest library's binding table: a symbol the guest can import, the version node it belongs to
 * (as in bionic's map files, e.g. {@code LIBC}, {@code LIBC_N}, {@code LIBVM_PAYLOAD}), how it is implemented, and
 * how completely.
 */
public record GuestSymbol(String library, String name, String version, Implementation implementation, Support support) {

    /** How the symbol is provided to the guest. */
    public sealed interface Implementation {}

    /**
     * A function whose body is Java, reached through a trap stub. callsGuest marks handlers that call back into guest
     * code (comparators, atexit handlers, constructors): the CPU cannot re-enter guest code from inside a trap, so
     * those run after the CPU has left the trap, which costs a little more per call.
     */
    public record JavaFunction(FunctionHandler handler, boolean callsGuest) implements Implementation {}

    /** A function whose body is AArch64 code in the runtime's guest code image (hot routines). */
    public record GuestCode(String imageSymbol) implements Implementation {}

    /** A data object allocated in guest memory at boot and filled by the initializer. */
    public record DataObject(int size, int alignment, DataInitializer initializer) implements Implementation {}

    @FunctionalInterface
    public interface DataInitializer {
        void initialize(long address);
    }

    public boolean isFunction() {
        return !(implementation instanceof DataObject);
    }
}
