package org.mdemu.guest.testing;

import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.ThreadControl;
import org.mdemu.guest.kernel.sched.Futex;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.TrapHandler;

/**
 * A real scheduler over a CPU that never runs guest code: Java test code on several host threads takes turns as
 * guest threads (each calls {@link #join} first), so blocking kernel calls can be tested without an emulator.
 */
public final class FakeThreads implements ThreadControl {
    private final Scheduler scheduler = new Scheduler(new IdleCpu(), Scheduler.DEFAULT_SLICE_NANOS);
    private final GuestClock clock = new GuestClock();
    private int nextTid = 100;

    /** Registers the calling host thread as a new guest thread and takes the CPU. */
    public GuestThread join() {
        GuestThread t;
        synchronized (this) {
            t = new GuestThread(nextTid++, FakeProcess.ERRNO, 0);
        }
        scheduler.register(t);
        scheduler.acquire(t);
        return t;
    }

    /** Ends the calling guest thread, passing the CPU on. */
    public void leave(GuestThread t) {
        scheduler.exit(t);
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public Futex futex() {
        throw new UnsupportedOperationException("no futexes in this fake");
    }

    @Override
    public GuestClock clock() {
        return clock;
    }

    @Override
    public GuestThread spawn(long tlsBase, long errnoAddress, Consumer<CpuRegisters> setup, LongConsumer onReturn) {
        throw new UnsupportedOperationException("spawn needs an emulator");
    }

    @Override
    public long returnAddress() {
        return 0;
    }

    @Override
    public void exitCurrent() {
        throw new UnsupportedOperationException("exit needs an emulator");
    }

    private static final class IdleCpu implements Cpu {
        @Override public CpuRegisters registers() { return new FakeRegisters(); }
        @Override public CpuContext saveContext() { return () -> { }; }
        @Override public void restoreContext(CpuContext context) { }
        @Override public CpuContext newContext() { return () -> { }; }
        @Override public CpuExit run(long stopAddress, long sliceMicros) { throw new UnsupportedOperationException(); }
        @Override public void requestStop() { }
        @Override public void setTrapHandler(TrapHandler handler) { }
        @Override public long hwcap() { return 0; }
    }

    @Override
    public org.mdemu.guest.kernel.signals.Signals signals() {
        return null;
    }
}
