package org.mdemu.guest.machine;

/**
 * The hardware the guest kernel runs on: memory and a CPU. The emulator module implements it; the guest runtime
 * only ever talks to this interface.
 */
public interface Machine extends AutoCloseable {
    GuestMemory memory();

    Cpu cpu();

    @Override
    void close();
}
