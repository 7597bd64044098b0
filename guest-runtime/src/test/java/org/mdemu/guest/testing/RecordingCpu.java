package org.mdemu.guest.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.TrapHandler;

/** A CPU that runs nothing and counts the stops requested of it, for scheduler and trap-path unit tests. */
public final class RecordingCpu implements Cpu {
    public final AtomicInteger stops = new AtomicInteger();
    private final CpuRegisters registers = new FakeRegisters();
    @Override public CpuRegisters registers() { return registers; }
    @Override public CpuContext saveContext() { return () -> { }; }
    @Override public void restoreContext(CpuContext context) { }
    @Override public CpuContext newContext() { return () -> { }; }
    @Override public CpuExit run(long stopAddress, long instructionBudget) { throw new IllegalStateException(); }
    @Override public void requestStop() { stops.incrementAndGet(); }
    @Override public void setTrapHandler(TrapHandler handler) { }
    @Override public long hwcap() { return 0; }
}
