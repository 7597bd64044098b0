package org.mdemu.guest.machine;

/** An opaque saved register state of one guest thread. Release it with close when the thread is gone. */
public interface CpuContext extends AutoCloseable {
    @Override
    void close();
}
