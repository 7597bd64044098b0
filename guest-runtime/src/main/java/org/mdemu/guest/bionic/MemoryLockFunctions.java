package org.mdemu.guest.bionic;

import java.util.Comparator;
import java.util.List;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;

/**
 * sys/mman.h memory locking: mlock, mlock2, munlock, mlockall, munlockall. Guest pages never leave the emulator's
 * memory, so every page is already resident and locked; what remains of the kernel's behaviour is its argument
 * checks: the range is widened to whole pages and must be mapped throughout (ENOMEM otherwise), flags are checked
 * (EINVAL). The payload runs as root, so RLIMIT_MEMLOCK never applies.
 */
public final class MemoryLockFunctions implements LibrarySection {
    public static final int MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;
    public static final int MLOCK_ONFAULT = 1;
    private static final long PAGE = GuestMemory.PAGE_SIZE;
    private static final Support RESIDENT = Support.full("guest pages are always resident; the range is checked");

    private final GuestProcess process;

    public MemoryLockFunctions(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("mlock", RESIDENT, f -> f.ret(libc(checkRange(f.ptr(0), f.i64(1)))));
        t.function("munlock", RESIDENT, f -> f.ret(libc(checkRange(f.ptr(0), f.i64(1)))));
        t.function("mlock2", "LIBC_R", RESIDENT, this::mlock2);
        t.function("mlockall", Support.full("guest pages are always resident"), f -> f.ret(libc(mlockall(f.i32(0)))));
        t.function("munlockall", f -> f.ret(0));
    }

    private void mlock2(CallFrame f) {
        int flags = f.i32(2);
        f.ret(libc((flags & ~MLOCK_ONFAULT) != 0 ? -Errno.EINVAL : checkRange(f.ptr(0), f.i64(1))));
    }

    private static long mlockall(int flags) {
        boolean valid = flags != 0 && (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) == 0 && flags != MCL_ONFAULT;
        return valid ? 0 : -Errno.EINVAL;
    }

    /**
     * The kernel's check for [address, address + length): widened to page boundaries, empty is fine, a range that
     * wraps is EINVAL, and any page not covered by a mapping is ENOMEM.
     */
    long checkRange(long address, long length) {
        long start = address & -PAGE;
        long end = address + length + PAGE - 1;
        if (Long.compareUnsigned(end, address) < 0 && length != 0) return -Errno.EINVAL;
        end &= -PAGE;
        if (length == 0 || end == start) return 0;
        List<MemoryManager.Mapping> mappings = process.mm().mappings().stream()
                .sorted(Comparator.comparingLong(MemoryManager.Mapping::start)).toList();
        long covered = start;
        for (MemoryManager.Mapping m : mappings) {
            if (m.end() <= covered) continue;
            if (m.start() > covered) break;
            covered = m.end();
            if (Long.compareUnsigned(covered, end) >= 0) return 0;
        }
        return -Errno.ENOMEM;
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }
}
