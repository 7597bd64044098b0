package org.mdemu.guest.machine;

/**
 * A CPU of several cores on which guest threads run at the same time, each host thread on a core of its own. The
 * methods inherited from {@link Cpu} act on the calling host thread's core: its registers, its contexts, its run, and
 * {@link #requestStop()} from inside its trap. A thread's registers therefore never move between cores: they stay on
 * the core of the host thread that runs it.
 */
public interface MultiCoreCpu extends Cpu {
    /** How many cores run guest code at once. */
    int cores();

    /** Stops the core of the given host thread soon, exactly between two instructions; nothing if it has none. */
    void requestStop(Thread host);

    /** Stops every core (the process ends). */
    void requestStopAll();

    /** The host thread's guest thread has ended: its core is forgotten. */
    void release(Thread host);
}
