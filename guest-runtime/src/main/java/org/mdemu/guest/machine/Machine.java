package org.mdemu.guest.machine;

/**
 * The hardware the guest kernel runs on: memory and a CPU. The emulator module implements it; the guest runtime
 * only ever talks to this interface.
 */
public interface Machine extends AutoCloseable {
    GuestMemory memory();

    Cpu cpu();

    /**
     * A new machine on the same engine, with nothing mapped and a CPU of the same features: the hardware a forked
     * child process runs on (the kernel copies the address space into it). An engine that cannot run a second
     * machine answers {@link UnsupportedOperationException} with the reason, and fork answers ENOSYS.
     */
    default Machine sibling() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot make a second machine for a"
                + " child process");
    }

    @Override
    void close();
}
