package org.mdemu.emulator.a64;

/**
 * Compiles hot guest code to JVM bytecode. Contract with {@link JavaCpu}'s loop: {@link #run} executes translated
 * code from s.pc for at most budget instructions and returns how many completed (s.pc is then the next instruction),
 * or -1 when there is no translation to run there (the loop interprets). Faults leave the state exactly as after the
 * last completed instruction, with s.pc at the faulting one. Translations of a page are dropped before a store
 * reaches it ({@link PagedMemory.CodeWatcher}).
 */
final class Translator {
    Translator(PagedMemory memory) {
    }

    long run(CpuState s, long budget) {
        return -1;
    }
}
