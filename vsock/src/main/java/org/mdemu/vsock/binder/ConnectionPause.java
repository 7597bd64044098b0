package org.mdemu.vsock.binder;

/**
 * How a thread that calls the other side outside a transaction waits while every outgoing connection of its session
 * is busy. Host threads simply block on the session's queue; guest threads must give the emulated CPU up instead,
 * so the guest supplies a pause that lets the thread holding the connection run.
 */
@FunctionalInterface
public interface ConnectionPause {
    /** Waits a little; the caller then looks for a free connection again. */
    void pause() throws InterruptedException;
}
