package org.mdemu.guest.kernel;

import org.mdemu.guest.abi.GuestCalls;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The payload process as the guest kernel and libraries see it: one address space, one file table, one heap.
 * Library sections receive it at construction and reach every service through it.
 */
public interface GuestProcess {
    int pid();

    GuestMemory memory();

    MemoryManager mm();

    FileIo files();

    GuestHeap heap();

    GuestOutput output();

    GuestCalls calls();

    ProcessControl control();

    /** The process's threads: creation, exit, the scheduler and futexes. */
    ThreadControl threads();

    /** The thread whose call is being served (the one holding the CPU). */
    GuestThread currentThread();

    default void setErrno(int errno) {
        memory().writeInt(currentThread().errnoAddress(), errno);
    }

    /** Sets errno from a kernel-style result and returns the libc-style value (-1 on error, else the result). */
    default long libcResult(long kernelResult) {
        if (Errno.isError(kernelResult)) {
            setErrno((int) -kernelResult);
            return -1;
        }
        return kernelResult;
    }
}
