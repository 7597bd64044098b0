package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;

/** sys/mman.h over the kernel's address-space calls. */
public final class MemoryFunctions implements LibrarySection {
    private static final int POSIX_MADV_DONTNEED = 4;

    private final GuestProcess process;
    private final LinuxKernel kernel;

    public MemoryFunctions(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.kernel = kernel;
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        Support mmap = Support.full("anonymous, private file and shared file mappings; a shared one agrees with its file at every"
                + " system call");
        for (String name : new String[] {"mmap", "mmap64"}) {
            t.function(name, mmap, f -> f.ret(libc(kernel.mmap(f.ptr(0), f.i64(1), f.i32(2), f.i32(3), f.i32(4),
                    f.i64(5)))));
        }
        t.function("munmap", f -> f.ret(libc(kernel.munmap(f.ptr(0), f.i64(1)))));
        t.function("mprotect", f -> f.ret(libc(kernel.mprotect(f.ptr(0), f.i64(1), f.i32(2)))));
        t.function("mremap", f -> f.ret(libc(kernel.mremap(f.ptr(0), f.i64(1), f.i64(2), f.i32(3), f.ptr(4)))));
        t.function("madvise", Support.full(SyscallTable.MADVISE_NOTE),
                f -> f.ret(libc(kernel.madvise(f.ptr(0), f.i64(1), f.i32(2)))));
        // POSIX_MADV_DONTNEED is only a hint, so bionic never passes it on as the destructive MADV_DONTNEED.
        t.function("posix_madvise", f -> f.ret(f.i32(2) == POSIX_MADV_DONTNEED ? 0
                : -kernel.madvise(f.ptr(0), f.i64(1), f.i32(2))));
        t.function("msync", Support.full("memory is the backing store: checks the range"),
                f -> f.ret(libc(kernel.msync(f.ptr(0), f.i64(1), f.i32(2)))));
        t.function("mlock", Support.full("guest memory is always resident"),
                f -> f.ret(libc(kernel.mlock(f.ptr(0), f.i64(1)))));
        t.function("munlock", f -> f.ret(libc(kernel.mlock(f.ptr(0), f.i64(1)))));
        t.function("mlock2", "LIBC_R", Support.full("guest memory is always resident"),
                f -> f.ret(libc(kernel.mlock2(f.ptr(0), f.i64(1), f.i32(2)))));
        t.function("mlockall", Support.full("guest memory is always resident"), f -> f.ret(libc(kernel.mlockall(f.i32(0)))));
        t.function("munlockall", f -> f.ret(0));
    }
}
