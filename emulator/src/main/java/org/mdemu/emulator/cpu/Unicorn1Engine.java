package org.mdemu.emulator.cpu;

import java.util.function.IntConsumer;
import unicorn.Arm64Const;
import unicorn.Unicorn;
import unicorn.UnicornConst;

/**
 * Unicorn 1.0.14 (QEMU 2.x TCG) through the {@code com.github.zhkl0228:unicorn} binding. Registers go through the
 * binding's byte-array calls: about 4x cheaper than its boxing variant, which also crashes the JVM on 128-bit
 * registers.
 */
final class Unicorn1Engine implements Aarch64Engine {
    private final Unicorn uc;
    private final Unicorn1FpState fpState = new Unicorn1FpState(this);

    Unicorn1Engine() {
        // Unicorn 1 starts with FP/SIMD disabled: UnicornCpu enables it with the rest of the EL0 setup.
        this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
    }

    @Override public void memMap(long address, long size, int prot) { uc.mem_map(address, size, prot); }

    /**
     * QEMU 2's physical memory map holds at most 1024 sections and aborts the process past them
     * ({@code phys_section_add: Assertion `map->sections_nb < (1 << 10)'}): each region is one section, a few are the
     * map's own. Measured: the 1021st one-page region aborts the JVM.
     */
    @Override public int regionLimit() { return 1000; }

    @Override
    public long[] regions() {
        unicorn.MemRegion[] regions = uc.mem_regions();
        long[] bounds = new long[2 * regions.length];
        for (int i = 0; i < regions.length; i++) {
            bounds[2 * i] = regions[i].begin;
            bounds[2 * i + 1] = regions[i].end + 1; // the engine's end is the last byte
        }
        return bounds;
    }
    @Override public void memUnmap(long address, long size) { uc.mem_unmap(address, size); }
    @Override public void memProtect(long address, long size, int prot) { uc.mem_protect(address, size, prot); }
    @Override public byte[] memRead(long address, int length) { return uc.mem_read(address, length); }
    @Override public void memWrite(long address, byte[] bytes) { uc.mem_write(address, bytes); }

    /**
     * The binding has no call to drop translations, but a host write invalidates those of the pages it covers (QEMU's
     * self-modifying-code path): the range is written with its own bytes. Without this, code mapped again at the
     * address of unmapped code ran the old translations (measured: munmap, mmap, new code, stale result).
     */
    @Override
    public void dropTranslations(long address, long size) {
        for (long at = address; at < address + size; at += CHUNK) {
            int n = (int) Math.min(CHUNK, address + size - at);
            uc.mem_write(at, uc.mem_read(at, n));
        }
    }

    private static final int CHUNK = 1 << 20;

    @Override
    public long regRead(int reg) {
        byte[] b = uc.reg_read(reg, 8);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24
                | (b[4] & 0xffL) << 32 | (b[5] & 0xffL) << 40 | (b[6] & 0xffL) << 48 | (b[7] & 0xffL) << 56;
    }

    @Override
    public void regWrite(int reg, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (value >>> (8 * i));
        uc.reg_write(reg, b);
    }

    @Override public long fpcr() { return fpState.fpcr(); }
    @Override public void setFpcr(long value) { fpState.setFpcr(value); }
    @Override public long fpsr() { return fpState.fpsr(); }
    @Override public void setFpsr(long value) { fpState.setFpsr(value); }
    @Override public byte[] regRead128(int reg) { return uc.reg_read(reg, 16); }
    @Override public void regWrite128(int reg, byte[] bytes) { uc.reg_write(reg, bytes); }
    @Override public void emuStart(long begin, long until, long count) {
        uc.emu_start(begin, until, 0, count);
    }

    @Override public void emuStop() { uc.emu_stop(); }
    /**
     * Breakpoints are code hooks here: a host write into code whose translations are chained to others makes this
     * engine patch its code buffer and crash (measured: SIGSEGV in tb_reset_jump under uc_mem_write). A stop from a
     * code hook leaves the pc at the hooked instruction, not executed, as the budget's count hook does.
     */
    @Override
    public Object hookCode(long address, Runnable onHit) {
        return uc.hook_add_new((unicorn.CodeHook) (u, at, size, user) -> onHit.run(), address, address, null);
    }

    @Override
    public void unhookCode(Object handle) {
        ((Unicorn.UnHook) handle).unhook();
    }

    @Override public long contextAlloc() { return uc.context_alloc(); }
    @Override public void contextSave(long context) { uc.context_save(context); }
    @Override public void contextRestore(long context) { uc.context_restore(context); }

    @Override
    public void hookInterrupts(IntConsumer onInterrupt) {
        // hook_add_new hands the hook object to native code; hook_add dispatches through a synchronized table.
        uc.hook_add_new((unicorn.InterruptHook) (u, intno, user) -> onInterrupt.accept(intno), null);
    }

    @Override
    public void hookMemoryFault(int hookType, MemoryFaultListener onFault) {
        uc.hook_add_new((unicorn.EventMemHook) (u, address, size, value, user) -> {
            onFault.onFault(address, size);
            return false;
        }, hookType, null);
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
