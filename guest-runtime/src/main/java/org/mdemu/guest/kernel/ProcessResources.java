package org.mdemu.guest.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.vfs.FileTable;

/**
 * The process's resources as the kernel accounts them: resource limits, usage, system-wide memory figures, the
 * thread names prctl sets, and the CPUs it may run on. Results are values or {@code -errno}.
 */
public final class ProcessResources {
    public static final int RLIMIT_CPU = 0, RLIMIT_STACK = 3, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_AS = 9,
            RLIM_NLIMITS = 16;
    private static final int SIGKILL = 9, SIGXCPU = 24;
    public static final long RLIM_INFINITY = -1L;
    public static final int PR_SET_NAME = 15, PR_GET_NAME = 16, PR_SET_VMA = 0x53564d41, PR_SET_VMA_ANON_NAME = 0;
    public static final int SYSINFO_SIZE = 112, RUSAGE_SIZE = 144;
    /** The launcher's comm: "microdroid_launcher" cut to the kernel's 15 characters. */
    public static final String PROCESS_NAME = "microdroid_laun";
    private static final int TASK_COMM_LEN = 16;

    private final GuestProcess process;
    private final FileTable files;
    private final int cpus;
    private final long memoryLimit;
    private final long[][] limits = new long[RLIM_NLIMITS][];
    private final Map<Integer, String> threadNames = new ConcurrentHashMap<>();

    public ProcessResources(GuestProcess process, FileTable files, int cpus, long memoryLimit) {
        this.process = process;
        this.files = files;
        this.cpus = cpus;
        this.memoryLimit = memoryLimit;
        // Linux defaults for a process started by init: 8 MiB stack, 1024 open files, no core dumps.
        for (int r = 0; r < RLIM_NLIMITS; r++) limits[r] = new long[] {RLIM_INFINITY, RLIM_INFINITY};
        limits[RLIMIT_STACK] = new long[] {8L << 20, RLIM_INFINITY};
        limits[4] = new long[] {0, RLIM_INFINITY}; // RLIMIT_CORE
        limits[RLIMIT_NOFILE] = new long[] {1024, 4096};
        // fork_init: max_threads is what 1/8 of RAM holds at 16 KiB (arm64's THREAD_SIZE) each, at least 20; init's
        // RLIMIT_NPROC, which the payload inherits, is half of it (1024 threads in a 256 MiB VM).
        long maxThreads = Math.max(20, memoryLimit / (8 * (16L << 10)));
        limits[RLIMIT_NPROC] = new long[] {maxThreads / 2, maxThreads / 2};
        limits[8] = new long[] {64L << 10, 64L << 10}; // RLIMIT_MEMLOCK
        limits[12] = new long[] {819200, 819200}; // RLIMIT_MSGQUEUE
        limits[13] = new long[] {0, 0}; // RLIMIT_NICE
        limits[14] = new long[] {0, 0}; // RLIMIT_RTPRIO
    }

    private GuestMemory mem() {
        return process.memory();
    }

    /** prlimit64(pid, resource, new, old): pid 0 or our own; struct rlimit is two u64s. */
    public long prlimit(int pid, int resource, long newLimit, long oldLimit) {
        return ErrnoException.resultOf(() -> {
            if (pid != 0 && pid != process.pid()) return -Errno.ESRCH;
            if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
            synchronized (limits) {
                long[] current = limits[resource];
                long cur = 0, max = 0;
                if (newLimit != 0) {
                    cur = mem().readLong(newLimit);
                    max = mem().readLong(newLimit + 8);
                    if (Long.compareUnsigned(cur, max) > 0) return -Errno.EINVAL;
                    if (resource == RLIMIT_NOFILE && Long.compareUnsigned(max, FileTable.NR_OPEN) > 0) return -Errno.EPERM;
                }
                if (oldLimit != 0) {
                    mem().writeLong(oldLimit, current[0]);
                    mem().writeLong(oldLimit + 8, current[1]);
                }
                if (newLimit != 0) {
                    limits[resource] = new long[] {cur, max};
                    if (resource == RLIMIT_NOFILE) files.setDescriptorLimit((int) Math.min(cur, FileTable.NR_OPEN));
                    if (resource == RLIMIT_CPU) {
                        nextCpuSignal = cur;
                        // Enforcing it needs the CPU back now and then, even from code that never traps.
                        if (cur != RLIM_INFINITY || max != RLIM_INFINITY) process.threads().scheduler().requireBudgets();
                    }
                }
            }
            return 0;
        });
    }

    /** The soft limit of a resource (RLIM_INFINITY is -1). */
    public long softLimit(int resource) {
        synchronized (limits) {
            return limits[resource][0];
        }
    }

    /** The CPU seconds at which SIGXCPU is due next (RLIMIT_CPU's soft limit, then each second past it). */
    private long nextCpuSignal = RLIM_INFINITY;
    private long lastCpuCheck;

    /**
     * RLIMIT_CPU as the kernel enforces it: SIGXCPU when the process's CPU time passes the soft limit and at each
     * second after, SIGKILL at the hard limit. Called by the thread holding the CPU between its runs; looks at the
     * clocks at most every 10 ms.
     */
    public void enforceCpuLimit() {
        long soft, hard;
        synchronized (limits) {
            soft = limits[RLIMIT_CPU][0];
            hard = limits[RLIMIT_CPU][1];
        }
        if (soft == RLIM_INFINITY && hard == RLIM_INFINITY) return;
        long now = System.nanoTime();
        if (now - lastCpuCheck < 10_000_000L) return;
        lastCpuCheck = now;
        long seconds = processCpuNanos() / 1_000_000_000L;
        if (hard != RLIM_INFINITY && Long.compareUnsigned(seconds, hard) >= 0) {
            process.threads().signals().send(process.currentThread(), SIGKILL);
        } else if (nextCpuSignal != RLIM_INFINITY && Long.compareUnsigned(seconds, nextCpuSignal) >= 0) {
            nextCpuSignal = seconds + 1;
            process.threads().signals().send(process.currentThread(), SIGXCPU);
        }
    }

    /** CPU time of the process: the host time its threads spent, as getrusage(RUSAGE_SELF) reports. */
    private long processCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) return 0;
        long total = 0;
        for (GuestThread t : process.threads().scheduler().threads()) {
            Thread host = t.host;
            if (host != null) total += Math.max(0, mx.getThreadCpuTime(host.getId()));
        }
        return total;
    }

    public long getrlimit(int resource, long limit) {
        return prlimit(0, resource, 0, limit);
    }

    public long setrlimit(int resource, long limit) {
        return prlimit(0, resource, limit, 0);
    }

    private java.util.function.Supplier<org.mdemu.guest.kernel.process.CpuTime> children =
            () -> org.mdemu.guest.kernel.process.CpuTime.ZERO;

    /** Where RUSAGE_CHILDREN's times come from: the children the process has waited for. */
    public void setChildren(java.util.function.Supplier<org.mdemu.guest.kernel.process.CpuTime> waitedFor) {
        children = waitedFor;
    }

    /**
     * getrusage: CPU time is the host time spent running the guest; maxrss the peak of mapped memory;
     * RUSAGE_CHILDREN the time of the children waited for (their own and their waited-for descendants').
     */
    public long getrusage(int who, long usage) {
        return ErrnoException.resultOf(() -> {
            if (who != 0 && who != -1 && who != 1) return -Errno.EINVAL;
            ByteBuffer b = ByteBuffer.allocate(RUSAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            if (who == -1) {
                org.mdemu.guest.kernel.process.CpuTime c = children.get();
                b.putLong(0, c.userNanos() / 1_000_000_000L).putLong(8, c.userNanos() % 1_000_000_000L / 1000);
                b.putLong(16, c.systemNanos() / 1_000_000_000L).putLong(24, c.systemNanos() % 1_000_000_000L / 1000);
            } else {
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
                long user = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadUserTime() : 0;
                long system = Math.max(0, cpu - user);
                b.putLong(0, user / 1_000_000_000L).putLong(8, user % 1_000_000_000L / 1000);
                b.putLong(16, system / 1_000_000_000L).putLong(24, system % 1_000_000_000L / 1000);
                b.putLong(32, peakMappedBytes() / 1024);
            }
            mem().write(usage, b.array());
            return 0;
        });
    }

    private long peakMappedBytes() {
        return process.mm() == null ? 0 : process.mm().peakMappedBytes();
    }

    /** sysinfo: uptime, the VM's memory size as total RAM, what the process has not mapped as free. */
    public long sysinfo(long info) {
        return ErrnoException.resultOf(() -> {
            long used = process.mm() == null ? 0 : process.mm().mappedBytes();
            ByteBuffer b = ByteBuffer.allocate(SYSINFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, uptimeSeconds()).putLong(32, memoryLimit).putLong(40, Math.max(0, memoryLimit - used));
            b.putShort(80, (short) 1).putInt(104, 1);
            mem().write(info, b.array());
            return 0;
        });
    }

    public long uptimeSeconds() {
        return process.threads().clock().monotonicNanos() / 1_000_000_000L;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    public long peakMapped() {
        return peakMappedBytes();
    }

    /** prctl: thread names (PR_SET_NAME / PR_GET_NAME) and anonymous mapping names (PR_SET_VMA). */
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return ErrnoException.resultOf(() -> {
            switch (option) {
                case PR_SET_NAME -> {
                    if (arg2 == 0) return -Errno.EFAULT;
                    byte[] name = mem().readCString(arg2).getBytes(StandardCharsets.UTF_8);
                    int n = Math.min(name.length, TASK_COMM_LEN - 1);
                    threadNames.put(process.currentThread().tid(), new String(name, 0, n, StandardCharsets.UTF_8));
                    return 0;
                }
                case PR_GET_NAME -> {
                    byte[] name = java.util.Arrays.copyOf(threadName(process.currentThread().tid())
                            .getBytes(StandardCharsets.UTF_8), TASK_COMM_LEN);
                    name[TASK_COMM_LEN - 1] = 0;
                    mem().write(arg2, name);
                    return 0;
                }
                case PR_SET_VMA -> {
                    if (arg2 != PR_SET_VMA_ANON_NAME) return -Errno.EINVAL;
                    return nameAnonymous(arg3, arg4, arg5);
                }
                default -> {
                    return -Errno.EINVAL;
                }
            }
        });
    }

    /** Names anonymous mappings "[anon:name]" in /proc/self/maps, as bionic's allocators do; NULL clears it. */
    private long nameAnonymous(long address, long length, long namePointer) {
        if ((address & 4095) != 0 || length < 0) return -Errno.EINVAL;
        MemoryManager mm = process.mm();
        String name = namePointer == 0 ? "[anon]" : mem().readCString(namePointer);
        if (name.length() > 80) return -Errno.EINVAL;
        long end = address + ((length + 4095) & -4096L);
        long at = address;
        for (MemoryManager.Mapping m : mm.mappings()) {
            if (m.end() <= address || m.start() >= end) continue;
            if (m.start() > at) return -Errno.ENOMEM;
            at = m.end();
        }
        if (at < end) return -Errno.ENOMEM;
        mm.name(address, end - address, namePointer == 0 ? "" : "[anon:" + name + "]");
        return 0;
    }

    public String threadName(int tid) {
        return threadNames.getOrDefault(tid, PROCESS_NAME);
    }

    /** sched_getaffinity: the kernel writes its whole cpumask (8 bytes here) and returns that size. */
    public long schedGetaffinity(int pid, long size, long mask) {
        return ErrnoException.resultOf(() -> {
            if (pid != 0 && pid != process.pid() && pid != process.currentThread().tid()) return -Errno.ESRCH;
            if (size < 8 || (size & 7) != 0) return -Errno.EINVAL;
            mem().writeLong(mask, cpus >= 64 ? -1L : (1L << cpus) - 1);
            return 8;
        });
    }

    /** getcpu: the emulated CPU runs every guest thread as CPU 0, node 0. */
    public long getcpu(long cpu, long node) {
        return ErrnoException.resultOf(() -> {
            if (cpu != 0) mem().writeInt(cpu, 0);
            if (node != 0) mem().writeInt(node, 0);
            return 0;
        });
    }

    public int cpus() {
        return cpus;
    }
}
