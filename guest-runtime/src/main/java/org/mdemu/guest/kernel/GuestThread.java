package org.mdemu.guest.kernel;

import org.mdemu.guest.machine.CpuContext;

/**
 * Kernel-side record of one guest thread: its ids, the guest addresses of its per-thread state, and what the
 * scheduler keeps for it while it is off the CPU (its saved registers and the host thread that runs it).
 */
public final class GuestThread {
    private final int tid;
    private final long errnoAddress;
    private volatile long tlsBase;
    private volatile String name;
    private volatile long clearChildTid;
    /** The host thread executing this guest thread's Java side; set when it first asks for the CPU. */
    public volatile Thread host;
    /** Registers while off the CPU; null while on it (or before its first run, for the main thread). */
    public CpuContext context;
    private volatile boolean exited;
    /** Signals this thread blocks (bit n-1 for signal n), and those sent to it and not yet delivered. */
    public volatile long signalMask, pendingSignals;
    /** Signals are sent from other host threads too (another process's kill, a child's SIGCHLD): bits change atomically. */
    private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<GuestThread> PENDING =
            java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(GuestThread.class, "pendingSignals");
    /** The scheduler of the thread's process, which queues it for its CPU when a waker from elsewhere wakes it. */
    public volatile org.mdemu.guest.kernel.sched.Scheduler scheduler;

    public void addPending(long bits) {
        PENDING.getAndAccumulate(this, bits, (a, b) -> a | b);
    }

    public void clearPending(long bits) {
        PENDING.getAndAccumulate(this, bits, (a, b) -> a & ~b);
    }
    /** The wait the thread is blocked in, if any (for signals to interrupt). */
    public volatile org.mdemu.guest.kernel.sched.Waiter blockedOn;
    /** sigaltstack: base, size and flags (SS_DISABLE when none). */
    public long altStackBase, altStackSize;
    public int altStackFlags = 2;
    /**
     * Set when a signal interrupted a blocking call that may be restarted (the kernel's ERESTARTSYS): the executor
     * restarts the call after the handler if the handler has SA_RESTART. Only the thread itself touches it.
     */
    public boolean restartInterruptedCall;
    /**
     * Set when a signal interrupted a wait that Linux never ends with EINTR (pthread_mutex_lock, pthread_join): the
     * executor restarts the call after the handler whatever the handler's flags, so the handler runs at once and the
     * wait goes on afterwards.
     */
    public boolean restartAfterHandler;
    /**
     * ppoll, pselect6 and epoll_pwait interrupted by a signal: the thread's own mask, which the handler's frame saves
     * in place of the call's temporary one, so that returning from the handler restores it.
     */
    public boolean maskAfterHandlerSet;
    public long maskAfterHandler;
    /** The status this thread gave the exit syscall (0 for pthread_exit): the process's when it is the last. */
    public volatile int exitStatus;
    /** Stopped by SIGSTOP, SIGTSTP, SIGTTIN or SIGTTOU until SIGCONT (the whole process stops). */
    public volatile boolean stopped;
    /** pc, lr, fp and sp when the thread last left the CPU, for thread dumps. */
    public volatile long lastPc, lastLr, lastFp, lastSp;
    /** Set once those are kept for good: the registers the thread had when an exception unwound its guest calls. */
    public volatile boolean registersKeptAtEnd;
    /** On a machine of several cores: the thread runs guest code on its core (see Scheduler#enterGuest). */
    public volatile boolean onCore;
    /**
     * On a machine of several cores: the thread holds a core, running guest code on it or its Java side (a library or
     * system call that does not block keeps the core, as a system call keeps the CPU on Linux).
     */
    public volatile boolean holdsCore;

    public GuestThread(int tid, long errnoAddress, long tlsBase) {
        this.tid = tid;
        this.errnoAddress = errnoAddress;
        this.tlsBase = tlsBase;
        this.name = "thread-" + tid;
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

    /** The comm name (prctl PR_SET_NAME, pthread_setname_np): at most 15 bytes, as the kernel keeps it. */
    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits (0 = none). */
    public long clearChildTid() {
        return clearChildTid;
    }

    public void setClearChildTid(long address) {
        this.clearChildTid = address;
    }

    public boolean exited() {
        return exited;
    }

    public void markExited() {
        exited = true;
    }

    @Override
    public String toString() {
        return "tid " + tid + " (" + name + ")";
    }
}
