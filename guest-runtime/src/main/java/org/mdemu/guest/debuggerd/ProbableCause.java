package org.mdemu.guest.debuggerd;

import java.util.List;
import org.mdemu.guest.kernel.MemoryManager.Mapping;
import org.mdemu.guest.machine.Prot;

/**
 * The "Cause:" line debuggerd prints under the signal line when the fault explains itself: a null pointer
 * dereference (a fault in the first page), a stack overflow (sp near the fault address and in no mapping, in one
 * that is not read-write such as a thread's guard, or at the very bottom of its stack), a read of execute-only
 * memory, an instruction fetch from memory that is not executable, and (an mdemu addition) an access to memory the
 * process unmapped shortly before.
 */
public final class ProbableCause {
    private static final int SIGSEGV = 11, SEGV_MAPERR = 1, SEGV_ACCERR = 2;
    private static final long PAGE = 4096, NEAR_SP = 256;

    private ProbableCause() {}

    /** The cause, or null when debuggerd would print none. */
    public static String of(int signal, int code, long faultAddress, long sp, long pc, List<Mapping> mappings,
                            List<Mapping> recentlyUnmapped) {
        if (signal != SIGSEGV) return null;
        if (code == SEGV_MAPERR) {
            if (Long.compareUnsigned(faultAddress, PAGE) < 0) return "null pointer dereference";
            String overflow = stackOverflow(faultAddress, sp, mappings);
            if (overflow != null) return overflow;
            for (int i = recentlyUnmapped.size() - 1; i >= 0; i--) {
                Mapping m = recentlyUnmapped.get(i);
                if (m.contains(faultAddress) && find(mappings, faultAddress) == null) {
                    return String.format("use after munmap: the fault address was in %s, unmapped earlier",
                            describe(m));
                }
            }
            return null;
        }
        if (code == SEGV_ACCERR) {
            Mapping m = find(mappings, faultAddress);
            if (m != null && m.prot() == Prot.EXEC) {
                return "execute-only (no-read) memory access error; likely due to data in .text.";
            }
            if (m != null && faultAddress == pc && (m.prot() & Prot.EXEC) == 0) {
                return "trying to execute non-executable memory.";
            }
            return stackOverflow(faultAddress, sp, mappings);
        }
        return null;
    }

    /** As debuggerd: only when the fault is within 256 bytes of sp, and then by where sp stands. */
    private static String stackOverflow(long faultAddress, long sp, List<Mapping> mappings) {
        long difference = Long.compareUnsigned(sp, faultAddress) >= 0 ? sp - faultAddress : faultAddress - sp;
        if (Long.compareUnsigned(difference, NEAR_SP) > 0) return null;
        Mapping m = find(mappings, sp);
        if (m == null) return "stack pointer is in a non-existent map; likely due to stack overflow.";
        if ((m.prot() & Prot.RW) != Prot.RW) return "stack pointer is not in a rw map; likely due to stack overflow.";
        if (sp - m.start() <= NEAR_SP) return "stack pointer is close to top of stack; likely stack overflow.";
        return null;
    }

    static Mapping find(List<Mapping> mappings, long address) {
        for (Mapping m : mappings) if (m.contains(address)) return m;
        return null;
    }

    private static String describe(Mapping m) {
        String name = m.name() == null || m.name().isEmpty() ? "an anonymous mapping" : m.name();
        return String.format("%s %x-%x", name, m.start(), m.end() - 1);
    }
}
