package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.TrapHandler;

/**
 * One A64 CPU of the Java engine: runs guest code instruction by instruction ({@link Interpreter}) until the stop
 * address, a stop request, a fault or the end of the instruction budget. Stops from other threads are seen between
 * two instructions, so the CPU can always be resumed exactly.
 */
public final class JavaCpu implements Cpu {
    private final PagedMemory memory;
    private final CpuState state;
    private final JavaRegisters registers;
    private final long hwcap;
    private final Translator translator;
    private TrapHandler trapHandler = (cpu, svc) -> {
        throw new IllegalStateException(String.format("svc at 0x%x with no trap handler", svc));
    };

    JavaCpu(PagedMemory memory, long hwcap) {
        this.memory = memory;
        this.state = new CpuState(memory);
        this.registers = new JavaRegisters(state);
        this.hwcap = hwcap;
        this.translator = new Translator(memory);
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

    /** A saved state: a copy of the register file. */
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
    public CpuExit run(long stopAddress, long instructionBudget) {
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
                return new CpuExit.Fault(CpuExit.FaultKind.UNALIGNED, pc, pc, "misaligned pc");
            }
            try {
                long translated = translator.run(s, instructionBudget == 0 ? Long.MAX_VALUE : instructionBudget - executed,
                        stopAddress);
                if (translated >= 0) {
                    executed += translated;
                } else {
                    s.pc = Interpreter.execute(s, memory.fetch(pc), pc);
                    executed++;
                }
            } catch (A64Fault f) {
                // The interpreter faults before changing anything; translated code leaves s.pc at the faulting
                // instruction and the registers as after the last completed one.
                if (s.pc != pc) pc = s.pc;
                return new CpuExit.Fault(f.kind(), pc, f.address() == -1 ? pc : f.address(),
                        f.getMessage() == null ? f.kind().name() : f.getMessage());
            }
            if (s.event != 0) {
                s.event = 0;
                trapHandler.onSupervisorCall(this, s.pc - 4);
            }
        }
    }
}
