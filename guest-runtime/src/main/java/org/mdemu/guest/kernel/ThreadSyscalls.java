package org.mdemu.guest.kernel;

import org.mdemu.guest.kernel.sched.Futex;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The thread and synchronization system calls: clone for threads, exit, set_tid_address, futex, sched_yield.
 * Kernel-style results (value or -errno).
 */
public final class ThreadSyscalls {
    public static final int CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000, CLONE_CHILD_SETTID = 0x1000000;
    /** What a thread needs: one address space, file table, signal handlers and thread group. */
    private static final int THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    private static final int KNOWN_FLAGS = THREAD_FLAGS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID;

    public static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
            FUTEX_WAKE_OP = 5, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_PRIVATE_FLAG = 128,
            FUTEX_CLOCK_REALTIME = 256;

    private final GuestProcess process;
    private final GuestClock clock;

    public ThreadSyscalls(GuestProcess process, GuestClock clock) {
        this.process = process;
        this.clock = clock;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    private ThreadControl threads() {
        return process.threads();
    }

    /**
     * clone(flags, stack, parent_tid, tls, child_tid) in arm64's argument order. Only thread creation is supported:
     * Microdroid payloads cannot fork (there is one process in the emulated VM).
     */
    public long clone(long flags, long stack, long parentTid, long tls, long childTid) {
        return ErrnoException.resultOf(() -> {
            if ((flags & THREAD_FLAGS) != THREAD_FLAGS) return -Errno.ENOSYS;
            if ((flags & ~(KNOWN_FLAGS | 0xffL)) != 0) return -Errno.EINVAL;
            if (stack == 0 || (stack & 15) != 0) return -Errno.EINVAL;
            if (threads().atThreadLimit()) return -Errno.EAGAIN;
            threads().scheduler().requireOutsideTrap();
            long tlsBase = (flags & CLONE_SETTLS) != 0 ? tls : process.currentThread().tlsBase();
            GuestThread child = threads().spawn(tlsBase, 0, regs -> {
                regs.setX(0, 0);
                regs.setSp(stack);
                regs.setTpidr(tlsBase);
            }, ignoredReturn -> { });
            if ((flags & CLONE_CHILD_CLEARTID) != 0) child.setClearChildTid(childTid);
            if ((flags & CLONE_PARENT_SETTID) != 0) mem().writeInt(parentTid, child.tid());
            if ((flags & CLONE_CHILD_SETTID) != 0) mem().writeInt(childTid, child.tid());
            return child.tid();
        });
    }

    /** exit(2): ends the calling thread only; if it is the last, the process ends with its status. */
    public long exitThread(int status) {
        threads().exitCurrent(status);
        return 0;
    }

    public long setTidAddress(long address) {
        GuestThread t = process.currentThread();
        t.setClearChildTid(address);
        return t.tid();
    }

    public long gettid() {
        return process.currentThread().tid();
    }

    public long schedYield() {
        threads().scheduler().yield(process.currentThread());
        return 0;
    }

    /** futex(uaddr, op, val, timeout or val2, uaddr2, val3). */
    public long futex(long uaddr, int op, int val, long timeout, long uaddr2, int val3) {
        return ErrnoException.resultOf(() -> {
            Futex futex = threads().futex();
            int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
            boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
            switch (cmd) {
                case FUTEX_WAIT -> {
                    if (realtime) return -Errno.ENOSYS;
                    long deadline = timeout == 0 ? Long.MAX_VALUE : relativeDeadline(timeout);
                    if (deadline == -1) return -Errno.EINVAL;
                    return futex.waitIfEquals(uaddr, val, deadline, Futex.MATCH_ANY);
                }
                case FUTEX_WAIT_BITSET -> {
                    long deadline = timeout == 0 ? Long.MAX_VALUE
                            : absoluteDeadline(timeout, realtime ? GuestClock.REALTIME : GuestClock.MONOTONIC);
                    if (deadline == -1) return -Errno.EINVAL;
                    return futex.waitIfEquals(uaddr, val, deadline, val3);
                }
                case FUTEX_WAKE -> {
                    return futex.wake(uaddr, val, Futex.MATCH_ANY);
                }
                case FUTEX_WAKE_BITSET -> {
                    if (val3 == 0) return -Errno.EINVAL;
                    return futex.wake(uaddr, val, val3);
                }
                case FUTEX_REQUEUE -> {
                    return futex.requeue(uaddr, uaddr2, val, (int) Math.min(timeout, Integer.MAX_VALUE));
                }
                case FUTEX_CMP_REQUEUE -> {
                    if (mem().readInt(uaddr) != val3) return -Errno.EAGAIN;
                    return futex.requeue(uaddr, uaddr2, val, (int) Math.min(timeout, Integer.MAX_VALUE));
                }
                default -> {
                    return -Errno.ENOSYS;
                }
            }
        });
    }

    /** A host deadline from a relative timespec, or -1 if the timespec is invalid. */
    private long relativeDeadline(long timespec) {
        long sec = mem().readLong(timespec), nsec = mem().readLong(timespec + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -1;
        return clock.deadlineAfter(sec, nsec);
    }

    private long absoluteDeadline(long timespec, int clockId) {
        long sec = mem().readLong(timespec), nsec = mem().readLong(timespec + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -1;
        return clock.deadlineAt(clockId, sec, nsec);
    }

    public org.mdemu.guest.kernel.signals.Signals signals() {
        return threads().signals();
    }

    /** Sleeps the calling thread for the timespec's duration, letting others run; -EINVAL for a bad timespec. */
    public long nanosleep(long timespec) {
        return ErrnoException.resultOf(() -> {
            long deadline = relativeDeadline(timespec);
            if (deadline == -1) return -Errno.EINVAL;
            return threads().scheduler().sleepUntil(process.currentThread(), deadline) ? 0 : -Errno.EINTR;
        });
    }
}
