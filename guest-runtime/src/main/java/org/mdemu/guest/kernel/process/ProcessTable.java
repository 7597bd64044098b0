package org.mdemu.guest.kernel.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.signals.SignalActions;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The payload process's children, as its kernel tracks them: pids from the same counter as thread ids, each child's
 * process group and session, its end status kept until the parent waits (a zombie), SIGCHLD to the parent, and the
 * kernel's bound on tasks (fork's EAGAIN).
 *
 * <p>Children are either forked processes, which run on a machine of their own (see {@link Forker}) and end later,
 * or those whose exec failed (posix_spawn, popen, system), which end with status 127 before the call that created
 * them returns. A wait without WNOHANG blocks the calling guest thread until a matching child ends; a signal ends the
 * wait (EINTR, restarted with SA_RESTART). When a process ends, its children are adopted by init (pid 1), which
 * reaps them as they end.
 */
public final class ProcessTable {
    /** init, which adopts orphans. */
    public static final int INIT_PID = 1;
    /**
     * The payload's parent: microdroid_manager starts the launcher that runs the payload. Its pid on a device depends
     * on the boot; mdemu uses a fixed value below the payload's.
     */
    public static final int PAYLOAD_PARENT_PID = 215;
    /** The kernel's threads-max: total RAM over 8 thread stacks of 16 KiB (arm64's THREAD_SIZE), at least 20. */
    private static final long BYTES_PER_TASK = 8L * 16 * 1024;
    public static final int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000,
            WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;
    public static final int CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000,
            CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_UNTRACED = 0x800000,
            CLONE_CHILD_SETTID = 0x1000000, CLONE_NEWCGROUP = 0x2000000, CLONE_NEWUTS = 0x4000000,
            CLONE_NEWIPC = 0x8000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000,
            CLONE_IO = 0x80000000;
    private static final int CLONE_NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC
            | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;
    /** What clone for a new process accepts (beyond the exit signal in the low byte). */
    private static final int CLONE_PROCESS_FLAGS = CLONE_VFORK | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_UNTRACED | CLONE_PTRACE | CLONE_IO;

    /**
     * The errno clone answers for flags that ask for a new process (no CLONE_VM) in a way mdemu does not make one,
     * else 0: EINVAL for CLONE_THREAD, CLONE_SIGHAND or CLONE_PIDFD, EPERM for new namespaces (the payload has no
     * capabilities), ENOSYS for CLONE_FILES, CLONE_FS, CLONE_PARENT and unknown bits.
     */
    public static int cloneFlagsRefused(int flags) {
        int rest = flags & ~0xff;
        if ((rest & CLONE_VM) != 0) return Errno.ENOSYS;
        if ((rest & (CLONE_THREAD | CLONE_SIGHAND | CLONE_PIDFD)) != 0) return Errno.EINVAL;
        if ((rest & CLONE_NAMESPACES) != 0) return Errno.EPERM;
        if ((rest & ~CLONE_PROCESS_FLAGS) != 0) return Errno.ENOSYS;
        return 0;
    }

    public static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    public static final int RUSAGE_SIZE = 144, SIGINFO_SIZE = 128;
    private static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2;
    private static final int SIGCONT = 18;

    private final GuestProcess process;
    private final int taskLimit;
    /**
     * How many processes may live at once: one per 32 MiB of the VM's memory, at least 2. Each is a machine of its
     * own on the host (an engine, its memory, a host thread per guest thread), so the bound keeps a fork bomb from
     * becoming the host's problem; fork answers EAGAIN beyond it, as a kernel out of tasks does.
     */
    private final int processLimit;
    private final Map<Integer, ChildProcess> children = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<org.mdemu.guest.kernel.sched.Waiter> waiters = new ArrayList<>();
    private IntSupplier ids;
    /** The kernel's task list: every live process of the VM, shared by the tables of parent and children. */
    private Tasks tasks = new Tasks();
    /** The parent's table, or null for the payload (whose parent is microdroid_manager) and for orphans. */
    private ProcessTable parent;
    private ChildProcess asChild;
    private boolean orphaned;
    private Forker forker;

    /**
     * Whether the process ends with the value its thread returns with when it returns to where the runtime started
     * it (a clone child's fn, a child forked from the payload's main thread), else with 0 (from another thread).
     */
    public volatile boolean threadReturnIsExit;

    /** How a process makes a child that runs: fork's work on the current thread, or an errno. */
    @FunctionalInterface
    public interface Forker {
        /**
         * Copies the calling process into a child with the given pid, whose thread first lets inChild work in the
         * child (on its table, holding its CPU: atfork child handlers, daemon's setsid) and then resumes with the
         * calling thread's registers as setup leaves them; returns the child's process table. Throws ErrnoException
         * to refuse.
         */
        ProcessTable fork(int childPid, java.util.function.Consumer<org.mdemu.guest.machine.CpuRegisters> setup,
                          java.util.function.Consumer<ProcessTable> inChild);
    }

    /** The VM's processes by pid (the kernel's task list), for kill and the task limit. */
    public static final class Tasks {
        private final Map<Integer, ProcessTable> live = new java.util.HashMap<>();

        synchronized void add(ProcessTable t) {
            live.put(t.process.pid(), t);
        }

        synchronized void remove(ProcessTable t) {
            live.remove(t.process.pid(), t);
        }

        public synchronized ProcessTable find(int pid) {
            return live.get(pid);
        }

        public synchronized List<ProcessTable> all() {
            return new ArrayList<>(live.values());
        }

        /** Threads of every live process plus the zombies they hold: what threads-max bounds. */
        synchronized int processes() {
            return live.size();
        }

        synchronized int count() {
            int n = 0;
            for (ProcessTable t : live.values()) {
                n += t.process.threads().scheduler().liveCount();
                for (ChildProcess c : t.children.values()) if (c.status() != null) n++;
            }
            return n;
        }
    }

    public ProcessTable(GuestProcess process, long memoryBytes) {
        this.process = process;
        this.taskLimit = (int) Math.max(20, Math.min(Integer.MAX_VALUE, memoryBytes / BYTES_PER_TASK));
        this.processLimit = (int) Math.max(2, Math.min(1024, memoryBytes >> 25));
        AtomicInteger own = new AtomicInteger(process.pid() + 10_000);
        this.ids = own::getAndIncrement;
        tasks.add(this);
    }

    /** How this process forks (set by the runtime that can copy it). */
    public void setForker(Forker forker) {
        this.forker = forker;
    }

    /** The process's pid. */
    public int pid() {
        return process.pid();
    }

    /** The process this table belongs to. */
    public GuestProcess process() {
        return process;
    }

    /** The task list this process is on. */
    public Tasks tasks() {
        return tasks;
    }

    /** getppid: the parent's pid, init's once orphaned, microdroid_manager's for the payload. */
    public synchronized int parentPid() {
        if (orphaned) return INIT_PID;
        return parent == null ? PAYLOAD_PARENT_PID : parent.pid();
    }

    /**
     * fork: a new child that runs, made by the {@link Forker} with the next pid. EAGAIN at the kernel's task limit
     * or the process's RLIMIT_NPROC (nproc, negative for none); ENOSYS when this process cannot fork.
     */
    public int fork(long nproc, java.util.function.Consumer<org.mdemu.guest.machine.CpuRegisters> setup,
                    java.util.function.Consumer<ProcessTable> inChild) {
        if (forker == null) throw new ErrnoException(Errno.ENOSYS);
        int pid;
        synchronized (tasks) {
            int used = tasks.count();
            if (used >= taskLimit || (nproc >= 0 && used >= nproc) || tasks.processes() >= processLimit) {
                throw new ErrnoException(Errno.EAGAIN);
            }
            pid = ids.getAsInt();
        }
        ChildProcess child = new ChildProcess(pid, ownGroup(), ownGroup());
        synchronized (this) {
            children.put(pid, child);
        }
        ProcessTable table;
        try {
            table = forker.fork(pid, setup, inChild);
        } catch (RuntimeException refused) {
            synchronized (this) {
                children.remove(pid);
            }
            throw refused;
        }
        return table.pid();
    }

    /** Called on the child's new table by the forker, before the child runs. */
    public void adoptedBy(ProcessTable parentTable, int pid) {
        synchronized (this) {
            this.parent = parentTable;
            this.tasks = parentTable.tasks;
            this.ids = parentTable.ids;
            this.group = parentTable.ownGroup();
            this.session = parentTable.session();
            synchronized (parentTable) {
                this.asChild = parentTable.children.get(pid);
            }
        }
        tasks.add(this);
    }

    /**
     * This process has ended: its parent learns the status (SIGCHLD, a wake-up for its waits), or init reaps it; its
     * own children are adopted by init.
     */
    public void exited(WaitStatus status) {
        tasks.remove(this);
        for (ProcessTable o : tasks.all()) {
            synchronized (o) {
                if (o.parent != this) continue;
                o.parent = null;
                o.orphaned = true;
            }
        }
        children.clear();
        ProcessTable p;
        synchronized (this) {
            p = parent;
        }
        if (p != null && asChild != null && tasks.find(p.pid()) == p) {
            p.end(asChild, status, CpuTime.currentThread().plus(childrenUsage()));
        }
    }

    /** The CPU time of the children this process has waited for (getrusage(RUSAGE_CHILDREN)). */
    public synchronized CpuTime childrenUsage() {
        return reaped;
    }

    private CpuTime reaped = CpuTime.ZERO;

    /** This process stopped (SIGSTOP and its kin): its parent can wait for the stop and gets SIGCHLD. */
    public void stopped(int signal) {
        ProcessTable p = liveParent();
        if (p != null) p.childChanged(asChild, signal);
    }

    /** SIGCONT resumed this stopped process: its parent can wait for that (WCONTINUED) and gets SIGCHLD. */
    public void continued() {
        ProcessTable p = liveParent();
        if (p != null) p.childChanged(asChild, 0);
    }

    private ProcessTable liveParent() {
        ProcessTable p;
        synchronized (this) {
            p = parent;
        }
        return p != null && asChild != null && tasks.find(p.pid()) == p ? p : null;
    }

    /**
     * A child stopped (signal) or continued (0): waits see it, and SIGCHLD (CLD_STOPPED or CLD_CONTINUED) comes
     * unless the parent's SIGCHLD action has SA_NOCLDSTOP, as Linux's do_notify_parent_cldstop decides.
     */
    private void childChanged(ChildProcess child, int signal) {
        synchronized (this) {
            if (signal != 0) child.stopped(signal);
            else child.continued();
            endings++;
        }
        SignalActions.Action onChild = process.threads().signals().actions().get(SignalActions.SIGCHLD);
        if ((onChild.flags() & SA_NOCLDSTOP) == 0) {
            process.threads().signals().sendChild(signal != 0 ? WaitStatus.CLD_STOPPED : WaitStatus.CLD_CONTINUED,
                    child.pid(), signal != 0 ? signal : SIGCONT);
        }
        wakeWaiters();
    }

    /** Where new pids come from: the counter thread ids use, as Linux gives tasks one id space. */
    public synchronized void useIds(IntSupplier source) {
        ids = source;
    }

    /** How many tasks the kernel allows (threads-max), the bound fork answers EAGAIN at. */
    public int taskLimit() {
        return taskLimit;
    }

    /** The parent's process group and session: the payload leads both. */
    public int ownGroup() {
        return group == 0 ? process.pid() : group;
    }

    /** The process group, once inherited from a parent (0: the process leads its own, as the payload does). */
    private volatile int group;
    /** The session likewise (0: the process's own). */
    private volatile int session;

    public int session() {
        return session == 0 ? process.pid() : session;
    }

    /** setsid: EPERM for a group leader, else a new session and group the process leads; returns the sid. */
    public synchronized long setsid() {
        if (ownGroup() == process.pid()) return -Errno.EPERM;
        group = process.pid();
        session = process.pid();
        return session;
    }

    /**
     * setpgid on the process itself: 0 or its pid makes it lead a group (not a session leader's move), another id
     * joins that group of its session if it exists; false for EPERM.
     */
    public synchronized boolean setGroup(int pgid) {
        int target = pgid == 0 ? process.pid() : pgid;
        if (target == ownGroup()) return true;
        if (session() == process.pid()) return false;
        if (target == process.pid()) {
            group = target;
            return true;
        }
        for (ProcessTable t : tasks.all()) {
            if (t != this && t.ownGroup() == target && t.session() == session()) {
                group = target;
                return true;
            }
        }
        return false;
    }

    /**
     * A child whose program never runs: created as fork would (EAGAIN at the task limit), given setup (its own
     * process group or session), then ended with status. SIGCHLD goes to the parent; a parent ignoring SIGCHLD (or
     * with SA_NOCLDWAIT) never sees a zombie. Must be called outside the trap, so that a SIGCHLD handler runs before
     * the parent's call returns, as it does when a vfork child exits before the parent resumes.
     */
    public ChildProcess startEnded(Consumer<ChildProcess> setup, WaitStatus status) {
        ChildProcess child;
        if (tasks.count() >= taskLimit) throw new ErrnoException(Errno.EAGAIN);
        synchronized (this) {
            child = new ChildProcess(ids.getAsInt(), ownGroup(), ownGroup());
            children.put(child.pid(), child);
        }
        setup.accept(child);
        end(child, status, CpuTime.ZERO);
        return child;
    }

    private void end(ChildProcess child, WaitStatus status, CpuTime usage) {
        synchronized (this) {
            child.end(status, usage);
            endings++;
        }
        SignalActions.Action onChild = process.threads().signals().actions().get(SignalActions.SIGCHLD);
        if (onChild.handler() == SignalActions.SIG_IGN || (onChild.flags() & SA_NOCLDWAIT) != 0) {
            synchronized (this) {
                children.remove(child.pid());
            }
        }
        // SIGCHLD is pending before a waiting parent wakes, as Linux's exit_notify orders it.
        process.threads().signals().sendChild(status.siCode(), child.pid(), status.siStatus());
        wakeWaiters();
    }

    private void wakeWaiters() {
        List<org.mdemu.guest.kernel.sched.Waiter> woken;
        synchronized (this) {
            woken = new ArrayList<>(waiters);
        }
        org.mdemu.guest.kernel.sched.Scheduler scheduler = process.threads().scheduler();
        for (org.mdemu.guest.kernel.sched.Waiter w : woken) scheduler.wake(w);
    }

    /**
     * Blocks the calling thread until a child ends or a signal comes (then EINTR, restarted under SA_RESTART); false
     * when a signal ended the wait.
     */
    private boolean awaitChildEnd(long seen) {
        org.mdemu.guest.kernel.sched.Scheduler scheduler = process.threads().scheduler();
        org.mdemu.guest.kernel.sched.Waiter w = new org.mdemu.guest.kernel.sched.Waiter(scheduler.current(), 0)
                .interruptible().on("wait4");
        synchronized (this) {
            if (endings != seen) return true;
            waiters.add(w);
        }
        try {
            scheduler.block(w, Long.MAX_VALUE);
            if (w.interrupted()) {
                scheduler.current().restartInterruptedCall = true;
                return false;
            }
            return true;
        } finally {
            synchronized (this) {
                waiters.remove(w);
            }
        }
    }

    private long endings;

    /** The child with that pid if it is still the payload's (running or a zombie), else null. */
    public synchronized ChildProcess child(int pid) {
        return children.get(pid);
    }

    /** Whether a process group of that id exists in the payload's session (for setpgid in a child). */
    public synchronized boolean groupExists(int group) {
        if (group == ownGroup()) return true;
        for (ChildProcess c : children.values()) {
            if (c.processGroup() == group && c.session() == ownGroup()) return true;
        }
        return false;
    }

    public synchronized int childCount() {
        return children.size();
    }

    /**
     * wait4(2): pid > 0 that child, 0 the own group, -1 any, < -1 group -pid. An ended child is reaped; with
     * WUNTRACED a stop and with WCONTINUED a continue not yet reported is reported once.
     */
    public long wait4(int pid, long statusAddress, int options, long rusageAddress) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        Report found;
        while (true) {
            long seen;
            synchronized (this) {
                seen = endings;
                List<ChildProcess> matching = matching(pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID,
                        pid > 0 ? pid : pid == 0 ? ownGroup() : -pid);
                if (matching.isEmpty()) return -Errno.ECHILD;
                found = firstReport(matching, true, (options & WUNTRACED) != 0, (options & WCONTINUED) != 0);
                if (found != null) {
                    consume(found);
                    break;
                }
                if ((options & WNOHANG) != 0) return 0;
            }
            process.threads().scheduler().requireOutsideTrap();
            if (!awaitChildEnd(seen)) return -Errno.EINTR;
        }
        GuestMemory mem = process.memory();
        if (statusAddress != 0) mem.writeInt(statusAddress, found.word());
        if (rusageAddress != 0) writeRusage(rusageAddress, found.usage());
        return found.child().pid();
    }

    /** waitid(2) with its rusage argument (Linux's fifth). */
    public long waitid(int idType, int id, long infoAddress, int options, long rusageAddress) {
        if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0
                || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
            return -Errno.EINVAL;
        }
        switch (idType) {
            case P_ALL -> { }
            case P_PID -> {
                if (id <= 0) return -Errno.EINVAL;
            }
            case P_PGID -> {
                if (id < 0) return -Errno.EINVAL;
                if (id == 0) id = ownGroup();
            }
            case P_PIDFD -> {
                return -Errno.EBADF;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        Report found;
        while (true) {
            long seen;
            synchronized (this) {
                seen = endings;
                List<ChildProcess> matching = matching(idType, id);
                if (matching.isEmpty()) return -Errno.ECHILD;
                found = firstReport(matching, (options & WEXITED) != 0, (options & WSTOPPED) != 0,
                        (options & WCONTINUED) != 0);
                if (found != null && (options & WNOWAIT) == 0) consume(found);
                if (found != null || (options & WNOHANG) != 0) break;
            }
            process.threads().scheduler().requireOutsideTrap();
            if (!awaitChildEnd(seen)) return -Errno.EINTR;
        }
        GuestMemory mem = process.memory();
        if (infoAddress != 0) {
            byte[] zero = new byte[SIGINFO_SIZE];
            mem.write(infoAddress, zero);
            if (found != null) {
                mem.writeInt(infoAddress, SignalActions.SIGCHLD);
                mem.writeInt(infoAddress + 8, found.siCode());
                mem.writeInt(infoAddress + 16, found.child().pid());
                mem.writeInt(infoAddress + 20, 0);
                mem.writeInt(infoAddress + 24, found.siStatus());
            }
        }
        if (found != null && rusageAddress != 0) writeRusage(rusageAddress, found.usage());
        return 0;
    }

    private List<ChildProcess> matching(int idType, int id) {
        List<ChildProcess> result = new ArrayList<>();
        for (ChildProcess c : children.values()) {
            if (idType == P_ALL || (idType == P_PID && c.pid() == id) || (idType == P_PGID && c.processGroup() == id)) {
                result.add(c);
            }
        }
        return result;
    }

    private enum Kind { EXITED, STOPPED, CONTINUED }

    /** What a wait reports about one child: its end, or a stop or continue not reported yet. */
    private record Report(ChildProcess child, Kind kind, WaitStatus status, int stopSignal, CpuTime usage) {
        int word() {
            return switch (kind) {
                case EXITED -> status.word();
                case STOPPED -> WaitStatus.stoppedWord(stopSignal);
                case CONTINUED -> WaitStatus.CONTINUED_WORD;
            };
        }

        int siCode() {
            return switch (kind) {
                case EXITED -> status.siCode();
                case STOPPED -> WaitStatus.CLD_STOPPED;
                case CONTINUED -> WaitStatus.CLD_CONTINUED;
            };
        }

        int siStatus() {
            return switch (kind) {
                case EXITED -> status.siStatus();
                case STOPPED -> stopSignal;
                case CONTINUED -> SIGCONT;
            };
        }
    }

    private Report firstReport(List<ChildProcess> candidates, boolean exited, boolean stopped, boolean continued) {
        for (ChildProcess c : candidates) {
            if (c.status() != null) {
                if (exited) return new Report(c, Kind.EXITED, c.status(), 0, c.usage());
            } else if (stopped && c.stopSignal() != 0) {
                return new Report(c, Kind.STOPPED, null, c.stopSignal(), liveUsage(c.pid()));
            } else if (continued && c.continuedUnreported()) {
                return new Report(c, Kind.CONTINUED, null, 0, liveUsage(c.pid()));
            }
        }
        return null;
    }

    /** The wait reported it: an ended child is reaped (its time joins RUSAGE_CHILDREN), a stop or continue is spent. */
    private void consume(Report r) {
        switch (r.kind()) {
            case EXITED -> {
                children.remove(r.child().pid());
                reaped = reaped.plus(r.usage());
            }
            case STOPPED -> r.child().reported(true);
            case CONTINUED -> r.child().reported(false);
        }
    }

    /** A live child's CPU time so far: its threads' host time. */
    private CpuTime liveUsage(int pid) {
        ProcessTable t = tasks.find(pid);
        if (t == null) return CpuTime.ZERO;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) return CpuTime.ZERO;
        long user = 0, cpu = 0;
        for (GuestThread g : t.process.threads().scheduler().threads()) {
            Thread host = g.host;
            if (host == null) continue;
            user += Math.max(0, mx.getThreadUserTime(host.getId()));
            cpu += Math.max(0, mx.getThreadCpuTime(host.getId()));
        }
        return new CpuTime(user, Math.max(0, cpu - user));
    }

    /** struct rusage with ru_utime and ru_stime set (timevals); the rest 0. */
    public static void writeRusage(GuestMemory mem, long address, CpuTime t) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(RUSAGE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, t.userNanos() / 1_000_000_000L).putLong(8, t.userNanos() % 1_000_000_000L / 1000);
        b.putLong(16, t.systemNanos() / 1_000_000_000L).putLong(24, t.systemNanos() % 1_000_000_000L / 1000);
        mem.write(address, b.array());
    }

    private void writeRusage(long address, CpuTime t) {
        writeRusage(process.memory(), address, t);
    }
}
