package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.Futex;

/**
 * pthread_cond_t (48 bytes on arm64) and its attributes. Waiters queue on the condition's address; releasing the
 * mutex and queueing happen while the waiter holds the CPU, so no signal can fall between them.
 */
public final class PthreadConds extends ThreadObjectSection {
    /** Condition word and condattr: bit 0 process-shared, bit 1 measure timeouts on CLOCK_MONOTONIC. */
    private static final int SHARED = 1, MONOTONIC = 2;

    private final PthreadMutexes mutexes;

    public PthreadConds(GuestProcess process, PthreadMutexes mutexes) {
        super(process);
        this.mutexes = mutexes;
    }



    @Override
    public void declare(LibraryTable t) {
        t.function("pthread_cond_init", f -> {
            int flags = f.ptr(1) == 0 ? 0 : (int) mem().readLong(f.ptr(1));
            mem().write(f.ptr(0), new byte[48]);
            mem().writeInt(f.ptr(0), flags & (SHARED | MONOTONIC));
            f.ret(0);
        });
        t.function("pthread_cond_destroy", f -> f.ret(0));
        t.function("pthread_cond_signal", f -> {
            threads().futex().wake(f.ptr(0), 1, Futex.MATCH_ANY);
            f.ret(0);
        });
        t.function("pthread_cond_broadcast", f -> {
            threads().futex().wake(f.ptr(0), Integer.MAX_VALUE, Futex.MATCH_ANY);
            f.ret(0);
        });
        t.function("pthread_cond_wait", f -> f.ret(await(f.ptr(0), f.ptr(1), Long.MAX_VALUE)));
        t.function("pthread_cond_timedwait", f -> f.ret(timedWait(f, clockOf(f.ptr(0)))));
        t.function("pthread_cond_timedwait_monotonic_np", f -> f.ret(timedWait(f, GuestClock.MONOTONIC)));
        t.function("pthread_cond_clockwait", "LIBC_R", Support.FULL, f -> {
            int clock = f.i32(2);
            if (clock != GuestClock.REALTIME && clock != GuestClock.MONOTONIC) {
                f.ret(Errno.EINVAL);
                return;
            }
            long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(3), clock);
            f.ret(deadline == -1 ? Errno.EINVAL : await(f.ptr(0), f.ptr(1), deadline));
        });
        t.function("pthread_condattr_init", f -> {
            mem().writeLong(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("pthread_condattr_destroy", f -> f.ret(0));
        t.function("pthread_condattr_setclock", f -> {
            int clock = f.i32(1);
            if (clock != GuestClock.REALTIME && clock != GuestClock.MONOTONIC) {
                f.ret(Errno.EINVAL);
                return;
            }
            long attr = mem().readLong(f.ptr(0));
            mem().writeLong(f.ptr(0), clock == GuestClock.MONOTONIC ? attr | MONOTONIC : attr & ~MONOTONIC);
            f.ret(0);
        });
        t.function("pthread_condattr_getclock", f -> {
            mem().writeInt(f.ptr(1), (mem().readLong(f.ptr(0)) & MONOTONIC) != 0 ? GuestClock.MONOTONIC : GuestClock.REALTIME);
            f.ret(0);
        });
        t.function("pthread_condattr_setpshared", f -> {
            long attr = mem().readLong(f.ptr(0));
            mem().writeLong(f.ptr(0), f.i32(1) != 0 ? attr | SHARED : attr & ~SHARED);
            f.ret(0);
        });
        t.function("pthread_condattr_getpshared", f -> {
            mem().writeInt(f.ptr(1), (int) (mem().readLong(f.ptr(0)) & SHARED));
            f.ret(0);
        });
    }

    private int clockOf(long cond) {
        return (mem().readInt(cond) & MONOTONIC) != 0 ? GuestClock.MONOTONIC : GuestClock.REALTIME;
    }

    private long timedWait(CallFrame f, int clock) {
        long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(2), clock);
        return deadline == -1 ? Errno.EINVAL : await(f.ptr(0), f.ptr(1), deadline);
    }

    private long await(long cond, long mutex, long deadline) {
        if (!mutexes.heldBySelf(mutex)) {
            if (mutexes.isErrorChecking(mutex)) return Errno.EPERM;
        }
        threads().scheduler().requireOutsideTrap();
        mutexes.unlock(mutex);
        // A signal ends the wait early: the mutex is taken again and the call returns 0, a spurious wake-up as
        // POSIX allows (bionic returns 0 after an interrupted futex wait too), and the handler runs on return.
        long slept = threads().futex().sleepInterruptibly(cond, deadline, Futex.MATCH_ANY);
        long relock = mutexes.lock(mutex, Long.MAX_VALUE);
        if (relock != 0) return relock;
        return slept == -Errno.ETIMEDOUT ? Errno.ETIMEDOUT : 0;
    }
}
