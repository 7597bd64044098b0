package org.mdemu.emulator.a64;

import java.util.Arrays;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuDebug;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.DirectTrap;
import org.mdemu.guest.machine.TrapHandler;

/**
 * One A64 CPU of the Java engine: runs guest code instruction by instruction ({@link Interpreter}, or translated code
 * when the {@link Translator} has some) until the stop address, a stop request, a fault or the end of the instruction
 * budget. Every exit leaves the CPU exactly between two instructions, stops from other threads included, so the CPU
 * can always be resumed.
 */
public final class JavaCpu implements Cpu {
    private final PagedMemory memory;
    private final CpuState state;
    private final JavaRegisters registers;
    private final long hwcap;
    private final Translator translator;
    private final Debug debug = new Debug();
    /** Debugger breakpoints, sorted; null when there are none (the loop then pays one null check). */
    private volatile long[] breakpoints;
    private volatile boolean closed;
    private TrapHandler trapHandler = (cpu, svc) -> {
        throw new IllegalStateException(String.format("svc at 0x%x with no trap handler", svc));
    };

    JavaCpu(PagedMemory memory, long hwcap) {
        this(memory, new Translator(memory), hwcap);
    }

    /** A core sharing memory and translations with the other cores of its machine ({@link JavaCores}). */
    JavaCpu(PagedMemory memory, Translator translator, long hwcap) {
        this.memory = memory;
        this.state = new CpuState(memory);
        this.registers = new JavaRegisters(state);
        this.hwcap = hwcap;
        this.translator = translator;
        if (!"false".equals(System.getProperty("mdemu.java.inlineTraps"))) state.traps = new InRegionTraps();
    }

    CpuState state() {
        return state;
    }

    Translator translator() {
        return translator;
    }

    @Override
    public CpuRegisters registers() {
        return registers;
    }

    /** A saved state: a copy of the register file (the exclusive monitor is never carried: restoring clears it). */
    private static final class Context implements CpuContext {
        final CpuState saved;

        Context(PagedMemory memory) {
            saved = new CpuState(memory);
        }

        @Override
        public void close() {
        }
    }

    @Override
    public CpuContext saveContext() {
        Context c = new Context(memory);
        c.saved.copyFrom(state);
        return c;
    }

    @Override
    public void restoreContext(CpuContext context) {
        state.copyFrom(((Context) context).saved);
    }

    @Override
    public CpuContext newContext() {
        return new Context(memory);
    }

    @Override
    public boolean pausableFromAnotherThread() {
        return true;
    }

    @Override
    public void requestStop() {
        state.stopRequested = true;
    }

    @Override
    public void setTrapHandler(TrapHandler handler) {
        this.trapHandler = handler;
    }

    @Override
    public long hwcap() {
        return hwcap;
    }

    @Override
    public CpuDebug debug() {
        return debug;
    }

    void close() {
        closed = true;
    }

    @Override
    public CpuExit run(long stopAddress, long instructionBudget) {
        if (closed) throw new IllegalStateException("the machine is closed");
        CpuState s = state;
        long executed = 0;
        while (true) {
            if (s.stopRequested) {
                s.stopRequested = false;
                return new CpuExit.StopRequested();
            }
            long pc = s.pc;
            if (pc == stopAddress) return new CpuExit.ReachedStopAddress();
            if (instructionBudget != 0 && executed == instructionBudget) return new CpuExit.SliceExpired();
            if ((pc & 3) != 0) {
                return new CpuExit.Fault(CpuExit.FaultKind.UNALIGNED, pc, pc, String.format("misaligned pc 0x%x", pc));
            }
            long[] stops = breakpoints;
            if (stops != null && Arrays.binarySearch(stops, pc) >= 0) {
                return new CpuExit.Fault(CpuExit.FaultKind.BREAKPOINT, pc, pc, "breakpoint");
            }
            try {
                long translated = stops != null ? -1 : translator.run(s,
                        instructionBudget == 0 ? Long.MAX_VALUE : instructionBudget - executed, stopAddress);
                if (translated >= 0) {
                    executed += translated;
                } else {
                    s.pc = Interpreter.execute(s, memory.fetch(pc), pc);
                    executed++;
                }
            } catch (HandlerFault h) {
                throw h.fault;
            } catch (A64Fault f) {
                // The interpreter faults before changing anything; translated code leaves s.pc at the faulting
                // instruction and the registers as after the last completed one.
                if (s.pc != pc) pc = s.pc;
                return exitFor(f, pc);
            }
            if (s.event != 0) {
                s.event = 0;
                // The SVC's exception and the kernel's exception return clear the local monitor (QEMU's ERET too).
                s.exclusiveAddress = -1;
                supervisorCall(s.pc - 4);
            }
        }
    }

    /**
     * The trap served from translated code as the loop above serves it (exclusive monitor cleared, the same exceptions
     * out of run), unless a breakpoint or the machine's closing needs the loop's checks first; whether translated code
     * may go on.
     */
    private boolean serveInRegion(CpuState s) {
        if (breakpoints != null || closed) return false;
        s.event = 0;
        s.exclusiveAddress = -1;
        try {
            supervisorCall(s.pc - 4);
        } catch (A64Fault f) {
            throw new HandlerFault(f); // a handler's fault is no guest fault: out of run as it is
        }
        return breakpoints == null;
    }

    /** The core's trap handler as translated code calls it: the general path, and direct traps (see Translator). */
    private final class InRegionTraps implements Translator.Traps {
        @Override
        public boolean serve(CpuState s) {
            return serveInRegion(s);
        }

        @Override
        public DirectTrap direct(long svcAddress) {
            return trapHandler.directTrap(svcAddress);
        }

        @Override
        public Object directOwner() {
            return trapHandler;
        }

        /**
         * What serveInRegion checks before and after a trap (else the loop must see the next pc first), and that the
         * direct trap comes from the handler now set.
         */
        @Override
        public boolean directAllowed(Object owner) {
            return owner == trapHandler && breakpoints == null && !closed;
        }

        /** As run ends for the same exception of the trap handler on the general path. */
        @Override
        public RuntimeException failure(Throwable t) {
            if (t instanceof A64Fault f) return new HandlerFault(f);
            if (t instanceof Error e) return new IllegalStateException("trap handler failed: " + e, e);
            return t instanceof RuntimeException r ? r : new IllegalStateException("trap handler failed: " + t, t);
        }
    }

    /** Carries an A64Fault the trap handler threw past run's catch of guest faults. */
    private static final class HandlerFault extends RuntimeException {
        final A64Fault fault;

        HandlerFault(A64Fault fault) {
            super(null, null, false, false);
            this.fault = fault;
        }
    }

    /** Runs the trap handler: its exceptions come out of run as they are, its Errors as IllegalStateException. */
    private void supervisorCall(long svc) {
        try {
            trapHandler.onSupervisorCall(this, svc);
        } catch (Error e) {
            throw new IllegalStateException("trap handler failed: " + e, e);
        }
    }

    private CpuExit exitFor(A64Fault f, long pc) {
        if (f.watchedAccess() != 0) return new CpuExit.Watchpoint(pc, f.address(), f.watchedAccess());
        long address = f.atPc() ? pc : f.address();
        String detail = f.getMessage() != null ? f.getMessage() : describe(f.kind(), address, pc);
        return new CpuExit.Fault(f.kind(), pc, address, detail);
    }

    /** A memory fault in the words of the Unicorn engines' messages, with the instruction that faulted. */
    private String describe(CpuExit.FaultKind kind, long address, long pc) {
        String what = switch (kind) {
            case READ_UNMAPPED -> "Invalid memory read (UC_ERR_READ_UNMAPPED)";
            case WRITE_UNMAPPED -> "Invalid memory write (UC_ERR_WRITE_UNMAPPED)";
            case FETCH_UNMAPPED -> "Invalid memory fetch (UC_ERR_FETCH_UNMAPPED)";
            case READ_PROT -> "Invalid memory read (UC_ERR_READ_PROT)";
            case WRITE_PROT -> "Invalid memory write (UC_ERR_WRITE_PROT)";
            case FETCH_PROT -> "Invalid memory fetch (UC_ERR_FETCH_PROT)";
            case UNALIGNED -> "misaligned access";
            default -> kind.name();
        };
        if (kind == CpuExit.FaultKind.FETCH_UNMAPPED || kind == CpuExit.FaultKind.FETCH_PROT) {
            return String.format("%s at 0x%x", what, address);
        }
        String insn;
        try {
            insn = String.format("0x%08x", memory.fetch(pc));
        } catch (A64Fault unreadable) {
            insn = "(unreadable)";
        }
        return String.format("%s at 0x%x by instruction %s at 0x%x", what, address, insn, pc);
    }

    /** Debugger support: FP control registers, breakpoints checked by the loop, watchpoints in {@link PagedMemory}. */
    private final class Debug implements CpuDebug {
        @Override
        public long fpsr() {
            return state.fpsr & 0xffffffffL;
        }

        @Override
        public long fpcr() {
            return state.fpcr & 0xffffffffL;
        }

        @Override
        public boolean setFpsr(long value) {
            registers.setFpsr(value);
            return true;
        }

        @Override
        public boolean setFpcr(long value) {
            registers.setFpcr(value);
            return true;
        }

        @Override
        public synchronized boolean addBreakpoint(long address) {
            if ((address & 3) != 0) return false;
            long[] now = breakpoints == null ? new long[0] : breakpoints;
            if (Arrays.binarySearch(now, address) >= 0) return true;
            long[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = address;
            Arrays.sort(more);
            breakpoints = more;
            return true;
        }

        @Override
        public synchronized boolean removeBreakpoint(long address) {
            long[] now = breakpoints;
            if (now == null) return false;
            int i = Arrays.binarySearch(now, address);
            if (i < 0) return false;
            long[] fewer = new long[now.length - 1];
            System.arraycopy(now, 0, fewer, 0, i);
            System.arraycopy(now, i + 1, fewer, i, now.length - i - 1);
            breakpoints = fewer.length == 0 ? null : fewer;
            return true;
        }

        @Override
        public void addWatchpoint(long address, long length, int access) {
            memory.addWatch(address, length, access);
        }

        @Override
        public boolean removeWatchpoint(long address, long length, int access) {
            return memory.removeWatch(address, length, access);
        }
    }
}
