package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;

/**
 * poll.h, sys/select.h and sys/epoll.h: waiting for descriptors to become ready. Each function calls the kernel
 * method its system call row calls; a waiting thread lets the others run.
 */
public final class PollFunctions extends IoSection {

    public PollFunctions(GuestProcess process, LinuxKernel kernel) {
        super(process, kernel);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("poll", f -> f.ret(libc(io().poll(f.ptr(0), f.i64(1), io().deadlineFromMillis(f.i32(2))))));
        t.function("ppoll", f -> f.ret(libc(io().withSignalMask(f.ptr(3), 8,
                () -> io().poll(f.ptr(0), f.i64(1), io().deadlineFromTimespec(f.ptr(2)))))));
        t.function("select", f -> f.ret(libc(io().selectWithTimeval(f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4)))));
        t.function("pselect", f -> f.ret(libc(io().withSignalMask(f.ptr(5), 8,
                () -> io().select(f.i32(0), f.ptr(1), f.ptr(2), f.ptr(3), io().deadlineFromTimespec(f.ptr(4)))))));
        t.function("epoll_create", f -> f.ret(libc(f.i32(0) <= 0 ? -Errno.EINVAL : io().epollCreate1(0))));
        t.function("epoll_create1", f -> f.ret(libc(io().epollCreate1(f.i32(0)))));
        t.function("epoll_ctl", f -> f.ret(libc(io().epollCtl(f.i32(0), f.i32(1), f.i32(2), f.ptr(3)))));
        t.function("epoll_wait", Support.full(SyscallTable.EPOLL_NOTE),
                f -> f.ret(libc(io().epollWait(f.i32(0), f.ptr(1), f.i32(2), io().deadlineFromMillis(f.i32(3))))));
        t.function("epoll_pwait", Support.full(SyscallTable.EPOLL_NOTE),
                f -> f.ret(libc(io().withSignalMask(f.ptr(4), 8,
                        () -> io().epollWait(f.i32(0), f.ptr(1), f.i32(2), io().deadlineFromMillis(f.i32(3)))))));
    }
}
