package org.mdemu.guest.kernel.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.mdemu.guest.abi.OutsideTrapRequired;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.SeededRandom;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.MultiCoreCpu;

/**
 * Many guest threads on the one emulated CPU. Every guest thread has a host thread for its Java side (so a Java
 * handler can block, or call back into guest code, as naturally as kernel code sleeps); the CPU is a baton that
 * exactly one of them holds. A thread gives the baton up when it blocks, yields, exits, or when its time slice is over
 * while others wait. Registers move between the CPU and a thread's saved context only when the baton passes to a
 * different thread.
 *
 * <p>Time slices end only where the CPU stands exactly between two instructions: at a trap (the holder's own stop
 * from inside the trap) or at the end of an instruction budget. A stop from another host thread is never used to
 * pause a thread on an engine that cannot resume from it ({@link Cpu#pausableFromAnotherThread()}): the Unicorn
 * engines may then leave the pc of an earlier instruction whose effects (and those of the instructions after it)
 * already happened, and resuming there executes them twice. So once a process has a second thread, every run of
 * the CPU has an instruction budget (see {@link #instructionBudget}), and the preemption ticker only marks the
 * holder's slice as over.
 *
 * <p>When every guest thread is blocked, nobody holds the CPU and every host thread is parked: the VM waits without
 * burning a core. {@link #terminate} ends all threads: each one throws the termination the next time it asks for the
 * CPU, wakes from a wait, or (if running) leaves the CPU.
 *
 * <p>Deterministic mode (a virtual {@link GuestClock}): no ticker; every run of the CPU has an instruction budget,
 * and a used-up budget is a yield to the FIFO run queue; timed waits end at virtual deadlines, which the thread
 * holding the CPU checks at each trap, yield and hand-off (no host timer wakes anyone); when no thread can run,
 * virtual time jumps to the earliest deadline. The order of events then depends only on the guest's instructions.
 *
 * <p>On a CPU of several cores ({@link MultiCoreCpu}) the baton is the kernel's and guest code runs without it: a
 * thread holds the baton only while its Java side runs (a library call, a system call, a wait), as a big kernel lock,
 * and gives it up to run guest code on its core ({@link #enterGuest}); at its next trap or stop it takes the baton
 * again and keeps its core ({@link #leaveGuest}), as a Linux system call keeps its CPU. A core is given up when its
 * thread blocks or exits. The cores are as many as the host's processors (AVF's match_host), and every thread
 * that can run guest code runs it at once: when there are more of them than processors, the host's scheduler shares
 * its processors among them, which is what the guest kernel's would do with as many vCPUs. (Queueing threads for a
 * core here and stopping them at preemption ticks was measured worse: a stopped thread's host thread and the one it
 * handed its core to were often left on one host processor while the other idled for a tick, so a four-thread job
 * on two cores ran 1.5x as fast as on one instead of 1.9x.) Only while the cores are stopped
 * ({@link #stopOtherCores}: a fork copying the address space, a crash's tombstone) do threads wait to run guest code.
 * The baton holder never waits for a core, and a thread holding a core waits for the baton only behind handlers that
 * end or block, giving it up: the two cannot deadlock. A released baton is left free for the first in line or a
 * thread holding a core (see {@link #handOff}). Every handler still runs as the only one of its process, so nothing
 * in the guest runtime changes. Each thread's registers stay on its own core.
 */
public final class Scheduler implements AutoCloseable {
    /** Linux's default CFS latency is a few milliseconds; a slice this long keeps switching overhead negligible. */
    public static final long DEFAULT_SLICE_NANOS = 4_000_000L;
    /**
     * The instruction budget of a run once the process has several threads, on CPUs that cannot be paused from
     * another thread: a few ms of guest code, so that a thread that never traps still gives the CPU up.
     */
    public static final long SLICE_INSTRUCTIONS = 2_000_000L;
    /**
     * The mean deterministic time slice: short, so that racy code interleaves as it would on a real scheduler. Each
     * run of the CPU gets between half and one and a half of it, drawn from the seed: another seed, another
     * interleaving.
     */
    public static final long DETERMINISTIC_SLICE_INSTRUCTIONS = 20_000L;

    /** A timed wait in deterministic mode: ends at a virtual deadline, ties broken by the order waits began. */
    private record Timer(long deadline, long order, Waiter waiter) {}

    private final Cpu cpu;
    /** The CPU when it has several cores, else null: then the baton is also the one CPU. */
    private final MultiCoreCpu cores;
    /**
     * Cores no thread holds: below zero when more threads hold one than there are (the host shares its processors
     * among them). Changed under the monitor; read without it as a hint for spinning.
     */
    private volatile int coresFree;
    /** Threads waiting to run guest code while the cores are stopped ({@link #stopOtherCores}). Under the monitor. */
    private final ArrayDeque<GuestThread> coreQueue = new ArrayDeque<>();
    /** The guest thread each host thread runs, for a trap that must take the baton before it knows anything else. */
    private final ThreadLocal<GuestThread> hostGuest = new ThreadLocal<>();
    private final long sliceNanos;
    private final ArrayDeque<GuestThread> runQueue = new ArrayDeque<>();
    private final Map<Integer, GuestThread> live = new LinkedHashMap<>();
    private volatile GuestThread owner;
    private volatile GuestThread onCpu;
    private long handOffs;
    private volatile RuntimeException termination;
    private volatile boolean preemptPending;
    private volatile int waitingForCpu;
    /** Set once the process has had a second thread: from then on every run has a budget (see instructionBudget). */
    private volatile boolean multiThreaded;
    /** Set while a debugger may ask for a stop at any time: every run has a budget then too. */
    private volatile boolean budgetsRequired;
    /** Threads blocked with a deadline: they become runnable by themselves, without the CPU holder's help. */
    private volatile int timedBlocked;
    private boolean inTrap;
    private Thread ticker;
    private volatile boolean closed;
    /** The virtual clock in deterministic mode, else null. */
    private final GuestClock virtualClock;
    private final List<Timer> timers = new ArrayList<>();
    /** Slice lengths in deterministic mode; its own sequence, so the guest's random draws do not move them. */
    private final SeededRandom sliceLengths;
    private long timerOrder;
    /** Hears of state changes (a timeline), or null: then each change costs one null check. */
    private volatile ThreadStateListener stateListener;
    /** System.nanoTime() when the CPU was last left free with nobody waiting for it; 0 while someone holds it. */
    private long idleSince;
    private int lastExitStatus;

    public Scheduler(Cpu cpu, long sliceNanos) {
        this(cpu, sliceNanos, null, 0);
    }

    /** A scheduler on the given clock: deterministic when the clock is virtual, with slice lengths from the seed. */
    public Scheduler(Cpu cpu, long sliceNanos, GuestClock clock, long seed) {
        this.cpu = cpu;
        this.cores = cpu instanceof MultiCoreCpu m && m.cores() > 1 ? m : null;
        this.coresFree = cores == null ? 0 : cores.cores();
        this.sliceNanos = sliceNanos;
        this.virtualClock = clock != null && clock.isVirtual() ? clock : null;
        this.sliceLengths = virtualClock == null ? null : new SeededRandom(~seed);
    }

    /** Tells listener of every thread's state changes from now on (null: nobody). */
    public void setStateListener(ThreadStateListener listener) {
        stateListener = listener;
    }

    /** Reports a state change; called holding the monitor. */
    private void note(GuestThread t, ThreadStateListener.State state) {
        ThreadStateListener l = stateListener;
        if (l != null && t != null) l.changed(t, state, live.size());
    }

    /** Adds a thread to the process; its host thread must call {@link #acquire} before it runs guest code. */
    public synchronized void register(GuestThread t) {
        if (termination != null) throw termination;
        live.put(t.tid(), t);
        t.scheduler = this;
        if (live.size() > 1) multiThreaded = true;
    }

    /**
     * Adds a new thread already waiting for the CPU, so that it counts as runnable from this moment (before its host
     * thread gets going); its host thread then calls {@link #awaitFirstTurn}.
     */
    public synchronized void registerRunnable(GuestThread t, Thread host) {
        if (termination != null) throw termination;
        live.put(t.tid(), t);
        t.scheduler = this;
        multiThreaded = true;
        t.host = host;
        enqueue(t);
    }

    /** The first wait for the CPU of a thread added by {@link #registerRunnable}. */
    public void awaitFirstTurn(GuestThread t) {
        awaitOwnership(t);
        switchTo(t);
    }

    public synchronized GuestThread thread(int tid) {
        return live.get(tid);
    }

    public synchronized List<GuestThread> threads() {
        return new ArrayList<>(live.values());
    }

    public synchronized int liveCount() {
        return live.size();
    }

    /** The thread holding the CPU: the one whose call a Java handler is serving. */
    public GuestThread current() {
        return owner;
    }

    /** Waits for the CPU; on return t's registers are on it. Throws the termination if the process is ending. */
    public void acquire(GuestThread t) {
        synchronized (this) {
            if (termination != null) throw termination;
            t.host = Thread.currentThread();
            enqueue(t);
        }
        awaitOwnership(t);
        switchTo(t);
    }

    /** Makes t runnable: it takes a free CPU at once, else queues for it. Called holding the monitor. */
    private void enqueue(GuestThread t) {
        boolean self = t.host == Thread.currentThread();
        // On several cores a free baton is never given to a thread that is not running (another host thread wakes it
        // and it takes the baton when it runs, see handOff), and a thread holding a core takes it past the queue.
        boolean take = cores == null ? runQueue.isEmpty() : self && (runQueue.isEmpty() || t.holdsCore);
        if (owner == null && take) {
            takeBaton(t);
            if (!self) LockSupport.unpark(t.host);
        } else {
            runQueue.addLast(t);
            waitingForCpu = runQueue.size();
            note(t, ThreadStateListener.State.RUNNABLE);
        }
    }

    /** Whether guest code runs on several cores at once (see the class comment): then there is no one CPU holder. */
    public boolean multiCore() {
        return cores != null;
    }

    /** On several cores: the guest thread the calling host thread runs (whether or not it holds the baton), else null. */
    public GuestThread self() {
        return cores == null ? null : hostGuest.get();
    }

    /**
     * On several cores: t, which holds the baton, gives it up to run guest code on its core, taking one if it has
     * none (see the class comment); while the cores are stopped it waits until they resume. Throws the termination if
     * the process ends meanwhile.
     */
    public void enterGuest(GuestThread t) {
        synchronized (this) {
            if (termination != null) throw termination;
            if (owner != t) throw new IllegalStateException(t + " enters guest code without holding the baton");
            releaseBaton(false);
            if (!coresFrozen) {
                if (!t.holdsCore) takeCore(t);
                t.onCore = true;
                return;
            }
            if (t.holdsCore) releaseCore(t);
            coreQueue.addLast(t);
            keepRegisters(t);
        }
        // No spinning here: the cores stay stopped while a fork copies the address space.
        while (!t.onCore) {
            if (termination != null) {
                synchronized (this) {
                    if (!t.onCore) {
                        coreQueue.remove(t);
                        throw termination;
                    }
                }
                break;
            }
            LockSupport.park(this);
        }
        dropKeptRegisters(t);
    }

    /**
     * On several cores: a thread that waits (blocked, for a core, or stopped by {@link #stopOtherCores}) keeps a copy
     * of its registers in its context, as a thread off the one CPU does, so that a tombstone or a thread dump of
     * another thread can read them; the copy is dropped (or restored: the same values) when it runs on.
     */
    private void keepRegisters(GuestThread t) {
        if (t.context == null && t.host == Thread.currentThread()) t.context = cpu.saveContext();
    }

    private void dropKeptRegisters(GuestThread t) {
        CpuContext kept = t.context;
        if (kept != null) {
            t.context = null;
            kept.close();
        }
    }

    /**
     * On several cores: t, which runs guest code, has trapped or stopped: it takes the baton again, keeping its core
     * (on return it holds both). Throws the termination if the process ends.
     */
    public void leaveGuest(GuestThread t) {
        boolean taken;
        synchronized (this) {
            if (!t.onCore) throw new IllegalStateException(t + " leaves a core it does not hold");
            if (coresFrozen) keepRegisters(t);
            t.onCore = false;
            if (termination != null) {
                releaseCore(t);
                throw termination;
            }
            enqueue(t);
            taken = owner == t;
        }
        // A free baton is taken at once, the usual case of a host call; the thread-locals awaitOwnership sets were set
        // when this host thread first took the baton.
        if (!taken) awaitOwnership(t);
        // Its Java side runs on with the registers of its core: a copy kept while the cores stood still is stale now.
        dropKeptRegisters(t);
    }

    /**
     * On several cores: stops the guest code of every other thread and returns when none runs any; the caller holds
     * the baton, and until {@link #resumeOtherCores} no core is given to anyone, so the address space stays still (a
     * fork copies it). Nothing on one core.
     */
    public void stopOtherCores(GuestThread self) {
        if (cores == null) return;
        synchronized (this) {
            if (owner != self) throw new IllegalStateException(self + " stops the other cores without the baton");
            coresFrozen = true;
            for (GuestThread t : live.values()) if (t.onCore) cores.requestStop(t.host);
            while (live.values().stream().anyMatch(t -> t.onCore)) {
                if (termination != null) {
                    coresFrozen = false;
                    throw termination;
                }
                try {
                    wait(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    coresFrozen = false;
                    throw new IllegalStateException("interrupted while stopping the other cores", e);
                }
            }
        }
    }

    /** Lets the threads waiting to run guest code since {@link #stopOtherCores} run it. */
    public synchronized void resumeOtherCores() {
        if (cores == null || !coresFrozen) return;
        coresFrozen = false;
        while (!coreQueue.isEmpty()) {
            GuestThread next = coreQueue.pollFirst();
            takeCore(next);
            next.onCore = true;
            LockSupport.unpark(next.host);
        }
    }

    private boolean coresFrozen;

    /** t takes a core (called holding the monitor); see {@link #coresFree}. */
    private void takeCore(GuestThread t) {
        coresFree--;
        t.holdsCore = true;
    }

    /** t gives its core up. Called holding the monitor. */
    private void releaseCore(GuestThread t) {
        t.onCore = false;
        t.holdsCore = false;
        coresFree++;
    }

    /** The scheduler whose CPU the calling host thread last took (each host thread runs one process's threads). */
    private static final ThreadLocal<Scheduler> HOST_THREAD_SCHEDULER = new ThreadLocal<>();

    /** The scheduler of the process the calling host thread runs, or fallback for a host thread that runs none. */
    public static Scheduler ofHostThread(Scheduler fallback) {
        Scheduler s = HOST_THREAD_SCHEDULER.get();
        return s != null ? s : fallback;
    }

    private void awaitOwnership(GuestThread t) {
        HOST_THREAD_SCHEDULER.set(this);
        if (cores != null) hostGuest.set(t);
        if (cores == null) spinWhile(() -> owner != t && termination == null);
        while (true) {
            // On several cores a thread spins for the baton only when it holds a core or one is free (each core
            // stands for a host processor): else it would take host time from the threads running guest code.
            boolean spin = cores != null && (t.holdsCore || coresFree > 0);
            if (spin) spinWhile(() -> owner != t && (owner != null || !mayTakeBaton(t)) && termination == null);
            if (owner == t) return;
            if (termination != null) {
                abandon(t);
                throw termination;
            }
            if (cores != null && owner == null && mayTakeBaton(t)) {
                synchronized (this) {
                    if (termination == null && tryTakeBaton(t)) return;
                }
                if (spin) continue; // another thread took it first: spin again
            }
            LockSupport.park(this);
        }
    }

    /**
     * Handoffs between guest threads are usually quick (a signal answered by a wait), and waking a parked host thread
     * costs tens of microseconds; so a thread about to wait first spins briefly, on a multi-core host only.
     */
    private static void spinWhile(java.util.function.BooleanSupplier condition) {
        if (!SPIN) return;
        long end = System.nanoTime() + SPIN_NANOS;
        while (condition.getAsBoolean() && System.nanoTime() < end) Thread.onSpinWait();
    }

    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = 50_000L;

    private synchronized void abandon(GuestThread t) {
        runQueue.remove(t);
        waitingForCpu = runQueue.size();
        if (owner == t) handOff();
    }

    private void takeBaton(GuestThread t) {
        owner = t;
        handOffs++;
        if (!t.onCore) note(t, ThreadStateListener.State.RUNNING);
        idleSince = 0;
    }

    /**
     * On several cores: whether t, queued for the baton, may take it when free: the first in line may, and so may a
     * thread holding a core (else its core stands idle); the others stay behind, e.g. a thread that yielded.
     */
    private boolean mayTakeBaton(GuestThread t) {
        // Also read without the monitor, as a hint for spinning: the queue's array only grows, so a stale read sees
        // some element or null, and tryTakeBaton decides under the monitor.
        return t.holdsCore || runQueue.peekFirst() == t;
    }

    /** On several cores: t, queued for the baton, takes it if it is free and its turn; called holding the monitor. */
    private boolean tryTakeBaton(GuestThread t) {
        if (owner != null) return owner == t;
        if (!mayTakeBaton(t)) return false;
        runQueue.remove(t);
        waitingForCpu = runQueue.size();
        takeBaton(t);
        return true;
    }

    /**
     * Passes the CPU to the first thread waiting for it, or leaves it free. Called holding the monitor.
     *
     * <p>On several cores the baton is left free and the first waiter is only woken: it takes the baton when it runs
     * unless a thread holding a core took it first (then it waits for the next release). Handing it to a parked thread would make every thread that
     * traps meanwhile wait for that host thread to wake up (tens of microseconds each; a lock convoy on the kernel's
     * lock, which made lock-heavy payloads several times slower on two vCPUs than on one).
     */
    private void handOff() {
        handOff(false);
    }

    /** handOff, direct: even on several cores the first waiter gets the baton (a yield lets it run first). */
    private void handOff(boolean direct) {
        if (cores != null && !direct) {
            releaseBaton(true);
            return;
        }
        if (virtualClock != null) releaseTimers(runQueue.isEmpty());
        GuestThread next = runQueue.pollFirst();
        waitingForCpu = runQueue.size();
        // The next holder starts a slice of its own. Cleared before owner is published: the next holder may see
        // itself the owner (spinning, outside the lock) at once, and must not take the last holder's mark as its own.
        preemptPending = false;
        owner = next;
        handOffs++;
        note(next, ThreadStateListener.State.RUNNING);
        idleSince = next == null ? System.nanoTime() : 0;
        if (next != null) LockSupport.unpark(next.host);
    }

    /**
     * On several cores: leaves the baton free and wakes its first waiter (see {@link #handOff}). The process may be
     * idle from now on only if the releasing thread stops running (blocks, exits): one going back to guest code is
     * not, and saves the clock read (a host call on several cores releases the baton once).
     */
    private void releaseBaton(boolean mayBeIdle) {
        owner = null;
        GuestThread first = runQueue.peekFirst();
        idleSince = first == null && mayBeIdle ? System.nanoTime() : 0;
        if (first != null) LockSupport.unpark(first.host);
    }

    /** Puts t's registers on the CPU. Only the CPU holder calls it, so onCpu changes under one thread at a time. */
    private void switchTo(GuestThread t) {
        if (cores != null) {
            // Registers never leave a thread's own core; a new thread's first registers go onto it.
            if (t.context != null) {
                CpuContext first = t.context;
                t.context = null;
                cpu.restoreContext(first);
                first.close();
            }
            return;
        }
        GuestThread previous = onCpu;
        if (previous == t) return;
        if (previous != null && !previous.exited()) {
            previous.context = cpu.saveContext();
            noteRegisters(previous);
        }
        if (t.context != null) {
            CpuContext saved = t.context;
            t.context = null;
            cpu.restoreContext(saved);
            saved.close();
        }
        onCpu = t;
    }

    /** Keeps where the thread on the CPU stands, for thread dumps; called by the CPU holder. */
    public void noteRegisters(GuestThread t) {
        var regs = cpu.registers();
        t.lastPc = regs.pc();
        t.lastLr = regs.lr();
        t.lastFp = regs.x(29);
        t.lastSp = regs.sp();
    }

    /** Gives the CPU to the next waiting thread, if any, and waits for it back. */
    public void yield(GuestThread t) {
        requireOutsideTrap();
        synchronized (this) {
            // A thread that yields in a loop alone (a spin) must still end with the process.
            if (termination != null) throw termination;
            if (owner != t) throw new IllegalStateException(t + " yields a CPU it does not hold");
            if (virtualClock != null) releaseTimers(false);
            if (runQueue.isEmpty()) {
                preemptPending = false;
                return;
            }
            runQueue.addLast(t);
            note(t, ThreadStateListener.State.RUNNABLE);
            handOff(true);
        }
        awaitOwnership(t);
        switchTo(t);
    }

    /**
     * The instruction budget for the next run of the CPU holder. A single-threaded process runs without one. Once a
     * second thread exists, on an engine that cannot be paused from another thread, every run has
     * {@link #SLICE_INSTRUCTIONS}: a thread woken by a host event or a timer must get the CPU even from a holder that
     * never traps (a spin on an atomic, a long computation), and the budget is the only exact way to take it.
     *
     * <p>The budget stays on when threads end. Counting costs Unicorn 2 about 1 ns per instruction and 3 µs per run,
     * but turning it off makes the engine drop every translation, which was measured at about 170 ms a time: a
     * policy that switched budgets on and off with contention made a mutex ping-pong 6x slower than keeping them on.
     * In deterministic mode, always a budget of about {@link #DETERMINISTIC_SLICE_INSTRUCTIONS}, drawn from the seed.
     */
    public long instructionBudget() {
        if (virtualClock != null) {
            return DETERMINISTIC_SLICE_INSTRUCTIONS / 2 + Math.floorMod(sliceLengths.nextLong(), DETERMINISTIC_SLICE_INSTRUCTIONS);
        }
        return budgetsNeeded() ? SLICE_INSTRUCTIONS : 0;
    }

    /**
     * Whether every run now needs an instruction budget: a holder that started its run without one (it was alone)
     * leaves the CPU at its next trap once this holds, e.g. right after creating the second thread.
     */
    public boolean budgetsNeeded() {
        // Several threads on an engine that pauses exactly from another host thread are sliced by foreign stops;
        // what requires budgets (RLIMIT_CPU, a debugger) needs them on every engine: a holder that never traps is
        // reached only at its budget's end.
        return (multiThreaded && !cpu.pausableFromAnotherThread()) || budgetsRequired || timersArmed;
    }

    /**
     * Every run gets an instruction budget from now on, even with one thread: a debugger's interrupt must reach a
     * holder that never traps (it stops at its budget's end, exactly).
     */
    public void requireBudgets() {
        budgetsRequired = true;
    }

    /**
     * Takes the CPU for t if no thread holds it or waits for it, and returns true; else false. A debugger stopping a
     * process whose threads all wait does so; it gives the CPU back with {@link #exit}.
     */
    public boolean tryAcquireIdle(GuestThread t) {
        synchronized (this) {
            if (termination != null || owner != null || !runQueue.isEmpty()) return false;
            t.host = Thread.currentThread();
            owner = t;
            handOffs++;
            note(t, ThreadStateListener.State.RUNNING);
        }
        switchTo(t);
        return true;
    }

    private volatile boolean timersArmed;

    /**
     * While a timer that raises a signal is armed, every run has an instruction budget, so that a thread computing
     * without system calls still reaches the point where the expired timer's signal is raised.
     */
    public void setTimersArmed(boolean armed) {
        timersArmed = armed;
    }

    /**
     * Blocks the calling thread, which holds the CPU, until the waiter is woken or the deadline (a
     * {@link GuestClock#now} value; {@link Long#MAX_VALUE} for none) passes; returns whether it was woken. The CPU
     * is held again on return.
     */
    public boolean block(Waiter w, long deadline) {
        requireOutsideTrap();
        GuestThread t = w.thread();
        boolean spin = true;
        synchronized (this) {
            if (owner != t) throw new IllegalStateException(t + " blocks without holding the CPU");
            if (w.signalled) return true;
            if (w.interruptible && (t.pendingSignals & ~t.signalMask) != 0) {
                w.interrupted = true;
                return false;
            }
            w.blocking = true;
            w.deadline = deadline;
            t.blockedOn = w;
            if (deadline != Long.MAX_VALUE) {
                timedBlocked++;
                if (virtualClock != null) timers.add(new Timer(deadline, timerOrder++, w));
            }
            note(t, ThreadStateListener.State.BLOCKED);
            if (cores != null) {
                keepRegisters(t);
                if (t.holdsCore) releaseCore(t);
                // Spins only on a core nobody wanted: else it would take host time from the thread now on it.
                spin = coresFree > 0;
            }
            handOff();
        }
        try {
            if (spin) spinWhile(() -> !w.enqueued && termination == null);
            // A waker queues the thread for the CPU itself (see wake), so the CPU holder always knows who is
            // runnable; only a timeout or the termination is noticed here.
            while (true) {
                synchronized (this) {
                    if (w.enqueued) break;
                    if (termination != null) throw termination;
                    if (virtualClock == null && deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                        w.enqueued = true;
                        enqueue(t);
                        break;
                    }
                }
                if (deadline == Long.MAX_VALUE || virtualClock != null) LockSupport.park(this);
                else LockSupport.parkNanos(this, deadline - System.nanoTime());
            }
        } finally {
            synchronized (this) {
                w.blocking = false;
                t.blockedOn = null;
                if (deadline != Long.MAX_VALUE) timedBlocked--;
            }
        }
        awaitOwnership(t);
        switchTo(t);
        return w.signalled;
    }

    /**
     * Sleeps the calling thread, which holds the CPU, until the deadline passes; others run meanwhile. Returns false
     * if a signal for the thread ended the sleep early.
     */
    public boolean sleepUntil(GuestThread t, long deadline) {
        Waiter w = new Waiter(t, 0).interruptible().on("sleep");
        block(w, deadline);
        return !w.interrupted;
    }

    /**
     * A signal was sent to t: if t is blocked in an interruptible wait, queue it for the CPU with the wait marked
     * interrupted, as the kernel ends a wait with EINTR.
     */
    public void interrupt(GuestThread t) {
        Scheduler own = t.scheduler;
        if (own != null && own != this) {
            own.interrupt(t);
            return;
        }
        Thread host = t.host;
        synchronized (this) {
            // A thread running guest code on another core sees its signal when it stops, as after Linux's IPI.
            if (cores != null && t.onCore && host != null) cores.requestStop(host);
            Waiter w = t.blockedOn;
            if (w == null || !w.interruptible || !w.blocking || w.enqueued) return;
            w.interrupted = true;
            w.enqueued = true;
            enqueue(t);
        }
        if (host != null) LockSupport.unpark(host);
    }

    /**
     * Wakes a waiter (from the thread holding the CPU, or from a host thread delivering an event). A blocked waiter
     * is queued for the CPU here and now, so that it counts as runnable before its host thread even wakes up.
     */
    public void wake(Waiter w) {
        Scheduler own = w.thread().scheduler;
        if (own != null && own != this) {
            // A thread of another process (a pipe or socket pair shared after fork): its own scheduler queues it.
            own.wake(w);
            return;
        }
        Thread host = w.thread().host;
        synchronized (this) {
            w.signalled = true;
            if (w.blocking && !w.enqueued) {
                w.enqueued = true;
                if (virtualClock != null) timers.removeIf(timer -> timer.waiter() == w);
                enqueue(w.thread());
            }
        }
        if (host != null) LockSupport.unpark(host);
    }

    /**
     * Deterministic mode: the thread holding the CPU has trapped into the system; charges the virtual clock and
     * makes the threads whose deadlines have passed runnable.
     */
    public void chargeTrap() {
        if (virtualClock == null) return;
        virtualClock.advance(GuestClock.TRAP_NANOS);
        synchronized (this) {
            releaseTimers(false);
        }
    }

    /** The running thread used up its instruction budget: charges a virtual clock a slice and yields. */
    public void sliceExpired(GuestThread t) {
        if (virtualClock != null) virtualClock.advance(GuestClock.SLICE_NANOS);
        this.yield(t);
    }

    /**
     * Queues every timed waiter whose virtual deadline has passed, in deadline order; if idle (nothing else can
     * run), first moves virtual time to the earliest deadline. Called holding the monitor.
     */
    private void releaseTimers(boolean idle) {
        if (timers.isEmpty()) return;
        timers.sort(java.util.Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::order));
        if (idle) virtualClock.advanceTo(timers.get(0).deadline());
        long now = virtualClock.now();
        while (!timers.isEmpty() && timers.get(0).deadline() <= now) {
            Waiter w = timers.remove(0).waiter();
            if (!w.blocking || w.enqueued) continue;
            w.enqueued = true;
            runQueue.addLast(w.thread());
            waitingForCpu = runQueue.size();
            note(w.thread(), ThreadStateListener.State.RUNNABLE);
            LockSupport.unpark(w.thread().host);
        }
    }

    /** Ends a thread: called by its host thread whether or not it holds the CPU, after its last guest instruction. */
    public void exit(GuestThread t) {
        synchronized (this) {
            t.markExited();
            live.remove(t.tid());
            note(t, ThreadStateListener.State.EXITED);
            if (live.isEmpty()) lastExitStatus = t.exitStatus;
            runQueue.remove(t);
            waitingForCpu = runQueue.size();
            if (cores != null) {
                if (t.host == Thread.currentThread()) {
                    noteRegisters(t);
                    cores.release(t.host);
                }
                coreQueue.remove(t);
                if (t.holdsCore) releaseCore(t);
            }
            // Only the holder touches onCpu; a thread that exits without the CPU is skipped by exited() instead.
            if (owner == t) {
                if (onCpu == t) {
                    noteRegisters(t);
                    onCpu = null;
                }
                handOff();
            }
            if (t.context != null) {
                t.context.close();
                t.context = null;
            }
            notifyAll();
        }
    }

    /** Waits until no thread but the caller's (if given) is alive, or the timeout passes. */
    public synchronized boolean awaitOthersExited(GuestThread self, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (live.size() > (self != null && live.containsKey(self.tid()) ? 1 : 0)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the process: every thread throws {@code reason} the next time it touches the scheduler or leaves the CPU.
     * The first termination wins (a crash is not overwritten by the kill that follows it).
     */
    public void terminate(RuntimeException reason) {
        List<GuestThread> all;
        synchronized (this) {
            if (termination == null) termination = reason;
            all = new ArrayList<>(live.values());
            notifyAll();
        }
        for (GuestThread t : all) {
            Thread host = t.host;
            if (host != null) LockSupport.unpark(host);
        }
        if (cores != null) cores.requestStopAll();
        else cpu.requestStop();
    }

    /**
     * Since when (a System.nanoTime() value) every thread of the process has been blocked in a wait that nothing
     * will end: no deadline, no signal pending for it, nothing the host can do (vsock, binder); -1 if any thread can
     * still run. A deadlock, a futex wait with no timeout, pause(): what a watchdog reports.
     */
    public synchronized long blockedForeverSince() {
        if (owner != null || !runQueue.isEmpty() || idleSince == 0 || live.isEmpty() || termination != null) return -1;
        for (GuestThread t : live.values()) {
            Waiter w = t.blockedOn;
            if (t.stopped) continue;
            if (w == null || !w.blocking || w.enqueued || w.deadline != Long.MAX_VALUE || w.isExternal()) return -1;
        }
        if (virtualClock != null && !timers.isEmpty()) return -1;
        return idleSince;
    }

    /** The exit status of the thread that exited last (the process's, when its threads end one by one). */
    public synchronized int lastExitStatus() {
        return lastExitStatus;
    }

    /** How many times the CPU changed hands: a watchdog tells one blocked stretch from the next by it. */
    public synchronized long handOffs() {
        return handOffs;
    }

    /** One line per thread: tid, name, and whether it runs, waits for the CPU, is stopped, or on what it blocks. */
    public synchronized List<String> describeThreads() {
        List<String> lines = new ArrayList<>();
        for (GuestThread t : live.values()) {
            Waiter w = t.blockedOn;
            String state = t == owner || t.onCore ? "running" : runQueue.contains(t) ? "runnable"
                    : coreQueue.contains(t) ? "runnable, its core stopped" : t.stopped ? "stopped"
                    : w != null ? "blocked on " + w.channel() + (w.deadline != Long.MAX_VALUE ? " (with a timeout)" : "")
                    : "starting";
            lines.add(t.tid() + " (" + t.name() + "): " + state);
        }
        return lines;
    }

    /** The thread whose registers are on the CPU (null if none): its saved pc is stale, the CPU's is current. */
    public GuestThread onCpu() {
        // On several cores every thread's registers are on its own core: the calling host thread's are.
        return cores != null ? hostGuest.get() : onCpu;
    }

    /** The termination in force, or null while the process lives. */
    public RuntimeException termination() {
        return termination;
    }

    /**
     * Whether the holder's time slice is over while others wait: the holder gives the CPU up at its next trap (a
     * stop from inside the trap is exact) or at the end of its instruction budget.
     */
    public boolean preemptionDue() {
        return preemptPending;
    }

    /** Whether the running thread's slice is over; clears the mark. */
    public boolean takePreemption() {
        boolean p = preemptPending;
        preemptPending = false;
        return p;
    }

    // The trap flag lives here because only the CPU holder can be inside a trap.
    public void enterTrap() {
        inTrap = true;
    }

    public void leaveTrap() {
        inTrap = false;
    }

    public boolean inTrap() {
        return inTrap;
    }

    /** Throws {@link OutsideTrapRequired} when called from a handler running inside the CPU's trap. */
    public void requireOutsideTrap() {
        if (inTrap) throw OutsideTrapRequired.INSTANCE;
    }

    /** Starts time slicing: needed once a second thread exists. */
    public synchronized void startPreemption() {
        if (ticker != null || closed || virtualClock != null) return;
        // On several cores the host's scheduler slices the threads running guest code (see the class comment).
        if (cores != null) return;
        ticker = new Thread(this::tick, "mdemu-preempt");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tick() {
        GuestThread lastOwner = null;
        long lastHandOffs = -1;
        while (!closed && termination == null) {
            LockSupport.parkNanos(this, sliceNanos);
            synchronized (this) {
                GuestThread o = owner;
                if (o != null && !runQueue.isEmpty() && o == lastOwner && handOffs == lastHandOffs) {
                    preemptPending = true;
                    // Only an engine that can resume from a foreign stop is stopped here; on the others the holder
                    // sees the mark at its next trap or budget end (see the class comment).
                    if (cpu.pausableFromAnotherThread()) cpu.requestStop();
                }
                lastOwner = o;
                lastHandOffs = handOffs;
            }
        }
    }

    /** Ends time slicing; on return the ticker will not touch the CPU again. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = ticker;
        }
        if (t == null) return;
        LockSupport.unpark(t);
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
