package org.mdemu.guest.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.ThreadControl;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.kernel.sched.Futex;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.sched.ThreadExit;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The payload process's threads: each guest thread beyond the main one gets a host thread that waits for the CPU,
 * runs the thread's guest code through the executor, and on any ending hands the CPU on.
 */
final class GuestThreads implements ThreadControl {
    private final Scheduler scheduler;
    private final Futex futex;
    private final Cpu cpu;
    private final GuestMemory memory;
    private final ProcessMemory mm;
    private final AtomicInteger nextTid;
    private static final long HOST_STACK_BYTES = 16L << 20;
    private final List<Thread> hosts = new ArrayList<>();
    private final GuestClock clock;
    private GuestExecutor executor;
    private org.mdemu.guest.kernel.signals.Signals signals;

    /** @param ids the VM's task ids, shared by every process (forked children number their threads from it too) */
    GuestThreads(Scheduler scheduler, GuestClock clock, Cpu cpu, GuestMemory memory, ProcessMemory mm, AtomicInteger ids) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.futex = new Futex(scheduler, memory);
        this.cpu = cpu;
        this.memory = memory;
        this.mm = mm;
        this.nextTid = ids;
    }

    /** RLIMIT_NPROC as the process has it (negative: RLIM_INFINITY). */
    private java.util.function.LongSupplier threadLimit = () -> -1;

    void setThreadLimit(java.util.function.LongSupplier limit) {
        this.threadLimit = limit;
    }

    @Override
    public boolean atThreadLimit() {
        long limit = threadLimit.getAsLong();
        return limit >= 0 && scheduler.liveCount() >= limit;
    }

    void setExecutor(GuestExecutor executor) {
        this.executor = executor;
    }

    void setSignals(org.mdemu.guest.kernel.signals.Signals signals) {
        this.signals = signals;
    }

    @Override
    public org.mdemu.guest.kernel.signals.Signals signals() {
        return signals;
    }

    /** The next id of the process's single id space: thread ids and child pids alike, as Linux numbers tasks. */
    int allocateId() {
        return nextTid.getAndIncrement();
    }

    /** The VM's id counter, for a forked child's threads. */
    AtomicInteger ids() {
        return nextTid;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public Futex futex() {
        return futex;
    }

    @Override
    public GuestClock clock() {
        return clock;
    }

    @Override
    public long returnAddress() {
        return executor.returnAddress();
    }

    @Override
    public GuestThread spawn(long tlsBase, long errnoAddress, Consumer<CpuRegisters> setup, LongConsumer onReturn) {
        scheduler.requireOutsideTrap();
        if (errnoAddress == 0) errnoAddress = mm.mapAnonymous(4096, 4096, Prot.RW, "[anon:thread errno]");
        GuestThread child = new GuestThread(nextTid.getAndIncrement(), errnoAddress, tlsBase);
        CpuContext parent = cpu.saveContext();
        try {
            setup.accept(cpu.registers());
            child.context = cpu.saveContext();
        } finally {
            cpu.restoreContext(parent);
            parent.close();
        }
        // The emulator's translator runs on this stack too: give it the room of a VM thread, not a default 1 MiB.
        Thread host = new Thread(null, () -> body(child, onReturn), "mdemu-guest-tid-" + child.tid(), HOST_STACK_BYTES);
        host.setDaemon(true);
        scheduler.registerRunnable(child, host);
        synchronized (hosts) {
            hosts.add(host);
        }
        scheduler.startPreemption();
        host.start();
        return child;
    }

    private void body(GuestThread t, LongConsumer onReturn) {
        try {
            scheduler.awaitFirstTurn(t);
            long value = executor.runThread();
            onReturn.accept(value);
            exitCurrent();
        } catch (ThreadExit normal) {
            // the thread is over; the process goes on
        } catch (ProcessTermination end) {
            scheduler.terminate(end);
        } catch (RuntimeException | Error bug) {
            scheduler.terminate(new IllegalStateException("guest thread " + t.tid() + " failed in the emulator: " + bug, bug));
        } finally {
            scheduler.exit(t);
        }
    }

    @Override
    public void exitCurrent() {
        exitCurrent(0);
    }

    @Override
    public void exitCurrent(int status) {
        GuestThread t = scheduler.current();
        t.exitStatus = status & 0xff; // the kernel's do_exit keeps the low 8 bits
        long ctid = t.clearChildTid();
        if (ctid != 0) {
            memory.writeInt(ctid, 0);
            futex.wake(ctid, Integer.MAX_VALUE, Futex.MATCH_ANY);
        }
        throw new ThreadExit();
    }

    /** Waits for every host thread to finish (after a termination), at most timeoutMillis in all. */
    void joinAll(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<Thread> all;
        synchronized (hosts) {
            all = new ArrayList<>(hosts);
        }
        for (Thread h : all) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return;
            try {
                h.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
