package org.mdemu.guest.kernel.sched;

import org.mdemu.guest.kernel.GuestThread;

/**
 * Hears of every guest thread's scheduler state as it changes (a timeline draws them). Called with the scheduler's
 * monitor held, by whichever host thread made the change: it must be quick and must not call the scheduler.
 */
public interface ThreadStateListener {
    enum State {
        /** Holds the CPU. */
        RUNNING,
        /** Waits in the run queue for the CPU. */
        RUNNABLE,
        /** Waits for an event or a deadline (a futex, a read, a sleep, the CPU's next holder's wake-up). */
        BLOCKED,
        /** Has ended. */
        EXITED
    }

    /** t is now in state; live is the number of threads the process has. */
    void changed(GuestThread t, State state, int live);
}
