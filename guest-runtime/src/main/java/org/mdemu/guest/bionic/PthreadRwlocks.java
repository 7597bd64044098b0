package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.Futex;

/**
 * pthread_rwlock_t (56 bytes on arm64): the number of readers holding it (or -1 for a writer), the writing owner's
 * tid and the number of queued writers. Readers do not enter while a writer waits (unless the attribute asks for
 * reader preference, bionic's default), so writers do not starve.
 */
public final class PthreadRwlocks extends ThreadObjectSection {
    private static final int HOLDERS = 0, WRITER = 4, WAITING_WRITERS = 8, KIND = 12;
    private static final int PREFER_READER = 0, PREFER_WRITER_NONRECURSIVE = 2;


    public PthreadRwlocks(GuestProcess process) {
        super(process);
    }



    @Override
    public void declare(LibraryTable t) {
        t.function("pthread_rwlock_init", f -> {
            int kind = f.ptr(1) == 0 ? PREFER_READER : (int) (mem().readLong(f.ptr(1)) >> 8);
            mem().write(f.ptr(0), new byte[56]);
            mem().writeInt(f.ptr(0) + KIND, kind);
            f.ret(0);
        });
        t.function("pthread_rwlock_destroy", f -> f.ret(mem().readInt(f.ptr(0) + HOLDERS) != 0 ? Errno.EBUSY : 0));
        t.function("pthread_rwlock_rdlock", f -> f.ret(read(f.ptr(0), Long.MAX_VALUE, true)));
        t.function("pthread_rwlock_tryrdlock", f -> f.ret(read(f.ptr(0), 0, false)));
        t.function("pthread_rwlock_timedrdlock", f -> f.ret(timed(f, 1, GuestClock.REALTIME, true)));
        t.function("pthread_rwlock_wrlock", f -> f.ret(write(f.ptr(0), Long.MAX_VALUE, true)));
        t.function("pthread_rwlock_trywrlock", f -> f.ret(write(f.ptr(0), 0, false)));
        t.function("pthread_rwlock_timedwrlock", f -> f.ret(timed(f, 1, GuestClock.REALTIME, false)));
        t.function("pthread_rwlock_timedrdlock_monotonic_np", "LIBC_P", Support.FULL,
                f -> f.ret(timed(f, 1, GuestClock.MONOTONIC, true)));
        t.function("pthread_rwlock_timedwrlock_monotonic_np", "LIBC_P", Support.FULL,
                f -> f.ret(timed(f, 1, GuestClock.MONOTONIC, false)));
        t.function("pthread_rwlock_clockrdlock", "LIBC_R", Support.FULL, f -> f.ret(clocked(f, true)));
        t.function("pthread_rwlock_clockwrlock", "LIBC_R", Support.FULL, f -> f.ret(clocked(f, false)));
        t.function("pthread_rwlock_unlock", f -> f.ret(unlock(f.ptr(0))));
        t.function("pthread_rwlockattr_init", f -> {
            mem().writeLong(f.ptr(0), 0);
            f.ret(0);
        });
        t.function("pthread_rwlockattr_destroy", f -> f.ret(0));
        t.function("pthread_rwlockattr_setpshared", f -> {
            long a = mem().readLong(f.ptr(0));
            mem().writeLong(f.ptr(0), (a & ~1L) | (f.i32(1) & 1));
            f.ret(0);
        });
        t.function("pthread_rwlockattr_getpshared", f -> {
            mem().writeInt(f.ptr(1), (int) (mem().readLong(f.ptr(0)) & 1));
            f.ret(0);
        });
        t.function("pthread_rwlockattr_setkind_np", f -> {
            int kind = f.i32(1);
            if (kind != PREFER_READER && kind != PREFER_WRITER_NONRECURSIVE) {
                f.ret(Errno.EINVAL);
                return;
            }
            long a = mem().readLong(f.ptr(0));
            mem().writeLong(f.ptr(0), (a & 0xff) | ((long) kind << 8));
            f.ret(0);
        });
        t.function("pthread_rwlockattr_getkind_np", f -> {
            mem().writeInt(f.ptr(1), (int) (mem().readLong(f.ptr(0)) >> 8));
            f.ret(0);
        });
    }

    private long timed(CallFrame f, int tsArg, int clock, boolean reader) {
        long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(tsArg), clock);
        if (deadline == -1) return Errno.EINVAL;
        return reader ? read(f.ptr(0), deadline, true) : write(f.ptr(0), deadline, true);
    }

    private long clocked(CallFrame f, boolean reader) {
        int clock = f.i32(1);
        if (clock != GuestClock.REALTIME && clock != GuestClock.MONOTONIC) return Errno.EINVAL;
        return timed(f, 2, clock, reader);
    }

    private boolean readerMayEnter(long lock) {
        int holders = mem().readInt(lock + HOLDERS);
        if (holders < 0) return false;
        return mem().readInt(lock + KIND) == PREFER_READER || mem().readInt(lock + WAITING_WRITERS) == 0;
    }

    private long read(long lock, long deadline, boolean block) {
        int self = process.currentThread().tid();
        if (block && mem().readInt(lock + HOLDERS) < 0 && mem().readInt(lock + WRITER) == self) return Errno.EDEADLK;
        if (!readerMayEnter(lock)) {
            if (!block) return Errno.EBUSY;
            threads().scheduler().requireOutsideTrap();
            while (!readerMayEnter(lock)) {
                if (!threads().futex().sleep(lock, deadline, Futex.MATCH_ANY) && !readerMayEnter(lock)) {
                    return Errno.ETIMEDOUT;
                }
            }
        }
        mem().writeInt(lock + HOLDERS, mem().readInt(lock + HOLDERS) + 1);
        return 0;
    }

    private long write(long lock, long deadline, boolean block) {
        int self = process.currentThread().tid();
        if (block && mem().readInt(lock + HOLDERS) < 0 && mem().readInt(lock + WRITER) == self) return Errno.EDEADLK;
        if (mem().readInt(lock + HOLDERS) != 0) {
            if (!block) return Errno.EBUSY;
            threads().scheduler().requireOutsideTrap();
            mem().writeInt(lock + WAITING_WRITERS, mem().readInt(lock + WAITING_WRITERS) + 1);
            try {
                while (mem().readInt(lock + HOLDERS) != 0) {
                    if (!threads().futex().sleep(lock, deadline, Futex.MATCH_ANY) && mem().readInt(lock + HOLDERS) != 0) {
                        return Errno.ETIMEDOUT;
                    }
                }
            } finally {
                mem().writeInt(lock + WAITING_WRITERS, mem().readInt(lock + WAITING_WRITERS) - 1);
            }
        }
        mem().writeInt(lock + HOLDERS, -1);
        mem().writeInt(lock + WRITER, self);
        return 0;
    }

    private long unlock(long lock) {
        int holders = mem().readInt(lock + HOLDERS);
        if (holders == 0) return Errno.EPERM;
        if (holders < 0) {
            if (mem().readInt(lock + WRITER) != process.currentThread().tid()) return Errno.EPERM;
            mem().writeInt(lock + HOLDERS, 0);
            mem().writeInt(lock + WRITER, 0);
        } else {
            mem().writeInt(lock + HOLDERS, holders - 1);
            if (holders - 1 > 0) return 0;
        }
        threads().futex().wake(lock, Integer.MAX_VALUE, Futex.MATCH_ANY);
        return 0;
    }
}
