package org.mdemu.guest.kernel.signals;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.sched.Waiter;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Signals as the kernel handles them for the one payload process: dispositions, per-thread masks, pending sets and
 * alternate stacks, sending (kill, tgkill), and delivery to a handler through an rt_sigframe that rt_sigreturn
 * undoes. Delivery happens when the target thread is about to run guest code again (after a trap, a slice or a
 * wake-up), and at once for the faults its own instructions raise. A signal ends a thread's sleep, futex wait,
 * semaphore wait and I/O wait (read, write, accept, poll, select, epoll) with EINTR; blocking I/O calls are restarted
 * after a handler with SA_RESTART, as the kernel does. A mutex lock or join is restarted after any handler, and a
 * condition variable wait returns early, as bionic's futex loops behave.
 */
public final class Signals {
    public static final int SI_USER = 0, SI_TKILL = -6, SI_KERNEL = 0x80;
    /** The compatibility note of the calls that send signals. */
    public static final String DELIVERY_NOTE = "a blocked target runs the handler at once: sleeps, futex, semaphore"
            + " and I/O waits end with EINTR (blocking reads, writes and accepts restart after an SA_RESTART"
            + " handler), a condition variable wait returns 0 early, mutex locks and joins go on waiting";
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2, SS_ONSTACK = 1, SS_DISABLE = 2;
    private static final long MINSIGSTKSZ = 5120;

    private final GuestProcess process;
    private final SignalActions actions = new SignalActions();
    private final long sigreturnTrampoline;

    /** @param sigreturnTrampoline guest code doing rt_sigreturn, where handlers without SA_RESTORER return to */
    /**
     * The registers a signal interrupted, from the rt_sigframe at frame (where sp stands when the handler returns to
     * the trampoline): x0..x30, sp (31) and pc (32); null if the frame cannot be read.
     */
    public static long[] interruptedRegisters(GuestMemory memory, long frame) {
        try {
            return SignalFrame.savedRegisters(memory, frame);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    public Signals(GuestProcess process, long sigreturnTrampoline) {
        this.process = process;
        this.sigreturnTrampoline = sigreturnTrampoline;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    public SignalActions actions() {
        return actions;
    }

    private volatile Runnable timerPoll;

    /**
     * Sets what turns expired timers (alarm, setitimer, timer_create) into pending signals. It runs on the thread
     * holding the CPU: before each run of guest code and before deciding whether an interrupted call restarts.
     */
    public void setTimerPoll(Runnable poll) {
        timerPoll = poll;
    }

    /** Raises the signals of expired timers (see {@link #setTimerPoll}). */
    public void pollTimers() {
        Runnable poll = timerPoll;
        if (poll != null) poll.run();
    }

    /** rt_sigaction with the kernel's struct {handler, flags, restorer, mask}. */
    public long rtSigaction(int signal, long act, long oldAct) {
        return ErrnoException.resultOf(() -> {
            if (!SignalActions.valid(signal)) return -Errno.EINVAL;
            SignalActions.Action current = actions.get(signal);
            if (act != 0 && (signal == SignalActions.SIGKILL || signal == SignalActions.SIGSTOP)) return -Errno.EINVAL;
            if (oldAct != 0) {
                mem().writeLong(oldAct, current.handler());
                mem().writeLong(oldAct + 8, current.flags());
                mem().writeLong(oldAct + 16, current.restorer());
                mem().writeLong(oldAct + 24, current.mask());
            }
            if (act != 0) {
                actions.set(signal, new SignalActions.Action(mem().readLong(act), mem().readLong(act + 8),
                        mem().readLong(act + 16), mem().readLong(act + 24)));
            }
            return 0;
        });
    }

    /** rt_sigprocmask for the calling thread; returns the old mask through oldSet. */
    public long sigprocmask(int how, long set, long oldSet) {
        return ErrnoException.resultOf(() -> {
            GuestThread t = process.currentThread();
            long old = t.signalMask;
            if (set != 0) {
                long s = mem().readLong(set);
                long mask = switch (how) {
                    case SIG_BLOCK -> old | s;
                    case SIG_UNBLOCK -> old & ~s;
                    case SIG_SETMASK -> s;
                    default -> -1;
                };
                if (mask == -1 && how != SIG_SETMASK) return -Errno.EINVAL;
                // Unblocking a pending signal delivers it before the call returns: leave the trap first.
                if ((t.pendingSignals & old & ~mask) != 0) process.threads().scheduler().requireOutsideTrap();
                t.signalMask = mask & ~SignalActions.UNBLOCKABLE;
            }
            if (oldSet != 0) mem().writeLong(oldSet, old);
            return 0;
        });
    }

    public long sigpending(long set) {
        return ErrnoException.resultOf(() -> {
            GuestThread t = process.currentThread();
            mem().writeLong(set, t.pendingSignals & t.signalMask);
            return 0;
        });
    }

    /** sigaltstack with stack_t {ss_sp, ss_flags, ss_size}. */
    public long sigaltstack(long ss, long oldSs) {
        return ErrnoException.resultOf(() -> {
            GuestThread t = process.currentThread();
            if (oldSs != 0) {
                mem().writeLong(oldSs, t.altStackBase);
                mem().writeInt(oldSs + 8, t.altStackFlags);
                mem().writeLong(oldSs + 16, t.altStackSize);
            }
            if (ss != 0) {
                int flags = mem().readInt(ss + 8);
                if ((flags & ~SS_DISABLE) != 0 && flags != SS_ONSTACK) return -Errno.EINVAL;
                if ((flags & SS_DISABLE) != 0) {
                    t.altStackFlags = SS_DISABLE;
                    t.altStackBase = 0;
                    t.altStackSize = 0;
                } else {
                    long size = mem().readLong(ss + 16);
                    if (size < MINSIGSTKSZ) return -Errno.ENOMEM;
                    t.altStackBase = mem().readLong(ss);
                    t.altStackSize = size;
                    t.altStackFlags = 0;
                }
            }
            return 0;
        });
    }

    /** The VM's processes, which kill reaches (null: the process is alone). */
    private volatile org.mdemu.guest.kernel.process.ProcessTable processes;

    public void setProcesses(org.mdemu.guest.kernel.process.ProcessTable processes) {
        this.processes = processes;
    }

    /**
     * kill(2): pid > 0 that process (the caller's own, or another of the VM's: the payload and its forked children);
     * 0 the caller's group (itself and the children still in it), -pgid that group, -1 every process but init and
     * the caller (ESRCH when there is none).
     */
    public long kill(int pid, int signal) {
        if (signal < 0 || signal > SignalActions.NSIG) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        org.mdemu.guest.kernel.process.ProcessTable table = processes;
        java.util.List<org.mdemu.guest.kernel.process.ProcessTable> others = new java.util.ArrayList<>();
        boolean self = false;
        if (pid == process.pid()) {
            self = true;
        } else if (pid > 0) {
            org.mdemu.guest.kernel.process.ProcessTable target = table == null ? null : table.tasks().find(pid);
            if (target == null) return -Errno.ESRCH;
            others.add(target);
        } else if (pid == -1) {
            if (table != null) for (org.mdemu.guest.kernel.process.ProcessTable t : table.tasks().all()) {
                if (t.pid() != process.pid()) others.add(t);
            }
            if (others.isEmpty()) return -Errno.ESRCH;
        } else {
            int group = pid == 0 ? (table == null ? process.pid() : table.ownGroup()) : -pid;
            if (table != null) for (org.mdemu.guest.kernel.process.ProcessTable t : table.tasks().all()) {
                if (t.pid() == process.pid()) self = table.ownGroup() == group;
                else if (t.ownGroup() == group) others.add(t);
            }
            if (table == null) self = group == process.pid();
            if (!self && others.isEmpty()) return -Errno.ESRCH;
        }
        if (signal == 0) return 0;
        for (org.mdemu.guest.kernel.process.ProcessTable t : others) t.process().threads().signals().sendToProcess(signal);
        if (self) sendToSelf(signal);
        return 0;
    }

    /**
     * A process-directed signal from outside the process (another process's kill, a child's SIGCHLD): to a thread
     * that does not block it, else to the first one, where it stays pending.
     */
    public void sendToProcess(int signal) {
        sendToProcessInternal(signal);
    }

    /** The siginfo of the last SIGCHLD sent: {si_code, si_pid, si_status}, or null. */
    private volatile int[] childInfo;

    /**
     * SIGCHLD from the kernel about a child: si_code (CLD_EXITED, CLD_KILLED, CLD_STOPPED, ...), its pid and
     * si_status, which a SA_SIGINFO handler reads. Standard signals do not queue: the last one's details win.
     */
    public void sendChild(int code, int childPid, int status) {
        childInfo = new int[] {code, childPid, status};
        sendToProcessInternal(SignalActions.SIGCHLD);
    }

    private void sendToProcessInternal(int signal) {
        java.util.List<GuestThread> all = process.threads().scheduler().threads();
        if (all.isEmpty()) return;
        GuestThread target = all.get(0);
        for (GuestThread t : all) {
            if ((t.signalMask & SignalActions.bit(signal)) == 0) {
                target = t;
                break;
            }
        }
        send(target, signal);
    }

    /** tgkill / tkill: to one thread of the process. */
    public long tgkill(int tgid, int tid, int signal) {
        if (signal < 0 || signal > SignalActions.NSIG) return -Errno.EINVAL;
        if (tgid != -1 && tgid != process.pid()) return -Errno.ESRCH;
        GuestThread target = process.threads().scheduler().thread(tid);
        if (target == null) return -Errno.ESRCH;
        if (signal == 0) return 0;
        if (target == process.currentThread()) sendToSelf(signal);
        else send(target, signal);
        return 0;
    }

    /**
     * A signal the calling thread sends itself is delivered before the call returns: the call leaves the trap first,
     * so that the executor delivers it before the thread runs on.
     */
    public void sendToSelf(int signal) {
        process.threads().scheduler().requireOutsideTrap();
        send(process.currentThread(), signal);
    }

    /**
     * Marks the signal pending for the thread; it is delivered when the thread next runs guest code. A thread blocked
     * in an interruptible wait (sleeps, futex waits, semaphores) is woken, and that wait fails with EINTR, when the
     * signal is not blocked and has a handler (or a default action that ends the process).
     */
    public void send(GuestThread target, int signal) {
        // SIGCONT resumes a stopped process whatever its disposition, and SIGKILL ends one; both when sent.
        if (signal == SignalActions.SIGCONT || signal == SignalActions.SIGKILL) continueProcess(signal);
        boolean blocked = (target.signalMask & SignalActions.bit(signal)) != 0;
        long handler = actions.get(signal).handler();
        boolean acts = handler != SignalActions.SIG_IGN
                && (handler != SignalActions.SIG_DFL || SignalActions.terminatesByDefault(signal)
                    || SignalActions.stopsByDefault(signal));
        // An ignored signal that is not blocked is discarded when sent: it must not end a wait with EINTR.
        if (!blocked && !acts) return;
        target.addPending(SignalActions.bit(signal));
        if (!blocked && target != process.currentThread()) process.threads().scheduler().interrupt(target);
    }

    /**
     * Whether the call a signal just interrupted is to be restarted after the handler: the signal delivered next
     * has a handler installed with SA_RESTART.
     */
    public boolean restartsInterruptedCall() {
        pollTimers();
        GuestThread t = process.currentThread();
        long deliverable = t.pendingSignals & ~t.signalMask;
        if (deliverable == 0) return false;
        SignalActions.Action a = actions.get(Long.numberOfTrailingZeros(deliverable) + 1);
        return a.handler() != SignalActions.SIG_DFL && a.handler() != SignalActions.SIG_IGN
                && (a.flags() & SignalActions.SA_RESTART) != 0;
    }

    /**
     * ppoll, pselect6 and epoll_pwait: runs the wait with the mask read from maskAddress (8 bytes; 0 for no change)
     * in place of the thread's. When a signal ends the wait, the thread's own mask comes back when the handler
     * returns (the handler's frame saves it), so that the signal is delivered under the temporary mask; otherwise
     * it comes back at once.
     */
    public long withWaitMask(long maskAddress, java.util.function.LongSupplier wait) {
        if (maskAddress == 0) return wait.getAsLong();
        GuestThread t = process.currentThread();
        long own = t.signalMask;
        t.signalMask = mem().readLong(maskAddress) & ~SignalActions.UNBLOCKABLE;
        boolean restoreNow = true;
        try {
            long result = wait.getAsLong();
            if (result == -Errno.EINTR && (t.pendingSignals & ~t.signalMask) != 0) {
                t.maskAfterHandler = own;
                t.maskAfterHandlerSet = true;
                restoreNow = false;
            }
            return result;
        } finally {
            if (restoreNow) t.signalMask = own;
        }
    }

    /** After a temporary wait mask: the thread's own mask again, when no handler frame took it over. */
    private void restoreWaitMask(GuestThread t) {
        if (!t.maskAfterHandlerSet) return;
        t.signalMask = t.maskAfterHandler;
        t.maskAfterHandlerSet = false;
    }

    /**
     * Delivers the lowest pending unblocked signal of the thread on the CPU, if any: sets up the handler's frame and
     * registers, or takes the default action (ignore, or end the process as a crash by that signal).
     */
    public void deliverPending(CpuRegisters regs) {
        GuestThread t = process.currentThread();
        long deliverable = t.pendingSignals & ~t.signalMask;
        if (deliverable == 0) {
            restoreWaitMask(t);
            return;
        }
        int signal = Long.numberOfTrailingZeros(deliverable) + 1;
        t.clearPending(SignalActions.bit(signal));
        SignalActions.Action a = actions.get(signal);
        if (a.handler() == SignalActions.SIG_IGN || a.handler() == SignalActions.SIG_DFL) {
            restoreWaitMask(t);
            if (a.handler() == SignalActions.SIG_DFL && SignalActions.stopsByDefault(signal)) {
                stopProcess(t, signal);
                return;
            }
            if (a.handler() == SignalActions.SIG_DFL && SignalActions.terminatesByDefault(signal)) {
                if (SignalActions.crashReported(signal)) process.control().crash(signal, null);
                else process.control().killedBy(signal);
            }
            return;
        }
        int[] child = signal == SignalActions.SIGCHLD ? childInfo : null;
        if (!enterHandler(regs, t, signal, a, child != null ? child[0] : SI_TKILL, 0, child)) forceSegv(regs, t, signal);
    }

    private volatile boolean processStopped;
    private final java.util.List<Waiter> stoppedThreads = new java.util.ArrayList<>();

    /**
     * The default action of SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU: the whole process stops. The calling thread waits
     * until SIGCONT or SIGKILL is sent; every other thread gets SIGSTOP pending and stops when it next would run
     * guest code (the kernel's group stop). While all are stopped the watchdog reports it.
     */
    private void stopProcess(GuestThread t, int signal) {
        boolean first;
        synchronized (stoppedThreads) {
            first = !processStopped;
            processStopped = true;
        }
        if (first && processes != null) processes.stopped(signal);
        for (GuestThread other : process.threads().scheduler().threads()) {
            if (other != t) other.addPending(SignalActions.bit(SignalActions.SIGSTOP));
        }
        t.stopped = true;
        try {
            while (processStopped && (t.pendingSignals & SignalActions.bit(SignalActions.SIGKILL)) == 0) {
                Waiter w = new Waiter(t, 0).on("stopped by signal " + signal);
                synchronized (stoppedThreads) {
                    if (!processStopped) break;
                    stoppedThreads.add(w);
                }
                process.threads().scheduler().block(w, Long.MAX_VALUE);
            }
        } finally {
            t.stopped = false;
        }
    }

    /** SIGCONT's effect (and SIGKILL's on a stopped process): stop signals still pending are dropped, threads resume. */
    private void continueProcess(int signal) {
        java.util.List<Waiter> waking;
        synchronized (stoppedThreads) {
            if (!processStopped) return;
            processStopped = false;
            waking = new java.util.ArrayList<>(stoppedThreads);
            stoppedThreads.clear();
        }
        long stops = SignalActions.bit(SignalActions.SIGSTOP) | SignalActions.bit(SignalActions.SIGTSTP)
                | SignalActions.bit(SignalActions.SIGTTIN) | SignalActions.bit(SignalActions.SIGTTOU);
        for (GuestThread other : process.threads().scheduler().threads()) other.clearPending(stops);
        for (Waiter w : waking) process.threads().scheduler().wake(w);
        if (signal == SignalActions.SIGCONT && processes != null) processes.continued();
    }

    /**
     * A fault of the thread's own instruction: returns true if a handler will run (the registers now enter it), false
     * if the signal is not caught or is blocked, and the process must end.
     */
    public boolean deliverFault(CpuRegisters regs, int signal, int code, long faultAddress) {
        GuestThread t = process.currentThread();
        SignalActions.Action a = actions.get(signal);
        if (a.handler() == SignalActions.SIG_DFL || a.handler() == SignalActions.SIG_IGN) return false;
        if ((t.signalMask & SignalActions.bit(signal)) != 0) return false;
        if (!enterHandler(regs, t, signal, a, code, faultAddress)) forceSegv(regs, t, signal);
        return true;
    }

    /**
     * The kernel's force_sigsegv: the frame for a signal could not be written (a bad stack or alternate stack) or
     * read back (rt_sigreturn). SIGSEGV goes to its handler, unblocked, unless SIGSEGV itself is what failed (its
     * handler is then reset); when no handler can run, the process ends by SIGSEGV.
     */
    private void forceSegv(CpuRegisters regs, GuestThread t, int failedSignal) {
        if (failedSignal == SignalActions.SIGSEGV) actions.set(SignalActions.SIGSEGV, new SignalActions.Action(SignalActions.SIG_DFL, 0, 0, 0));
        t.signalMask &= ~SignalActions.bit(SignalActions.SIGSEGV);
        SignalActions.Action a = actions.get(SignalActions.SIGSEGV);
        if (a.handler() == SignalActions.SIG_DFL || a.handler() == SignalActions.SIG_IGN
                || !enterHandler(regs, t, SignalActions.SIGSEGV, a, SI_KERNEL, 0)) {
            process.control().fatalSignal(SignalActions.SIGSEGV, SI_KERNEL, 0);
        }
    }

    /** Enters the handler on a new frame; false, with nothing changed, if the frame cannot be written. */
    private boolean enterHandler(CpuRegisters regs, GuestThread t, int signal, SignalActions.Action a, int code,
                                 long faultAddress) {
        return enterHandler(regs, t, signal, a, code, faultAddress, null);
    }

    /** child: SIGCHLD's {si_code, si_pid, si_status}, written into the siginfo, or null. */
    private boolean enterHandler(CpuRegisters regs, GuestThread t, int signal, SignalActions.Action a, int code,
                                 long faultAddress, int[] child) {
        long sp = regs.sp();
        boolean onAltStack = t.altStackFlags == 0 && sp > t.altStackBase && sp <= t.altStackBase + t.altStackSize;
        if ((a.flags() & SignalActions.SA_ONSTACK) != 0 && t.altStackFlags == 0 && !onAltStack) {
            sp = t.altStackBase + t.altStackSize;
        }
        long frame = (sp - SignalFrame.SIZE) & ~15L;
        long maskToRestore = t.maskAfterHandlerSet ? t.maskAfterHandler : t.signalMask;
        long[] where;
        try {
            where = SignalFrame.write(mem(), regs, frame, signal, code, faultAddress, process.pid(), maskToRestore,
                    t.altStackBase, t.altStackSize, onAltStack ? SS_ONSTACK : t.altStackFlags);
            if (child != null) {
                mem().writeInt(where[0] + 16, child[1]);
                mem().writeInt(where[0] + 20, 0);
                mem().writeInt(where[0] + 24, child[2]);
            }
        } catch (GuestFault unwritable) {
            return false;
        }
        t.maskAfterHandlerSet = false;
        t.signalMask |= a.mask() | ((a.flags() & SignalActions.SA_NODEFER) != 0 ? 0 : SignalActions.bit(signal));
        t.signalMask &= ~SignalActions.UNBLOCKABLE;
        if ((a.flags() & SignalActions.SA_RESETHAND) != 0) {
            actions.set(signal, new SignalActions.Action(SignalActions.SIG_DFL, 0, 0, 0));
        }
        regs.setX(0, signal);
        regs.setX(1, where[0]);
        regs.setX(2, where[1]);
        regs.setX(29, 0);
        regs.setX(30, (a.flags() & SignalActions.SA_RESTORER) != 0 ? a.restorer() : sigreturnTrampoline);
        regs.setSp(frame);
        regs.setPc(a.handler());
        return true;
    }

    /** rt_sigreturn: back to where the signal interrupted, with its mask; must run outside the trap. */
    public long sigreturn(CpuRegisters regs) {
        process.threads().scheduler().requireOutsideTrap();
        long mask;
        try {
            mask = SignalFrame.restore(mem(), regs, regs.sp());
        } catch (GuestFault badFrame) {
            forceSegv(regs, process.currentThread(), 0);
            return regs.x(0);
        }
        process.currentThread().signalMask = mask & ~SignalActions.UNBLOCKABLE;
        return regs.x(0);
    }
}
