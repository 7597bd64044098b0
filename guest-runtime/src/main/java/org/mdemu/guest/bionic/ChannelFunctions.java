package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;

/**
 * unistd.h pipes, sys/eventfd.h, sys/timerfd.h and the sys/socket.h calls on socket pairs: descriptors that other
 * threads write to and read from. Each function calls the kernel method its system call row calls.
 */
public final class ChannelFunctions extends IoSection {
    private static final String PAIRS_ONLY = "socket pairs only; MSG_DONTWAIT honoured, other flags ignored";

    public ChannelFunctions(GuestProcess process, LinuxKernel kernel) {
        super(process, kernel);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("pipe", f -> f.ret(libc(io().pipe2(f.ptr(0), 0))));
        t.function("pipe2", f -> f.ret(libc(io().pipe2(f.ptr(0), f.i32(1)))));
        t.function("eventfd", f -> f.ret(libc(io().eventfd2(f.u32(0), f.i32(1)))));
        // eventfd_t is a uint64_t; both return 0 or -1 with errno.
        t.function("eventfd_read", f -> f.ret(libc(Math.min(0, kernel.read(f.i32(0), f.ptr(1), 8)))));
        t.function("eventfd_write", f -> {
            long scratch = process.heap().malloc(8);
            process.memory().writeLong(scratch, f.i64(1));
            long r = kernel.write(f.i32(0), scratch, 8);
            process.heap().free(scratch);
            f.ret(libc(Math.min(0, r)));
        });
        t.function("socketpair", Support.partial(SyscallTable.SOCKETPAIR_NOTE),
                f -> f.ret(libc(io().socketpair(f.i32(0), f.i32(1), f.i32(2), f.ptr(3)))));
        t.function("shutdown", f -> f.ret(libc(io().shutdown(f.i32(0), f.i32(1)))));
        t.function("send", Support.partial(PAIRS_ONLY),
                f -> f.ret(libc(io().sendto(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), 0))));
        t.function("sendto", Support.partial(PAIRS_ONLY),
                f -> f.ret(libc(io().sendto(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), f.ptr(4)))));
        t.function("recv", Support.partial(PAIRS_ONLY),
                f -> f.ret(libc(io().recvfrom(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), 0, 0))));
        t.function("recvfrom", Support.partial(PAIRS_ONLY),
                f -> f.ret(libc(io().recvfrom(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), f.ptr(4), f.ptr(5)))));
        t.function("sendmsg", Support.partial(SyscallTable.MSG_NOTE),
                f -> f.ret(libc(io().sendmsg(f.i32(0), f.ptr(1), f.i32(2)))));
        t.function("recvmsg", Support.partial(SyscallTable.MSG_NOTE),
                f -> f.ret(libc(io().recvmsg(f.i32(0), f.ptr(1), f.i32(2)))));
        t.function("timerfd_create", f -> f.ret(libc(io().timerfdCreate(f.i32(0), f.i32(1)))));
        t.function("timerfd_settime", f -> f.ret(libc(io().timerfdSettime(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3)))));
        t.function("timerfd_gettime", f -> f.ret(libc(io().timerfdGettime(f.i32(0), f.ptr(1)))));
    }
}
