package org.mdemu.guest.bionic;

import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.SyscallTable;
import org.mdemu.guest.vfs.FileTable;

/**
 * unistd.h, fcntl.h, time.h, sys/mman.h wrappers over the kernel, plus errno, syscall(), sysconf, getauxval and
 * system properties. Wrappers follow bionic: -1 and errno on failure.
 */
public final class SystemFunctions implements LibrarySection {
    public static final int PROP_VALUE_MAX = 92;
    private static final long AT_HWCAP = 16, AT_PAGESZ = 6, AT_HWCAP2 = 26, AT_SECURE = 23;

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final SyscallTable syscalls;
    private final FileTable files;
    private final long hwcap;
    private final int cpus;
    private final Map<String, String> properties;
    private long stackGuardValue;
    private final long startNanos = System.nanoTime();

    public SystemFunctions(GuestProcess process, LinuxKernel kernel, SyscallTable syscalls, FileTable files,
                           long hwcap, int cpus, Map<String, String> properties) {
        this.process = process;
        this.kernel = kernel;
        this.syscalls = syscalls;
        this.files = files;
        this.hwcap = hwcap;
        this.cpus = cpus;
        this.properties = properties;
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("__errno", f -> f.ret(process.currentThread().errnoAddress()));
        t.data("__stack_chk_guard", "LIBC", 8, 8, Support.FULL, address -> {
            stackGuardValue = new java.security.SecureRandom().nextLong() & ~0xffL; // low byte 0 stops string overruns
            process.memory().writeLong(address, stackGuardValue);
        });
        t.function("read", f -> f.ret(libc(kernel.read(f.i32(0), f.ptr(1), f.i64(2)))));
        t.function("write", f -> f.ret(libc(kernel.write(f.i32(0), f.ptr(1), f.i64(2)))));
        t.function("pread64", f -> f.ret(libc(kernel.pread(f.i32(0), f.ptr(1), f.i64(2), f.i64(3)))));
        t.function("writev", f -> f.ret(libc(kernel.writev(f.i32(0), f.ptr(1), f.i32(2)))));
        t.function("open", f -> f.ret(libc(kernel.openat(-100, f.ptr(0), f.i32(1), f.i32(2)))));
        t.function("openat", f -> f.ret(libc(kernel.openat(f.i32(0), f.ptr(1), f.i32(2), f.i32(3)))));
        t.function("__open_2", f -> f.ret(libc(kernel.openat(-100, f.ptr(0), f.i32(1), 0))));
        t.function("close", f -> f.ret(libc(kernel.close(f.i32(0)))));
        t.function("lseek", f -> f.ret(libc(kernel.lseek(f.i32(0), f.i64(1), f.i32(2)))));
        t.function("fstat", f -> f.ret(libc(kernel.fstat(f.i32(0), f.ptr(1)))));
        t.function("stat", f -> f.ret(libc(kernel.stat(f.ptr(0), f.ptr(1)))));
        t.function("lstat", Support.partial("no symlinks exist, so same as stat"), f -> f.ret(libc(kernel.stat(f.ptr(0), f.ptr(1)))));
        t.function("access", f -> f.ret(libc(files.access(f.cstr(0)))));
        t.function("unlink", f -> f.ret(libc(files.unlink(f.cstr(0)))));
        t.function("mkdir", f -> f.ret(libc(files.mkdir(f.cstr(0)))));
        t.function("dup", f -> f.ret(libc(files.dup(f.i32(0)))));
        t.function("fsync", f -> f.ret(libc(files.fsync(f.i32(0)))));
        t.function("getcwd", this::getcwd);
        t.function("isatty", f -> f.ret(0));
        t.function("mmap", Support.partial("anonymous mappings only"),
                f -> f.ret(libc(kernel.mmap(f.ptr(0), f.i64(1), f.i32(2), f.i32(3), f.i32(4), f.i64(5)))));
        t.function("munmap", f -> f.ret(libc(kernel.munmap(f.ptr(0), f.i64(1)))));
        t.function("mprotect", f -> f.ret(libc(kernel.mprotect(f.ptr(0), f.i64(1), f.i32(2)))));
        t.function("madvise", Support.partial("accepted, no effect"), f -> f.ret(0));
        t.function("getpid", f -> f.ret(kernel.getpid()));
        t.function("gettid", f -> f.ret(kernel.gettid()));
        t.function("getuid", f -> f.ret(0));
        t.function("geteuid", f -> f.ret(0));
        t.function("getgid", f -> f.ret(0));
        t.function("getegid", f -> f.ret(0));
        t.function("clock_gettime", f -> f.ret(libc(kernel.clockGettime(f.i32(0), f.ptr(1)))));
        t.function("gettimeofday", this::gettimeofday);
        t.function("time", this::time);
        t.function("clock", Support.partial("process CPU time approximated by time since the VM started"),
                f -> f.ret((System.nanoTime() - startNanos) / 1000));
        t.function("nanosleep", f -> f.ret(libc(kernel.nanosleep(f.ptr(0)))));
        t.function("usleep", f -> sleepMicros(f.i64(0) & 0xffffffffL, f));
        t.function("sleep", f -> sleepMicros((f.i64(0) & 0xffffffffL) * 1_000_000, f));
        t.function("uname", f -> f.ret(libc(kernel.uname(f.ptr(0)))));
        t.function("getrandom", "LIBC_P", Support.FULL, f -> f.ret(libc(kernel.getrandom(f.ptr(0), f.i64(1)))));
        t.function("getentropy", "LIBC_P", Support.FULL, f -> f.ret(f.i64(1) > 256 ? libc(-5) : libc(Math.min(0, kernel.getrandom(f.ptr(0), f.i64(1))))));
        t.function("syscall", this::syscall);
        t.function("sysconf", f -> f.ret(sysconf(f.i32(0))));
        t.function("getpagesize", f -> f.ret(4096));
        t.function("getauxval", "LIBC", Support.full("AT_HWCAP, AT_HWCAP2, AT_PAGESZ, AT_SECURE"), f -> f.ret(getauxval(f.i64(0))));
        t.function("strerror", this::strerror);
        t.function("__system_property_get", this::propertyGet);
    }

    private void getcwd(CallFrame f) {
        String cwd = files.cwd();
        long size = f.i64(1);
        if (cwd.length() + 1 > size) {
            process.setErrno(org.mdemu.guest.kernel.Errno.ERANGE);
            f.ret(0);
            return;
        }
        process.memory().writeCString(f.ptr(0), cwd);
        f.ret(f.ptr(0));
    }

    private void gettimeofday(CallFrame f) {
        long tv = f.ptr(0);
        if (tv != 0) {
            java.time.Instant now = java.time.Instant.now();
            process.memory().writeLong(tv, now.getEpochSecond());
            process.memory().writeLong(tv + 8, now.getNano() / 1000);
        }
        f.ret(0);
    }

    private void time(CallFrame f) {
        long now = java.time.Instant.now().getEpochSecond();
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
            case 0x62 -> process.mm() == null ? 0 : 65536; // _SC_PHYS_PAGES
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

    private void propertyGet(CallFrame f) {
        String value = properties.getOrDefault(f.cstr(0), "");
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = Math.min(b.length, PROP_VALUE_MAX - 1);
        byte[] z = java.util.Arrays.copyOf(b, n + 1);
        process.memory().write(f.ptr(1), z);
        f.ret(n);
    }
}
