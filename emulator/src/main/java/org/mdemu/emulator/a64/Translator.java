package org.mdemu.emulator.a64;

/**
 * Compiles hot guest code to JVM bytecode. Contract with {@link JavaCpu}'s loop: {@link #run} executes translated
 * code from s.pc for at most budget instructions (budget >= 1) and returns how many completed (s.pc is then the next
 * instruction), never executing the instruction at stopAddress, or -1 when there is no translation to run there (the loop interprets). It returns after an SVC with
 * s.event set and s.pc past it, and soon after s.stopRequested becomes true (at the latest at the next backward
 * branch), always between two instructions. Faults leave the state exactly as after the
 * last completed instruction, with s.pc at the faulting one. Translations of a page are dropped before a store
 * reaches it ({@link PagedMemory.CodeWatcher}).
 */
final class Translator {
    Translator(PagedMemory memory) {
    }

    long run(CpuState s, long budget, long stopAddress) {
        return -1;
    }
}
