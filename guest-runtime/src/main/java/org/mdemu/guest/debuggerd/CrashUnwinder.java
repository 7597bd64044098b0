package org.mdemu.guest.debuggerd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mdemu.guest.bionic.DwarfCfi;
import org.mdemu.guest.kernel.signals.Signals;
import org.mdemu.guest.machine.GuestMemory;

/**
 * libunwindstack's role for tombstones: steps a thread's frames from its registers by the .eh_frame CFI of the
 * module each pc lies in; through a signal handler's return trampoline into the registers its rt_sigframe saved;
 * where a module has no CFI for the pc, by the frame-pointer chain, and for the first frame (and the first after a
 * signal frame, whose registers are as exact) by the link register, as a leaf function or a pc in no mapping leaves
 * the caller there.
 *
 * <p>The state is the guest's and may be hostile: every read goes through the guest's own protections and a refused
 * one ends the walk; the walk ends at {@link #MAX_FRAMES} frames (libunwindstack's limit for debuggerd), at a
 * repeated (pc, sp) pair, and where a return address leaves every module (the runtime's return page: the end of the
 * guest's stack).
 */
public final class CrashUnwinder {
    public static final int MAX_FRAMES = 256;

    /**
     * One frame: its pc (a return address less one instruction, except in frames whose registers are exact), the
     * module and symbol holding it, and whether it is a signal handler's return trampoline.
     */
    public record Frame(long pc, long sp, CodeModules.Module module, CodeModules.Symbol symbol, boolean trampoline) {
        /** The pc relative to the module's base, as debuggerd prints it (the absolute pc when there is no module). */
        public long relativePc() {
            return module == null ? pc : pc - module.base();
        }
    }

    private final GuestMemory memory;
    private final CodeModules modules;
    private final long sigreturn;
    private final DwarfCfi cfi;

    /**
     * @param memory the guest's memory with its protections (reads of unmapped or unreadable pages fault)
     * @param sigreturn the address of the trampoline signal handlers return to (0 if none)
     */
    public CrashUnwinder(GuestMemory memory, CodeModules modules, long sigreturn) {
        this.memory = memory;
        this.modules = modules;
        this.sigreturn = sigreturn;
        this.cfi = new DwarfCfi(memory);
    }

    /** The frames of the thread whose registers these are, innermost first; never fails. */
    public List<Frame> unwind(ThreadRegisters registers) {
        List<Frame> frames = new ArrayList<>();
        long[] x = new long[32];
        for (int i = 0; i < 31; i++) x[i] = registers.x(i);
        x[31] = registers.sp();
        long pc = registers.pc();
        boolean exact = true;
        Set<List<Long>> seen = new HashSet<>();
        while (frames.size() < MAX_FRAMES) {
            boolean trampoline = sigreturn != 0 && pc == sigreturn;
            long at = exact || trampoline ? pc : pc - 4;
            CodeModules.Module module = trampoline ? null : modules.moduleAt(at);
            if (module == null && !trampoline && !exact) break; // a return into the runtime: the stack's end
            frames.add(new Frame(at, x[31], module, module == null ? null : module.symbolAt(at), trampoline));
            if (!seen.add(List.of(pc, x[31]))) break; // a loop in the frame chain
            long[] next;
            try {
                next = trampoline ? signalContext(x[31]) : step(module, pc, at, x, exact);
            } catch (RuntimeException unreadable) {
                next = null;
            }
            if (next == null) break;
            long nextPc = next[32];
            if (nextPc == 0 || (nextPc == pc && next[31] == x[31])) break;
            exact = trampoline;
            System.arraycopy(next, 0, x, 0, 32);
            pc = nextPc;
        }
        return frames;
    }

    /** The interrupted registers an rt_sigframe at sp holds, and their pc at index 32. */
    private long[] signalContext(long sp) {
        long[] saved = Signals.interruptedRegisters(memory, sp);
        if (saved == null) return null;
        long[] next = new long[33];
        System.arraycopy(saved, 0, next, 0, 32);
        next[32] = saved[32];
        return next;
    }

    /** The caller's x0..x30 and sp (index 31) and its pc (index 32), or null at the end of the stack. */
    private long[] step(CodeModules.Module module, long pc, long at, long[] x, boolean exact) {
        if (module != null && module.ehFrameHdr() != 0) {
            DwarfCfi.Fde fde = cfi.findThroughHeader(module.ehFrameHdr(), at);
            if (fde != null) {
                DwarfCfi.Step step = cfi.step(fde, exact ? pc : pc - 1, x, null);
                if (step == null) return null; // an undefined return address: the thread's first frame
                long[] next = new long[33];
                System.arraycopy(step.x(), 0, next, 0, 32);
                next[32] = step.returnAddress();
                return next;
            }
        }
        long fp = x[29], lr = x[30];
        boolean frameRecord = (fp & 7) == 0 && Long.compareUnsigned(fp, x[31]) >= 0 && fp != 0;
        if (exact) {
            // A leaf function (or a pc in no mapping) has not saved lr: the caller is there, with this sp.
            boolean ownRecord = frameRecord && readable(fp) && memory.readLong(fp + 8) == lr;
            if (!ownRecord) {
                long[] next = new long[33];
                System.arraycopy(x, 0, next, 0, 32);
                next[32] = lr;
                return next;
            }
        }
        if (!frameRecord) return null;
        long[] next = new long[33];
        System.arraycopy(x, 0, next, 0, 32);
        next[29] = memory.readLong(fp);
        next[30] = memory.readLong(fp + 8);
        next[31] = fp + 16;
        next[32] = next[30];
        return next;
    }

    private boolean readable(long address) {
        try {
            memory.readLong(address + 8);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
