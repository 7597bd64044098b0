package org.mdemu.guest.runtime;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.bionic.Malloc;
import org.mdemu.guest.bionic.ThreadBlock;
import org.mdemu.guest.boot.BootConfig;
import org.mdemu.guest.identity.PayloadIdentity;
import org.mdemu.guest.identity.VmSecret;
import org.mdemu.guest.kernel.GuestClock;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.kernel.ThreadSyscalls;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.kernel.ProcessResources;
import org.mdemu.guest.kernel.SeededRandom;
import org.mdemu.guest.kernel.SyscallTable;
import org.mdemu.guest.kernel.sched.Scheduler;
import org.mdemu.guest.kernel.signals.Signals;
import org.mdemu.guest.kernel.sched.ThreadExit;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.payload.PayloadDice;
import org.mdemu.guest.payload.VmPayloadLibrary;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.loader.apk.Apk;
import org.mdemu.loader.apk.ApkException;
import org.mdemu.loader.elf.ElfException;
import org.mdemu.loader.link.DynamicLinker;
import org.mdemu.loader.link.LinkException;
import org.mdemu.loader.link.LoadedLibrary;
import org.mdemu.loader.link.SymbolSource;

/**
 * One payload process from kernel bring-up to exit: address space, files, system libraries, the payload's link,
 * constructors, {@code AVmPayload_main}, and exit through the guest's own {@code exit}.
 */
public final class PayloadRun {
    public static final int PID = PayloadProcess.PID;
    private static final int SIGABRT = 6;
    private static final int SIGKILL = 9;
    private static final long FLOOR = 0x10000;
    private static final long CEILING = 0x40_0000_0000L;
    private static final long STACK_SIZE = 8L << 20;
    private static final long TMPFS_CAPACITY = 64L << 20;
    private static final String APK_LIB_DIR = "/mnt/apk/lib/arm64-v8a/";
    private static final String SYSTEM_LIB_DIR = "/system/lib64/";

    /** The payload could not be loaded (bad ELF, missing library or symbol, no AVmPayload_main). */
    public static final class LoadFailure extends Exception {
        LoadFailure(String message) {
            super(message);
        }
    }

    private final Machine machine;
    /** The process's pid: the payload's, or a forked child's. */
    private int pid = PID;
    private long returnPage;
    private final Apk apk;
    private final String payloadName;
    private final BootConfig config;
    private final VmOutput output;
    private final Runnable onReady;
    private volatile GuestExecutor executor;
    private volatile Scheduler scheduler;
    private GuestThreads threads;
    private GuestThread mainThread;
    private Signals signals;
    private final GuestClock clock;
    /** Every random byte the guest sees: seeded in deterministic mode. */
    private final java.util.Random random;
    private volatile boolean killed;
    private org.mdemu.guest.kernel.sched.Watchdog watchdog;
    private volatile TimeoutState stateAtTimeout;
    private volatile boolean timedOut;
    private FileTable files;
    private volatile boolean finished;
    private PayloadProcess process;
    private ProcessMemory mm;
    private ProcessResources resources;
    private TrapGate gate;
    private DynamicLinker linker;
    private ThreadBlock mainBlock;
    private Map<String, TableLibrary> systemLibraries = new HashMap<>();
    private LinuxKernel kernel;
    private LinkerForLibDl libdlLinker;
    private SystemImage image;
    private final PayloadIdentity identity;
    private final VmSecret secret;
    private final org.mdemu.guest.identity.InstanceRecord instance;
    private final org.mdemu.guest.vfs.EncryptedStore store;
    private final PayloadDice dice;
    private DynamicLinker systemCode;
    private long sigreturnTrampoline;
    private org.mdemu.guest.debug.GuestDebugger debugger;
    private java.util.Set<org.mdemu.guest.trace.TraceCategory> traceCategories;
    private java.util.function.Consumer<String> traceSink;
    private org.mdemu.guest.trace.PerfettoTimeline timeline;
    private static final String HOT_ROUTINES = "/org/mdemu/guest/bionic/hot-routines.so";

    public PayloadRun(Machine machine, Apk apk, String payloadName, BootConfig config, VmOutput output,
                      GuestClock clock, Runnable onReady, PayloadIdentity identity, VmSecret secret,
                      org.mdemu.guest.identity.InstanceRecord instance, org.mdemu.guest.vfs.EncryptedStore store,
                      PayloadDice dice) {
        this.identity = identity;
        this.dice = dice;
        this.secret = secret;
        this.instance = instance;
        this.store = store;
        this.clock = clock;
        this.random = config.deterministic() ? new SeededRandom(config.deterministicSeed()) : new SecureRandom();
        this.machine = machine;
        this.apk = apk;
        this.payloadName = payloadName;
        this.config = config;
        this.output = output;
        this.onReady = onReady;
    }

    /** Lets a debugger stop the process (before its first instruction, at breakpoints, faults) and look into it. */
    public void setDebugger(org.mdemu.guest.debug.GuestDebugger debugger) {
        this.debugger = debugger;
    }

    /** Traces the calls of the given categories, one line each to sink (see CallTracer). */
    public void setTrace(java.util.Set<org.mdemu.guest.trace.TraceCategory> categories, java.util.function.Consumer<String> sink) {
        this.traceCategories = categories;
        this.traceSink = sink;
    }

    /** Draws the run on a Perfetto timeline: thread states, every call as a slice, binder, vsock, counters. */
    public void setTimeline(org.mdemu.guest.trace.PerfettoTimeline timeline) {
        this.timeline = timeline;
    }

    /** Runs the payload to its end; returns its exit status or throws the {@link ProcessTermination} that ended it. */
    public int start() throws LoadFailure {
        try {
            int status = runToEnd();
            if (debugger != null) debugger.processEnded(false, status);
            return status;
        } catch (ProcessTermination.Crashed e) {
            if (debugger != null) debugger.processEnded(true, e.signal());
            throw e;
        } catch (ProcessTermination e) {
            if (debugger != null) debugger.processEnded(true, 9);
            throw e;
        }
    }

    private int runToEnd() throws LoadFailure {
        try {
            bringUp();
            return runPayload();
        } catch (ProcessTermination.Exited e) {
            return e.status();
        } catch (ThreadExit mainThreadExited) {
            return awaitLastThread();
        } finally {
            finished = true;
            endOtherThreads();
            // microdroid_manager waits for the payload's process only, reports its exit and the VM shuts down:
            // forked processes still running end with it.
            endForked();
            // An exiting process's descriptors close (peers read EOF); a VM the host stops just vanishes.
            if (files != null && !killed) files.closeAll();
        }
    }

    /**
     * The main thread ended alone (pthread_exit or the exit syscall): as on Linux, the process lives until its last
     * thread is gone, and then exits with that thread's exit status (0 after pthread_exit).
     */
    private int awaitLastThread() {
        scheduler.exit(mainThread);
        while (!scheduler.awaitOthersExited(null, 50_000_000L)) {
            RuntimeException end = scheduler.termination();
            if (end != null) throw end;
        }
        RuntimeException end = scheduler.termination();
        if (end != null) throw end;
        return scheduler.lastExitStatus() & 0xff;
    }

    private void endOtherThreads() {
        if (scheduler == null) return;
        watchdog.close();
        scheduler.terminate(new ProcessTermination.Killed());
        threads.joinAll(2000);
        scheduler.close();
        if (stateAtTimeout != null) {
            // Every thread has stopped: the registers on the CPU are those of the thread that held it last.
            GuestThread last = scheduler.onCpu();
            if (last != null && !last.registersKeptAtEnd) scheduler.noteRegisters(last);
            dumpThreads(stateAtTimeout);
        }
    }

    /**
     * Stops the payload because its time is up: as {@link #kill()}, and once every thread has stopped, the console
     * and the log get each thread's state at that moment and its backtrace.
     */
    public void timeout() {
        timedOut = true;
        Scheduler s = scheduler;
        if (s != null) stateAtTimeout = new TimeoutState(s.threads(), s.describeThreads());
        kill();
    }

    /** Whether the run was ended by {@link #timeout()}. */
    public boolean timedOut() {
        return timedOut;
    }

    private record TimeoutState(List<GuestThread> threads, List<String> states) {}

    private void dumpThreads(TimeoutState at) {
        GuestMemory memory = machine.memory().privileged();
        output.kernelLine("microdroid_manager: threads of the payload when its time ran out:");
        for (int i = 0; i < at.threads().size(); i++) {
            GuestThread t = at.threads().get(i);
            String line = i < at.states().size() ? at.states().get(i) : t.tid() + " (" + t.name() + ")";
            output.kernelLine("  " + line);
            output.log(6, "microdroid_manager", "thread " + line, 1);
            List<Long> frames = Tombstone.backtrace(t.lastPc, t.lastLr, t.lastFp, memory);
            for (int f = 0; f < frames.size(); f++) {
                CodeLocation where = locate(frames.get(f));
                if (where == null && f > 0) break;
                String frame = where == null ? String.format("    #%02d pc %016x  <unknown>", f, frames.get(f))
                        : String.format("    #%02d pc %016x  %s", f, where.offset(), where.describe());
                output.kernelLine(frame);
                output.log(6, "microdroid_manager", frame.trim(), 1);
            }
        }
    }

    private void bringUp() {
        GuestMemory memory = machine.memory();
        Cpu cpu = machine.cpu();
        mm = new ProcessMemory(memory, FLOOR, CEILING, config.memoryBytes());
        process = new PayloadProcess(PID, memory, mm, output);
        returnPage = mm.mapAnonymous(4096, 4096, Prot.RX, "[mdemu:return]");
        ThreadBlock block = ThreadBlock.allocate(mm, memory, PID, random.nextLong() & ~0xffL);
        mainBlock = block;
        GuestThread main = new GuestThread(PID, block.errno(), block.tp());
        main.setName("microdroid_laun");
        mainThread = main;
        scheduler = new Scheduler(cpu, Scheduler.DEFAULT_SLICE_NANOS, clock,
                config.deterministic() ? config.deterministicSeed() : 0);
        threads = new GuestThreads(scheduler, clock, cpu, memory, mm, new java.util.concurrent.atomic.AtomicInteger(PID + 1));
        scheduler.register(main);
        scheduler.acquire(main);
        watchdog = new org.mdemu.guest.kernel.sched.Watchdog(scheduler, config.watchdogNanos(),
                line -> output.kernelLine("watchdog: " + line));
        long stack = mm.mapAnonymous(STACK_SIZE, 4096, Prot.RW, "[stack]");

        files = fileSystem();
        Malloc heap = new Malloc(mm, memory, message -> process.control().crash(6, message));
        resources = new ProcessResources(process, files, config.cpus(), config.memoryBytes());
        LinuxKernel kernel = new LinuxKernel(process, files, mm, random, resources);
        mm.setAddressSpaceLimit(() -> resources.softLimit(ProcessResources.RLIMIT_AS));
        threads.setThreadLimit(() -> resources.softLimit(ProcessResources.RLIMIT_NPROC));
        kernel.sockets().attachVsock(config.vsock());
        kernel.processes().useIds(threads::allocateId);
        kernel.processes().setForker(this::fork);
        this.kernel = kernel;
        SyscallTable syscalls = new SyscallTable(kernel, new ThreadSyscalls(process, clock));
        ProcessControl control = new Control();
        libdlLinker = new LinkerForLibDl();
        LibDl libdl = new LibDl(process, libdlLinker);
        image = new SystemImage(new SystemImage.Services(process, files, kernel, syscalls, cpu.hwcap(), config.cpus(),
                SystemImage.microdroidProperties(config.debugFull()), SystemImage.microdroidEnvironment(),
                this::runDestructors, onReady, libdl, identity, secret, instance, store != null, dice));

        int functions = 0;
        for (LibraryTable t : image.tables()) for (GuestSymbol s : t.symbols()) if (s.isFunction()) functions++;
        long gateSize = TrapGate.sizeFor(functions);
        long gateBase = mm.mapAnonymous(gateSize, 4096, Prot.RW, "[mdemu:trap gate]");
        gate = new TrapGate(memory, gateBase, functions);
        // The return page also holds the trampoline signal handlers return through: mov x8, #139; svc #0.
        long sigreturn = returnPage + 16;
        sigreturnTrampoline = sigreturn;
        memory.privileged().writeInt(sigreturn, 0xd2801168);
        memory.privileged().writeInt(sigreturn + 4, 0xd4000001);
        signals = new Signals(process, sigreturn);
        signals.setProcesses(kernel.processes());
        threads.setSignals(signals);
        executor = new GuestExecutor(cpu, memory, gate, syscalls::invoke, scheduler, returnPage, this::crashFromFault,
                this::faultToHandler, signals);
        threads.setExecutor(executor);
        if (traceSink != null || timeline != null) traceWith(syscalls);
        if (debugger != null) {
            executor.setDebugger(debugger);
            debugger.attach(new DebuggedProcess());
        }
        if (killed) scheduler.terminate(new ProcessTermination.Killed());
        process.wire(files, heap, executor, control, threads);
        placeSystemLibraries();
        executor.setAbortRoutine(systemLibraries.get("libc.so").lookup("abort", null).address());
        executor.setBetweenRuns(resources::enforceCpuLimit);
        executor.setOutOfMemory(this::outOfMemoryKill);
        mm.mprotect(gateBase, gateSize, Prot.RX);

        CpuRegisters regs = cpu.registers();
        regs.setSp(stack + STACK_SIZE - 64);
        regs.setTpidr(main.tlsBase());
        regs.setX(29, 0);
        regs.setX(30, returnPage);
        output.kernelLine("init: system libraries ready: " + String.join(", ", systemLibraries.keySet()));
    }

    // ---- fork ---------------------------------------------------------------------------------------------------

    /**
     * The VM's forked processes that may still run, one list for the payload and all its descendants: the payload's
     * end ends them all (see runToEnd), orphans included.
     */
    private List<PayloadRun> forked = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** A forked child's host thread, and the guest calls its thread makes before it resumes (atfork child handlers). */
    private Thread host;
    private java.util.function.Consumer<org.mdemu.guest.kernel.process.ProcessTable> childWork = t -> { };
    private boolean forkedFromMain;

    /**
     * fork's work in the parent, on the thread that called it (holding the CPU, outside any trap): a sibling machine
     * on the same engine, a copy of the address space and of every per-process part of the runtime, and a host thread
     * that runs the child's only thread from the caller's registers as setup leaves them. ENOSYS when the engine
     * cannot make a second machine, ENOMEM when the VM's memory cannot hold the copy. Under a debugger the child runs
     * undebugged, as gdb's default detach-on-fork leaves it: breakpoints and watchpoints are the parent machine's
     * (never patched into memory), so the child's copy runs clean.
     */
    private org.mdemu.guest.kernel.process.ProcessTable fork(int childPid,
            java.util.function.Consumer<CpuRegisters> setup,
            java.util.function.Consumer<org.mdemu.guest.kernel.process.ProcessTable> inChild) {
        long inUse = 0;
        for (org.mdemu.guest.kernel.process.ProcessTable t : kernel.processes().tasks().all()) inUse += t.process().mm().mappedBytes();
        if (inUse + mm.mappedBytes() > config.memoryBytes()) {
            throw new org.mdemu.guest.kernel.ErrnoException(org.mdemu.guest.kernel.Errno.ENOMEM);
        }
        Machine childMachine;
        try {
            childMachine = machine.sibling();
        } catch (UnsupportedOperationException noSecondMachine) {
            throw new org.mdemu.guest.kernel.ErrnoException(org.mdemu.guest.kernel.Errno.ENOSYS);
        }
        PayloadRun child = new PayloadRun(childMachine, apk, payloadName, config, output, clock, () -> { }, identity,
                secret, instance, store, dice);
        child.pid = childPid;
        child.forked = forked;
        child.childWork = inChild;
        GuestThread caller = scheduler.current();
        child.forkedFromMain = caller.tid() == pid && forkedFromMainOrSelf();
        // The child's memory is a copy of one moment, as Linux's copy-on-write gives: other cores' guest code waits.
        scheduler.stopOtherCores(caller);
        try {
            child.bringUpForked(this, caller);
            if (debugger != null) unpatchBreakpoints(childMachine.memory());
            copyRegisters(machine.cpu().registers(), childMachine.cpu().registers());
            setup.accept(childMachine.cpu().registers());
        } catch (RuntimeException | Error failed) {
            files.fileSystem().removeTree("/proc/" + childPid);
            childMachine.close();
            if (failed instanceof org.mdemu.guest.kernel.memory.GuestOutOfMemoryException) {
                throw new org.mdemu.guest.kernel.ErrnoException(org.mdemu.guest.kernel.Errno.ENOMEM);
            }
            throw failed;
        } finally {
            scheduler.resumeOtherCores();
        }
        child.kernel.processes().adoptedBy(kernel.processes(), childPid);
        // A child's signals (a parent's kill, SIGCHLD from its own children) reach a thread that never traps only at
        // the end of an instruction budget: both processes run with budgets from now on.
        scheduler.requireBudgets();
        child.scheduler.requireBudgets();
        child.host = new Thread(null, child::runForked, "mdemu-pid-" + childPid, 16L << 20);
        child.host.setDaemon(true);
        forked.add(child);
        child.host.start();
        return child.kernel.processes();
    }

    /** The child of a debugged process runs undebugged: the breakpoints written into its copy of the code go. */
    private void unpatchBreakpoints(GuestMemory childMemory) {
        try {
            machine.cpu().debug().patchedCode().forEach((address, original) -> childMemory.privileged().write(address, original));
        } catch (UnsupportedOperationException noDebugger) {
            // an engine without breakpoints has none in memory
        }
    }

    private boolean forkedFromMainOrSelf() {
        return pid == PID || forkedFromMain;
    }

    /** Every register of the thread on from's CPU, onto to's: the child resumes where its parent called fork. */
    private static void copyRegisters(CpuRegisters from, CpuRegisters to) {
        for (int i = 0; i <= 30; i++) to.setX(i, from.x(i));
        to.setSp(from.sp());
        to.setPc(from.pc());
        to.setTpidr(from.tpidr());
        to.setNzcv(from.nzcv());
        to.setFpcr(from.fpcr());
        to.setFpsr(from.fpsr());
        for (int i = 0; i < 32; i++) {
            long[] q = from.q(i);
            to.setQ(i, q[0], q[1]);
        }
    }

    /**
     * The child's side of bring-up: what {@link #bringUp} makes, made again on the child's machine and then given
     * the parent's state, except what fork gives the child instead: a copy of the address space, a copy of the file
     * table sharing the open file descriptions, the calling thread alone (its signal mask and alternate stack kept,
     * no pending signals), no children, and the parent's pid as its parent.
     */
    private void bringUpForked(PayloadRun parent, GuestThread caller) {
        GuestMemory memory = machine.memory();
        Cpu cpu = machine.cpu();
        mm = parent.mm.forkInto(memory);
        process = new PayloadProcess(pid, memory, mm, output.forProcess(pid));
        returnPage = parent.returnPage;
        mainBlock = parent.mainBlock;
        GuestThread main = new GuestThread(pid, caller.errnoAddress(), caller.tlsBase());
        main.setName(caller.name());
        main.signalMask = caller.signalMask;
        main.altStackBase = caller.altStackBase;
        main.altStackSize = caller.altStackSize;
        main.altStackFlags = caller.altStackFlags;
        mainThread = main;
        // bionic's pthread_internal_t of the thread holds its tid (offset 16), which the child's is now.
        long pthread = memory.privileged().readLong(caller.tlsBase() + 8);
        if (pthread != 0 && mm.isMapped(pthread, 20)) memory.privileged().writeInt(pthread + 16, pid);
        scheduler = new Scheduler(cpu, Scheduler.DEFAULT_SLICE_NANOS, clock,
                config.deterministic() ? config.deterministicSeed() + pid : 0);
        threads = new GuestThreads(scheduler, clock, cpu, memory, mm, parent.threads.ids());
        scheduler.register(main);
        watchdog = new org.mdemu.guest.kernel.sched.Watchdog(scheduler, config.watchdogNanos(),
                line -> output.kernelLine("watchdog: " + line));
        files = parent.files.forkCopy();
        Malloc heap = new Malloc(mm, memory, message -> process.control().crash(6, message));
        resources = new ProcessResources(process, files, config.cpus(), config.memoryBytes());
        procOfProcess(files.fileSystem(), files);
        LinuxKernel kernel = new LinuxKernel(process, files, mm, random, resources);
        this.kernel = kernel;
        mm.setAddressSpaceLimit(() -> resources.softLimit(ProcessResources.RLIMIT_AS));
        threads.setThreadLimit(() -> resources.softLimit(ProcessResources.RLIMIT_NPROC));
        kernel.sockets().attachVsock(config.vsock());
        kernel.processes().useIds(threads::allocateId);
        kernel.processes().setForker(this::fork);
        SyscallTable syscalls = new SyscallTable(kernel, new ThreadSyscalls(process, clock));
        ProcessControl control = new Control();
        libdlLinker = new LinkerForLibDl();
        LibDl libdl = new LibDl(process, libdlLinker);
        image = new SystemImage(new SystemImage.Services(process, files, kernel, syscalls, cpu.hwcap(), config.cpus(),
                SystemImage.microdroidProperties(config.debugFull()), SystemImage.microdroidEnvironment(),
                this::runDestructors, () -> { }, libdl, identity, secret, instance, store != null, dice));
        gate = new TrapGate(memory, parent.gate.base(), parent.gate.capacity());
        long sigreturn = returnPage + 16;
        sigreturnTrampoline = sigreturn;
        signals = new Signals(process, sigreturn);
        signals.setProcesses(kernel.processes());
        threads.setSignals(signals);
        executor = new GuestExecutor(cpu, memory, gate, syscalls::invoke, scheduler, returnPage, this::crashFromFault,
                this::faultToHandler, signals);
        threads.setExecutor(executor);
        process.wire(files, heap, executor, control, threads);
        for (LibraryTable t : image.tables()) {
            for (GuestSymbol s : t.symbols()) {
                if (!(s.implementation() instanceof GuestSymbol.JavaFunction f)) continue;
                long at = gate.adopt(t.soname(), s.name(), f.handler(), f.callsGuest());
                long before = parent.systemLibraries.get(t.soname()).lookup(s.name(), null).address();
                if (at != before) throw new IllegalStateException("fork: " + s.name() + " moved in the child's gate");
            }
        }
        systemLibraries = parent.systemLibraries;
        systemCode = parent.systemCode;
        executor.setAbortRoutine(systemLibraries.get("libc.so").lookup("abort", null).address());
        executor.setBetweenRuns(resources::enforceCpuLimit);
        executor.setOutOfMemory(this::outOfMemoryKill);
        linker = new DynamicLinker(new GuestAddressSpace(mm, memory), systemLibraries::get, this::apkLibrary,
                APK_LIB_DIR, executor::call, cpu.hwcap());

        // The child's timers wire their own poll into its signals first, so the copy keeps the child's (not the
        // parent's lambda); after the copy they drop the parent's timers, which Linux does not pass on.
        image.afterForkInChild();
        ForkCopier copier = new ForkCopier(PayloadRun::sharedAfterFork);
        copier.substitute(parent, this);
        copier.substitute(parent.machine, machine);
        copier.substitute(parent.machine.memory(), memory);
        copier.substitute(parent.machine.memory().privileged(), memory.privileged());
        copier.substitute(parent.machine.cpu(), cpu);
        copier.substitute(parent.machine.cpu().registers(), cpu.registers());
        copier.substitute(parent.mm, mm);
        copier.substitute(parent.process, process);
        copier.substitute(parent.files, files);
        copier.substitute(parent.scheduler, scheduler);
        copier.substitute(parent.threads, threads);
        copier.substitute(parent.threads.futex(), threads.futex());
        copier.substitute(parent.executor, executor);
        copier.substitute(parent.gate, gate);
        copier.substitute(caller, main);
        copier.substitute(parent.kernel.processes(), kernel.processes());
        copier.substitute(parent.random, random);
        copier.substitute(parent.watchdog, watchdog);
        copier.substitute(parent.systemCode, systemCode);
        // The rows are the child's own (their handlers serve the child's sections), never copies of the parent's.
        for (LibraryTable t : parent.image.tables()) copier.substitute(t, image.table(t.soname()));
        copier.pair(parent.resources, resources);
        copier.pair(parent.process.heap(), heap);
        copier.pair(parent.signals, signals);
        copier.pair(parent.kernel, kernel);
        copier.pair(parent.linker, linker);
        copier.pair(parent.libdlLinker, libdlLinker);
        copier.pair(parent.image, image);
        image.afterForkInChild();
        kernel.fileMappings().attachSharedWindows();
        for (String shared : copier.sharedForeign()) {
            output.log(3, "mdemu", "fork: the child shares " + shared + " with its parent", pid);
        }
    }

    /**
     * What parent and child share after fork instead of copying: the VM's file system and devices, vsock, the
     * console and log, the clock, the APK and the boot's identity, loaded ELF images (read-only), the task list,
     * and the engine's objects (never copied: each process has its own, substituted before the copy).
     */
    private static boolean sharedAfterFork(Object o) {
        String n = o.getClass().getName();
        return n.startsWith("org.mdemu.guest.vfs.GuestFileSystem") || n.startsWith("org.mdemu.guest.vfs.Mount")
                || n.startsWith("org.mdemu.guest.vfs.io.") || n.startsWith("org.mdemu.guest.vfs.OpenFile")
                || n.startsWith("org.mdemu.vsock.") || n.startsWith("org.mdemu.loader.elf.")
                || n.startsWith("org.mdemu.loader.apk.") || n.startsWith("org.mdemu.emulator.")
                || n.startsWith("org.mdemu.guest.identity.") || n.startsWith("org.mdemu.guest.dice.")
                || n.startsWith("org.mdemu.guest.boot.") || n.startsWith("org.mdemu.guest.trace.")
                || o instanceof VmOutput || o instanceof GuestClock || o instanceof GuestThread
                || o instanceof Scheduler || o instanceof org.mdemu.guest.machine.CpuContext
                || o instanceof org.mdemu.guest.kernel.sched.Waiter || o instanceof Thread
                || o instanceof org.mdemu.guest.kernel.process.ProcessTable
                || o instanceof org.mdemu.guest.kernel.process.ProcessTable.Tasks
                || o instanceof org.mdemu.guest.payload.PayloadDice || o instanceof org.mdemu.guest.vfs.EncryptedStore
                || o instanceof java.io.InputStream || o instanceof java.io.OutputStream;
    }

    /** The child's host thread: its thread runs until the process ends; then its parent learns how it ended. */
    private void runForked() {
        org.mdemu.guest.kernel.process.WaitStatus status;
        try {
            status = org.mdemu.guest.kernel.process.WaitStatus.exited(runChildToEnd());
        } catch (ProcessTermination.Exited e) {
            status = org.mdemu.guest.kernel.process.WaitStatus.exited(e.status());
        } catch (ProcessTermination.Crashed crash) {
            if (crash.report() != null) {
                // debuggerd's work for the child: its tombstone on the log, the console and in /data/tombstones.
                for (String line : crash.logged().split("\n")) process.output().log(7, "DEBUG", line, pid);
                byte[] b = crash.logged().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                output.console(b, 0, b.length);
                writeTombstone(crash.report());
            }
            status = org.mdemu.guest.kernel.process.WaitStatus.killed(crash.signal(), false);
        } catch (ProcessTermination.Killed killed) {
            status = org.mdemu.guest.kernel.process.WaitStatus.killed(9, false);
        } catch (RuntimeException | Error bug) {
            output.kernelLine("mdemu: process " + pid + " failed in the emulator: " + bug);
            status = org.mdemu.guest.kernel.process.WaitStatus.killed(9, false);
        } finally {
            finished = true;
            endOtherThreads();
            if (files != null) files.closeAll();
        }
        forked.remove(this);
        if (files != null) files.fileSystem().removeTree("/proc/" + pid);
        kernel.processes().exited(status);
        machine.close();
    }

    private void writeTombstone(String report) {
        if (config.instanceDirectory() == null) return;
        try {
            java.nio.file.Path file = new org.mdemu.guest.debuggerd.TombstoneFiles(
                    config.instanceDirectory().resolve(org.mdemu.guest.boot.MicrodroidBoot.TOMBSTONES)).write(report);
            output.log(6, "tombstoned", "Tombstone written to: /data/tombstones/" + file.getFileName(), pid);
        } catch (java.io.IOException e) {
            output.kernelLine("tombstoned: cannot write the tombstone of process " + pid + ": " + e.getMessage());
        }
    }

    private int runChildToEnd() {
        try {
            scheduler.acquire(mainThread);
            kernel.processes().threadReturnIsExit = forkedFromMain;
            CpuContext resume = machine.cpu().saveContext();
            try {
                childWork.accept(kernel.processes());
                machine.cpu().restoreContext(resume);
            } finally {
                resume.close();
            }
            long value = executor.runThread();
            // The thread that called fork returned to where the runtime started it: from main, the payload's
            // AVmPayload_main returned (exit with its value); from another thread, its start routine (the last
            // thread of the process ends: exit(0)); a clone child's fn returned (exit with its value).
            int status = kernel.processes().threadReturnIsExit ? (int) value : 0;
            image.stdlib().exit(status);
            return status;
        } catch (ThreadExit mainThreadExited) {
            return awaitLastThread();
        }
    }

    /** Ends every forked process of the VM (the payload's end stops the VM with all of them). */
    private void endForked() {
        if (pid != PID) return;
        for (PayloadRun c : forked) {
            c.kill();
            Thread h = c.host;
            if (h != null) {
                try {
                    h.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Follows calls, threads, vsock and binder for the trace lines and the timeline, whichever are on. */
    private void traceWith(SyscallTable syscalls) {
        org.mdemu.guest.trace.CallTracer tracer = new org.mdemu.guest.trace.CallTracer(
                traceSink == null ? java.util.Set.of() : traceCategories, traceSink == null ? line -> { } : traceSink,
                clock::monotonicNanos, PID, timeline, mm::mappedBytes);
        executor.setTracer(tracer, n -> {
            SyscallTable.Syscall row = syscalls.entry(n);
            return row == null ? "syscall_" + n : row.name();
        });
        java.util.function.IntSupplier tid = this::callingThread;
        if (config.vsock() != null) {
            org.mdemu.vsock.VsockObserver lines = traceSink == null ? null : new org.mdemu.guest.trace.VsockTraceLines(
                    tracer, tid, tracer.traces(org.mdemu.guest.trace.TraceCategory.BINDER)
                            ? new org.mdemu.guest.trace.BinderTraceLines(tracer, tid) : null);
            org.mdemu.vsock.VsockObserver drawn = timeline == null ? null : new org.mdemu.guest.trace.TimelineVsock(
                    timeline, new org.mdemu.guest.trace.TimelineBinder(timeline, tid));
            config.vsock().setObserver(org.mdemu.guest.trace.TraceFanOut.vsock(lines, drawn));
        }
        if (timeline != null) {
            org.mdemu.guest.trace.PerfettoTimeline t = timeline;
            scheduler.setStateListener((thread, state, live) -> {
                String name = thread.name() == null ? "thread " + thread.tid() : thread.name();
                t.threadState(thread.tid(), name, switch (state) {
                    case RUNNING -> "Running";
                    case RUNNABLE -> "Runnable";
                    case BLOCKED -> "Blocked";
                    case EXITED -> null;
                });
                t.threadCount(live);
            });
        }
    }

    /** The guest thread the calling host thread runs (the process's id for a host thread that runs none). */
    private int callingThread() {
        GuestThread t = scheduler.current();
        return t != null && t.host == Thread.currentThread() ? t.tid() : pid;
    }

    /**
     * The guest's tree: the read-only root and APK mounts, tmpfs scratch areas, devices, and /proc and /sys
     * generated from this VM's process, memory size and CPU count.
     */
    private FileTable fileSystem() {
        GuestFileSystem fs = new GuestFileSystem(TMPFS_CAPACITY);
        fs.mount("/mnt/apk", "fuse.zipfuse", GuestFileSystem.FUSE_MAGIC, false, true);
        fs.mount("/dev", "devtmpfs", GuestFileSystem.TMPFS_MAGIC, false, false);
        fs.mount("/proc", "proc", GuestFileSystem.PROC_MAGIC, false, false);
        fs.mount("/sys", "sysfs", GuestFileSystem.SYSFS_MAGIC, false, false);
        for (String dir : List.of("/system/bin", "/system/lib64", "/data/local/tmp", "/tmp")) {
            fs.addDirectory(dir, dir.equals("/data/local/tmp") || dir.equals("/tmp"));
        }
        if (store != null) store.mountInto(fs);
        for (String entry : apk.entries()) {
            fs.addFile("/mnt/apk/" + entry, apk.size(entry), () -> {
                try {
                    return apk.read(entry);
                } catch (ApkException e) {
                    return new byte[0];
                }
            });
        }
        fs.addDevice("/dev/null", () -> ProcFiles.device(b -> { }, true, null));
        fs.addDevice("/dev/zero", () -> ProcFiles.device(b -> java.util.Arrays.fill(b, (byte) 0), false, null));
        fs.addDevice("/dev/urandom", () -> ProcFiles.device(random::nextBytes, false, null));
        fs.addDevice("/dev/random", () -> ProcFiles.device(random::nextBytes, false, null));
        fs.addDevice("/dev/console", () -> ProcFiles.device(b -> { }, true, b -> output.console(b, 0, b.length)));
        fs.addFile("/system/bin/microdroid_launcher", () -> new byte[0]);
        for (String lib : List.of("libc.so", "libm.so", "libdl.so", "liblog.so", VmPayloadLibrary.SONAME,
                org.mdemu.guest.binder.BinderNdkLibrary.SONAME)) {
            fs.addFile(SYSTEM_LIB_DIR + lib, () -> new byte[0]);
        }
        java.util.function.Consumer<byte[]> console = config.debugFull() ? b -> output.console(b, 0, b.length) : b -> { };
        FileTable files = new FileTable(fs, ProcFiles.device(b -> { }, true, null),
                ProcFiles.device(b -> { }, true, console), ProcFiles.device(b -> { }, true, console));
        procAndSys(fs, files);
        return files;
    }

    private void procAndSys(GuestFileSystem fs, FileTable files) {
        fs.addSymlink("/proc/self", () -> Integer.toString(callerPid()));
        procOfProcess(fs, files);
        fs.addDevice("/proc/cpuinfo", () -> ProcFiles.snapshot(ProcFiles.cpuinfo(config.cpus(), machine.cpu().hwcap())));
        fs.addDevice("/proc/meminfo", () -> ProcFiles.snapshot(ProcFiles.meminfo(config.memoryBytes(), mm.mappedBytes())));
        fs.addDevice("/proc/mounts", () -> ProcFiles.snapshot(ProcFiles.mounts(fs.mounts())));
        fs.addDevice("/proc/uptime", () -> ProcFiles.snapshot(ProcFiles.uptime(resources.uptimeSeconds())));
        String cpuList = ProcFiles.cpuList(config.cpus());
        for (String file : List.of("possible", "online", "present")) {
            fs.addDevice("/sys/devices/system/cpu/" + file, () -> ProcFiles.snapshot(cpuList));
        }
        for (int cpu = 0; cpu < config.cpus(); cpu++) fs.addDirectory("/sys/devices/system/cpu/cpu" + cpu, false);
        deviceTree(fs);
    }

    /**
     * The process that asks, for /proc/self: the one whose scheduler the calling host thread runs (every process
     * of the VM shares the file system), the payload for a host thread that runs none.
     */
    private int callerPid() {
        Scheduler s = Scheduler.ofHostThread(null);
        if (s != null) for (PayloadRun r : forked) if (r.scheduler == s) return r.pid;
        return PID;
    }

    /** /proc/PID of this process (the payload's at boot, a child's at fork; a child's goes when it ends). */
    private void procOfProcess(GuestFileSystem fs, FileTable files) {
        int pid = this.pid;
        String self = "/proc/" + pid;
        fs.addDevice(self + "/maps", () -> ProcFiles.snapshot(ProcFiles.maps(mm)));
        fs.addDevice(self + "/cmdline", () -> ProcFiles.snapshot("microdroid_launcher\0" + payloadName + "\0"));
        fs.addDevice(self + "/comm", () -> ProcFiles.snapshot(resources.threadName(pid) + "\n"));
        fs.addDevice(self + "/status", () -> ProcFiles.snapshot(ProcFiles.status(pid,
                kernel.processes().parentPid(), resources.threadName(pid), mm.mappedBytes(), resources.peakMapped(),
                files.openDescriptors().size(), Math.max(1, scheduler.liveCount()))));
        fs.addSymlink(self + "/exe", () -> "/system/bin/microdroid_launcher");
        fs.addSymlink(self + "/cwd", files::cwd);
        fs.addDynamicDirectory(self + "/fd", files::openDescriptors, name -> {
            if (!name.matches("[0-9]{1,9}") || files.get(Integer.parseInt(name)) == null) return null;
            return fs.symlink(self + "/fd/" + name, () -> files.pathOf(Integer.parseInt(name)));
        });
        fs.addSymlink(self + "/mounts", () -> "../mounts");
    }

    /**
     * The device tree's /chosen node as the guest reads it (/proc/device-tree is a link to it): pvmfw, which boots
     * only protected VMs, adds the empty properties avf,strict-boot, and avf,new-instance on an instance's first
     * boot, which is how microdroid_manager tells both.
     */
    private void deviceTree(GuestFileSystem fs) {
        String chosen = "/sys/firmware/devicetree/base/chosen";
        fs.addDirectory(chosen, false);
        if (config.protectedVm()) {
            fs.addFile(chosen + "/avf,strict-boot", () -> new byte[0]);
            if (identity.newInstance()) fs.addFile(chosen + "/avf,new-instance", () -> new byte[0]);
        }
        fs.addSymlink("/proc/device-tree", () -> "/sys/firmware/devicetree/base");
    }

    private void placeSystemLibraries() {
        long dataSize = 0;
        for (LibraryTable t : image.tables()) {
            for (GuestSymbol s : t.symbols()) {
                if (s.implementation() instanceof GuestSymbol.DataObject d) dataSize += (d.size() + 15) & ~15L;
            }
        }
        long data = mm.mapAnonymous(Math.max(dataSize, 4096), 4096, Prot.RW, "[anon:system library data]");
        LoadedLibrary hot = loadHotRoutines();
        for (LibraryTable t : image.tables()) {
            TableLibrary lib = new TableLibrary(t);
            for (GuestSymbol s : t.symbols()) {
                if (s.implementation() instanceof GuestSymbol.JavaFunction f) {
                    lib.place(s.name(), gate.install(t.soname(), s.name(), f.handler(), f.callsGuest()), TrapGate.STUB_SIZE);
                } else if (s.implementation() instanceof GuestSymbol.GuestCode code) {
                    SymbolSource.ResolvedSymbol r = hot.lookup(code.imageSymbol(), null);
                    if (r == null) throw new IllegalStateException("hot-routines.so lacks " + code.imageSymbol());
                    lib.place(s.name(), r.address(), r.size());
                } else if (s.implementation() instanceof GuestSymbol.DataObject d) {
                    lib.place(s.name(), data, d.size());
                    data += (d.size() + 15) & ~15L;
                }
            }
            systemLibraries.put(t.soname(), lib);
        }
        // Data initializers may point at other rows (stdout -> __sF), so they run after every row is placed.
        for (LibraryTable t : image.tables()) {
            for (GuestSymbol s : t.symbols()) {
                if (s.implementation() instanceof GuestSymbol.DataObject d) {
                    d.initializer().initialize(systemLibraries.get(t.soname()).lookup(s.name(), null).address());
                }
            }
        }
    }

    /** The guest-code part of libc, mapped like any library but shown as /system/lib64/libc.so. */
    private LoadedLibrary loadHotRoutines() {
        byte[] image;
        try (java.io.InputStream in = PayloadRun.class.getResourceAsStream(HOT_ROUTINES)) {
            if (in == null) throw new IllegalStateException("missing resource " + HOT_ROUTINES);
            image = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        systemCode = new DynamicLinker(new GuestAddressSpace(mm, machine.memory()), soname -> null,
                name -> name.equals("libc.so") ? image : null, SYSTEM_LIB_DIR, executor::call, machine.cpu().hwcap());
        try {
            return systemCode.load("libc.so", new ArrayList<>());
        } catch (LinkException | ElfException e) {
            throw new IllegalStateException("cannot load hot-routines.so: " + e.getMessage(), e);
        }
    }

    private int runPayload() throws LoadFailure {
        linker = new DynamicLinker(new GuestAddressSpace(mm, machine.memory()), systemLibraries::get,
                this::apkLibrary, APK_LIB_DIR, executor::call, machine.cpu().hwcap());
        List<LoadedLibrary> loaded = new ArrayList<>();
        LoadedLibrary payload;
        if (timeline != null) timeline.phaseBegin("linking " + payloadName);
        try {
            payload = linker.load(payloadName, loaded);
        } catch (LinkException | ElfException e) {
            throw new LoadFailure(e.getMessage());
        } catch (org.mdemu.guest.kernel.memory.GuestOutOfMemoryException e) {
            throw new LoadFailure(payloadName + ": " + e.getMessage());
        } finally {
            if (timeline != null) timeline.phaseEnd();
        }
        image.tls().attach(linker);
        long tp = mainBlock.withStaticTls(mm, machine.memory(), image.tls());
        mainThread.setTlsBase(tp);
        machine.cpu().registers().setTpidr(tp);
        SymbolSource.ResolvedSymbol main = payload.lookup("AVmPayload_main", null);
        if (main == null || !main.function()) {
            throw new LoadFailure("cannot locate symbol \"AVmPayload_main\" in \"" + payloadName + "\": the payload"
                    + " must export int AVmPayload_main(void)");
        }
        if (debugger != null) debugger.stopBeforeFirstInstruction();
        runConstructors(loaded);
        int status = (int) executor.call(main.address());
        image.stdlib().exit(status);
        return status;
    }

    private byte[] apkLibrary(String name) {
        String entry = Apk.ARM64_LIB_DIR + name;
        if (!apk.contains(entry)) return null;
        try {
            return apk.read(entry);
        } catch (ApkException e) {
            return null;
        }
    }

    private void runConstructors(List<LoadedLibrary> libraries) {
        for (LoadedLibrary lib : libraries) {
            for (long fn : lib.initFunctions()) executor.call(fn, 0, 0, 0);
        }
    }

    private void runDestructors() {
        List<LoadedLibrary> libs = linker == null ? List.of() : linker.libraries();
        for (LoadedLibrary lib : libs) {
            for (long fn : lib.finiFunctions()) executor.call(fn);
        }
    }

    /** Stops the payload from any thread; keeps asking until the CPU has left the guest. */
    public void kill() {
        killed = true;
        Scheduler s = scheduler;
        if (s == null) return;
        s.terminate(new ProcessTermination.Killed());
        Thread nudger = new Thread(() -> {
            for (int i = 0; i < 400 && !finished; i++) {
                machine.cpu().requestStop();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "mdemu-stop");
        nudger.setDaemon(true);
        nudger.start();
    }

    /** A fault the payload handles itself (sigaction): true if its handler now runs. */
    private boolean faultToHandler(CpuExit.Fault fault) {
        Tombstone.Signal signal = signalOf(fault);
        return signals.deliverFault(machine.cpu().registers(), signal.number(), signal.code(), fault.faultAddress());
    }

    /**
     * The kernel's OOM killer: memory the guest was given (mmap overcommits, as Linux does) cannot be backed when first
     * touched, because what holds it on the host is full (the Java engine's pages live in the JVM's heap or direct
     * memory): the process ends by SIGKILL, and the kernel's line says why.
     */
    private ProcessTermination outOfMemoryKill(org.mdemu.guest.kernel.memory.GuestOutOfMemoryException e) {
        output.kernelLine(String.format("Out of memory: Killed process %d: %s", pid, e.getMessage()));
        return new ProcessTermination.Crashed(SIGKILL, "killed by signal 9 (SIGKILL): out of memory: " + e.getMessage(),
                null);
    }

    private ProcessTermination crashFromFault(CpuExit.Fault fault) {
        return crash(signalOf(fault), fault.faultAddress(), null);
    }

    private static Tombstone.Signal signalOf(CpuExit.Fault fault) {
        return switch (fault.kind()) {
            case READ_UNMAPPED, WRITE_UNMAPPED, FETCH_UNMAPPED -> new Tombstone.Signal(11, "SIGSEGV", 1, "SEGV_MAPERR");
            case READ_PROT, WRITE_PROT, FETCH_PROT -> new Tombstone.Signal(11, "SIGSEGV", 2, "SEGV_ACCERR");
            case UNDEFINED_INSTRUCTION -> new Tombstone.Signal(4, "SIGILL", 1, "ILL_ILLOPC");
            case BREAKPOINT -> new Tombstone.Signal(5, "SIGTRAP", 1, "TRAP_BRKPT");
            case UNALIGNED -> new Tombstone.Signal(7, "SIGBUS", 1, "BUS_ADRALN");
            case OTHER -> new Tombstone.Signal(11, "SIGSEGV", 0, "SI_KERNEL");
        };
    }

    private ProcessTermination.Crashed crash(Tombstone.Signal signal, long faultAddress, String abortMessage) {
        GuestThread victim = scheduler == null ? null : scheduler.current();
        // As debuggerd stops every thread before it reads their registers: the process ends, nothing resumes them.
        if (scheduler != null && victim != null) scheduler.stopOtherCores(victim);
        org.mdemu.guest.debuggerd.TombstoneText.Text text = tombstone(victim, signal, faultAddress, abortMessage);
        String summary = signal.name() + (signal.number() == 6 ? "" : String.format(" at 0x%x", faultAddress))
                + (abortMessage == null ? "" : ": " + abortMessage);
        return new ProcessTermination.Crashed(signal.number(), summary, text.full(), text.logged());
    }

    /**
     * debuggerd's work: the crashing thread (whose registers are on the CPU) and every other live thread (whose
     * registers are in its saved context) unwound, the probable cause, the memory map, as a tombstone.
     */
    private org.mdemu.guest.debuggerd.TombstoneText.Text tombstone(GuestThread victim, Tombstone.Signal signal,
                                                                   long faultAddress, String abortMessage) {
        Cpu cpu = machine.cpu();
        GuestMemory memory = machine.memory();
        LoadedCode code = new LoadedCode(gate, linker, systemCode);
        org.mdemu.guest.debuggerd.CrashUnwinder unwinder =
                new org.mdemu.guest.debuggerd.CrashUnwinder(memory, code, sigreturnTrampoline);
        org.mdemu.guest.debuggerd.ThreadRegisters regs = org.mdemu.guest.debuggerd.ThreadRegisters.of(cpu.registers());
        int tid = victim == null ? pid : victim.tid();
        var crashing = new org.mdemu.guest.debuggerd.TombstoneText.ThreadDump(tid,
                victim == null ? "microdroid_laun" : victim.name(), regs, unwinder.unwind(regs));
        List<org.mdemu.guest.debuggerd.TombstoneText.ThreadDump> others = new ArrayList<>();
        List<GuestThread> all = scheduler == null ? List.of() : new ArrayList<>(scheduler.threads());
        all.sort(java.util.Comparator.comparingInt(GuestThread::tid));
        for (GuestThread t : all) {
            if (t == victim || t.exited()) continue;
            org.mdemu.guest.debuggerd.ThreadRegisters r = savedRegisters(cpu, t);
            others.add(new org.mdemu.guest.debuggerd.TombstoneText.ThreadDump(t.tid(), t.name(), r,
                    r == null ? List.of() : unwinder.unwind(r)));
        }
        List<org.mdemu.guest.kernel.MemoryManager.Mapping> maps = mm == null ? List.of() : mm.mappings();
        boolean hasAddress = hasFaultAddress(signal);
        String cause = org.mdemu.guest.debuggerd.ProbableCause.of(signal.number(), signal.code(), faultAddress,
                regs.sp(), regs.pc(), maps, mm == null ? List.of() : mm.recentlyUnmapped());
        long realtime = clock.realtimeNanos();
        String timestamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.")
                .format(java.time.Instant.ofEpochSecond(realtime / 1_000_000_000L).atOffset(java.time.ZoneOffset.UTC))
                + String.format("%09d+0000", realtime % 1_000_000_000L);
        var crash = new org.mdemu.guest.debuggerd.TombstoneText.Crash(pid, 0, "/system/bin/microdroid_launcher",
                "microdroid_launcher " + payloadName, timestamp, clock.monotonicNanos() / 1_000_000_000L,
                new org.mdemu.guest.debuggerd.TombstoneText.Signal(signal.number(), signal.name(), signal.code(),
                        signal.codeName(), hasAddress ? faultAddress : null),
                cause, abortMessage, image == null ? List.of() : image.crashDetailLines(), crashing, others);
        return org.mdemu.guest.debuggerd.TombstoneText.render(crash, memory, maps, code);
    }

    /** Whether the signal carries a fault address (debuggerd's signal_has_si_addr): not when a process sent it. */
    private static boolean hasFaultAddress(Tombstone.Signal signal) {
        int code = signal.code();
        if (code <= 0) return false; // SI_USER, SI_QUEUE, SI_TKILL
        return switch (signal.number()) {
            case 4, 5, 7, 8, 11 -> true; // SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV
            default -> false;
        };
    }

    /** A thread's registers from its saved context (read by putting it on the CPU and back), null if it has none. */
    private static org.mdemu.guest.debuggerd.ThreadRegisters savedRegisters(Cpu cpu, GuestThread t) {
        if (t.context == null) return null;
        org.mdemu.guest.machine.CpuContext mine = cpu.saveContext();
        try {
            cpu.restoreContext(t.context);
            return org.mdemu.guest.debuggerd.ThreadRegisters.of(cpu.registers());
        } finally {
            cpu.restoreContext(mine);
            mine.close();
        }
    }

    /** Module, offset and symbol of a code address, for backtraces. */
    CodeLocation locate(long address) {
        LoadedLibrary lib = linker == null ? null : linker.libraryAt(address);
        if (lib == null && systemCode != null) lib = systemCode.libraryAt(address);
        if (lib != null) {
            Object[] sym = lib.symbolAt(address);
            return new CodeLocation(lib.path(), address - lib.base(), sym == null ? null : (String) sym[0],
                    sym == null ? 0 : (Long) sym[1]);
        }
        TrapGate.Entry entry = gate == null ? null : gate.entryContaining(address);
        if (entry != null) {
            return new CodeLocation(SYSTEM_LIB_DIR + entry.library(), address - gate.base(), entry.name(),
                    (address - gate.base()) % TrapGate.STUB_SIZE);
        }
        return null;
    }

    /** How the process ends: by exception, so every nesting of guest calls and traps unwinds at once. */
    private final class Control implements ProcessControl {
        @Override
        public void exit(int status) {
            // do_exit keeps the low 8 bits: exit(256) is 0, exit(-1) is 255.
            throw new ProcessTermination.Exited(status & 0xff);
        }

        @Override
        public void killedBy(int signal) {
            throw new ProcessTermination.Crashed(signal, String.format("killed by signal %d (%s)", signal,
                    Tombstone.signalName(signal)), null);
        }

        @Override
        public void fatalSignal(int signal, int code, long faultAddress) {
            throw PayloadRun.this.crash(new Tombstone.Signal(signal, Tombstone.signalName(signal), code,
                    code == org.mdemu.guest.kernel.signals.Signals.SI_KERNEL ? "SI_KERNEL" : "code " + code),
                    faultAddress, null);
        }

        @Override
        public void crash(int signal, String reason) {
            if (signal == SIGABRT && executor != null && executor.servingCall()) {
                if (reason != null) image.log().setAbortMessage(reason);
                throw AbortRequested.INSTANCE;
            }
            if (debugger != null) debugger.beforeFatalSignal(scheduler.current(), signal);
            String message = reason != null ? reason : image.log().abortMessage();
            throw PayloadRun.this.crash(new Tombstone.Signal(signal, Tombstone.signalName(signal), -6, "SI_TKILL"),
                    0, message);
        }
    }

    /** The process as the debugger sees it. */
    private final class DebuggedProcess implements org.mdemu.guest.debug.GuestDebugger.Process {
        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public Cpu cpu() {
            return machine.cpu();
        }

        @Override
        public GuestMemory memory() {
            return machine.memory();
        }

        /** The APK's libraries as linker64 loaded them (the system libraries are tables, with no file to read). */
        @Override
        public List<org.mdemu.guest.debug.GuestInspector.SharedLibrary> libraries() {
            List<org.mdemu.guest.debug.GuestInspector.SharedLibrary> result = new ArrayList<>();
            for (LoadedLibrary lib : linker == null ? List.<LoadedLibrary>of() : linker.libraries()) {
                long dynamic = 0;
                for (org.mdemu.loader.elf.Elf64Image.Segment seg : lib.image().segments()) {
                    if (seg.type() == org.mdemu.loader.elf.Elf64Image.PT_DYNAMIC) dynamic = lib.base() + seg.vaddr();
                }
                byte[] header = lib.image().bytes();
                long entry = 0;
                for (int i = 7; i >= 0 && header.length >= 32; i--) entry = entry << 8 | (header[24 + i] & 0xff);
                result.add(new org.mdemu.guest.debug.GuestInspector.SharedLibrary(lib.path(), lib.base(), dynamic,
                        lib.image().programHeaderAddress(lib.base()), lib.image().programHeaderCount(), lib.base() + entry,
                        lib.image()::bytes));
            }
            return result;
        }
    }

    /** libdl over this run's linker. */
    private final class LinkerForLibDl implements LibDl.Linker {
        /**
         * System libraries are Java tables without a load address, so their handles are small odd numbers: never a
         * library base (page aligned), RTLD_DEFAULT/RTLD_NEXT or dlopen(NULL)'s {@link LibDl#MAIN_HANDLE}.
         */
        private static final long SYSTEM_HANDLE_BASE = 0x11;
        private final Map<Long, LoadedLibrary> handles = new HashMap<>();
        private final Map<String, Long> systemHandles = new HashMap<>();
        private final Map<Long, SymbolSource> systemHandleSources = new HashMap<>();

        @Override
        public long open(String name, boolean global, boolean noLoad) throws LinkException, ElfException {
            String file = name.substring(name.lastIndexOf('/') + 1);
            if (systemLibraries.containsKey(file)) {
                SymbolSource sys = linker.openSystem(file, global);
                return systemHandles.computeIfAbsent(file, f -> {
                    long h = SYSTEM_HANDLE_BASE + 2L * systemHandleSources.size();
                    systemHandleSources.put(h, sys);
                    return h;
                });
            }
            LoadedLibrary lib = linker.find(file);
            if (lib == null && noLoad) return 0;
            if (lib == null) {
                List<LoadedLibrary> fresh = new ArrayList<>();
                try {
                    lib = linker.load(file, fresh, global);
                } catch (org.mdemu.guest.kernel.memory.GuestOutOfMemoryException e) {
                    throw new LinkException(file + ": " + e.getMessage());
                }
                if (debugger != null && !fresh.isEmpty()) debugger.librariesChanged(scheduler.current());
                runConstructors(fresh);
            }
            handles.put(lib.base(), lib);
            return lib.base();
        }

        @Override
        public long symbol(long handle, String name, String version, long caller) {
            SymbolSource.ResolvedSymbol s;
            if (handle == 0) {
                s = linker.lookupDefault(name, version, caller);
            } else if (handle == -1) {
                s = linker.lookupNext(name, version, caller);
            } else if (handle == LibDl.MAIN_HANDLE) {
                s = linker.lookupGlobal(name, version);
            } else if (systemHandleSources.containsKey(handle)) {
                // The library, then libc: every system library needs libc, and bionic's dlsym(handle) searches the
                // handle's DT_NEEDED tree breadth first.
                s = systemHandleSources.get(handle).lookup(name, version);
                if (s == null) {
                    SymbolSource libc = linker.openSystem("libc.so", false);
                    if (libc != null) s = libc.lookup(name, version);
                }
            } else {
                LoadedLibrary lib = handles.get(handle);
                if (lib == null) return -1;
                s = linker.lookupIn(lib, name, version);
            }
            return s == null ? 0 : address(s);
        }

        @Override
        public long cfiCheck(long address) {
            LoadedLibrary lib = linker.libraryAt(address);
            if (lib == null) return PayloadRun.this.locate(address) != null ? 0 : -1;
            SymbolSource.ResolvedSymbol check = lib.lookup("__cfi_check", null);
            return check == null ? 0 : check.address();
        }

        /** As bionic's dlsym: a TLS symbol's address is the calling thread's copy. */
        private long address(SymbolSource.ResolvedSymbol s) {
            if (!s.tls() || !(s.source() instanceof LoadedLibrary lib)) return s.address();
            return image.tls().threadAddress(lib.soname(), s.address() - lib.base());
        }

        @Override
        public List<LibDl.LoadedObject> objects() {
            List<LibDl.LoadedObject> result = new ArrayList<>();
            List<LoadedLibrary> all = new ArrayList<>(linker == null ? List.of() : linker.libraries());
            if (systemCode != null) all.addAll(systemCode.libraries());
            for (LoadedLibrary lib : all) {
                org.mdemu.loader.elf.Elf64Image image = lib.image();
                result.add(new LibDl.LoadedObject(lib.base(), lib.path(), image.programHeaderAddress(lib.base()),
                        image.programHeaderCount()));
            }
            return result;
        }

        @Override
        public LibDl.Location locate(long address) {
            CodeLocation where = PayloadRun.this.locate(address);
            if (where == null) return null;
            LoadedLibrary lib = linker.libraryAt(address);
            long base = lib != null ? lib.base() : gate.base();
            return new LibDl.Location(where.module(), base, where.symbol(), address - where.symbolOffset());
        }
    }
}
