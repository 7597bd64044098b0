package org.mdemu.guest.abi;

/**
 * Thrown by a handler that runs inside the CPU's trap and finds it must block (wait for another guest thread, sleep)
 * or switch CPU contexts. The engine cannot give the CPU to another thread from inside a trap, so the executor lets
 * the CPU leave the trap and calls the same handler again with the same registers. A handler must throw it before it
 * changes any state.
 */
public final class OutsideTrapRequired extends RuntimeException {
    public static final OutsideTrapRequired INSTANCE = new OutsideTrapRequired();

    private OutsideTrapRequired() {
        super("must run outside the trap", null, false, false);
    }
}
