package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.CpuContext;
import org.mdemu.guest.machine.CpuDebug;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.machine.TrapHandler;
import unicorn.Arm64Const;
import unicorn.UnicornConst;
import unicorn.UnicornException;

/**
 * The AArch64 CPU on a Unicorn-family engine. Traps ({@code svc}) call the trap handler from the interrupt hook; Java
 * exceptions never cross JNI: they are kept, the engine is stopped, and {@link #run} rethrows them.
 */
final class UnicornCpu implements Cpu, CpuDebug {
    private static final int EXCP_UDEF = 1;
    private static final int EXCP_SWI = 2;
    private static final int EXCP_DATA_ABORT = 4;
    private static final int EXCP_BKPT = 7;
    /**
     * Where the CPU configures itself for EL0 at construction (a page unmapped again before any guest mapping).
     * The code reads and sets SCTLR_EL1 as Linux's arm64 kernel leaves it for user space (UCT, DZE, UCI: cache type
     * reads, DC ZVA and cache maintenance allowed at EL0; nTWE, nTWI: WFE and WFI not trapped; UMA clear: DAIF writes
     * trap), lets EL0 read the virtual counter (CNTKCTL_EL1.EL0VCTEN) and use FP/SIMD (CPACR_EL1.FPEN), then drops
     * to EL0t through an exception return.
     */
    private static final long BOOT = 0x1000;
    private static final long SCTLR_SET = 1L << 15 | 1L << 14 | 1L << 26 | 1L << 18 | 1L << 16, SCTLR_CLEAR = 1L << 9;
    private static final int[] TO_EL0 = {
        0xd5381000, // mrs x0, sctlr_el1
        0xaa040000, // orr x0, x0, x4
        0x8a250000, // bic x0, x0, x5
        0xd5181000, // msr sctlr_el1, x0
        0xd538e101, // mrs x1, cntkctl_el1
        0xb27f0021, // orr x1, x1, #2
        0xd518e101, // msr cntkctl_el1, x1
        0xd5381043, // mrs x3, cpacr_el1
        0xb26c0463, // orr x3, x3, #0x300000
        0xd5181043, // msr cpacr_el1, x3
        0xd5033fdf, // isb
        0xd518401f, // msr spsr_el1, xzr (EL0t, interrupts unmasked)
        0x10000062, // adr x2, el0
        0xd5184022, // msr elr_el1, x2
        0xd69f03e0, // eret
        0xd503201f, // el0: nop
    };

    private final Aarch64Engine uc;
    private final UnicornRegisters registers;
    private final long hwcap;
    private TrapHandler trapHandler = (cpu, address) -> {
        throw new IllegalStateException(String.format("svc at 0x%x with no trap handler", address));
    };
    private volatile boolean stopRequested;
    private RuntimeException pendingException;
    private CpuExit.Fault pendingFault;
    private CpuExit.FaultKind memoryFaultKind;
    private long memoryFaultAddress;
    private int memoryFaultSize;
    private final UnicornWatchpoints watchpoints;
    private final UnicornMemory memory;

    UnicornCpu(Aarch64Engine uc, long hwcap, UnicornMemory memory) {
        this.uc = uc;
        this.hwcap = hwcap;
        this.registers = new UnicornRegisters(uc);
        this.memory = memory;
        this.watchpoints = new UnicornWatchpoints(uc, memory);
        memory.setWatchpoints(watchpoints);
        enterUserMode();
        uc.hookInterrupts(this::onInterrupt);
        // The binding does not pass the event type to the hook, so each kind gets a hook of its own.
        int[][] kinds = {{UnicornConst.UC_HOOK_MEM_READ_UNMAPPED, UnicornConst.UC_MEM_READ_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_WRITE_UNMAPPED, UnicornConst.UC_MEM_WRITE_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_FETCH_UNMAPPED, UnicornConst.UC_MEM_FETCH_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_READ_PROT, UnicornConst.UC_MEM_READ_PROT},
                {UnicornConst.UC_HOOK_MEM_WRITE_PROT, UnicornConst.UC_MEM_WRITE_PROT},
                {UnicornConst.UC_HOOK_MEM_FETCH_PROT, UnicornConst.UC_MEM_FETCH_PROT}};
        for (int[] k : kinds) {
            CpuExit.FaultKind kind = kindOf(k[1]);
            uc.hookMemoryFault(k[0], (address, size) -> {
                memoryFaultKind = kind;
                memoryFaultAddress = address;
                memoryFaultSize = size;
            });
        }
    }

    private void onInterrupt(int intno) {
        try {
            long pc = registers.pc();
            if (intno == EXCP_SWI) {
                trapHandler.onSupervisorCall(this, pc - 4);
            } else if (intno == EXCP_DATA_ABORT) {
                alignmentFault(pc);
            } else if (intno == EXCP_BKPT) {
                fault(CpuExit.FaultKind.BREAKPOINT, pc, "brk instruction");
            } else if (intno == EXCP_UDEF) {
                fault(CpuExit.FaultKind.UNDEFINED_INSTRUCTION, pc,
                        String.format("undefined instruction 0x%08x", readWordOrZero(pc)));
            } else {
                fault(CpuExit.FaultKind.OTHER, pc, "CPU exception " + intno);
            }
        } catch (RuntimeException e) {
            pendingException = e;
            uc.emuStop();
        } catch (Error e) {
            pendingException = new IllegalStateException("trap handler failed: " + e, e);
            uc.emuStop();
        }
    }

    /**
     * Runs {@link #TO_EL0} at EL1, where the engines start: guest code runs at EL0 afterwards, as a Linux process
     * does, so EL1 system registers, DAIF and the like are undefined instructions to it (SIGILL).
     */
    private void enterUserMode() {
        byte[] code = new byte[TO_EL0.length * 4];
        for (int i = 0; i < TO_EL0.length; i++) for (int j = 0; j < 4; j++) code[4 * i + j] = (byte) (TO_EL0[i] >>> (8 * j));
        uc.memMap(BOOT, 4096, Prot.RX);
        try {
            uc.memWrite(BOOT, code);
            uc.regWrite(Arm64Const.UC_ARM64_REG_X4, SCTLR_SET | uc.sctlrBits());
            uc.regWrite(Arm64Const.UC_ARM64_REG_X5, SCTLR_CLEAR);
            uc.emuStart(BOOT, BOOT + 4L * (TO_EL0.length - 1), 0);
        } finally {
            uc.dropTranslations(BOOT, 4096);
            uc.memUnmap(BOOT, 4096);
        }
        for (int r : new int[] {Arm64Const.UC_ARM64_REG_X0, Arm64Const.UC_ARM64_REG_X1, Arm64Const.UC_ARM64_REG_X2,
                Arm64Const.UC_ARM64_REG_X3, Arm64Const.UC_ARM64_REG_X4, Arm64Const.UC_ARM64_REG_X5,
                Arm64Const.UC_ARM64_REG_PC}) {
            uc.regWrite(r, 0);
        }
    }

    /**
     * The engines raise a data abort from inside a run only for an access that breaks an alignment rule (mapping and
     * permission faults come through the memory hooks): load/store-exclusive and atomic instructions need naturally
     * aligned addresses. The address is their base register (they take no offset); Linux answers SIGBUS.
     */
    private void alignmentFault(long pc) {
        int insn = readWordOrZero(pc);
        boolean exclusive = (insn & 0x3f000000) == 0x08000000;
        boolean atomic = (insn & 0x3f200c00) == 0x38200000;
        long address = pc;
        if (exclusive || atomic) {
            int rn = (insn >>> 5) & 31;
            address = rn == 31 ? registers.sp() : registers.x(rn);
        }
        pendingFault = new CpuExit.Fault(CpuExit.FaultKind.UNALIGNED, pc, address,
                String.format("misaligned access to 0x%x by instruction 0x%08x", address, insn));
        uc.emuStop();
    }

    private void fault(CpuExit.FaultKind kind, long pc, String detail) {
        pendingFault = new CpuExit.Fault(kind, pc, pc, detail);
        uc.emuStop();
    }

    private int readWord(long address) {
        byte[] b = uc.memRead(address, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private int readWordOrZero(long address) {
        try {
            return readWord(address);
        } catch (UnicornException e) {
            return 0;
        }
    }

    @Override
    public CpuRegisters registers() {
        return registers;
    }

    /**
     * Context buffers are pooled and never handed back to native code: Unicorn 1's binding's free() of a context
     * corrupts the native heap (seen as glibc aborting with "corrupted double-linked list"). A machine needs
     * only as many as its deepest nesting of guest calls plus its threads.
     */
    private final java.util.ArrayDeque<Long> freeContexts = new java.util.ArrayDeque<>();

    @Override
    public CpuContext saveContext() {
        Long pooled;
        synchronized (freeContexts) {
            pooled = freeContexts.poll();
        }
        long handle = pooled != null ? pooled : uc.contextAlloc();
        uc.contextSave(handle);
        return new UnicornContext(this, handle);
    }

    private void release(long handle) {
        synchronized (freeContexts) {
            freeContexts.push(handle);
        }
    }

    @Override
    public void restoreContext(CpuContext context) {
        uc.contextRestore(((UnicornContext) context).handle());
    }

    @Override
    public CpuContext newContext() {
        CpuContext current = saveContext();
        for (int i = 0; i < 31; i++) registers.setX(i, 0);
        for (int i = 0; i < 32; i++) registers.setQ(i, 0, 0);
        registers.setSp(0);
        registers.setPc(0);
        registers.setTpidr(0);
        CpuContext fresh = saveContext();
        restoreContext(current);
        current.close();
        return fresh;
    }

    @Override
    public CpuExit run(long stopAddress, long instructionBudget) {
        while (true) {
            CpuExit exit = runOnce(stopAddress, instructionBudget);
            if (!(exit instanceof CpuExit.Fault f) || (f.kind() != CpuExit.FaultKind.READ_PROT
                    && f.kind() != CpuExit.FaultKind.WRITE_PROT) || !watchpoints.guards(f.faultAddress())) {
                return exit;
            }
            int access = f.kind() == CpuExit.FaultKind.WRITE_PROT ? Prot.WRITE : Prot.READ;
            CpuExit.Watchpoint hit = watchpoints.hit(f.pc(), f.faultAddress(), memoryFaultSize, access);
            if (hit != null) return hit;
            // Another access to a watched page: it runs as if the page were not watched. A run with a budget may
            // exceed it by the instructions before such an access (only while a debugger watches memory).
            try {
                watchpoints.stepUnguarded(f.pc(), f.faultAddress());
            } catch (UnicornException e) {
                return f;
            }
            if (pendingException != null) throw pendingException;
            if (instructionBudget == 1) return new CpuExit.SliceExpired();
            if (stopAddress != 0 && registers.pc() == stopAddress) return new CpuExit.ReachedStopAddress();
        }
    }

    private CpuExit runOnce(long stopAddress, long instructionBudget) {
        if (stopRequested) {
            stopRequested = false;
            return new CpuExit.StopRequested();
        }
        pendingException = null;
        pendingFault = null;
        memoryFaultKind = null;
        long begin = registers.pc();
        try {
            uc.emuStart(begin, stopAddress, instructionBudget);
        } catch (UnicornException e) {
            if (pendingException != null) throw pendingException;
            if (pendingFault != null) return pendingFault;
            long pc = registers.pc();
            if (memoryFaultKind != null) memoryFaultKind = reservationFault(memoryFaultKind, memoryFaultAddress);
            if (!uc.exactFaultPc() && (memoryFaultKind == CpuExit.FaultKind.READ_PROT
                    || memoryFaultKind == CpuExit.FaultKind.WRITE_PROT)) {
                // The engine reports the block's start for protection faults (see FaultingInstruction).
                pc = FaultingInstruction.locate(pc, memoryFaultKind == CpuExit.FaultKind.WRITE_PROT, this::readWord);
                registers.setPc(pc);
            }
            if (memoryFaultKind != null) {
                return new CpuExit.Fault(memoryFaultKind, pc, memoryFaultAddress, e.getMessage());
            }
            String message = String.valueOf(e.getMessage());
            CpuExit.FaultKind kind = message.contains("UC_ERR_INSN_INVALID") || message.contains("Invalid instruction")
                    ? CpuExit.FaultKind.UNDEFINED_INSTRUCTION
                    : message.toLowerCase().contains("unaligned") ? CpuExit.FaultKind.UNALIGNED : CpuExit.FaultKind.OTHER;
            return new CpuExit.Fault(kind, pc, pc, message);
        }
        if (pendingException != null) throw pendingException;
        if (pendingFault != null) return pendingFault;
        if (stopRequested) {
            stopRequested = false;
            return new CpuExit.StopRequested();
        }
        if (registers.pc() == stopAddress) return new CpuExit.ReachedStopAddress();
        return instructionBudget > 0 ? new CpuExit.SliceExpired() : new CpuExit.StopRequested();
    }

    @Override
    public void requestStop() {
        stopRequested = true;
        // Stops come from other threads (host stop, preemption) and may race the machine's close: the engine's
        // stop on a closed handle would touch freed native memory.
        synchronized (engineLifetime) {
            if (!engineClosed) uc.emuStop();
        }
    }

    private final Object engineLifetime = new Object();
    private boolean engineClosed;

    /** Closes the engine; stops requested afterwards do nothing. */
    void closeEngine() {
        synchronized (engineLifetime) {
            engineClosed = true;
            uc.close();
        }
    }

    @Override
    public CpuDebug debug() {
        return this;
    }

    @Override
    public long fpsr() {
        return uc.fpsrRegister() < 0 ? -1 : uc.regRead(uc.fpsrRegister()) & 0xffffffffL;
    }

    @Override
    public long fpcr() {
        return uc.fpcrRegister() < 0 ? -1 : uc.regRead(uc.fpcrRegister()) & 0xffffffffL;
    }

    @Override
    public boolean setFpsr(long value) {
        if (uc.fpsrRegister() < 0) return false;
        uc.regWrite(uc.fpsrRegister(), value & 0xffffffffL);
        return true;
    }

    @Override
    public boolean setFpcr(long value) {
        if (uc.fpcrRegister() < 0) return false;
        uc.regWrite(uc.fpcrRegister(), value & 0xffffffffL);
        return true;
    }

    /** Breakpoints: the original instruction word (BRK written over it) or the engine's code hook handle. */
    private final java.util.Map<Long, Object> breakpoints = new java.util.HashMap<>();

    @Override
    public synchronized boolean addBreakpoint(long address) {
        if (breakpoints.containsKey(address)) return true;
        if ((address & 3) != 0) return false;
        Object hook = uc.hookCode(address, () -> fault(CpuExit.FaultKind.BREAKPOINT, address, "breakpoint"));
        if (hook != null) {
            breakpoints.put(address, hook);
            return true;
        }
        try {
            byte[] original = uc.memRead(address, 4);
            uc.memWrite(address, new byte[] {0x00, 0x00, 0x20, (byte) 0xd4});
            breakpoints.put(address, original);
            return true;
        } catch (UnicornException e) {
            return false;
        }
    }

    @Override
    public synchronized boolean removeBreakpoint(long address) {
        Object b = breakpoints.remove(address);
        if (b == null) return false;
        if (b instanceof byte[] original) {
            try {
                uc.memWrite(address, original);
            } catch (UnicornException unmapped) {
                // the code is gone: nothing to restore
            }
        } else {
            uc.unhookCode(b);
        }
        return true;
    }

    @Override
    public synchronized java.util.Map<Long, byte[]> patchedCode() {
        java.util.Map<Long, byte[]> patched = new java.util.HashMap<>();
        breakpoints.forEach((address, b) -> {
            if (b instanceof byte[] original) patched.put(address, original.clone());
        });
        return patched;
    }

    @Override
    public void addWatchpoint(long address, long length, int access) {
        watchpoints.add(address, length, access);
    }

    @Override
    public boolean removeWatchpoint(long address, long length, int access) {
        return watchpoints.remove(address, length, access);
    }

    @Override
    public void setTrapHandler(TrapHandler handler) {
        this.trapHandler = handler;
    }

    @Override
    public long hwcap() {
        return hwcap;
    }

    /**
     * A PROT_NONE page the engine does not hold ({@link UnicornMemory}'s absent pages) faults in the engine as
     * unmapped; for the guest it is a mapped page refusing the access, as Linux reports a PROT_NONE VMA.
     */
    private CpuExit.FaultKind reservationFault(CpuExit.FaultKind kind, long address) {
        if (memory.protection(address) < 0) return kind;
        return switch (kind) {
            case READ_UNMAPPED -> CpuExit.FaultKind.READ_PROT;
            case WRITE_UNMAPPED -> CpuExit.FaultKind.WRITE_PROT;
            case FETCH_UNMAPPED -> CpuExit.FaultKind.FETCH_PROT;
            default -> kind;
        };
    }

    private static CpuExit.FaultKind kindOf(int type) {
        return switch (type) {
            case UnicornConst.UC_MEM_READ_UNMAPPED -> CpuExit.FaultKind.READ_UNMAPPED;
            case UnicornConst.UC_MEM_WRITE_UNMAPPED -> CpuExit.FaultKind.WRITE_UNMAPPED;
            case UnicornConst.UC_MEM_FETCH_UNMAPPED -> CpuExit.FaultKind.FETCH_UNMAPPED;
            case UnicornConst.UC_MEM_READ_PROT -> CpuExit.FaultKind.READ_PROT;
            case UnicornConst.UC_MEM_WRITE_PROT -> CpuExit.FaultKind.WRITE_PROT;
            case UnicornConst.UC_MEM_FETCH_PROT -> CpuExit.FaultKind.FETCH_PROT;
            default -> CpuExit.FaultKind.OTHER;
        };
    }

    private static final class UnicornContext implements CpuContext {
        private final UnicornCpu cpu;
        private final long handle;
        private boolean closed;

        UnicornContext(UnicornCpu cpu, long handle) {
            this.cpu = cpu;
            this.handle = handle;
        }

        long handle() {
            return handle;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            cpu.release(handle);
        }
    }
}
