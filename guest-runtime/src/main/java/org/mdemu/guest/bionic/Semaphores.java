package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.Futex;

/** semaphore.h: unnamed semaphores (sem_t, 16 bytes, the count in its first word); failures set errno. */
public final class Semaphores extends ThreadObjectSection {
    /** bionic's SEM_VALUE_MAX. */
    public static final int VALUE_MAX = 0x3fffffff;


    public Semaphores(GuestProcess process) {
        super(process);
    }



    @Override
    public void declare(LibraryTable t) {
        t.function("sem_init", f -> {
            long value = f.u32(2);
            if (value > VALUE_MAX) {
                f.ret(fail(Errno.EINVAL));
                return;
            }
            mem().write(f.ptr(0), new byte[16]);
            mem().writeInt(f.ptr(0), (int) value);
            f.ret(0);
        });
        t.function("sem_destroy", f -> f.ret(0));
        t.function("sem_getvalue", f -> {
            mem().writeInt(f.ptr(1), mem().readInt(f.ptr(0)));
            f.ret(0);
        });
        t.function("sem_post", f -> {
            long sem = f.ptr(0);
            int value = mem().readInt(sem);
            if (value == VALUE_MAX) {
                f.ret(fail(Errno.EOVERFLOW));
                return;
            }
            mem().writeInt(sem, value + 1);
            threads().futex().wake(sem, 1, Futex.MATCH_ANY);
            f.ret(0);
        });
        t.function("sem_trywait", f -> {
            long sem = f.ptr(0);
            int value = mem().readInt(sem);
            if (value == 0) {
                f.ret(fail(Errno.EAGAIN));
                return;
            }
            mem().writeInt(sem, value - 1);
            f.ret(0);
        });
        t.function("sem_wait", f -> f.ret(await(f.ptr(0), Long.MAX_VALUE)));
        t.function("sem_timedwait", f -> f.ret(timed(f, 1, GuestClock.REALTIME)));
        t.function("sem_timedwait_monotonic_np", "LIBC_P", Support.FULL, f -> f.ret(timed(f, 1, GuestClock.MONOTONIC)));
        t.function("sem_clockwait", "LIBC_R", Support.FULL, f -> {
            int clock = f.i32(1);
            f.ret(clock == GuestClock.REALTIME || clock == GuestClock.MONOTONIC ? timed(f, 2, clock) : fail(Errno.EINVAL));
        });
        Support unnamedOnly = Support.partial("named semaphores are unsupported, as in bionic: fails with ENOSYS");
        t.function("sem_open", unnamedOnly, f -> {
            process.setErrno(Errno.ENOSYS);
            f.ret(0);
        });
        t.function("sem_close", unnamedOnly, f -> f.ret(fail(Errno.EINVAL)));
        t.function("sem_unlink", unnamedOnly, f -> f.ret(fail(Errno.ENOENT)));
    }

    private long fail(int errno) {
        process.setErrno(errno);
        return -1;
    }

    private long timed(CallFrame f, int tsArg, int clock) {
        long sem = f.ptr(0);
        if (mem().readInt(sem) > 0) return await(sem, Long.MAX_VALUE);
        long deadline = threads().clock().deadlineFromTimespec(mem(), f.ptr(tsArg), clock);
        return deadline == -1 ? fail(Errno.EINVAL) : await(sem, deadline);
    }

    private long await(long sem, long deadline) {
        if (mem().readInt(sem) == 0) threads().scheduler().requireOutsideTrap();
        while (mem().readInt(sem) == 0) {
            long slept = threads().futex().sleepInterruptibly(sem, deadline, Futex.MATCH_ANY);
            if (slept == -Errno.EINTR) return fail(Errno.EINTR);
            if (slept == -Errno.ETIMEDOUT && mem().readInt(sem) == 0) return fail(Errno.ETIMEDOUT);
        }
        mem().writeInt(sem, mem().readInt(sem) - 1);
        return 0;
    }
}
