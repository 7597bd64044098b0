package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.SyscallTable;

/**
 * sys/ioctl.h's {@code ioctl(int fd, int request, ...)}: bionic's wrapper around the kernel's ioctl syscall (number 29
 * on arm64), passing the one variadic argument through. What each request does on each kind of file is the
 * syscall row's business.
 */
public final class IoctlFunction implements LibrarySection {
    private static final int NR_IOCTL = 29;

    private final GuestProcess process;
    private final SyscallTable syscalls;

    public IoctlFunction(GuestProcess process, SyscallTable syscalls) {
        this.process = process;
        this.syscalls = syscalls;
    }

    @Override
    public void declare(LibraryTable t) {
        // fd in x0, request in x1, the argument (variadic, so still in x2) are exactly the syscall's registers.
        t.function("ioctl", Support.full("the kernel's ioctl syscall; its row says which requests are answered"),
                f -> f.ret(process.libcResult(syscalls.invoke(NR_IOCTL, f))));
    }
}
