package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.ReadHook;
import com.github.unidbg.arm.backend.unicorn.Unicorn;
import com.github.unidbg.arm.backend.unicorn.WriteHook;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.machine.Prot;
import unicorn.Arm64Const;
import unicorn.UnicornConst;
import unicorn.UnicornException;

/**
 * Turns the aborts of Unicorn 2's MMU into the memory faults the engine's callers know (the UC_HOOK_MEM_* kinds with
 * their address), as the engine reports them without the MMU.
 *
 * <p>Unicorn 2.0.1 hands a synchronous exception to the interrupt hook as a bare number and never takes it: FAR_EL1
 * and ESR_EL1 stay as they were, and without an interrupt hook the run just ends (UC_ERR_EXCEPTION; measured by
 * Unicorn2MmuExperiment). The state is precise, though: the pc is the faulting instruction's, with the earlier ones
 * done and nothing of it. A prefetch abort's address is that pc. For a data abort the instruction runs once more
 * with access hooks, which Unicorn calls with each access's address before translating it; the last one is the
 * access that faults, and the first byte of it the tables refuse is the fault address (an access crossing into a
 * bad page faults at the page boundary, as the hardware's FAR says). The registers are restored afterwards; memory a
 * multi-access instruction wrote before its faulting part gets the same bytes again. When every byte is
 * accessible, the abort was an alignment fault, and it goes to the interrupt handler as before.
 */
final class TranslationAborts {
    static final int EXCP_PREFETCH_ABORT = 3, EXCP_DATA_ABORT = 4;

    private final Unicorn uc;
    private final TranslationTables tables;
    private final Map<Integer, Aarch64Engine.MemoryFaultListener> listeners = new HashMap<>();
    private long lastAddress;
    private int lastSize;
    private boolean lastWrite, sawAccess;
    private long context;

    TranslationAborts(Unicorn uc, TranslationTables tables) {
        this.uc = uc;
        this.tables = tables;
    }

    void listen(int hookType, Aarch64Engine.MemoryFaultListener listener) {
        listeners.put(hookType, listener);
    }

    /**
     * Reports the abort the hook stopped on: calls the matching memory-fault listener and throws as the engine does
     * for a memory fault, or returns false when it was no translation fault (an alignment fault). counted: whether
     * the run that aborted had an instruction count.
     */
    boolean report(int abort, boolean counted) {
        long pc = uc.reg_read(Arm64Const.UC_ARM64_REG_PC);
        if (abort == EXCP_PREFETCH_ABORT) {
            boolean mapped = tables.protection(pc) >= 0;
            throw fault(mapped ? UnicornConst.UC_HOOK_MEM_FETCH_PROT : UnicornConst.UC_HOOK_MEM_FETCH_UNMAPPED, pc, 4,
                    mapped ? "Invalid memory fetch (UC_ERR_FETCH_PROT)" : "Invalid memory fetch (UC_ERR_FETCH_UNMAPPED)");
        }
        if (!restep(pc, counted)) return false;
        int needed = lastWrite ? Prot.WRITE : Prot.READ;
        long end = lastAddress + Math.max(1, lastSize);
        for (long at = lastAddress; Long.compareUnsigned(at, end) < 0; at = (at | 4095) + 1) {
            int prot = tables.protection(at);
            if (prot >= 0 && (TranslationTables.allowed(prot) & needed) != 0) continue;
            String what = lastWrite ? "write" : "read";
            int hook = prot < 0
                    ? (lastWrite ? UnicornConst.UC_HOOK_MEM_WRITE_UNMAPPED : UnicornConst.UC_HOOK_MEM_READ_UNMAPPED)
                    : (lastWrite ? UnicornConst.UC_HOOK_MEM_WRITE_PROT : UnicornConst.UC_HOOK_MEM_READ_PROT);
            throw fault(hook, at, lastSize, "Invalid memory " + what + (prot < 0 ? " (UC_ERR_" : " (UC_ERR_")
                    + what.toUpperCase() + (prot < 0 ? "_UNMAPPED)" : "_PROT)"));
        }
        return false;
    }

    private UnicornException fault(int hookType, long address, int size, String message) {
        Aarch64Engine.MemoryFaultListener listener = listeners.get(hookType);
        if (listener != null) listener.onFault(address, size);
        return new UnicornException(message);
    }

    /**
     * Runs the instruction at pc once more with access hooks; whether it made an access. A run with a count and one
     * without differ by Unicorn's counting hook, which it removes with all translated code when a run without a count
     * follows one with (measured: 50 ms a fault, all of it retranslation): so the step is bounded the way the
     * aborted run was, by a count of one or by a stop address after the instruction (a load or store does not
     * branch, and this one aborts again).
     */
    private boolean restep(long pc, boolean counted) {
        sawAccess = false;
        if (context == 0) context = uc.context_alloc();
        uc.context_save(context);
        var reads = uc.hook_add_new((ReadHook) (u, address, size, user) -> access(address, size, false), 1, 0, null);
        var writes = uc.hook_add_new((WriteHook) (u, address, size, value, user) -> access(address, size, true), 1, 0, null);
        // Translations made now call the hooks on every access; none of them may outlive the hooks.
        uc.removeJitCodeCache(pc, pc + 4);
        try {
            uc.emu_start(pc, counted ? 0 : pc + 4, 0, counted ? 1 : 0);
        } catch (UnicornException e) {
            // the access faults again: what was wanted
        } finally {
            reads.unhook();
            writes.unhook();
            uc.removeJitCodeCache(pc, pc + 4);
            uc.context_restore(context);
        }
        return sawAccess;
    }

    private void access(long address, int size, boolean write) {
        sawAccess = true;
        lastAddress = address;
        lastSize = size;
        lastWrite = write;
    }
}
