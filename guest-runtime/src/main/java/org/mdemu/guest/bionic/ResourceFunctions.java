package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.ProcessResources;

/** sys/resource.h, sys/sysinfo.h, sys/prctl.h and sched.h's CPU queries over the kernel's process accounting. */
public final class ResourceFunctions implements LibrarySection {
    private final GuestProcess process;
    private final ProcessResources resources;

    public ResourceFunctions(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.resources = kernel == null ? null : kernel.resources();
    }

    private long libc(long kernelResult) {
        return process.libcResult(kernelResult);
    }

    @Override
    public void declare(LibraryTable t) {
        for (String suffix : new String[] {"", "64"}) {
            t.function("getrlimit" + suffix, f -> f.ret(libc(resources.getrlimit(f.i32(0), f.ptr(1)))));
            t.function("setrlimit" + suffix, f -> f.ret(libc(resources.setrlimit(f.i32(0), f.ptr(1)))));
            t.function("prlimit" + suffix, f -> f.ret(libc(resources.prlimit(f.i32(0), f.i32(1), f.ptr(2), f.ptr(3)))));
        }
        t.function("getrusage", Support.full("CPU time is the host thread's time running the guest"),
                f -> f.ret(libc(resources.getrusage(f.i32(0), f.ptr(1)))));
        t.function("sysinfo", f -> f.ret(libc(resources.sysinfo(f.ptr(0)))));
        t.function("prctl", Support.partial("PR_SET_NAME, PR_GET_NAME, PR_SET_VMA anonymous names; others EINVAL"),
                f -> f.ret(libc(resources.prctl(f.i32(0), f.i64(1), f.i64(2), f.i64(3), f.i64(4)))));
        t.function("sched_getcpu", f -> {
            long cpu = process.heap().malloc(8);
            long r = resources.getcpu(cpu, 0);
            f.ret(Errno.isError(r) ? libc(r) : process.memory().readInt(cpu));
            process.heap().free(cpu);
        });
        t.function("sched_getaffinity", this::schedGetaffinity);
        t.function("__sched_cpucount", this::cpuCount);
        t.function("get_nprocs", f -> f.ret(resources.cpus()));
        t.function("get_nprocs_conf", f -> f.ret(resources.cpus()));
        t.function("get_phys_pages", f -> f.ret(resources.memoryLimit() / 4096));
        t.function("get_avphys_pages", f -> f.ret(Math.max(0,
                resources.memoryLimit() - (process.mm() == null ? 0 : process.mm().mappedBytes())) / 4096));
    }

    /** bionic's wrapper: 0 on success, the bytes past what the kernel wrote cleared. */
    private void schedGetaffinity(CallFrame f) {
        long size = f.i64(1), set = f.ptr(2);
        long r = resources.schedGetaffinity(f.i32(0), size, set);
        if (Errno.isError(r)) {
            f.ret(libc(r));
            return;
        }
        if (Long.compareUnsigned(size, r) > 0) {
            long rest = size - r;
            process.memory().check(set + r, rest < 0 ? Long.MAX_VALUE : rest, org.mdemu.guest.machine.Prot.WRITE);
            byte[] zeros = new byte[(int) Math.min(rest, 1 << 16)];
            for (long done = 0; done < rest; done += zeros.length) {
                process.memory().write(set + r + done, zeros, 0, (int) Math.min(zeros.length, rest - done));
            }
        }
        f.ret(0);
    }

    /** __sched_cpucount(setsize, set), behind CPU_COUNT. */
    private void cpuCount(CallFrame f) {
        long size = f.i64(0), set = f.ptr(1);
        process.memory().check(set, size < 0 ? Long.MAX_VALUE : size, org.mdemu.guest.machine.Prot.READ);
        int count = 0;
        for (long done = 0; Long.compareUnsigned(done, size) < 0; done += 1 << 16) {
            int n = (int) Math.min(1 << 16, size - done);
            for (byte b : process.memory().read(set + done, n)) count += Integer.bitCount(b & 0xff);
        }
        f.ret(count);
    }
}
