package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Futex;

/**
 * pthread_mutex_t (40 bytes on arm64) and its attributes. The first word keeps the type where bionic's static
 * initializers put it (bits 14-15: PTHREAD_MUTEX_INITIALIZER is 0, the recursive and error-checking initializers set
 * 1 and 2 there); the lock state, owner tid and recursion count follow. Waiters sleep on the mutex's address. As in
 * bionic, a waiter marks the state contended (WAITERS) before it sleeps, and unlock frees the mutex and, when it is
 * marked, wakes one waiter, which then tries again: a running thread may take the mutex first (bionic's mutexes are
 * not fair either). Handing the mutex to the sleeper instead makes every acquisition of a busy mutex wait for a
 * thread to wake up (a lock convoy, measured 2.6x slower on two vCPUs). A thread still asleep on a mutex that was
 * initialised again since (a deadlocked thread of an earlier use of the same memory) is never woken by the new one.
 */
public final class PthreadMutexes extends ThreadObjectSection {
    static final int NORMAL = 0, RECURSIVE = 1, ERRORCHECK = 2;
    private static final int TYPE_SHIFT = 14, TYPE_MASK = 3 << TYPE_SHIFT, LOCKED = 1, WAITERS = 2,
            DESTROYED = 0xdead0000;
    private static final int STATE = 0, OWNER = 4, COUNT = 8;
    /** pthread_mutexattr_t: type in the low bits, pshared at 0x10, as bionic encodes them. */
    private static final long ATTR_TYPE_MASK = 0xf, ATTR_SHARED = 0x10, ATTR_PRIO_INHERIT = 0x20;


    public PthreadMutexes(GuestProcess process) {
        super(process);
    }



    @Override
    public void declare(LibraryTable t) {
        t.function("pthread_mutex_init", f -> f.ret(init(f.ptr(0), f.ptr(1))));
        t.function("pthread_mutex_destroy", f -> f.ret(destroy(f.ptr(0))));
        t.function("pthread_mutex_lock", f -> f.ret(lockInterruptibly(f.ptr(0), Long.MAX_VALUE)));
        t.function("pthread_mutex_trylock", f -> f.ret(tryLock(f.ptr(0))));
        t.function("pthread_mutex_unlock", f -> f.ret(unlock(f.ptr(0))));
        t.function("pthread_mutex_timedlock", f -> f.ret(timedLock(f, GuestClock.REALTIME)));
        t.function("pthread_mutex_timedlock_monotonic_np", "LIBC_P", Support.FULL,
                f -> f.ret(timedLock(f, GuestClock.MONOTONIC)));
        t.function("pthread_mutex_clocklock", "LIBC_R", Support.FULL, f -> {
            int clock = f.i32(1);
            if (clock != GuestClock.REALTIME && clock != GuestClock.MONOTONIC) {
                f.ret(Errno.EINVAL);
                return;
            }
            long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(2), clock);
            f.ret(deadline == -1 ? Errno.EINVAL : lockInterruptibly(f.ptr(0), deadline));
        });
        t.function("pthread_mutexattr_init", f -> {
            mem().writeLong(f.ptr(0), NORMAL);
            f.ret(0);
        });
        t.function("pthread_mutexattr_destroy", f -> f.ret(0));
        t.function("pthread_mutexattr_settype", f -> {
            int type = f.i32(1);
            if (type < NORMAL || type > ERRORCHECK) {
                f.ret(Errno.EINVAL);
                return;
            }
            mem().writeLong(f.ptr(0), (mem().readLong(f.ptr(0)) & ~ATTR_TYPE_MASK) | type);
            f.ret(0);
        });
        t.function("pthread_mutexattr_gettype", f -> {
            mem().writeInt(f.ptr(1), (int) (mem().readLong(f.ptr(0)) & ATTR_TYPE_MASK));
            f.ret(0);
        });
        t.function("pthread_mutexattr_setpshared", f -> f.ret(setBit(f, ATTR_SHARED)));
        t.function("pthread_mutexattr_getpshared", f -> {
            mem().writeInt(f.ptr(1), (mem().readLong(f.ptr(0)) & ATTR_SHARED) != 0 ? 1 : 0);
            f.ret(0);
        });
        t.function("pthread_mutexattr_setprotocol", "LIBC_P", Support.partial("priority inheritance is recorded; the scheduler"
                + " has no priorities, so it changes nothing"), f -> f.ret(setBit(f, ATTR_PRIO_INHERIT)));
        t.function("pthread_mutexattr_getprotocol", "LIBC_P", Support.FULL, f -> {
            mem().writeInt(f.ptr(1), (mem().readLong(f.ptr(0)) & ATTR_PRIO_INHERIT) != 0 ? 1 : 0);
            f.ret(0);
        });
    }

    private long setBit(CallFrame f, long bit) {
        int v = f.i32(1);
        if (v != 0 && v != 1) return Errno.EINVAL;
        long attr = mem().readLong(f.ptr(0));
        mem().writeLong(f.ptr(0), v == 1 ? attr | bit : attr & ~bit);
        return 0;
    }

    private long init(long mutex, long attr) {
        int type = attr == 0 ? NORMAL : (int) (mem().readLong(attr) & ATTR_TYPE_MASK);
        mem().write(mutex, new byte[40]);
        mem().writeInt(mutex + STATE, type << TYPE_SHIFT);
        return 0;
    }

    private static int type(int state) {
        return (state & TYPE_MASK) >>> TYPE_SHIFT;
    }

    private long timedLock(CallFrame f, int clock) {
        long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(1), clock);
        return deadline == -1 ? Errno.EINVAL : lockInterruptibly(f.ptr(0), deadline);
    }

    /**
     * pthread_mutex_lock and the timed locks: a signal during the wait runs its handler at once, then the call
     * starts again (the lock's deadline is absolute), as bionic's futex loop does.
     */
    private long lockInterruptibly(long mutex, long deadline) {
        return lock(mutex, deadline, true);
    }

    /** Locks, blocking until the host deadline at most; returns 0 or an error number. */
    long lock(long mutex, long deadline) {
        return lock(mutex, deadline, false);
    }

    private long lock(long mutex, long deadline, boolean interruptible) {
        int state = mem().readInt(mutex + STATE);
        GuestThread self = process.currentThread();
        long quick = takeIfFree(mutex, state, self);
        if (quick != Errno.EBUSY) return quick;
        int owner = mem().readInt(mutex + OWNER);
        if (owner == self.tid()) {
            switch (type(state)) {
                case RECURSIVE -> {
                    int count = mem().readInt(mutex + COUNT);
                    if (count == Integer.MAX_VALUE) return Errno.EAGAIN;
                    mem().writeInt(mutex + COUNT, count + 1);
                    return 0;
                }
                case ERRORCHECK -> {
                    return Errno.EDEADLK;
                }
                default -> { } // a normal mutex relocked by its owner deadlocks, as on a device
            }
        }
        threads().scheduler().requireOutsideTrap();
        Futex futex = threads().futex();
        while (true) {
            int current = mem().readInt(mutex + STATE);
            if ((current & LOCKED) == 0) {
                take(mutex, current, self);
                return 0;
            }
            mem().writeInt(mutex + STATE, current | WAITERS);
            long slept = interruptible ? futex.sleepInterruptibly(mutex, deadline, Futex.MATCH_ANY)
                    : futex.sleep(mutex, deadline, Futex.MATCH_ANY) ? 0 : -Errno.ETIMEDOUT;
            if (slept == -Errno.ETIMEDOUT) return Errno.ETIMEDOUT;
            if (slept == -Errno.EINTR) {
                self.restartAfterHandler = true;
                return 0;
            }
        }
    }

    /** 0 after taking a free mutex, EINVAL for a destroyed one, EBUSY when it is held. */
    private long takeIfFree(long mutex, int state, GuestThread self) {
        if (state == DESTROYED) return Errno.EINVAL;
        if ((state & LOCKED) != 0) return Errno.EBUSY;
        take(mutex, state, self);
        return 0;
    }

    private void take(long mutex, int state, GuestThread self) {
        mem().writeInt(mutex + STATE, state | LOCKED);
        mem().writeInt(mutex + OWNER, self.tid());
        mem().writeInt(mutex + COUNT, 0);
    }

    private long tryLock(long mutex) {
        int state = mem().readInt(mutex + STATE);
        GuestThread self = process.currentThread();
        long quick = takeIfFree(mutex, state, self);
        if (quick != Errno.EBUSY) return quick;
        if (type(state) == RECURSIVE && mem().readInt(mutex + OWNER) == self.tid()) {
            mem().writeInt(mutex + COUNT, mem().readInt(mutex + COUNT) + 1);
            return 0;
        }
        return Errno.EBUSY;
    }

    /** Unlocks; with waiters marked, wakes the first of them to try again. */
    long unlock(long mutex) {
        int state = mem().readInt(mutex + STATE);
        if (state == DESTROYED) return Errno.EINVAL;
        GuestThread self = process.currentThread();
        boolean ownedBySelf = (state & LOCKED) != 0 && mem().readInt(mutex + OWNER) == self.tid();
        if (!ownedBySelf) {
            if (type(state) != NORMAL) return Errno.EPERM;
            if ((state & LOCKED) == 0) return 0;
        }
        int count = mem().readInt(mutex + COUNT);
        if (type(state) == RECURSIVE && count > 0) {
            mem().writeInt(mutex + COUNT, count - 1);
            return 0;
        }
        int free = state & ~LOCKED;
        if ((state & WAITERS) != 0) {
            Futex futex = threads().futex();
            futex.wakeFirst(mutex);
            // The woken thread marks the mutex again if it finds it taken and sleeps once more.
            if (futex.waiters(mutex) == 0) free &= ~WAITERS;
        }
        mem().writeInt(mutex + STATE, free);
        mem().writeInt(mutex + OWNER, 0);
        return 0;
    }

    /** Whether the calling thread holds the mutex (for condition variables). */
    boolean heldBySelf(long mutex) {
        int state = mem().readInt(mutex + STATE);
        return (state & LOCKED) != 0 && mem().readInt(mutex + OWNER) == process.currentThread().tid();
    }

    boolean isErrorChecking(long mutex) {
        return type(mem().readInt(mutex + STATE)) != NORMAL;
    }

    private long destroy(long mutex) {
        int state = mem().readInt(mutex + STATE);
        if ((state & LOCKED) != 0 && state != DESTROYED) return Errno.EBUSY;
        mem().writeInt(mutex + STATE, DESTROYED);
        return 0;
    }
}
