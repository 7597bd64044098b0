package org.mdemu.emulator.cpu;

import java.util.function.IntConsumer;

/**
 * What mdemu's CPU and memory need from a Unicorn-family emulator library, one adapter per Java binding. Both
 * bindings number registers as {@link unicorn.Arm64Const}, use Linux's PROT_* bits and the UC_HOOK_* event types,
 * and report errors as {@link unicorn.UnicornException}.
 */
interface Aarch64Engine {
    void memMap(long address, long size, int prot);

    /** The most memory regions the engine holds safely (beyond, it may abort the process); unlimited by default. */
    default int regionLimit() {
        return Integer.MAX_VALUE;
    }

    /**
     * The memory regions the engine holds now, as start and end (exclusive) pairs in one array; only asked when
     * {@link #regionLimit} is finite.
     */
    default long[] regions() {
        return new long[0];
    }

    void memUnmap(long address, long size);

    void memProtect(long address, long size, int prot);

    byte[] memRead(long address, int length);

    void memWrite(long address, byte[] bytes);

    /**
     * Makes the engine forget the code it translated from the range, so that the next fetch there checks the page's
     * permission and reads its current bytes (called before unmapping and after removing the execute permission).
     */
    void dropTranslations(long address, long size);

    long regRead(int reg);

    void regWrite(int reg, long value);

    /** FPCR, as the guest's {@code mrs x0, fpcr} reads it; writes take effect for the next FP instruction. */
    long fpcr();

    void setFpcr(long value);

    /** FPSR, with the exception flags the guest's FP instructions have raised. */
    long fpsr();

    void setFpsr(long value);

    /** A 128-bit register, 16 bytes little-endian. */
    byte[] regRead128(int reg);

    void regWrite128(int reg, byte[] bytes);

    /**
     * Runs from begin until pc == until, a stop, an error (thrown) or count instructions (0 = no limit). The count is
     * exact: the engine stops from its own per-instruction hook, before the next instruction.
     */
    void emuStart(long begin, long until, long count);

    /**
     * Stops emulation; callable from a hook and from other threads. From a hook it stops exactly after the hooked
     * event. From another thread it stops at the next check the translated code makes, which QEMU places at block
     * starts and after every memory access, and the pc it leaves is the last one written back (the start of the
     * translation block): instructions between that pc and the stop have taken effect, so the thread cannot resume.
     */
    void emuStop();

    /**
     * The engine's register numbers of FPCR and FPSR (32-bit values), or -1 when its binding cannot reach them. Only
     * the debugger reads them: the guest's own code and signal frames see them through the engine.
     */
    default int fpcrRegister() {
        return -1;
    }

    default int fpsrRegister() {
        return -1;
    }

    /**
     * Calls onHit before the instruction at address executes, or returns null when the engine's breakpoints are
     * better made by writing BRK into the code (the default). The returned handle goes to {@link #unhookCode}.
     */
    default Object hookCode(long address, Runnable onHit) {
        return null;
    }

    default void unhookCode(Object handle) {
        throw new UnsupportedOperationException("no code hooks");
    }

    /**
     * SCTLR_EL1 bits the EL0 entry code sets besides Linux's user-space ones: the MMU enable of an engine whose page
     * permissions live in translation tables; none by default.
     */
    default long sctlrBits() {
        return 0;
    }

    /**
     * Whether the pc of a protection fault is the faulting instruction's (an MMU abort restores the state before
     * it); otherwise it may be the start of its translation block (see {@link FaultingInstruction}).
     */
    default boolean exactFaultPc() {
        return false;
    }

    long contextAlloc();

    void contextSave(long context);

    void contextRestore(long context);

    /** Calls onInterrupt with the CPU exception number (EXCP_*) of every svc, brk, udf the guest executes. */
    void hookInterrupts(IntConsumer onInterrupt);

    /** Calls onFault with the data address and size when an access of the given UC_HOOK_MEM_* kind fails; it fails. */
    void hookMemoryFault(int hookType, MemoryFaultListener onFault);

    @FunctionalInterface
    interface MemoryFaultListener {
        void onFault(long address, int size);
    }

    void close();
}
