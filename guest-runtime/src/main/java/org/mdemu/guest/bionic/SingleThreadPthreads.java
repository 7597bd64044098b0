package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;

/**
 * The pthread calls libraries make even when they stay single-threaded (zstd's optional worker pool, libc++'s
 * locks). With one guest thread, locks are always free and there is nobody to wait for; creating a thread fails
 * with EAGAIN, which callers handle as "no more threads", until guest threads exist.
 */
public final class SingleThreadPthreads implements LibrarySection {
    private static final Support ONE_THREAD = Support.partial("single-threaded guest: always succeeds at once");

    @Override
    public void declare(LibraryTable t) {
        for (String name : new String[] {"pthread_mutex_init", "pthread_mutex_destroy", "pthread_mutex_lock",
                "pthread_mutex_unlock", "pthread_mutex_trylock", "pthread_cond_init", "pthread_cond_destroy",
                "pthread_cond_signal", "pthread_cond_broadcast", "pthread_mutexattr_init",
                "pthread_mutexattr_destroy", "pthread_mutexattr_settype"}) {
            t.function(name, ONE_THREAD, f -> f.ret(0));
        }
        t.function("pthread_cond_wait", Support.partial("single-threaded guest: no thread can signal, returns EINVAL"
                + " instead of blocking forever"), f -> f.ret(Errno.EINVAL));
        t.function("pthread_create", Support.partial("no guest threads yet: fails with EAGAIN"), f -> f.ret(Errno.EAGAIN));
        t.function("pthread_join", Support.partial("no guest threads yet: ESRCH"), f -> f.ret(Errno.ESRCH));
        t.function("pthread_self", Support.partial("the one main thread"), f -> f.ret(0x1000));
    }
}
