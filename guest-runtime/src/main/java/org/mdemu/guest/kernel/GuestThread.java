package org.mdemu.guest.kernel;

/** Kernel-side record of one guest thread: its ids and the guest addresses of its per-thread state. */
public final class GuestThread {
    private final int tid;
    private final long errnoAddress;
    private volatile long tlsBase;

    public GuestThread(int tid, long errnoAddress, long tlsBase) {
        this.tid = tid;
        this.errnoAddress = errnoAddress;
        this.tlsBase = tlsBase;
    }

    public int tid() {
        return tid;
    }

    /** Address of this thread's errno int, returned by {@code __errno()}. */
    public long errnoAddress() {
        return errnoAddress;
    }

    /** TPIDR_EL0 value: bionic's TLS slot array. */
    public long tlsBase() {
        return tlsBase;
    }

    public void setTlsBase(long tlsBase) {
        this.tlsBase = tlsBase;
    }
}
