package org.mdemu.emulator.a64;

import java.util.concurrent.ConcurrentHashMap;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuDebug;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.MultiCoreCpu;
import org.mdemu.guest.machine.TrapHandler;

/**
 * The cores of a Java-engine machine with several vCPUs: one {@link JavaCpu} per host thread that runs guest code,
 * made at its first use, all on one {@link PagedMemory} and one {@link Translator} (a region translated on one core
 * runs on all). How many of them run guest code at once is the scheduler's business ({@link #cores()}).
 */
final class JavaCores implements MultiCoreCpu {
    private final PagedMemory memory;
    private final Translator translator;
    private final int cores;
    private final ConcurrentHashMap<Thread, JavaCpu> byHost = new ConcurrentHashMap<>();
    private final ThreadLocal<JavaCpu> own = new ThreadLocal<>();
    private final CpuRegisters registers = new OwnRegisters();
    private volatile TrapHandler trapHandler;
    private volatile boolean closed;

    JavaCores(PagedMemory memory, int cores) {
        if (cores < 2) throw new IllegalArgumentException("a multi-core CPU has at least 2 cores, not " + cores);
        this.memory = memory;
        this.translator = new Translator(memory);
        this.cores = cores;
    }

    /** The calling host thread's core, made now if it has none. */
    JavaCpu core() {
        JavaCpu c = own.get();
        if (c != null) return c;
        c = new JavaCpu(memory, translator, JavaMachine.HWCAP);
        if (closed) {
            // A thread ending after the machine closed (its dump reads its registers): a core that refuses to run.
            c.close();
            own.set(c);
            return c;
        }
        TrapHandler h = trapHandler;
        if (h != null) c.setTrapHandler(h);
        byHost.put(Thread.currentThread(), c);
        own.set(c);
        return c;
    }

    @Override
    public int cores() {
        return cores;
    }

    @Override
    public CpuRegisters registers() {
        return registers;
    }

    @Override
    public CpuContext saveContext() {
        return core().saveContext();
    }

    @Override
    public void restoreContext(CpuContext context) {
        core().restoreContext(context);
    }

    @Override
    public CpuContext newContext() {
        return core().newContext();
    }

    @Override
    public CpuExit run(long stopAddress, long instructionBudget) {
        return core().run(stopAddress, instructionBudget);
    }

    @Override
    public boolean pausableFromAnotherThread() {
        return true;
    }

    /** From a host thread with a core, stops that core (a trap's own stop); from any other thread, every core. */
    @Override
    public void requestStop() {
        JavaCpu c = own.get();
        if (c != null) c.requestStop();
        else requestStopAll();
    }

    @Override
    public void requestStop(Thread host) {
        JavaCpu c = byHost.get(host);
        if (c != null) c.requestStop();
    }

    @Override
    public void requestStopAll() {
        for (JavaCpu c : byHost.values()) c.requestStop();
    }

    @Override
    public void release(Thread host) {
        JavaCpu c = byHost.remove(host);
        if (c != null && host == Thread.currentThread()) own.remove();
    }

    @Override
    public void setTrapHandler(TrapHandler handler) {
        trapHandler = handler;
        for (JavaCpu c : byHost.values()) c.setTrapHandler(handler);
    }

    /** The calling thread's core's FP control registers; breakpoints and watchpoints need one vCPU. */
    @Override
    public CpuDebug debug() {
        return core().debug();
    }

    @Override
    public long hwcap() {
        return JavaMachine.HWCAP;
    }

    void close() {
        closed = true;
        for (JavaCpu c : byHost.values()) c.close();
    }

    /** The registers of whichever core the calling host thread runs on. */
    private final class OwnRegisters implements CpuRegisters {
        private CpuRegisters r() {
            return core().registers();
        }

        @Override public long x(int n) { return r().x(n); }
        @Override public void setX(int n, long value) { r().setX(n, value); }
        @Override public long sp() { return r().sp(); }
        @Override public void setSp(long value) { r().setSp(value); }
        @Override public long pc() { return r().pc(); }
        @Override public void setPc(long value) { r().setPc(value); }
        @Override public long tpidr() { return r().tpidr(); }
        @Override public void setTpidr(long value) { r().setTpidr(value); }
        @Override public long d64(int n) { return r().d64(n); }
        @Override public void setD64(int n, long bits) { r().setD64(n, bits); }
        @Override public long[] q(int n) { return r().q(n); }
        @Override public void setQ(int n, long low, long high) { r().setQ(n, low, high); }
        @Override public long nzcv() { return r().nzcv(); }
        @Override public void setNzcv(long value) { r().setNzcv(value); }
        @Override public long fpcr() { return r().fpcr(); }
        @Override public void setFpcr(long value) { r().setFpcr(value); }
        @Override public long fpsr() { return r().fpsr(); }
        @Override public void setFpsr(long value) { r().setFpsr(value); }
    }
}
