package org.mdemu.guest.kernel;

import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.mdemu.guest.kernel.sched.Futex;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.machine.CpuRegisters;

/** The process's threads as the kernel and libc see them: who is running, creating threads, ending them. */
public interface ThreadControl {
    Scheduler scheduler();

    Futex futex();

    /** Signal dispositions, masks and delivery. */
    org.mdemu.guest.kernel.signals.Signals signals();

    /** The clocks every timed wait measures against. */
    GuestClock clock();

    default GuestThread current() {
        return scheduler().current();
    }

    /**
     * Creates a thread and makes it runnable. Its registers start as a copy of the caller's with setup applied (as
     * clone(2) copies them); if its code returns to {@link #returnAddress()}, onReturn runs on it with x0, holding
     * the CPU. Must be called outside the trap.
     *
     * @param errnoAddress where {@code __errno()} points for this thread; 0 to have one allocated
     */
    GuestThread spawn(long tlsBase, long errnoAddress, Consumer<CpuRegisters> setup, LongConsumer onReturn);

    /**
     * Whether the process has as many threads as RLIMIT_NPROC allows (the kernel's copy_process check): creating
     * another is EAGAIN, before the host spends a thread on it.
     */
    default boolean atThreadLimit() {
        return false;
    }

    /** Where a new thread's start routine should return to (its link register). */
    long returnAddress();

    /**
     * Ends the calling thread: clears and futex-wakes its clear_child_tid word, then unwinds its host thread. Never
     * returns.
     */
    void exitCurrent();

    /** As {@link #exitCurrent()}, with the status the exit syscall gave: the process's if this is its last thread. */
    default void exitCurrent(int status) {
        exitCurrent();
    }
}
