package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Machine;

/** An AArch64 machine on mdemu's own Java engine: no native code, memory on the Java heap. */
public final class JavaMachine implements Machine {
    /** AT_HWCAP bits of what the engine executes: FP and ASIMD (more as they are implemented). */
    static final long HWCAP = 1L << 0 | 1L << 1;

    private final PagedMemory memory = new PagedMemory();
    private final JavaCpu cpu = new JavaCpu(memory, HWCAP);

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Cpu cpu() {
        return cpu;
    }

    @Override
    public Machine sibling() {
        return new JavaMachine();
    }

    @Override
    public void close() {
    }
}
