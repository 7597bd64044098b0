package org.mdemu.guest.machine;

/**
 * The part of a CPU only a debugger uses (the GDB server): the floating-point control registers, which the kernel
 * otherwise reaches only through saved contexts, and watchpoints. What an engine must provide:
 * <ul>
 *   <li>{@link #fpsr}/{@link #fpcr} of the thread on the CPU, or -1 when the engine cannot read them;</li>
 *   <li>breakpoints: reaching a breakpoint's address ends {@link Cpu#run} with a {@link CpuExit.FaultKind#BREAKPOINT}
 *   fault whose pc is that address, before the instruction there executes (BRK #0 written over it does this on most
 *   engines; guest reads then see the BRK, which gdb expects of software breakpoints);</li>
 *   <li>watchpoints: an access of the watched kind that overlaps a watched range ends {@link Cpu#run} with
 *   {@link CpuExit.Watchpoint} before it takes effect, with the pc of the accessing instruction, so the debugger can
 *   show the instruction and step over it; accesses to anything else, including the rest of the page, behave as
 *   without a watchpoint. Accesses from Java (the kernel's) are never watched.</li>
 * </ul>
 */
public interface CpuDebug {
    /** FPSR of the thread on the CPU, or -1 if the engine cannot read it. */
    long fpsr();

    /** FPCR of the thread on the CPU, or -1 if the engine cannot read it. */
    long fpcr();

    /** Returns false if the engine cannot write it. */
    boolean setFpsr(long value);

    boolean setFpcr(long value);

    /** Adds a breakpoint at address (4-byte aligned, in mapped code); false if the address cannot hold one. */
    boolean addBreakpoint(long address);

    /** Removes the breakpoint at address; false if there was none. */
    boolean removeBreakpoint(long address);

    /**
     * The original instruction bytes under the breakpoints this engine wrote into guest memory, by address (empty when
     * its breakpoints are not in memory): a forked child's copy of memory gets them back, so it runs undebugged.
     */
    default java.util.Map<Long, byte[]> patchedCode() {
        return java.util.Map.of();
    }

    /** Watches [address, address + length) for accesses of the given kind: {@link Prot#READ}, {@link Prot#WRITE} or both. */
    void addWatchpoint(long address, long length, int access);

    /** Removes a watchpoint added with the same arguments; returns false if there was none. */
    boolean removeWatchpoint(long address, long length, int access);
}
