package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;

/**
 * sys/thread_properties.h, what sanitizers' runtimes ask libc about threads: the static TLS bounds, the dynamic TLS
 * blocks of a thread and listeners for their creation and destruction, and callbacks run as a thread exits. The
 * state lives in {@link ThreadLocalStorage}; pthread_exit runs the listeners and callbacks.
 */
public final class ThreadProperties extends GuestSection {
    private final ThreadLocalStorage tls;

    public ThreadProperties(GuestProcess process, ThreadLocalStorage tls) {
        super(process);
        this.tls = tls;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__libc_get_static_tls_bounds", "LIBC_S", Support.full("from the thread pointer (the TCB) to the"
                + " end of the last static module's block"), f -> {
            long[] bounds = tls.staticBounds(process.currentThread().tlsBase());
            mem().writeLong(f.ptr(0), bounds[0]);
            mem().writeLong(f.ptr(1), bounds[1]);
        });
        t.function("__libc_register_thread_exit_callback", "LIBC_S", Support.full("called as a thread ends through"
                + " pthread_exit or its start routine's return, after its TLS destructors"),
                f -> tls.registerExitCallback(f.ptr(0)));
        t.functionCallingGuest("__libc_iterate_dynamic_tls", "LIBC_S", Support.full("each dynamic TLS block the"
                + " thread has touched: begin, end, module id"), f -> {
            GuestThread thread = null;
            for (GuestThread g : process.threads().scheduler().threads()) if (g.tid() == f.i32(0)) thread = g;
            if (thread == null) {
                process.output().log(7, "libc", "__get_bionic_tcb_for_thread failed to read thread register.",
                        process.currentThread().tid());
                return;
            }
            long callback = f.ptr(1), arg = f.ptr(2);
            for (long[] b : tls.dynamicBlocksOf(thread.tlsBase())) process.calls().call(callback, b[0], b[1], b[2], arg);
        });
        t.function("__libc_register_dynamic_tls_listeners", "LIBC_S", Support.full("called as a thread's dynamic"
                + " TLS block is made (first use) and as the thread exits"), f -> tls.setListeners(f.ptr(0), f.ptr(1)));
    }
}
