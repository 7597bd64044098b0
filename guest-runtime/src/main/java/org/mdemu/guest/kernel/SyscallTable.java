package org.mdemu.guest.kernel;

import java.util.ArrayList;
import java.util.List;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.Support;

/**
 * The arm64 Linux syscall table, as data: number, name, handler, support status. Numbers are the generic
 * (asm-generic/unistd.h) ones arm64 uses. Numbers without a row answer ENOSYS.
 */
public final class SyscallTable {
    @FunctionalInterface
    public interface SyscallHandler {
        long call(CallFrame f);
    }

    public record Syscall(int number, String name, SyscallHandler handler, Support support) {}

    private final Syscall[] byNumber = new Syscall[512];

    public SyscallTable(LinuxKernel k, ThreadSyscalls t) {
        add(56, "openat", f -> k.openat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)));
        add(57, "close", f -> k.close(f.i32(0)));
        add(62, "lseek", f -> k.lseek(f.i32(0), f.i64(1), f.i32(2)));
        add(63, "read", f -> k.read(f.i32(0), f.ptr(1), f.i64(2)));
        add(64, "write", f -> k.write(f.i32(0), f.ptr(1), f.i64(2)));
        add(66, "writev", f -> k.writev(f.i32(0), f.ptr(1), f.i32(2)));
        add(67, "pread64", f -> k.pread(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)));
        add(80, "fstat", f -> k.fstat(f.i32(0), f.ptr(1)));
        add(93, "exit", f -> t.exitThread());
        add(94, "exit_group", f -> k.exitGroup(f.i32(0)));
        add(96, "set_tid_address", f -> t.setTidAddress(f.ptr(0)));
        add(98, "futex", Support.full("WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET, private and shared alike;"
                + " WAKE_OP and the PI operations answer ENOSYS"),
                f -> t.futex(f.ptr(0), f.i32(1), f.i32(2), f.ptr(3), f.ptr(4), f.i32(5)));
        add(101, "nanosleep", f -> t.nanosleep(f.ptr(0)));
        add(113, "clock_gettime", f -> k.clockGettime(f.i32(0), f.ptr(1)));
        add(124, "sched_yield", f -> t.schedYield());
        add(134, "rt_sigaction", Support.partial("accepted and ignored: no signal delivery yet"), f -> 0);
        add(135, "rt_sigprocmask", Support.partial("accepted and ignored: no signal delivery yet"), f -> 0);
        add(160, "uname", f -> k.uname(f.ptr(0)));
        add(172, "getpid", f -> k.getpid());
        add(173, "getppid", f -> 0);
        add(174, "getuid", f -> 0);
        add(175, "geteuid", f -> 0);
        add(176, "getgid", f -> 0);
        add(177, "getegid", f -> 0);
        add(178, "gettid", f -> t.gettid());
        add(214, "brk", Support.partial("never grows: bionic's allocator does not use brk"), f -> 0);
        add(215, "munmap", f -> k.munmap(f.ptr(0), f.i64(1)));
        add(222, "mmap", Support.partial("anonymous mappings only"),
                f -> k.mmap(f.ptr(0), f.i64(1), f.i32(2), f.i32(3), f.i32(4), f.i64(5)));
        add(220, "clone", Support.partial("threads only (CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD);"
                + " a new process (fork) answers ENOSYS: Microdroid runs one payload process"),
                f -> t.clone(f.i64(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4)));
        add(226, "mprotect", f -> k.mprotect(f.ptr(0), f.i64(1), f.i32(2)));
        add(233, "madvise", Support.partial("accepted, no effect"), f -> 0);
        add(278, "getrandom", f -> k.getrandom(f.ptr(0), f.i64(1)));
        for (Object[] u : new Object[][] {{221, "execve"}, {129, "kill"},
                {131, "tgkill"}, {198, "socket"}, {203, "connect"}, {73, "ppoll"}, {20, "epoll_create1"}, {59, "pipe2"}}) {
            add((Integer) u[0], (String) u[1], Support.unsupported("returns ENOSYS"), f -> -Errno.ENOSYS);
        }
    }

    private void add(int number, String name, SyscallHandler handler) {
        add(number, name, Support.FULL, handler);
    }

    private void add(int number, String name, Support support, SyscallHandler handler) {
        byNumber[number] = new Syscall(number, name, handler, support);
    }

    /** The row for number, or null. */
    public Syscall entry(int number) {
        return number >= 0 && number < byNumber.length ? byNumber[number] : null;
    }

    /** Runs the syscall; unknown numbers answer -ENOSYS. */
    public long invoke(int number, CallFrame frame) {
        Syscall s = entry(number);
        return s == null ? -Errno.ENOSYS : s.handler().call(frame);
    }

    public List<Syscall> rows() {
        List<Syscall> rows = new ArrayList<>();
        for (Syscall s : byNumber) if (s != null) rows.add(s);
        return rows;
    }
}
