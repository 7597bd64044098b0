package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileTable;

/**
 * poll.h: poll and ppoll over the descriptor table. Every kind of open file this guest has (regular files,
 * directories, devices, the console) has no readiness of its own, so Linux reports them as it does files without a
 * poll operation: always readable and writable. {@code struct pollfd} is {int fd; short events; short revents}.
 */
public final class PollFunctions implements LibrarySection {
    public static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10,
            POLLNVAL = 0x20, POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    /** The kernel's DEFAULT_POLLMASK: what a file without its own poll operation reports. */
    static final int ALWAYS_READY = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    private static final int POLLFD_SIZE = 8, OPEN_MAX = 1024;

    private final GuestProcess process;
    private final FileTable files;

    public PollFunctions(GuestProcess process, FileTable files) {
        this.process = process;
        this.files = files;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("poll", f -> {
            int timeoutMs = f.i32(2);
            f.ret(poll(f.ptr(0), f.i64(1), timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L));
        });
        t.function("ppoll", Support.partial("the signal mask argument is ignored: no signal delivery yet"), this::ppoll);
    }

    private void ppoll(CallFrame f) {
        long ts = f.ptr(2);
        long timeoutNanos = -1;
        if (ts != 0) {
            long sec = mem().readLong(ts), nsec = mem().readLong(ts + 8);
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                f.ret(process.libcResult(-Errno.EINVAL));
                return;
            }
            timeoutNanos = sec > 9_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + nsec;
        }
        f.ret(poll(f.ptr(0), f.i64(1), timeoutNanos));
    }

    /** Fills every revents and returns how many are non-zero; waits out the timeout (-1: forever) if none is. */
    private long poll(long fds, long count, long timeoutNanos) {
        if (count < 0 || count > OPEN_MAX) return process.libcResult(-Errno.EINVAL);
        int ready = scan(fds, (int) count);
        if (ready == 0 && timeoutNanos != 0) {
            // Readiness of this guest's files never changes, so nothing can end the wait before its time.
            var threads = process.threads();
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE - 1 : threads.clock().deadlineAfter(0, timeoutNanos);
            threads.scheduler().sleepUntil(process.currentThread(), deadline);
        }
        return ready;
    }

    int scan(long fds, int count) {
        int ready = 0;
        for (int i = 0; i < count; i++) {
            long entry = fds + (long) i * POLLFD_SIZE;
            int fd = mem().readInt(entry);
            int events = mem().readShort(entry + 4) & 0xffff;
            int revents = fd < 0 ? 0 : files.get(fd) == null ? POLLNVAL : ALWAYS_READY & (events | POLLERR | POLLHUP);
            mem().writeShort(entry + 6, (short) revents);
            if (revents != 0) ready++;
        }
        return ready;
    }

    private GuestMemory mem() {
        return process.memory();
    }
}
