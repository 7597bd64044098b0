package org.mdemu.emulator.a64;

/**
 * One translation: the guest instructions [entry, end) compiled into a hidden class. Dropped (invalid) when a page it
 * was decoded from is written, unmapped or loses PROT_EXEC; translated code checks {@link #invalid} after each of its
 * stores so a region that rewrites its own code leaves right after the store.
 */
final class TranslatedRegion {
    /**
     * The compiled region: runs from entry, returns the instructions completed, or -1 if budget is too small. A class
     * rather than an interface: the call from the translator's loop, which sees many regions, is then a virtual call
     * through the vtable instead of an interface call searching the itable.
     */
    abstract static class Code {
        abstract long run(CpuState s, long budget, TranslatedRegion self);
    }

    final long entry, end;
    /** The budget a run needs at least: the longest path from the entry to the first budget check or exit. */
    final long minBudget;
    final int instructions, bytecodeSize;
    Code code;
    /**
     * Per exit of the code (a slot each): the region it last went on to, which it enters itself while that still
     * starts where the exit goes ({@link Translator#link}). Shared by the cores: a stale entry is only a missed link.
     */
    TranslatedRegion[] links;
    volatile boolean invalid;
    /**
     * Per SVC of the region (in order): the trap its code serves directly ({@link Translator#directEnter}), or null
     * for the general path; null when no SVC has one. Per machine, while the code is shared.
     */
    org.mdemu.guest.machine.DirectTrap[] directs;
    /** The trap handler that offered them: they serve only while it is the core's (see Translator.Traps). */
    Object directsOwner;

    TranslatedRegion(long entry, long end, long minBudget, int instructions, int bytecodeSize) {
        this.entry = entry;
        this.end = end;
        this.minBudget = minBudget;
        this.instructions = instructions;
        this.bytecodeSize = bytecodeSize;
    }

    /** Whether the instruction at address lies inside the region (such a stop address forbids running it). */
    boolean covers(long address) {
        return address >= entry && address < end;
    }

    long firstPage() {
        return entry >>> PagedMemory.PAGE_SHIFT;
    }

    long lastPage() {
        return (end - 1) >>> PagedMemory.PAGE_SHIFT;
    }
}
