package org.mdemu.guest.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuDebug;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Stops and resumes the payload's process for a debugger, in all-stop mode: guest threads share one CPU, so the
 * thread holding it stopping stops them all. It stops only where the CPU stands exactly between two instructions:
 * after a run of the CPU returned (a breakpoint's BRK, a watchpoint, a fault, the end of a one-instruction step or of
 * an instruction budget) or inside a trap (abort). An interrupt (gdb's Ctrl-C) is a mark the holder sees at its next
 * trap or budget end, as the scheduler's preemption mark: a stop requested from another host thread is never resumed
 * on engines that cannot be paused from outside (issue 11). When no guest thread holds the CPU (all wait), the
 * debugger takes the idle CPU itself.
 *
 * <p>While stopped, the debugger's requests ({@link #whileStopped}) run on the host thread holding the CPU, so the
 * engine is only ever driven by that thread. Breakpoints and watchpoints are the CPU's ({@link CpuDebug}).
 */
public final class GuestDebugger {
    /** What the debugged process provides; set when the process exists. */
    public interface Process {
        Scheduler scheduler();

        Cpu cpu();

        GuestMemory memory();

        List<GuestInspector.SharedLibrary> libraries();
    }

    private final Object lock = new Object();
    private volatile DebugListener listener = new DebugListener() {
        @Override public void stopped(StopEvent event) { }
        @Override public void processEnded(boolean signalled, int code) { }
    };
    private volatile Process process;
    /** Set for an interrupt or the initial stop: the CPU holder stops at its next chance. */
    private volatile boolean stopWanted;
    private volatile boolean initialStop;
    private volatile int stepTid = -1;
    /** The step of this thread ended where the executor had to go on first (a deferred call, a return). */
    private volatile int stepDoneTid = -1;
    private final java.util.Set<Long> breakpoints = new java.util.HashSet<>();
    private final List<long[]> watchpoints = new ArrayList<>();
    private Stop current;
    private StopEvent lastStop;
    private volatile boolean ended;
    /** False once the debugger detached: faults and fatal signals then take their course without stopping. */
    private volatile boolean active = true;

    /** One stop: the thread serving it and the requests queued for it. */
    private static final class Stop {
        final GuestThread thread;
        final boolean idle;
        final LinkedBlockingQueue<Object> requests = new LinkedBlockingQueue<>();

        Stop(GuestThread thread, boolean idle) {
            this.thread = thread;
            this.idle = idle;
        }
    }

    private record Request<T>(Function<GuestInspector, T> work, CompletableFuture<T> result) {}

    public void setListener(DebugListener listener) {
        this.listener = listener;
    }

    // ---- the guest's side: called by the thread holding the CPU ----

    /** The process exists: the debugger may look into it from now on. */
    public void attach(Process process) {
        this.process = process;
        process.scheduler().requireBudgets();
    }

    /** Stops the process before it next runs guest code: after linking, before constructors and AVmPayload_main. */
    public void stopBeforeFirstInstruction() {
        initialStop = true;
        stopWanted = true;
    }

    /** Whether the CPU holder should leave the CPU at this trap (an interrupt is pending). Cheap: a volatile read. */
    public boolean stopWanted() {
        return stopWanted;
    }

    /** Called before every run of the CPU: stops here for a pending interrupt or a step that ended outside a run. */
    public void beforeRun(GuestThread t) {
        if (stepDoneTid == t.tid()) {
            stepDoneTid = -1;
            stop(t, StopEvent.of(t.tid(), StopEvent.Reason.STEP, StopEvent.SIGTRAP));
        } else if (stopWanted) {
            boolean initial = initialStop;
            stop(t, StopEvent.of(t.tid(), initial ? StopEvent.Reason.INITIAL : StopEvent.Reason.INTERRUPT,
                    initial ? StopEvent.SIGTRAP : StopEvent.SIGINT));
        }
    }

    /** The instruction budget of t's next run: 1 while the debugger steps it. */
    public long budget(GuestThread t, long normal) {
        return stepTid == t.tid() ? 1 : normal;
    }

    /**
     * Looks at how a run of the CPU ended: returns null when the debugger consumed it (the thread runs again from
     * where it stands), else the exit for the executor to handle as usual.
     */
    public CpuExit afterRun(GuestThread t, CpuExit exit, long budget) {
        boolean stepping = budget == 1 && stepTid == t.tid();
        if (exit instanceof CpuExit.Fault f && f.kind() == CpuExit.FaultKind.BREAKPOINT && isBreakpoint(f.pc())) {
            stop(t, StopEvent.of(t.tid(), StopEvent.Reason.BREAKPOINT, StopEvent.SIGTRAP));
            return null;
        }
        if (exit instanceof CpuExit.Watchpoint w) {
            stop(t, new StopEvent(t.tid(), StopEvent.Reason.WATCHPOINT, StopEvent.SIGTRAP, w.address(), w.access()));
            return null;
        }
        if (exit instanceof CpuExit.Fault f && active) {
            ResumePlan plan = stop(t, StopEvent.of(t.tid(), StopEvent.Reason.SIGNAL, signalOf(f.kind())));
            // As under ptrace: a signal the debugger does not pass on is gone, and the instruction runs again.
            return plan.signal() != 0 && plan.signalTid() == t.tid() ? exit : null;
        }
        if (stepping) {
            if (exit instanceof CpuExit.SliceExpired) {
                stop(t, StopEvent.of(t.tid(), StopEvent.Reason.STEP, StopEvent.SIGTRAP));
                return null;
            }
            stepTid = -1;
            stepDoneTid = t.tid();
        }
        return exit;
    }

    /** A fatal signal (abort, an unhandled raise) is about to end the process from inside a trap: stop first. */
    public void beforeFatalSignal(GuestThread t, int signal) {
        if (t != null && process != null && active) stop(t, StopEvent.of(t.tid(), StopEvent.Reason.SIGNAL, signal));
    }

    /**
     * dlopen mapped new libraries (called on the loading thread, inside its trap, before their constructors run):
     * the process stops so that the client learns of them as gdb learns from linker64's r_brk hook, and can
     * insert pending breakpoints there, constructors included.
     */
    public void librariesChanged(GuestThread t) {
        if (t != null && process != null && active) stop(t, StopEvent.of(t.tid(), StopEvent.Reason.LIBRARY, StopEvent.SIGTRAP));
    }

    /** The process ended. */
    public void processEnded(boolean signalled, int code) {
        ended = true;
        listener.processEnded(signalled, code);
    }

    /** The signal the kernel raises for a fault, as the tombstone reports it. */
    static int signalOf(CpuExit.FaultKind kind) {
        return switch (kind) {
            case UNDEFINED_INSTRUCTION -> 4;
            case BREAKPOINT -> 5;
            case UNALIGNED -> 7;
            default -> 11;
        };
    }

    private ResumePlan stop(GuestThread t, StopEvent event) {
        Stop s = new Stop(t, false);
        synchronized (lock) {
            stopWanted = false;
            initialStop = false;
            if (stepTid == t.tid()) stepTid = -1;
            current = s;
            lastStop = event;
        }
        listener.stopped(event);
        try {
            return serve(s);
        } finally {
            synchronized (lock) {
                if (current == s) current = null;
                lock.notifyAll();
            }
        }
    }

    private ResumePlan serve(Stop s) {
        Scheduler scheduler = process.scheduler();
        while (true) {
            Object request;
            try {
                request = s.requests.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ResumePlan.continueAll();
            }
            if (request == null) {
                RuntimeException end = scheduler.termination();
                if (end != null) throw end;
                continue;
            }
            if (request instanceof ResumePlan plan) return plan;
            run((Request<?>) request);
        }
    }

    private <T> void run(Request<T> r) {
        try {
            r.result().complete(r.work().apply(new Inspector()));
        } catch (RuntimeException e) {
            r.result().completeExceptionally(e);
        }
    }

    // ---- the debugger's side: called by the server's threads ----

    /** A client connected: faults and fatal signals stop the process for it. */
    public void clientConnected() {
        active = true;
    }

    /** Whether the process is stopped now. */
    public boolean isStopped() {
        synchronized (lock) {
            return current != null;
        }
    }

    /** The last stop's event, or null if the process has not stopped yet. */
    public StopEvent lastStop() {
        synchronized (lock) {
            return lastStop;
        }
    }

    /** Whether the process has ended. */
    public boolean ended() {
        return ended;
    }

    /** Waits up to timeoutMillis for the process to be stopped; returns whether it is. */
    public boolean awaitStop(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (current == null && !ended) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                lock.wait(Math.min(left, 50));
            }
            return current != null;
        }
    }

    /**
     * Runs work on the stopped process, on the thread holding its CPU. Throws IllegalStateException if the process
     * is not stopped (or stops being stopped because it ends).
     */
    public <T> T whileStopped(Function<GuestInspector, T> work) {
        Stop s;
        synchronized (lock) {
            s = current;
        }
        if (s == null) throw new IllegalStateException("the process is not stopped");
        if (s.idle) return work.apply(new Inspector());
        Request<T> r = new Request<>(work, new CompletableFuture<>());
        s.requests.add(r);
        while (true) {
            try {
                return r.result().get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                synchronized (lock) {
                    if (current != s) throw new IllegalStateException("the process is no longer stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Resumes a stopped process; does nothing if it is not stopped. */
    public void resume(ResumePlan plan) {
        Stop s;
        synchronized (lock) {
            s = current;
            if (s == null) return;
            if (plan.stepTid() != -1) stepTid = plan.stepTid();
            if (s.idle) {
                current = null;
                lock.notifyAll();
            }
        }
        if (s.idle) {
            process.scheduler().exit(s.thread);
        } else {
            s.requests.add(plan);
        }
    }

    /**
     * Stops the running process (gdb's Ctrl-C): the thread holding the CPU stops at its next trap or instruction
     * budget end; if no thread holds it, the debugger takes the idle CPU. Returns once stopped or ended.
     */
    public void interrupt() throws InterruptedException {
        stopWanted = true;
        while (true) {
            synchronized (lock) {
                if (current != null || ended) return;
            }
            Process p = process;
            // No process yet: the stop before its first instruction is coming anyway.
            if (p == null) return;
            {
                GuestThread idle = new GuestThread(0, 0, 0);
                if (p.scheduler().tryAcquireIdle(idle)) {
                    List<GuestThread> live = p.scheduler().threads();
                    int tid = live.isEmpty() ? 0 : live.get(0).tid();
                    StopEvent event = StopEvent.of(tid, StopEvent.Reason.INTERRUPT, StopEvent.SIGINT);
                    synchronized (lock) {
                        stopWanted = false;
                        current = new Stop(idle, true);
                        lastStop = event;
                        lock.notifyAll();
                    }
                    listener.stopped(event);
                    return;
                }
            }
            synchronized (lock) {
                lock.wait(5);
            }
        }
    }

    /** Inserts a breakpoint (the process must be stopped); false if the address cannot hold one. */
    public boolean insertBreakpoint(long address) {
        return whileStopped(inspector -> {
            synchronized (lock) {
                if (breakpoints.contains(address)) return true;
                if (!process.memory().isMapped(address, 4) || !process.cpu().debug().addBreakpoint(address)) return false;
                breakpoints.add(address);
                return true;
            }
        });
    }

    public boolean removeBreakpoint(long address) {
        return whileStopped(inspector -> removeBreakpointNow(address));
    }

    private boolean removeBreakpointNow(long address) {
        synchronized (lock) {
            if (!breakpoints.remove(address)) return false;
            return process.cpu().debug().removeBreakpoint(address);
        }
    }

    private boolean isBreakpoint(long pc) {
        synchronized (lock) {
            return breakpoints.contains(pc);
        }
    }

    /** Adds a watchpoint on [address, address+length) for the access kinds (Prot bits); the process must be stopped. */
    public boolean insertWatchpoint(long address, long length, int access) {
        return whileStopped(inspector -> {
            CpuDebug debug = process.cpu().debug();
            debug.addWatchpoint(address, length, access);
            synchronized (lock) {
                watchpoints.add(new long[] {address, length, access});
            }
            return true;
        });
    }

    public boolean removeWatchpoint(long address, long length, int access) {
        return whileStopped(inspector -> {
            synchronized (lock) {
                watchpoints.removeIf(w -> w[0] == address && w[1] == length && w[2] == access);
            }
            return process.cpu().debug().removeWatchpoint(address, length, access);
        });
    }

    /** The debugger leaves: every breakpoint and watchpoint goes, and a stopped process runs on. */
    public void detach() {
        active = false;
        stepTid = -1;
        stepDoneTid = -1;
        stopWanted = false;
        initialStop = false;
        if (isStopped()) {
            try {
                whileStopped(inspector -> {
                    synchronized (lock) {
                        for (Long address : new ArrayList<>(breakpoints)) removeBreakpointNow(address);
                        for (long[] w : watchpoints) process.cpu().debug().removeWatchpoint(w[0], w[1], (int) w[2]);
                        watchpoints.clear();
                    }
                    return null;
                });
            } catch (IllegalStateException ended) {
                // the process went away meanwhile
            }
            resume(ResumePlan.continueAll());
        }
    }

    /** The stopped process as the debugger sees it; used on the thread holding the CPU. */
    private final class Inspector implements GuestInspector {
        @Override
        public List<ThreadInfo> threads() {
            List<ThreadInfo> result = new ArrayList<>();
            for (GuestThread t : process.scheduler().threads()) result.add(new ThreadInfo(t.tid(), t.name()));
            return result;
        }

        private boolean live(GuestThread g) {
            Stop s;
            synchronized (lock) {
                s = current;
            }
            return s != null && !s.idle && s.thread == g;
        }

        @Override
        public RegisterFile registers(int tid) {
            GuestThread g = process.scheduler().thread(tid);
            if (g == null) return null;
            Cpu cpu = process.cpu();
            if (live(g)) return read(cpu);
            if (g.context == null) return null;
            CpuContext mine = cpu.saveContext();
            try {
                cpu.restoreContext(g.context);
                return read(cpu);
            } finally {
                cpu.restoreContext(mine);
                mine.close();
            }
        }

        @Override
        public boolean setRegisters(int tid, RegisterFile r) {
            GuestThread g = process.scheduler().thread(tid);
            if (g == null) return false;
            Cpu cpu = process.cpu();
            if (live(g)) {
                write(cpu, r);
                return true;
            }
            if (g.context == null) return false;
            CpuContext mine = cpu.saveContext();
            try {
                cpu.restoreContext(g.context);
                write(cpu, r);
                CpuContext updated = cpu.saveContext();
                g.context.close();
                g.context = updated;
            } finally {
                cpu.restoreContext(mine);
                mine.close();
            }
            return true;
        }

        @Override
        public byte[] readMemory(long address, int length) {
            return process.memory().read(address, length);
        }

        @Override
        public void writeMemory(long address, byte[] bytes) {
            process.memory().write(address, bytes);
        }

        @Override
        public List<SharedLibrary> libraries() {
            return process.libraries();
        }
    }

    private static RegisterFile read(Cpu cpu) {
        CpuRegisters regs = cpu.registers();
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) x[i] = regs.x(i);
        long[] lo = new long[32], hi = new long[32];
        for (int i = 0; i < 32; i++) {
            long[] q = regs.q(i);
            lo[i] = q[0];
            hi[i] = q[1];
        }
        long fpsr = -1, fpcr = -1;
        try {
            CpuDebug debug = cpu.debug();
            fpsr = debug.fpsr();
            fpcr = debug.fpcr();
        } catch (UnsupportedOperationException none) {
            // reported as unavailable
        }
        return new RegisterFile(x, regs.sp(), regs.pc(), regs.nzcv() & 0xf0000000L, lo, hi, fpsr, fpcr);
    }

    private static void write(Cpu cpu, RegisterFile r) {
        CpuRegisters regs = cpu.registers();
        for (int i = 0; i < 31; i++) regs.setX(i, r.x()[i]);
        regs.setSp(r.sp());
        regs.setPc(r.pc());
        regs.setNzcv(r.cpsr() & 0xf0000000L);
        for (int i = 0; i < 32; i++) regs.setQ(i, r.vLow()[i], r.vHigh()[i]);
        try {
            if (r.fpsr() != -1) cpu.debug().setFpsr(r.fpsr());
            if (r.fpcr() != -1) cpu.debug().setFpcr(r.fpcr());
        } catch (UnsupportedOperationException none) {
            // left alone
        }
    }
}
