package org.mdemu.guest.bionic;

import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;

/**
 * Process-level unistd.h and time.h wrappers over the kernel, plus errno, syscall(), sysconf and getauxval. Wrappers follow bionic: -1 and errno on failure.
 */
public final class SystemFunctions implements LibrarySection {
    private static final long AT_HWCAP = 16, AT_PAGESZ = 6, AT_HWCAP2 = 26, AT_SECURE = 23;

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final SyscallTable syscalls;
    private final long hwcap;
    private final int cpus;
    private long stackGuardValue;

    public SystemFunctions(GuestProcess process, LinuxKernel kernel, SyscallTable syscalls, long hwcap, int cpus) {
        this.process = process;
        this.kernel = kernel;
        this.syscalls = syscalls;
        this.hwcap = hwcap;
        this.cpus = cpus;
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__errno", f -> f.ret(process.currentThread().errnoAddress()));
        t.data("__stack_chk_guard", "LIBC", 8, 8, Support.FULL, address -> {
            stackGuardValue = kernel.random().nextLong() & ~0xffL; // low byte 0 stops string overruns
            process.memory().writeLong(address, stackGuardValue);
        });
        t.function("getpid", f -> f.ret(kernel.getpid()));
        t.function("gettid", f -> f.ret(kernel.gettid()));
        t.function("getuid", f -> f.ret(0));
        t.function("geteuid", f -> f.ret(0));
        t.function("getgid", f -> f.ret(0));
        t.function("getegid", f -> f.ret(0));
        t.function("clock_gettime", f -> f.ret(libc(kernel.clockGettime(f.i32(0), f.ptr(1)))));
        t.function("gettimeofday", f -> f.ret(libc(kernel.gettimeofday(f.ptr(0), f.ptr(1)))));
        t.function("clock_getres", f -> f.ret(libc(kernel.clockGetres(f.i32(0), f.ptr(1)))));
        t.function("clock_nanosleep", f -> f.ret(-kernel.clockNanosleep(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3))));
        t.function("time", this::time);
        t.function("clock", Support.partial("process CPU time approximated by time since the VM started"),
                f -> f.ret(process.threads().clock().monotonicNanos() / 1000));
        t.function("nanosleep", f -> f.ret(libc(kernel.nanosleep(f.ptr(0)))));
        t.function("usleep", f -> sleepMicros(f.i64(0) & 0xffffffffL, f));
        t.function("sleep", f -> sleepMicros((f.i64(0) & 0xffffffffL) * 1_000_000, f));
        t.function("uname", f -> f.ret(libc(kernel.uname(f.ptr(0)))));
        t.function("getrandom", "LIBC_P", Support.FULL, f -> f.ret(libc(kernel.getrandom(f.ptr(0), f.i64(1)))));
        t.function("getentropy", "LIBC_P", Support.FULL, f -> f.ret(Long.compareUnsigned(f.i64(1), 256) > 0 ? libc(-5) : libc(Math.min(0, kernel.getrandom(f.ptr(0), f.i64(1))))));
        t.function("syscall", this::syscall);
        t.function("sysconf", f -> f.ret(sysconf(f.i32(0))));
        t.function("getpagesize", f -> f.ret(4096));
        t.function("getauxval", "LIBC", Support.full("AT_HWCAP, AT_HWCAP2, AT_PAGESZ, AT_SECURE"), f -> f.ret(getauxval(f.i64(0))));
        t.function("strerror", this::strerror);
    }

    private void time(CallFrame f) {
        long now = process.threads().clock().realtimeNanos() / 1_000_000_000L;
        if (f.ptr(0) != 0) process.memory().writeLong(f.ptr(0), now);
        f.ret(now);
    }

    private void sleepMicros(long micros, CallFrame f) {
        long ts = process.heap().malloc(16);
        process.memory().writeLong(ts, micros / 1_000_000);
        process.memory().writeLong(ts + 8, (micros % 1_000_000) * 1000);
        kernel.nanosleep(ts);
        process.heap().free(ts);
        f.ret(0);
    }

    /** syscall(number, ...): the arguments follow in x1..x6; the result is bionic's -1/errno convention. */
    private void syscall(CallFrame f) {
        org.mdemu.guest.machine.CpuRegisters r = f.registers();
        long[] saved = new long[7];
        for (int i = 0; i < 7; i++) saved[i] = r.x(i);
        int number = (int) saved[0];
        for (int i = 0; i < 6; i++) r.setX(i, saved[i + 1]);
        long result;
        try {
            result = syscalls.invoke(number, new CallFrame(r, process.memory()));
        } catch (org.mdemu.guest.abi.OutsideTrapRequired again) {
            for (int i = 0; i < 7; i++) r.setX(i, saved[i]); // the call is made again outside the trap, from scratch
            throw again;
        }
        f.ret(libc(result));
    }

    private long sysconf(int name) {
        return switch (name) {
            case 0x27, 0x28 -> 4096; // _SC_PAGESIZE, _SC_PAGE_SIZE
            case 0x60, 0x61 -> cpus; // _SC_NPROCESSORS_CONF, _SC_NPROCESSORS_ONLN
            case 0x6 -> 100; // _SC_CLK_TCK
            case 0x5 -> 1024; // _SC_OPEN_MAX
            case 0x62 -> kernel.resources().memoryLimit() / 4096; // _SC_PHYS_PAGES
            case 0x63 -> Math.max(0, kernel.resources().memoryLimit() - process.mm().mappedBytes()) / 4096; // _SC_AVPHYS_PAGES
            default -> {
                process.setErrno(org.mdemu.guest.kernel.Errno.EINVAL);
                yield -1;
            }
        };
    }

    private long getauxval(long type) {
        if (type == AT_HWCAP) return hwcap;
        if (type == AT_HWCAP2) return 0;
        if (type == AT_PAGESZ) return 4096;
        if (type == AT_SECURE) return 0;
        process.setErrno(org.mdemu.guest.kernel.Errno.ENOENT);
        return 0;
    }

    private final Map<Integer, Long> errorStrings = new java.util.HashMap<>();

    private void strerror(CallFrame f) {
        int errno = f.i32(0);
        f.ret(errorStrings.computeIfAbsent(errno, e -> {
            String text = ErrnoNames.describe(e);
            long p = process.heap().malloc(text.length() + 1L);
            process.memory().writeCString(p, text);
            return p;
        }));
    }
}
