package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * C11 threads.h over the pthread rows, as bionic's threads_inlines.h maps them: thrd_* results from pthread error
 * numbers (EBUSY thrd_busy, ETIMEDOUT thrd_timedout, ENOMEM thrd_nomem, others thrd_error).
 */
public final class C11Threads extends GuestSection {
    private static final int THRD_SUCCESS = 0, THRD_BUSY = 1, THRD_ERROR = 2, THRD_NOMEM = 3, THRD_TIMEDOUT = 4;
    private static final int MTX_PLAIN = 1, MTX_RECURSIVE = 2, MTX_TIMED = 4;
    private static final int PTHREAD_MUTEX_NORMAL = 0, PTHREAD_MUTEX_RECURSIVE = 1;
    private Rows rows;

    public C11Threads(GuestProcess process) {
        super(process);
    }

    static int result(long pthreadCode) {
        int c = (int) pthreadCode;
        if (c == 0) return THRD_SUCCESS;
        if (c == Errno.ENOMEM) return THRD_NOMEM;
        if (c == Errno.ETIMEDOUT) return THRD_TIMEDOUT;
        if (c == Errno.EBUSY) return THRD_BUSY;
        return THRD_ERROR;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        String v = "LIBC_R";
        Support s = Support.full("over the pthread functions, as bionic");
        t.functionCallingGuest("call_once", v, s, f -> rows.call(f, "pthread_once", f.ptr(0), f.ptr(1)));
        t.function("cnd_broadcast", v, s, f -> f.ret(result(rows.call(f, "pthread_cond_broadcast", f.ptr(0)))));
        t.function("cnd_destroy", v, s, f -> rows.call(f, "pthread_cond_destroy", f.ptr(0)));
        t.function("cnd_init", v, s, f -> f.ret(result(rows.call(f, "pthread_cond_init", f.ptr(0), 0))));
        t.function("cnd_signal", v, s, f -> f.ret(result(rows.call(f, "pthread_cond_signal", f.ptr(0)))));
        t.function("cnd_timedwait", v, s, f -> f.ret(result(rows.call(f, "pthread_cond_timedwait", f.ptr(0), f.ptr(1), f.ptr(2)))));
        t.function("cnd_wait", v, s, f -> f.ret(result(rows.call(f, "pthread_cond_wait", f.ptr(0), f.ptr(1)))));
        t.function("mtx_destroy", v, s, f -> rows.call(f, "pthread_mutex_destroy", f.ptr(0)));
        t.function("mtx_init", v, s, this::mtxInit);
        t.function("mtx_lock", v, s, f -> f.ret(result(rows.call(f, "pthread_mutex_lock", f.ptr(0)))));
        t.function("mtx_timedlock", v, s, f -> f.ret(result(rows.call(f, "pthread_mutex_timedlock", f.ptr(0), f.ptr(1)))));
        t.function("mtx_trylock", v, s, f -> f.ret(result(rows.call(f, "pthread_mutex_trylock", f.ptr(0)))));
        t.function("mtx_unlock", v, s, f -> f.ret(result(rows.call(f, "pthread_mutex_unlock", f.ptr(0)))));
        // The start routine returns int where pthread's returns void*: thrd_join keeps the low 32 bits, as bionic.
        t.functionCallingGuest("thrd_create", v, s, f -> f.ret(result(rows.call(f, "pthread_create", f.ptr(0), 0, f.ptr(1), f.ptr(2)))));
        t.function("thrd_current", v, s, f -> f.ret(rows.call(f, "pthread_self")));
        t.function("thrd_detach", v, s, f -> f.ret(result(rows.call(f, "pthread_detach", f.ptr(0)))));
        t.function("thrd_equal", v, s, f -> f.ret(rows.call(f, "pthread_equal", f.ptr(0), f.ptr(1))));
        t.functionCallingGuest("thrd_exit", v, s, f -> rows.call(f, "pthread_exit", f.i32(0) & 0xffffffffL));
        t.function("thrd_join", v, s, this::thrdJoin);
        t.function("thrd_sleep", v, s, f -> {
            long rc = rows.call(f, "nanosleep", f.ptr(0), f.ptr(1));
            f.ret(rc == 0 ? 0 : errno() == Errno.EINTR ? -1 : -2);
        });
        t.function("thrd_yield", v, s, f -> rows.call(f, "sched_yield"));
        t.function("tss_create", v, s, f -> f.ret(result(rows.call(f, "pthread_key_create", f.ptr(0), f.ptr(1)))));
        t.function("tss_delete", v, s, f -> rows.call(f, "pthread_key_delete", f.i32(0)));
        t.function("tss_get", v, s, f -> f.ret(rows.call(f, "pthread_getspecific", f.i32(0))));
        t.function("tss_set", v, s, f -> f.ret(result(rows.call(f, "pthread_setspecific", f.i32(0), f.ptr(1)))));
    }

    private void mtxInit(CallFrame f) {
        long mutex = f.ptr(0);
        int type = f.i32(1);
        int pthreadType = (type & MTX_RECURSIVE) != 0 ? PTHREAD_MUTEX_RECURSIVE : PTHREAD_MUTEX_NORMAL;
        type &= ~MTX_RECURSIVE;
        if (type != MTX_PLAIN && type != MTX_TIMED) {
            f.ret(THRD_ERROR);
            return;
        }
        long attr = heap().calloc(1, 8);
        try {
            rows.call(f, "pthread_mutexattr_init", attr);
            rows.call(f, "pthread_mutexattr_settype", attr, pthreadType);
            f.ret(result(rows.call(f, "pthread_mutex_init", mutex, attr)));
        } finally {
            heap().free(attr);
        }
    }

    private void thrdJoin(CallFrame f) {
        long result = f.ptr(1);
        long slot = heap().calloc(1, 8);
        try {
            if (rows.call(f, "pthread_join", f.ptr(0), slot) != 0) {
                f.ret(THRD_ERROR);
                return;
            }
            if (result != 0) mem().writeInt(result, (int) mem().readLong(slot));
            f.ret(THRD_SUCCESS);
        } finally {
            heap().free(slot);
        }
    }
}
