package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SocketCalls;
import org.mdemu.guest.kernel.SyscallTable;

/**
 * unistd.h pipes, sys/eventfd.h, sys/timerfd.h and the sys/socket.h calls (socket pairs, AF_VSOCK sockets): descriptors that other
 * threads write to and read from. Each function calls the kernel method its system call row calls.
 */
public final class ChannelFunctions extends IoSection {

    public ChannelFunctions(GuestProcess process, LinuxKernel kernel) {
        super(process, kernel);
    }

    private SocketCalls sockets() {
        return kernel.sockets();
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
        t.function("socket", Support.partial(SyscallTable.SOCKET_NOTE),
                f -> f.ret(libc(sockets().socket(f.i32(0), f.i32(1), f.i32(2)))));
        t.function("bind", Support.partial(SyscallTable.BIND_NOTE),
                f -> f.ret(libc(sockets().bind(f.i32(0), f.ptr(1), f.u32(2)))));
        t.function("listen", f -> f.ret(libc(sockets().listen(f.i32(0), f.i32(1)))));
        t.function("accept", Support.partial(SyscallTable.ACCEPT_NOTE),
                f -> f.ret(libc(sockets().accept4(f.i32(0), f.ptr(1), f.ptr(2), 0))));
        t.function("accept4", Support.partial(SyscallTable.ACCEPT_NOTE),
                f -> f.ret(libc(sockets().accept4(f.i32(0), f.ptr(1), f.ptr(2), f.i32(3)))));
        t.function("connect", Support.partial(SyscallTable.CONNECT_NOTE),
                f -> f.ret(libc(sockets().connect(f.i32(0), f.ptr(1), f.u32(2)))));
        t.function("getsockname", f -> f.ret(libc(sockets().getsockname(f.i32(0), f.ptr(1), f.ptr(2)))));
        t.function("getpeername", f -> f.ret(libc(sockets().getpeername(f.i32(0), f.ptr(1), f.ptr(2)))));
        t.function("setsockopt", Support.partial(SyscallTable.SOCKOPT_NOTE),
                f -> f.ret(libc(sockets().setsockopt(f.i32(0), f.i32(1), f.i32(2), f.ptr(3), f.u32(4)))));
        t.function("getsockopt", Support.partial(SyscallTable.SOCKOPT_NOTE),
                f -> f.ret(libc(sockets().getsockopt(f.i32(0), f.i32(1), f.i32(2), f.ptr(3), f.ptr(4)))));
        t.function("send", Support.partial(SyscallTable.SEND_RECV_NOTE),
                f -> f.ret(libc(io().sendto(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), 0))));
        t.function("sendto", Support.partial(SyscallTable.SEND_RECV_NOTE),
                f -> f.ret(libc(io().sendto(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), f.ptr(4)))));
        t.function("recv", Support.partial(SyscallTable.SEND_RECV_NOTE),
                f -> f.ret(libc(io().recvfrom(f.i32(0), f.ptr(1), f.i64(2), f.i32(3), 0, 0))));
        t.function("recvfrom", Support.partial(SyscallTable.SEND_RECV_NOTE),
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
