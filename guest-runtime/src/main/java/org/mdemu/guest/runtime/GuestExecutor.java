package org.mdemu.guest.runtime;

import java.util.function.Function;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.FunctionHandler;
import org.mdemu.guest.abi.GuestCalls;
import org.mdemu.guest.abi.OutsideTrapRequired;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.signals.Signals;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.DirectTrap;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.TrapHandler;

/**
 * Runs guest code on the CPU and serves its traps. Function traps whose handler stays in Java run inside the trap;
 * handlers that call back into guest code, block, or switch threads are deferred until the CPU has left the trap
 * (the engine cannot re-enter itself or change hands inside a trap), then run here, where nested guest calls are
 * plain recursive {@link #call}s and blocking gives the CPU to another guest thread.
 */
public final class GuestExecutor implements GuestCalls, TrapHandler {
    private final Cpu cpu;
    private final GuestMemory memory;
    private final TrapGate gate;
    private final SyscallDispatch syscalls;
    private final Scheduler scheduler;
    private final long returnAddress;
    private final Function<CpuExit.Fault, ProcessTermination> faultHandler;
    private final java.util.function.Predicate<CpuExit.Fault> faultToHandler;
    private final Signals signals;
    private final FunctionHandler deferredSyscall;
    /** CallFrame holds no state of its own, so one serves every trap: no allocation per host call. */
    private final CallFrame frame;
    /** Only the thread holding the CPU sets and takes it, without giving the CPU up in between. */
    private FunctionHandler deferred;
    /** The svc instruction of the deferred call: where a restarted call executes again. */
    private long deferredAt;
    /** The instruction budget of the CPU's current run (0: none). */
    private long runBudget;
    /** The svc of the trap being served: where a library function that faults is reported to fault. */
    private long trapAt;
    /** How deep the CPU holder is in serving library calls (a trap, or a deferred call and what it nests). */
    private int serving;
    /** The guest-code abort(): where a library function that aborts continues, as if it had called it. */
    private long abortRoutine;
    /** The debugger, or null: then the only cost on the trap path is this field's null check. */
    private org.mdemu.guest.debug.GuestDebugger debugger;
    /** The call tracer, or null (tracing off: one null check per trap). */
    private org.mdemu.guest.trace.CallTracer tracer;
    private java.util.function.IntFunction<String> syscallNames;
    /** The traced call that was deferred: its name, decoded arguments, and whether it is a system call. */
    private String deferredName, deferredArguments;
    private boolean deferredIsSyscall, deferredViaLibc;

    GuestExecutor(Cpu cpu, GuestMemory memory, TrapGate gate, SyscallDispatch syscalls, Scheduler scheduler,
                  long returnAddress, Function<CpuExit.Fault, ProcessTermination> faultHandler,
                  java.util.function.Predicate<CpuExit.Fault> faultToHandler,
                  Signals signals) {
        this.cpu = cpu;
        this.memory = memory;
        this.gate = gate;
        this.syscalls = syscalls;
        this.scheduler = scheduler;
        this.returnAddress = returnAddress;
        this.faultHandler = faultHandler;
        this.faultToHandler = faultToHandler;
        this.signals = signals;
        this.deferredSyscall = f -> f.ret(syscalls.invoke((int) f.registers().x(8), f));
        this.frame = new CallFrame(cpu.registers(), memory);
        cpu.setTrapHandler(this);
    }

    @Override
    public void onSupervisorCall(Cpu cpu, long svcAddress) {
        TrapGate.Entry entry = gate.entryAt(svcAddress);
        if (entry == null || tracer != null || entry.callsGuest() || scheduler.multiCore()) {
            trap(cpu, svcAddress, entry);
            return;
        }
        // The host call of a Java row on one core with nothing traced: trap's path without what does not apply, small
        // enough for the JIT to inline into the CPU's trap call.
        enterRow(svcAddress);
        try {
            entry.handler().call(frame);
        } catch (OutsideTrapRequired | AbortRequested e) {
            rowFailed(entry.handler(), svcAddress, e);
            return;
        } catch (Throwable t) {
            rowThrew();
            throw t;
        }
        leaveRow();
    }

    /**
     * The same path as a {@link DirectTrap} for the svc of a Java row's stub, or null when its traps always take the
     * general path (a raw svc, a row calling guest code, several cores). A tracer attached later makes it decline.
     */
    @Override
    public DirectTrap directTrap(long svcAddress) {
        TrapGate.Entry entry = gate.entryAt(svcAddress);
        if (entry == null || entry.callsGuest() || scheduler.multiCore()) return null;
        return new DirectRow(entry.handler(), svcAddress);
    }

    /** A row's trap served by the engine calling the row itself: onSupervisorCall's one-core path, in three parts. */
    private final class DirectRow extends DirectTrap {
        private final FunctionHandler handler;
        private final long svcAddress;

        DirectRow(FunctionHandler handler, long svcAddress) {
            super(handler, frame);
            this.handler = handler;
            this.svcAddress = svcAddress;
        }

        @Override
        public boolean enter() {
            if (tracer != null) return false;
            enterRow(svcAddress);
            return true;
        }

        @Override
        public void leave() {
            leaveRow();
        }

        @Override
        public boolean failed(Throwable t) {
            if (t instanceof OutsideTrapRequired || t instanceof AbortRequested) {
                rowFailed(handler, svcAddress, (RuntimeException) t);
                return true;
            }
            rowThrew();
            return false;
        }
    }

    /** Before a row runs on the one-core path. */
    private void enterRow(long svcAddress) {
        scheduler.chargeTrap();
        trapAt = svcAddress;
        scheduler.enterTrap();
        serving++;
    }

    /** After the row returned: the trap is over, and the run stops if the slice ended, as in {@link #trap}. */
    private void leaveRow() {
        serving--;
        scheduler.leaveTrap();
        stopIfDue();
    }

    /** The row threw what ends the run: the trap is over. */
    private void rowThrew() {
        serving--;
        scheduler.leaveTrap();
    }

    /** The row threw OutsideTrapRequired (deferred) or AbortRequested (continues in abort()). */
    private void rowFailed(FunctionHandler handler, long svcAddress, RuntimeException e) {
        serving--;
        scheduler.leaveTrap();
        if (e instanceof OutsideTrapRequired) {
            defer(handler, svcAddress);
            traceDeferred(null, null, false);
            deferredViaLibc = false;
            return;
        }
        cpu.registers().setPc(abortRoutine);
        stopIfDue();
    }

    private void stopIfDue() {
        if (scheduler.preemptionDue() || (runBudget == 0 && scheduler.budgetsNeeded())
                || (debugger != null && debugger.stopWanted())) {
            cpu.requestStop();
        }
    }

    /** Any trap: system calls, traced calls, handlers calling guest code, several cores. */
    private void trap(Cpu cpu, long svcAddress, TrapGate.Entry entry) {
        // On several cores the thread trapped without the baton: it takes it before anything else (see Scheduler).
        GuestThread onCore = scheduler.multiCore() ? scheduler.self() : null;
        if (onCore != null) scheduler.leaveGuest(onCore);
        scheduler.chargeTrap();
        String traced = null, arguments = null;
        boolean asSyscall = entry == null;
        if (tracer != null) {
            traced = entry == null ? syscallNames.apply((int) cpu.registers().x(8)) : entry.name();
            if (entry != null && traced.equals("syscall")) {
                // libc's syscall(2) is shown as the system call it makes, as strace sees it on a device.
                asSyscall = true;
                traced = syscallNames.apply((int) cpu.registers().x(0));
                arguments = tracer.tracesSyscall(traced) ? tracer.syscallArguments(traced, frame) : null;
            } else if (entry == null ? tracer.tracesSyscall(traced) : tracer.tracesFunction(entry.library(), traced)) {
                arguments = tracer.arguments(traced, frame);
            }
            if (arguments == null && !tracer.hasTimeline()) traced = null;
            if (traced != null) {
                GuestThread self = scheduler.current();
                tracer.begin(self.tid(), self.name(), traced, asSyscall ? "syscall" : entry.library());
            }
        }
        if (entry != null && entry.callsGuest()) {
            defer(entry.handler(), svcAddress);
            traceDeferred(traced, arguments, false);
            return;
        }
        CpuRegisters regs = cpu.registers();
        trapAt = svcAddress;
        scheduler.enterTrap();
        serving++;
        try {
            if (entry == null) {
                regs.setX(0, syscalls.invoke((int) regs.x(8), frame));
            } else {
                entry.handler().call(frame);
            }
        } catch (OutsideTrapRequired again) {
            defer(entry == null ? deferredSyscall : entry.handler(), svcAddress);
            traceDeferred(traced, arguments, asSyscall);
            deferredViaLibc = asSyscall && entry != null;
            return;
        } catch (AbortRequested abort) {
            regs.setPc(abortRoutine);
        } catch (RuntimeException end) {
            if (traced != null) tracer.unfinished(scheduler.current().tid(), traced, arguments);
            throw end;
        } finally {
            serving--;
            scheduler.leaveTrap();
        }
        if (traced != null) {
            int tid = scheduler.current().tid();
            long result = regs.x(0);
            // libc's syscall() answers -1 and sets errno; the line shows the kernel's -errno, as for raw calls.
            if (asSyscall && entry != null && result == -1) result = -memory.readInt(scheduler.current().errnoAddress());
            if (asSyscall) tracer.syscall(tid, traced, arguments, result);
            else tracer.function(tid, traced, arguments, result, failedErrno(result));
        }
        // The run ends here, where the CPU stands exactly after the svc (the only place besides the end of an
        // instruction budget where a thread can be paused, see Scheduler), when the slice is over or when the run has
        // no budget but needs one now, e.g. after creating the second thread (the next run gets one).
        if (scheduler.preemptionDue() || (runBudget == 0 && scheduler.budgetsNeeded())
                || (debugger != null && debugger.stopWanted())) {
            cpu.requestStop();
        } else if (onCore != null) {
            // Back to guest code; a run that stops right after the trap keeps the baton instead.
            scheduler.enterGuest(onCore);
        }
    }

    /** The calling thread's errno after a library call that returned -1 (int or long), else 0. */
    private int failedErrno(long result) {
        return result == -1 || result == 0xffffffffL ? memory.readInt(scheduler.current().errnoAddress()) : 0;
    }

    void setDebugger(org.mdemu.guest.debug.GuestDebugger debugger) {
        this.debugger = debugger;
    }

    void setTracer(org.mdemu.guest.trace.CallTracer tracer, java.util.function.IntFunction<String> syscallNames) {
        this.tracer = tracer;
        this.syscallNames = syscallNames;
    }

    private void traceDeferred(String name, String arguments, boolean syscall) {
        deferredName = name;
        deferredArguments = arguments;
        deferredIsSyscall = syscall;
    }

    private void defer(FunctionHandler handler, long svcAddress) {
        deferred = handler;
        deferredAt = svcAddress;
        cpu.requestStop();
    }

    /**
     * Calls the guest function with integer-class arguments and runs until it returns; returns x0. The caller's
     * register state is restored afterwards, so this may be used from deferred handlers in the middle of a call.
     */
    @Override
    public long call(long function, long... args) {
        if (scheduler.inTrap()) {
            throw new IllegalStateException("guest code called from inside a trap: the calling function must be"
                    + " declared with LibraryTable.functionCallingGuest");
        }
        if (args.length > 8) throw new IllegalArgumentException("at most 8 arguments, got " + args.length);
        CpuContext saved = cpu.saveContext();
        try {
            CpuRegisters regs = cpu.registers();
            long sp = (regs.sp() - 256) & ~15L;
            for (int i = 0; i < args.length; i++) regs.setX(i, args[i]);
            regs.setX(30, returnAddress);
            regs.setSp(sp);
            regs.setPc(function);
            runUntilReturn();
            long result = regs.x(0);
            cpu.restoreContext(saved);
            return result;
        } catch (RuntimeException | Error end) {
            // Where the thread stood when the process ended is kept for the dumps. A thread ended while blocked
            // holds no CPU, but its registers are still on it if nobody ran since.
            GuestThread t = scheduler.onCpu();
            if (t != null && t.host == Thread.currentThread() && !t.registersKeptAtEnd) {
                scheduler.noteRegisters(t);
                t.registersKeptAtEnd = true;
            }
            throw end;
        } finally {
            // Only a call that returned restores the caller's registers: an exception here ends the thread or the
            // process, possibly after the thread gave the CPU up (a termination reaching a thread that waited for
            // it), and writing registers then would change those of the thread running on the CPU.
            saved.close();
        }
    }

    /** Runs a thread whose registers are set up to start, until its code returns to the return address; gives x0. */
    long runThread() {
        runUntilReturn();
        return cpu.registers().x(0);
    }

    /**
     * Runs the thread now on the CPU until it returns to the return address. Guest memory the host cannot give (the
     * Java engine's pages past the JVM's room, touched by guest code or a handler) ends the process as the kernel's
     * OOM killer would (see {@link #setOutOfMemory}).
     */
    void runUntilReturn() {
        try {
            runLoop();
        } catch (GuestOutOfMemoryException e) {
            throw outOfMemory.apply(e);
        }
    }

    private void runLoop() {
        while (true) {
            RuntimeException end = scheduler.termination();
            if (end != null) throw end;
            GuestThread self = scheduler.current();
            if (debugger != null) debugger.beforeRun(self);
            betweenRuns.run();
            signals.pollTimers();
            if (self.pendingSignals != 0) signals.deliverPending(cpu.registers());
            CpuExit exit;
            try {
                runBudget = scheduler.instructionBudget();
                if (debugger != null) runBudget = debugger.budget(self, runBudget);
                exit = scheduler.multiCore() ? runOnCore(self) : cpu.run(returnAddress, runBudget);
            } catch (GuestFault f) {
                exit = faultInCall(f, trapAt);
            }
            if (debugger != null) {
                exit = debugger.afterRun(self, exit, runBudget);
                if (exit == null) continue;
            }
            if (exit instanceof CpuExit.ReachedStopAddress) {
                return;
            } else if (exit instanceof CpuExit.StopRequested) {
                FunctionHandler pending = deferred;
                deferred = null;
                if (pending != null) runDeferred(pending, deferredAt);
                if (scheduler.takePreemption()) scheduler.yield(scheduler.current());
                // Otherwise a stop from another host thread, which only ever ends the process: the loop head turns
                // it into the termination.
            } else if (exit instanceof CpuExit.SliceExpired) {
                scheduler.sliceExpired(scheduler.current());
            } else if (exit instanceof CpuExit.Fault fault) {
                if (!faultToHandler.test(fault)) throw faultHandler.apply(fault);
            } else {
                throw new IllegalStateException("unexpected CPU exit " + exit);
            }
        }
    }

    /**
     * On several cores: runs guest code on the thread's core without the baton, and takes the baton back when the
     * run ends (unless a trap kept it: it then stopped the run itself, still holding it).
     */
    private CpuExit runOnCore(GuestThread self) {
        long budget = runBudget;
        scheduler.enterGuest(self);
        try {
            return cpu.run(returnAddress, budget);
        } finally {
            if (self.onCore) scheduler.leaveGuest(self);
        }
    }

    private void runDeferred(FunctionHandler pending, long svcAddress) {
        CpuRegisters regs = cpu.registers();
        long firstArgument = regs.x(0);
        serving++;
        String traced = deferredName, arguments = deferredArguments;
        boolean syscall = deferredIsSyscall, viaLibc = deferredViaLibc;
        // The caller: after a blocking call ends in an exception another thread may hold the CPU.
        int caller = traced == null ? 0 : scheduler.current().tid();
        deferredName = null;
        deferredViaLibc = false;
        try {
            try {
                pending.call(frame);
            } catch (RuntimeException end) {
                if (traced != null) tracer.unfinished(caller, traced, arguments);
                throw end;
            }
            if (traced != null) {
                int tid = caller;
                long result = regs.x(0);
                if (viaLibc && result == -1) result = -memory.readInt(scheduler.current().errnoAddress());
                if (syscall) tracer.syscall(tid, traced, arguments, result);
                else tracer.function(tid, traced, arguments, result, failedErrno(result));
            }
            GuestThread t = scheduler.current();
            if (t.restartInterruptedCall || t.restartAfterHandler) {
                // The kernel's ERESTARTSYS: with SA_RESTART (or for waits that never fail with EINTR) the handler's
                // frame returns to the svc, which runs the call again with its arguments (x0 is the only one the
                // call's result overwrote).
                boolean restart = t.restartAfterHandler || signals.restartsInterruptedCall();
                t.restartInterruptedCall = false;
                t.restartAfterHandler = false;
                if (restart) {
                    regs.setX(0, firstArgument);
                    regs.setPc(svcAddress);
                }
            }
        } catch (GuestFault f) {
            CpuExit.Fault fault = faultInCall(f, svcAddress);
            if (!faultToHandler.test(fault)) throw faultHandler.apply(fault);
        } catch (AbortRequested abort) {
            regs.setPc(abortRoutine);
        } finally {
            serving--;
        }
    }

    /** Whether a library call is being served, so that it can end in abort() ({@link AbortRequested}). */
    boolean servingCall() {
        return serving > 0 && abortRoutine != 0;
    }

    void setAbortRoutine(long address) {
        this.abortRoutine = address;
    }

    /** Work the kernel does each time the thread holding the CPU is about to run guest code (resource limits). */
    void setBetweenRuns(Runnable work) {
        this.betweenRuns = work;
    }

    private Runnable betweenRuns = () -> { };

    /** What ends the process when its memory cannot be given (the kernel's OOM kill); by default the exception itself. */
    void setOutOfMemory(Function<GuestOutOfMemoryException, RuntimeException> kill) {
        this.outOfMemory = kill;
    }

    private Function<GuestOutOfMemoryException, RuntimeException> outOfMemory = e -> e;

    /**
     * A library function implemented in Java touched guest memory it may not: as in bionic, where the function's own
     * load or store faults, the thread gets SIGSEGV at that address (SEGV_MAPERR or SEGV_ACCERR), with the pc at the
     * call's entry so the tombstone names the function and a handler returning retries it, as the CPU re-executes a
     * faulting instruction.
     */
    private CpuExit.Fault faultInCall(GuestFault f, long callAt) {
        cpu.registers().setPc(callAt);
        CpuExit.FaultKind kind = switch (f.access()) {
            case org.mdemu.guest.machine.Prot.WRITE -> f.protectionViolation() ? CpuExit.FaultKind.WRITE_PROT
                    : CpuExit.FaultKind.WRITE_UNMAPPED;
            case org.mdemu.guest.machine.Prot.EXEC -> f.protectionViolation() ? CpuExit.FaultKind.FETCH_PROT
                    : CpuExit.FaultKind.FETCH_UNMAPPED;
            default -> f.protectionViolation() ? CpuExit.FaultKind.READ_PROT : CpuExit.FaultKind.READ_UNMAPPED;
        };
        return new CpuExit.Fault(kind, callAt, f.address(), f.getMessage());
    }

    long returnAddress() {
        return returnAddress;
    }
}
