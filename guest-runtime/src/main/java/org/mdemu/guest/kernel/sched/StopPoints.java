package org.mdemu.guest.kernel.sched;

/**
 * Where Java work that runs as long as a guest value says looks for the end of its process, as Linux's long kernel
 * loops check fatal_signal_pending(): a Bessel recurrence of order 2^31, a naive substring search over megabytes, a
 * backtracking pattern match, a directory of a hundred thousand entries. Such a loop calls {@link #poll} with its
 * iteration count, or {@link #check} where one iteration costs more than the check. When the process is ending (the
 * VM stopped or timed out, a fatal signal, exit_group) the termination is thrown right there, and unwinds the row as
 * every termination ends a thread; without these points a stop waited for the row to return, minutes or more.
 *
 * <p>A row runs while its thread holds the one CPU, so nothing else of the process can end it; the stop comes from
 * host threads, through {@link Scheduler#terminate}. The cost: a thread-local read and a volatile read per check,
 * once every {@value #EVERY} iterations for {@link #poll}. Host threads that run no guest process (unit tests of a
 * row on a fake process) never stop here.
 */
public final class StopPoints {
    /** Iterations between two checks of {@link #poll}: a power of two. */
    static final int EVERY = 1 << 12;

    private StopPoints() {}

    /** Throws the termination of the calling thread's process if it is ending. */
    public static void check() {
        Scheduler s = Scheduler.ofHostThread(null);
        if (s == null) return;
        RuntimeException end = s.termination();
        if (end != null) throw end;
    }

    /** {@link #check} once every {@value #EVERY} iterations of a loop counting from any start. */
    public static void poll(long iteration) {
        if ((iteration & (EVERY - 1)) == 0) check();
    }
}
