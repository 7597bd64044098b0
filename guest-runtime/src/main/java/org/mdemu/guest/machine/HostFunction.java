package org.mdemu.guest.machine;

/**
 * A function of the host that a trap runs, with its argument (for the guest runtime's rows: their call frame). An
 * engine calls it itself, from a call site of its own, for a {@link DirectTrap}: so a JIT sees one target there.
 */
@FunctionalInterface
public interface HostFunction<A> {
    void call(A argument);
}
