package org.mdemu.guest.kernel.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>Every child ends before the call that created it returns: a Microdroid payload has no shell and mdemu runs no
 * other program image, so the only children today are those whose exec failed (posix_spawn, popen, system), which
 * exit with status 127. Waits therefore never block: a matching child has always ended already.
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
    public static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    public static final int RUSAGE_SIZE = 144, SIGINFO_SIZE = 128;
    private static final long SA_NOCLDWAIT = 2;

    private final GuestProcess process;
    private final int taskLimit;
    private final Map<Integer, ChildProcess> children = new LinkedHashMap<>();
    private IntSupplier ids;

    public ProcessTable(GuestProcess process, long memoryBytes) {
        this.process = process;
        this.taskLimit = (int) Math.max(20, Math.min(Integer.MAX_VALUE, memoryBytes / BYTES_PER_TASK));
        AtomicInteger own = new AtomicInteger(process.pid() + 10_000);
        this.ids = own::getAndIncrement;
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
        return process.pid();
    }

    /**
     * A child whose program never runs: created as fork would (EAGAIN at the task limit), given setup (its own
     * process group or session), then ended with status. SIGCHLD goes to the parent; a parent ignoring SIGCHLD (or
     * with SA_NOCLDWAIT) never sees a zombie. Must be called outside the trap, so that a SIGCHLD handler runs before
     * the parent's call returns, as it does when a vfork child exits before the parent resumes.
     */
    public ChildProcess startEnded(Consumer<ChildProcess> setup, WaitStatus status) {
        ChildProcess child;
        synchronized (this) {
            if (children.size() + process.threads().scheduler().threads().size() >= taskLimit) {
                throw new ErrnoException(Errno.EAGAIN);
            }
            child = new ChildProcess(ids.getAsInt(), ownGroup(), ownGroup());
            children.put(child.pid(), child);
        }
        setup.accept(child);
        end(child, status);
        return child;
    }

    private void end(ChildProcess child, WaitStatus status) {
        child.end(status);
        SignalActions.Action onChild = process.threads().signals().actions().get(SignalActions.SIGCHLD);
        if (onChild.handler() == SignalActions.SIG_IGN || (onChild.flags() & SA_NOCLDWAIT) != 0) {
            synchronized (this) {
                children.remove(child.pid());
            }
        }
        process.threads().signals().send(process.currentThread(), SignalActions.SIGCHLD);
    }

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

    /** wait4(2): pid > 0 that child, 0 the own group, -1 any, < -1 group -pid. */
    public long wait4(int pid, long statusAddress, int options, long rusageAddress) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        ChildProcess ended;
        synchronized (this) {
            List<ChildProcess> matching = matching(pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID,
                    pid > 0 ? pid : pid == 0 ? ownGroup() : -pid);
            if (matching.isEmpty()) return -Errno.ECHILD;
            ended = firstEnded(matching);
            if (ended == null) return 0; // only with WNOHANG: every child of this table has ended (see above)
            children.remove(ended.pid());
        }
        GuestMemory mem = process.memory();
        if (statusAddress != 0) mem.writeInt(statusAddress, ended.status().word());
        if (rusageAddress != 0) writeRusage(rusageAddress);
        return ended.pid();
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
        ChildProcess ended;
        synchronized (this) {
            List<ChildProcess> matching = matching(idType, id);
            if (matching.isEmpty()) return -Errno.ECHILD;
            // Children only ever exit (none stops or continues), so only WEXITED finds one.
            ended = (options & WEXITED) != 0 ? firstEnded(matching) : null;
            if (ended != null && (options & WNOWAIT) == 0) children.remove(ended.pid());
        }
        GuestMemory mem = process.memory();
        if (infoAddress != 0) {
            byte[] zero = new byte[SIGINFO_SIZE];
            mem.write(infoAddress, zero);
            if (ended != null) {
                mem.writeInt(infoAddress, SignalActions.SIGCHLD);
                mem.writeInt(infoAddress + 8, ended.status().siCode());
                mem.writeInt(infoAddress + 16, ended.pid());
                mem.writeInt(infoAddress + 20, 0);
                mem.writeInt(infoAddress + 24, ended.status().siStatus());
            }
        }
        if (ended != null && rusageAddress != 0) writeRusage(rusageAddress);
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

    private static ChildProcess firstEnded(List<ChildProcess> candidates) {
        for (ChildProcess c : candidates) if (c.status() != null) return c;
        return null;
    }

    /** A child that never ran guest code used no CPU time and no memory of its own. */
    private void writeRusage(long address) {
        process.memory().write(address, new byte[RUSAGE_SIZE]);
    }
}
