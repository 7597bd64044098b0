package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.Unicorn;
import java.util.function.IntConsumer;
import unicorn.UnicornConst;

/**
 * Unicorn 2 (QEMU 5 TCG, with the host-FPU fast paths of QEMU's softfloat) through unidbg's binding
 * ({@code com.github.zhkl0228:unidbg-unicorn2}); {@link Unicorn2Natives} loads its native library.
 */
final class Unicorn2Engine implements Aarch64Engine {
    /**
     * Unicorn 2's UC_ARM64_REG_FPCR and UC_ARM64_REG_FPSR, which follow UC_ARM64_REG_CP_REG (290) in its arm64.h; the
     * binding's constants class is Unicorn 1's, which has neither. CpuContractTest checks both against mrs/msr.
     */
    static final int REG_FPCR = 291, REG_FPSR = 292;
    private final Unicorn uc;

    Unicorn2Engine() {
        Unicorn2Natives.load();
        this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
    }

    @Override public void memMap(long address, long size, int prot) { uc.mem_map(address, size, prot); }
    @Override public void memUnmap(long address, long size) { uc.mem_unmap(address, size); }
    @Override public void memProtect(long address, long size, int prot) { uc.mem_protect(address, size, prot); }
    @Override public byte[] memRead(long address, int length) { return uc.mem_read(address, length); }

    /**
     * This Unicorn 2 build keeps translated code after a write from the host (guest stores do invalidate it), so
     * code rewritten in place, e.g. by the linker or the trap gate, would run stale: the range's translations are
     * dropped after each write.
     */
    @Override
    public void memWrite(long address, byte[] bytes) {
        uc.mem_write(address, bytes);
        uc.removeJitCodeCache(address, address + bytes.length);
    }

    /**
     * Translated blocks chained to the range would keep running after its execute permission is gone: they are
     * dropped (measured: a direct branch into a page made non-executable inside a run kept executing it).
     */
    @Override
    public void dropTranslations(long address, long size) {
        uc.removeJitCodeCache(address, address + size);
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
    @Override public void emuStart(long begin, long until, long count) {
        uc.emu_start(begin, until, 0, count);
    }

    @Override public void emuStop() { uc.emu_stop(); }
    @Override public long contextAlloc() { return uc.context_alloc(); }
    @Override public void contextSave(long context) { uc.context_save(context); }
    @Override public void contextRestore(long context) { uc.context_restore(context); }

    @Override
    public void hookInterrupts(IntConsumer onInterrupt) {
        uc.hook_add_new((com.github.unidbg.arm.backend.unicorn.InterruptHook) (u, intno, user) -> onInterrupt.accept(intno), null);
    }

    @Override
    public void hookMemoryFault(int hookType, MemoryFaultListener onFault) {
        uc.hook_add_new((com.github.unidbg.arm.backend.unicorn.EventMemHook) (u, address, size, value, user) -> {
            onFault.onFault(address, size);
            return false;
        }, hookType, null);
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
