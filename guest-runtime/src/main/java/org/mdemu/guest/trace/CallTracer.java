package org.mdemu.guest.trace;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.mdemu.guest.abi.CallFrame;

/**
 * Writes one strace-style line per traced call, e.g.
 * {@code 1042/1045 0.183211 openat(AT_FDCWD, "/mnt/apk/assets/x", O_RDONLY|O_CLOEXEC) = 3}: process and thread
 * id, seconds since boot on the guest's clock, the table row's name with its decoded arguments, and the result (a
 * system call's error as -1 and the errno name, as strace shows it). The executor calls it at its two dispatch
 * points, the system call table and the trap gate's rows; when tracing is off there is no tracer and the trap path
 * pays one null check.
 */
public final class CallTracer {
    private final Set<TraceCategory> categories;
    private final Consumer<String> sink;
    private final LongSupplier nanosSinceBoot;
    private final int pid;

    public CallTracer(Set<TraceCategory> categories, Consumer<String> sink, LongSupplier nanosSinceBoot, int pid) {
        this.categories = Set.copyOf(categories);
        this.sink = sink;
        this.nanosSinceBoot = nanosSinceBoot;
        this.pid = pid;
    }

    /** Whether a system call of that name is traced. */
    public boolean tracesSyscall(String name) {
        return categories.contains(TraceCategory.SYSCALLS) || (categories.contains(TraceCategory.VSOCK) && isSocketCall(name));
    }

    /** Whether a row of that library (soname) and name is traced. */
    public boolean tracesFunction(String library, String name) {
        if (library.equals("libbinder_ndk.so")) return categories.contains(TraceCategory.BINDER);
        return categories.contains(TraceCategory.LIBC) || (categories.contains(TraceCategory.VSOCK) && isSocketCall(name));
    }

    private static boolean isSocketCall(String name) {
        return switch (name) {
            case "socket", "bind", "listen", "accept", "accept4", "connect", "send", "sendto", "sendmsg", "recv",
                 "recvfrom", "recvmsg", "shutdown", "getsockopt", "setsockopt", "getsockname", "getpeername" -> true;
            default -> false;
        };
    }

    /** The arguments of the call about to run, decoded before the handler changes x0. */
    public String arguments(String name, CallFrame frame) {
        return ArgumentDecoder.decode(name, frame, 0);
    }

    /** The arguments of libc's syscall(number, ...): those after the number. */
    public String syscallArguments(String name, CallFrame frame) {
        return ArgumentDecoder.decode(name, frame, 1);
    }

    /** A system call returned value (negative: -errno). */
    public void syscall(int tid, String name, String arguments, long value) {
        String result = value < 0 && value >= -4095
                ? "-1 " + ArgumentDecoder.errno((int) -value) : Long.toString(value);
        emit(tid, name, arguments, result);
    }

    /** A library row returned x0. */
    public void function(int tid, String name, String arguments, long x0) {
        String result = x0 >= -4096 && x0 <= 0xffff ? Long.toString(x0) : "0x" + Long.toHexString(x0);
        emit(tid, name, arguments, result);
    }

    /** A call that ends the thread or process, or one that blocked and goes on later: its line has no result yet. */
    public void unfinished(int tid, String name, String arguments) {
        emit(tid, name, arguments, null);
    }

    private void emit(int tid, String name, String arguments, String result) {
        long nanos = nanosSinceBoot.getAsLong();
        StringBuilder line = new StringBuilder(64 + arguments.length());
        line.append(pid).append('/').append(tid).append(' ').append(nanos / 1_000_000_000L).append('.')
                .append(String.format("%06d", (nanos / 1000) % 1_000_000)).append(' ').append(name).append('(')
                .append(arguments).append(')');
        line.append(result == null ? " <unfinished ...>" : " = " + result);
        sink.accept(line.toString());
    }
}
