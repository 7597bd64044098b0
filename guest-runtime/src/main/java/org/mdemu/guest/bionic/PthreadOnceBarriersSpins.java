package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.Futex;

/**
 * The small pthread synchronization objects: pthread_once (an int: 0 not run, 1 running, 2 done), barriers (32
 * bytes: count, arrived, cycle) and spinlocks (8 bytes: the holder's tid; a spinning thread yields the CPU, since
 * on one emulated CPU spinning cannot help the holder progress).
 */
public final class PthreadOnceBarriersSpins extends ThreadObjectSection {
    private static final int ONCE_RUNNING = 1, ONCE_DONE = 2;
    private static final int BARRIER_COUNT = 0, BARRIER_ARRIVED = 4, BARRIER_CYCLE = 8;
    public static final int BARRIER_SERIAL_THREAD = -1;


    public PthreadOnceBarriersSpins(GuestProcess process) {
        super(process);
    }



    @Override
    public void declare(LibraryTable t) {
        t.functionCallingGuest("pthread_once", Support.FULL, f -> f.ret(once(f.ptr(0), f.ptr(1))));
        t.function("pthread_barrierattr_init", "LIBC_N", Support.FULL, f -> {
            mem().writeInt(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("pthread_barrierattr_destroy", "LIBC_N", Support.FULL, f -> f.ret(0));
        t.function("pthread_barrierattr_setpshared", "LIBC_N", Support.FULL, f -> {
            mem().writeInt(f.ptr(0), f.i32(1) & 1);
            f.ret(0);
        });
        t.function("pthread_barrierattr_getpshared", "LIBC_N", Support.FULL, f -> {
            mem().writeInt(f.ptr(1), mem().readInt(f.ptr(0)) & 1);
            f.ret(0);
        });
        t.function("pthread_barrier_init", "LIBC_N", Support.FULL, f -> {
            int count = f.i32(2);
            if (count <= 0) {
                f.ret(Errno.EINVAL);
                return;
            }
            mem().write(f.ptr(0), new byte[32]);
            mem().writeInt(f.ptr(0) + BARRIER_COUNT, count);
            f.ret(0);
        });
        t.function("pthread_barrier_destroy", "LIBC_N", Support.FULL,
                f -> f.ret(mem().readInt(f.ptr(0) + BARRIER_ARRIVED) != 0 ? Errno.EBUSY : 0));
        t.function("pthread_barrier_wait", "LIBC_N", Support.FULL, f -> f.ret(barrierWait(f.ptr(0))));
        t.function("pthread_spin_init", "LIBC_N", Support.FULL, f -> {
            mem().writeLong(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("pthread_spin_destroy", "LIBC_N", Support.FULL,
                f -> f.ret(mem().readLong(f.ptr(0)) != 0 ? Errno.EBUSY : 0));
        t.function("pthread_spin_trylock", "LIBC_N", Support.FULL, f -> {
            if (mem().readLong(f.ptr(0)) != 0) {
                f.ret(Errno.EBUSY);
                return;
            }
            mem().writeLong(f.ptr(0), process.currentThread().tid());
            f.ret(0);
        });
        t.function("pthread_spin_lock", "LIBC_N", Support.FULL, f -> {
            long lock = f.ptr(0);
            int self = process.currentThread().tid();
            if (mem().readLong(lock) == self) {
                f.ret(Errno.EDEADLK);
                return;
            }
            if (mem().readLong(lock) != 0) threads().scheduler().requireOutsideTrap();
            while (mem().readLong(lock) != 0) {
                if (threads().scheduler().liveCount() > 1) {
                    threads().scheduler().yield(process.currentThread());
                    continue;
                }
                // Alone, the thread spins for ever as it would on a device: it waits here, where the watchdog sees
                // it, until a signal handler runs (which might release the lock), then tries again.
                if (threads().futex().sleepInterruptibly(lock, Long.MAX_VALUE, Futex.MATCH_ANY) == -Errno.EINTR) {
                    process.currentThread().restartAfterHandler = true;
                    return;
                }
            }
            mem().writeLong(lock, self);
            f.ret(0);
        });
        t.function("pthread_spin_unlock", "LIBC_N", Support.FULL, f -> {
            mem().writeLong(f.ptr(0), 0);
            threads().futex().wake(f.ptr(0), 1, Futex.MATCH_ANY);
            f.ret(0);
        });
    }

    private long once(long control, long routine) {
        Futex futex = threads().futex();
        while (true) {
            int state = mem().readInt(control);
            if (state == ONCE_DONE) return 0;
            if (state == ONCE_RUNNING) {
                futex.sleep(control, Long.MAX_VALUE, Futex.MATCH_ANY);
                continue;
            }
            mem().writeInt(control, ONCE_RUNNING);
            try {
                process.calls().call(routine);
            } finally {
                mem().writeInt(control, ONCE_DONE);
                futex.wake(control, Integer.MAX_VALUE, Futex.MATCH_ANY);
            }
            return 0;
        }
    }

    private long barrierWait(long barrier) {
        int count = mem().readInt(barrier + BARRIER_COUNT);
        if (count <= 0) return Errno.EINVAL;
        int arrived = mem().readInt(barrier + BARRIER_ARRIVED) + 1;
        if (arrived == count) {
            mem().writeInt(barrier + BARRIER_ARRIVED, 0);
            mem().writeInt(barrier + BARRIER_CYCLE, mem().readInt(barrier + BARRIER_CYCLE) + 1);
            threads().futex().wake(barrier, Integer.MAX_VALUE, Futex.MATCH_ANY);
            return BARRIER_SERIAL_THREAD;
        }
        threads().scheduler().requireOutsideTrap();
        mem().writeInt(barrier + BARRIER_ARRIVED, arrived);
        int cycle = mem().readInt(barrier + BARRIER_CYCLE);
        while (mem().readInt(barrier + BARRIER_CYCLE) == cycle) {
            threads().futex().sleep(barrier, Long.MAX_VALUE, Futex.MATCH_ANY);
        }
        return 0;
    }
}
