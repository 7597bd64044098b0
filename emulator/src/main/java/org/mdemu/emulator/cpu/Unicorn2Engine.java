package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.Unicorn;
import java.util.function.IntConsumer;
import unicorn.Arm64Const;
import unicorn.UnicornConst;

/**
 * Unicorn 2 (QEMU 5 TCG, with the host-FPU fast paths of QEMU's softfloat) through unidbg's binding
 * ({@code com.github.zhkl0228:unidbg-unicorn2}); {@link Unicorn2Natives} loads its native library.
 *
 * <p>Page permissions live in the MMU's translation tables ({@link TranslationTables}) and its aborts become the
 * memory faults the engine reports without it ({@link TranslationAborts}); with {@value #MMU_PROPERTY}=false each
 * guest mapping is an engine region of its own, as before issue 16 (for comparison, and as a way back should the MMU
 * mode misbehave: maps and protection splits then cost time that grows with the number of regions).
 */
final class Unicorn2Engine implements Aarch64Engine {
    /** The system property that keeps guest page permissions in translation tables (issue 16; true by default). */
    static final String MMU_PROPERTY = "mdemu.unicorn2.mmu";
    /**
     * Unicorn 2's UC_ARM64_REG_FPCR and UC_ARM64_REG_FPSR, which follow UC_ARM64_REG_CP_REG (290) in its arm64.h; the
     * binding's constants class is Unicorn 1's, which has neither. CpuContractTest checks both against mrs/msr.
     */
    static final int REG_FPCR = 291, REG_FPSR = 292;
    private final Unicorn uc;
    /** Null when each mapping is a region. */
    private final TranslationTables tables;
    private final TranslationAborts aborts;
    /** The MMU abort (EXCP_*) the interrupt hook stopped the run on, or 0. */
    private int pendingAbort;
    private IntConsumer interrupts = n -> {};

    /** Whether {@value #MMU_PROPERTY} leaves the translation tables on: anything but "false" does. */
    static boolean translationTablesChosen() {
        return !"false".equalsIgnoreCase(System.getProperty(MMU_PROPERTY, "true").trim());
    }

    Unicorn2Engine(boolean mmu) {
        Unicorn2Natives.load();
        this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        this.tables = mmu ? new TranslationTables(uc) : null;
        this.aborts = mmu ? new TranslationAborts(uc, tables) : null;
    }

    /** The translation tables, or null in region mode. */
    TranslationTables translationTables() {
        return tables;
    }

    @Override
    public void memMap(long address, long size, int prot) {
        if (tables != null) tables.map(address, size, prot);
        else uc.mem_map(address, size, prot);
    }

    @Override
    public void memUnmap(long address, long size) {
        if (tables != null) tables.unmap(address, size);
        else uc.mem_unmap(address, size);
    }

    @Override
    public void memProtect(long address, long size, int prot) {
        if (tables != null) tables.protect(address, size, prot);
        else uc.mem_protect(address, size, prot);
    }

    @Override
    public long sctlrBits() {
        return tables != null ? TranslationTables.sctlrBits() : 0;
    }

    @Override
    public boolean exactFaultPc() {
        return tables != null;
    }
    @Override public byte[] memRead(long address, int length) { return uc.mem_read(address, length); }

    /**
     * This Unicorn 2 build keeps translated code after a write from the host (guest stores do invalidate it), so
     * code rewritten in place, e.g. by the linker or the trap gate, would run stale: the range's translations are
     * dropped after each write.
     */
    @Override
    public void memWrite(long address, byte[] bytes) {
        uc.mem_write(address, bytes);
        dropTranslations(address, bytes.length);
    }

    /**
     * Translated blocks chained to the range would keep running after its execute permission is gone: they are
     * dropped (measured: a direct branch into a page made non-executable inside a run kept executing it).
     */
    @Override
    public void dropTranslations(long address, long size) {
        if (tables != null) tables.dropTranslations(address, address + size);
        else uc.removeJitCodeCache(address, address + size);
    }

    /**
     * Unicorn 2's UC_ARM64_REG_FPCR and UC_ARM64_REG_FPSR (after UC_ARM64_REG_CP_REG; Unicorn 1's constants class
     * predates them). Checked by the CPU contract test: values set by guest msr instructions read back.
     */
    @Override public int fpcrRegister() { return 291; }
    @Override public int fpsrRegister() { return 292; }

    @Override public long regRead(int reg) { return uc.reg_read(reg); }
    @Override public void regWrite(int reg, long value) { uc.reg_write(reg, value); }
    @Override public long fpcr() { return uc.reg_read(REG_FPCR) & 0xffffffffL; }
    @Override public void setFpcr(long value) { uc.reg_write(REG_FPCR, value); }
    @Override public long fpsr() { return uc.reg_read(REG_FPSR) & 0xffffffffL; }
    @Override public void setFpsr(long value) { uc.reg_write(REG_FPSR, value); }
    @Override public byte[] regRead128(int reg) { return uc.reg_read(reg, 16); }
    @Override public void regWrite128(int reg, byte[] bytes) { uc.reg_write(reg, bytes); }
    @Override
    public void emuStart(long begin, long until, long count) {
        if (tables != null) tables.releaseStalePages();
        pendingAbort = 0;
        uc.emu_start(begin, until, 0, count);
        int abort = pendingAbort;
        if (abort == 0) return;
        try {
            if (!aborts.report(abort, count > 0)) interrupts.accept(abort);
        } finally {
            pendingAbort = 0;
        }
    }

    @Override public void emuStop() { uc.emu_stop(); }
    @Override public long contextAlloc() { return uc.context_alloc(); }
    @Override public void contextSave(long context) { uc.context_save(context); }
    @Override public void contextRestore(long context) { uc.context_restore(context); }

    @Override
    public void hookInterrupts(IntConsumer onInterrupt) {
        this.interrupts = onInterrupt;
        uc.hook_add_new((com.github.unidbg.arm.backend.unicorn.InterruptHook) (u, intno, user) -> {
            if (tables != null && (intno == TranslationAborts.EXCP_PREFETCH_ABORT
                    || intno == TranslationAborts.EXCP_DATA_ABORT)) {
                // A real prefetch abort has its pc on a page EL0 cannot execute. Unicorn makes others: the block it
                // translates at a run's stop address is empty, and QEMU then looks up the page of the byte before it,
                // which faults when that page is not executable; the run has reached its stop address, so it ends.
                if (intno == TranslationAborts.EXCP_PREFETCH_ABORT
                        && tables.executable(u.reg_read(Arm64Const.UC_ARM64_REG_PC))) {
                    u.emu_stop();
                    return;
                }
                // Resolved after the run (TranslationAborts): finding the address needs the engine stopped.
                if (pendingAbort == 0) pendingAbort = intno;
                u.emu_stop();
                return;
            }
            onInterrupt.accept(intno);
        }, null);
    }

    @Override
    public void hookMemoryFault(int hookType, MemoryFaultListener onFault) {
        uc.hook_add_new((com.github.unidbg.arm.backend.unicorn.EventMemHook) (u, address, size, value, user) -> {
            onFault.onFault(address, size);
            return false;
        }, hookType, null);
        if (aborts != null) aborts.listen(hookType, onFault);
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
