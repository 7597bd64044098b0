package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.Deque;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.bionic.NumberParsing.Precision;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/** stdlib.h and inttypes.h: the heap, exit with atexit handlers, abort, number parsing, bsearch/qsort, div. */
public final class StdlibFunctions implements LibrarySection {
    private static final int SIGABRT = 6;

    private record ExitHandler(long function, long argument, boolean takesArgument) {}

    private final GuestProcess process;
    private final Runnable beforeExit;
    private final Deque<ExitHandler> exitHandlers = new ArrayDeque<>();
    private Runnable threadFinalizer = () -> { };

    /**
     * @param beforeExit runs after the atexit handlers and before the process ends (destructors, stdio)
     */
    public StdlibFunctions(GuestProcess process, Runnable beforeExit) {
        this.process = process;
        this.beforeExit = beforeExit;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("malloc", f -> f.ret(allocated(process.heap().malloc(f.i64(0)))));
        t.function("calloc", f -> f.ret(allocated(process.heap().calloc(f.i64(0), f.i64(1)))));
        t.function("realloc", f -> f.ret(allocated(process.heap().realloc(f.ptr(0), f.i64(1)))));
        t.function("free", f -> process.heap().free(f.ptr(0)));
        t.function("malloc_usable_size", f -> f.ret(process.heap().usableSize(f.ptr(0))));
        t.function("memalign", f -> f.ret(allocated(process.heap().memalign(f.i64(0), f.i64(1)))));
        t.function("aligned_alloc", "LIBC_P", Support.FULL, f -> f.ret(allocated(process.heap().memalign(f.i64(0), f.i64(1)))));
        t.function("posix_memalign", this::posixMemalign);
        t.functionCallingGuest("exit", Support.FULL, f -> exit(f.i32(0)));
        t.function("_exit", f -> process.control().exit(f.i32(0)));
        t.function("_Exit", f -> process.control().exit(f.i32(0)));
        // Guest code (hot-routines.so), as bionic's: SIGABRT reaches the payload's handler; the comparators of
        // qsort and bsearch are plain calls, and their element accesses are the guest's own.
        t.guestCode("abort", "LIBC", Support.full("runs as guest code: SIGABRT goes through the payload's handler"));
        t.function("__cxa_atexit", f -> f.ret(register(f.ptr(0), f.ptr(1), true)));
        t.functionCallingGuest("__cxa_finalize", Support.partial("runs the handlers only at exit"), f -> { });
        t.function("__stack_chk_fail", f -> process.control().crash(SIGABRT,
                "stack corruption detected (-fstack-protector)"));
        t.function("__assert2", f -> assertionFailed(String.format(
                "%s:%d: %s: assertion \"%s\" failed", f.cstr(0), f.i32(1), f.cstr(2), f.cstr(3))));
        // As in bionic, the string is read whatever the pointer: NULL is a SIGSEGV at 0.
        t.function("atoi", f -> f.ret((int) NumberParsing.parseLong(string(f.ptr(0)), 10).value()));
        t.function("atol", f -> f.ret(NumberParsing.parseLong(string(f.ptr(0)), 10).value()));
        t.function("atoll", f -> f.ret(NumberParsing.parseLong(string(f.ptr(0)), 10).value()));
        t.function("strtol", f -> strtol(f, true));
        t.function("strtoll", f -> strtol(f, true));
        t.function("strtoul", f -> strtol(f, false));
        t.function("strtoull", f -> strtol(f, false));
        t.function("strtoimax", f -> strtol(f, true));
        t.function("strtoumax", f -> strtol(f, false));
        t.function("strtod", f -> strtod(f, Precision.DOUBLE));
        t.function("strtof", f -> strtod(f, Precision.FLOAT));
        t.function("strtold", Support.full("exact IEEE binary128 in q0"), f -> strtod(f, Precision.LONG_DOUBLE));
        t.function("strtod_l", "LIBC_O", Support.FULL, f -> strtod(f, Precision.DOUBLE));
        t.function("strtof_l", "LIBC_O", Support.FULL, f -> strtod(f, Precision.FLOAT));
        t.function("strtold_l", Support.full("exact IEEE binary128 in q0"), f -> strtod(f, Precision.LONG_DOUBLE));
        t.function("strtol_l", "LIBC_O", Support.FULL, f -> strtol(f, true));
        t.function("strtoll_l", f -> strtol(f, true));
        t.function("strtoul_l", "LIBC_O", Support.FULL, f -> strtol(f, false));
        t.function("strtoull_l", f -> strtol(f, false));
        t.function("atof", f -> f.retDouble(NumberParsing.parseDouble(string(f.ptr(0))).value()));
        t.guestCode("qsort", "LIBC", Support.full("runs as guest code (introsort)"));
        t.guestCode("bsearch", "LIBC", Support.full("runs as guest code"));
        t.function("abs", f -> f.ret(Math.abs(f.i32(0))));
        t.function("labs", f -> f.ret(Math.abs(f.i64(0))));
        t.function("llabs", f -> f.ret(Math.abs(f.i64(0))));
        t.function("imaxabs", f -> f.ret(Math.abs(f.i64(0))));
        // div_t {int quot; int rem;} comes back packed in x0; ldiv_t/lldiv_t/imaxdiv_t {long quot; long rem;} in x0, x1.
        // As arm64's sdiv and msub compute them: a zero divisor gives quotient 0 and the dividend as remainder.
        t.function("div", f -> {
            int n = f.i32(0), d = f.i32(1);
            int q = d == 0 ? 0 : n / d;
            f.ret((q & 0xffffffffL) | (long) (n - q * d) << 32);
        });
        for (String name : new String[] {"ldiv", "lldiv", "imaxdiv"}) {
            t.function(name, f -> {
                long n = f.i64(0), d = f.i64(1);
                long q = d == 0 ? 0 : n / d;
                f.registers().setX(1, n - q * d);
                f.ret(q);
            });
        }
    }

    private String string(long address) {
        return process.memory().readCString(address);
    }

    private AbortMessage abortMessage;

    /** Where __assert2 records its message, so that the crash report shows the first abort message. */
    public void recordAbortMessagesIn(AbortMessage store) {
        abortMessage = store;
    }

    private void assertionFailed(String message) {
        if (abortMessage != null) abortMessage.crash(message);
        process.control().crash(SIGABRT, message);
    }

    /** What exit() runs before the atexit handlers: the calling thread's thread_local destructors (bionic's order). */
    public void finalizeThreadFirst(Runnable finalizer) {
        threadFinalizer = finalizer;
    }

    private long allocated(long p) {
        if (p == 0) process.setErrno(Errno.ENOMEM);
        return p;
    }

    private void posixMemalign(CallFrame f) {
        long alignment = f.i64(1);
        if (alignment < 8 || Long.bitCount(alignment) != 1) {
            f.ret(Errno.EINVAL);
            return;
        }
        long p = process.heap().memalign(alignment, f.i64(2));
        if (p == 0) {
            f.ret(Errno.ENOMEM);
            return;
        }
        process.memory().writeLong(f.ptr(0), p);
        f.ret(0);
    }

    private long register(long function, long argument, boolean takesArgument) {
        exitHandlers.push(new ExitHandler(function, argument, takesArgument));
        return 0;
    }

    /** exit(3): atexit handlers in reverse order of registration, then destructors and stdio, then the end. */
    public void exit(int status) {
        threadFinalizer.run();
        while (!exitHandlers.isEmpty()) {
            ExitHandler h = exitHandlers.pop();
            if (h.takesArgument()) {
                process.calls().call(h.function(), h.argument());
            } else {
                process.calls().call(h.function());
            }
        }
        beforeExit.run();
        process.control().exit(status);
    }

    private void strtol(CallFrame f, boolean signed) {
        long s = f.ptr(0);
        if (!NumberParsing.validBase(f.i32(2))) {
            process.setErrno(Errno.EINVAL);
            if (f.ptr(1) != 0) process.memory().writeLong(f.ptr(1), s);
            f.ret(0);
            return;
        }
        NumberParsing.Result r = NumberParsing.parseLong(process.memory().readCString(s), f.i32(2), signed);
        if (r.overflow()) process.setErrno(Errno.ERANGE);
        if (f.ptr(1) != 0) process.memory().writeLong(f.ptr(1), s + r.consumedBytes());
        f.ret(r.value());
    }

    /** strtod/strtof/strtold: each rounds the literal once, to its own precision; ERANGE on overflow/underflow. */
    private void strtod(CallFrame f, Precision precision) {
        long s = f.ptr(0);
        NumberParsing.DoubleResult r = NumberParsing.parseDouble(process.memory().readCString(s));
        if (f.ptr(1) != 0) process.memory().writeLong(f.ptr(1), s + r.consumedBytes());
        int errno = NumberParsing.returnFloating(f, r.literal().isEmpty() ? "0" : r.literal(), precision);
        if (errno != 0) process.setErrno(errno);
    }

}
