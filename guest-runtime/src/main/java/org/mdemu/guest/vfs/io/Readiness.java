package org.mdemu.guest.vfs.io;

import org.mdemu.guest.vfs.OpenFile;

/**
 * The poll side of an open file: which events it has now, who to tell when they change, and (for timers) when they
 * will change by themselves. Files that are not {@code Readiness} (regular files, directories, devices) are always
 * ready, as Linux reports files without a poll operation.
 */
public interface Readiness {
    /** The events ready now ({@link PollEvents} bits; POLLHUP and POLLERR whether asked for or not). */
    int readyEvents();

    PollWaiters waiters();

    /** The host deadline (System.nanoTime based) at which the events change without anyone acting; MAX_VALUE: never. */
    default long selfChangeDeadline() {
        return Long.MAX_VALUE;
    }

    /** Everything whose change may change this file's events: its own waiters, and for epoll those of its files. */
    default java.util.List<PollWaiters> changeSources() {
        return java.util.List.of(waiters());
    }

    /** Any open file's ready events: its own if it has a poll side, else always readable and writable. */
    static int of(OpenFile file) {
        return file instanceof Readiness r ? r.readyEvents() : PollEvents.ALWAYS_READY;
    }
}
