package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.EventMemHook;
import com.github.unidbg.arm.backend.unicorn.InterruptHook;
import com.github.unidbg.arm.backend.unicorn.ReadHook;
import com.github.unidbg.arm.backend.unicorn.Unicorn;
import com.github.unidbg.arm.backend.unicorn.WriteHook;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.mdemu.guest.machine.Prot;
import unicorn.Arm64Const;
import unicorn.UnicornConst;
import unicorn.UnicornException;

/**
 * Issue 16's experiment rig: a bare Unicorn 2 engine (the binding mdemu uses) that runs EL0 code either as mdemu
 * does today (one engine region per mapping) or with the emulated MMU on: coarse identity-mapped RAM regions, page
 * permissions in an AArch64 stage-1 table (TTBR0_EL1, 4 KiB granule, 39-bit VA) that the rig writes, TLB
 * invalidation by writing the TLBI system instructions through UC_ARM64_REG_CP_REG from the host.
 *
 * <p>Facts used (ARM ARM D8, VMSAv8-64): a level-3 page descriptor is {@code PA | AF | SH | AP[2:1] | AttrIndx | 0b11}
 * with UXN at bit 54 and PXN at bit 53; AP[2:1] 00 = EL0 no data access, 01 = EL0 read/write, 11 = EL0 read-only;
 * an invalid descriptor (bit 0 clear) is a translation fault, a forbidden access a permission fault.
 */
final class MmuRig implements AutoCloseable {
    /** Unicorn 2.0.1's arm64.h register ids (enum order), beyond the Unicorn 1 constants class. */
    static final int REG_PSTATE = 265, REG_ELR_EL1 = 267, REG_ESR_EL1 = 277, REG_FAR_EL1 = 281, REG_VBAR_EL1 = 287,
            REG_CP_REG = 290;
    static final int EXCP_UDEF = 1, EXCP_SWI = 2, EXCP_PREFETCH_ABORT = 3, EXCP_DATA_ABORT = 4, EXCP_BKPT = 7;
    /** The page-table pool: physical memory above the 39-bit VA range, so no EL0 address can reach it. */
    static final long PT_BASE = Long.getLong("mmu.ptbase", 1L << 39), PT_CHUNK = 2L << 20;
    static final long PAGE = 4096;
    private static final long AF = 1L << 10, SH_INNER = 3L << 8, UXN = 1L << 54, PXN = 1L << 53, VALID_PAGE = 3;
    private static final long AP_EL0_RW = 1L << 6, AP_EL0_RO = 3L << 6, AP_EL0_NONE = 0;

    final Unicorn uc;
    final boolean mmu;
    final long ramChunk;
    /** Backed RAM chunks (MMU mode): chunk index -> true. */
    private final Map<Long, Boolean> chunks = new HashMap<>();
    /** Page-table pages: key (level << 60 | index path) -> physical address of the table. */
    private final Map<Long, Long> tables = new HashMap<>();
    private long ptNext = PT_BASE, ptMapped = PT_BASE;
    private final long l1;
    /** Pages that held data once (MMU mode): they are zeroed when mapped again, as a fresh mapping reads zeros. */
    private final java.util.BitSet dirtyPages = new java.util.BitSet();

    /** What the last run saw. */
    int intno = -1;
    long intPc;
    int memEvent = -1;
    long memEventAddress;
    final List<long[]> accesses = new ArrayList<>();
    private boolean recordAccesses;
    IntConsumer onSvc = n -> {};
    int svcCount;
    boolean stopOnSvc;

    MmuRig(boolean mmu) {
        this(mmu, 64L << 20, true);
    }

    /** A rig without the interrupt hook mdemu needs for svc: shows what the engine does with an abort alone. */
    static MmuRig withoutInterruptHook() {
        return new MmuRig(true, 64L << 20, false);
    }

    MmuRig(boolean mmu, long ramChunk, boolean interruptHook) {
        Unicorn2Natives.load();
        this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        this.mmu = mmu;
        this.ramChunk = ramChunk;
        if (interruptHook) uc.hook_add_new((InterruptHook) (u, n, user) -> {
            long pc = u.reg_read(Arm64Const.UC_ARM64_REG_PC);
            if (n == EXCP_SWI && !stopOnSvc) {
                svcCount++;
                onSvc.accept(svcCount);
                return;
            }
            intno = n;
            intPc = pc;
            u.emu_stop();
        }, null);
        int[][] kinds = {{UnicornConst.UC_HOOK_MEM_READ_UNMAPPED, UnicornConst.UC_MEM_READ_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_WRITE_UNMAPPED, UnicornConst.UC_MEM_WRITE_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_FETCH_UNMAPPED, UnicornConst.UC_MEM_FETCH_UNMAPPED},
                {UnicornConst.UC_HOOK_MEM_READ_PROT, UnicornConst.UC_MEM_READ_PROT},
                {UnicornConst.UC_HOOK_MEM_WRITE_PROT, UnicornConst.UC_MEM_WRITE_PROT},
                {UnicornConst.UC_HOOK_MEM_FETCH_PROT, UnicornConst.UC_MEM_FETCH_PROT}};
        for (int[] k : kinds) {
            int kind = k[1];
            uc.hook_add_new((EventMemHook) (u, address, size, value, user) -> {
                memEvent = kind;
                memEventAddress = address;
                return false;
            }, k[0], null);
        }
        if (mmu) {
            uc.mem_map(PT_BASE, PT_CHUNK, UnicornConst.UC_PROT_ALL);
            ptMapped = PT_BASE + PT_CHUNK;
            l1 = newTable();
        } else {
            l1 = 0;
        }
        enterUserMode();
    }

    // ---- boot: the same EL1 -> EL0 sequence as UnicornCpu, then the MMU registers from the host ----

    private void enterUserMode() {
        long boot = 0x1000;
        int[] toEl0 = {0xd5381000, 0xaa040000, 0x8a250000, 0xd5181000, 0xd538e101, 0xb27f0021, 0xd518e101,
                0xd5381043, 0xb26c0463, 0xd5181043, 0xd5033fdf, 0xd518401f, 0x10000062, 0xd5184022, 0xd69f03e0,
                0xd503201f};
        if (mmu) ensureRam(boot, PAGE);
        else uc.mem_map(boot, PAGE, Prot.RX);
        uc.mem_write(boot, words(toEl0));
        uc.reg_write(Arm64Const.UC_ARM64_REG_X4, 1L << 15 | 1L << 14 | 1L << 26 | 1L << 18 | 1L << 16);
        uc.reg_write(Arm64Const.UC_ARM64_REG_X5, 1L << 9);
        uc.emu_start(boot, boot + 4L * (toEl0.length - 1), 0, 0);
        long sctlr = uc.reg_read(Arm64Const.UC_ARM64_REG_X0);
        uc.removeJitCodeCache(boot, boot + PAGE);
        if (!mmu) uc.mem_unmap(boot, PAGE);
        else uc.mem_write(boot, new byte[(int) PAGE]);
        if (mmu) {
            // SCR_EL3.RW: the engine starts at EL1 with RW clear, so QEMU takes the EL1&0 regime for AArch32 and walks
            // short-descriptor tables (every access faults at level 1). Secure state is kept (NS clear): EL2's
            // HCR_EL2.RW would otherwise decide the same thing.
            writeSysreg(3, 6, 1, 1, 0, 1L << 10);
            writeSysreg(3, 0, 10, 2, 0, 0xffL);                                    // MAIR_EL1: attr0 normal WB
            long tcr = 25 | 1L << 8 | 1L << 10 | 3L << 12 | 25L << 16 | 1L << 23 | 5L << 32;
            writeSysreg(3, 0, 2, 0, 2, tcr);                                        // TCR_EL1: T0SZ 25, EPD1, IPS 48
            writeSysreg(3, 0, 2, 0, 0, l1);                                         // TTBR0_EL1
            writeSysreg(3, 0, 1, 0, 0, sctlr | 1);                                  // SCTLR_EL1.M
            tlbiAll();
        }
        for (int r = Arm64Const.UC_ARM64_REG_X0; r <= Arm64Const.UC_ARM64_REG_X5; r++) uc.reg_write(r, 0);
    }

    /** A write through UC_ARM64_REG_CP_REG: struct uc_arm64_cp_reg {u32 crn, crm, op0, op1, op2; u64 val}. */
    void writeSysreg(int op0, int op1, int crn, int crm, int op2, long value) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(crn).putInt(crm).putInt(op0).putInt(op1).putInt(op2).putInt(0).putLong(value);
        uc.reg_write(REG_CP_REG, b.array());
    }

    /** TLBI VAE1IS, Xt = VA[55:12] (ARM ARM C5.5): the writefn QEMU runs for the instruction. */
    void tlbiPage(long va) {
        writeSysreg(1, 0, 8, 3, 1, va >>> 12);
    }

    /** TLBI VMALLE1IS. */
    void tlbiAll() {
        writeSysreg(1, 0, 8, 3, 0, 0);
    }

    // ---- memory ----

    void map(long va, long size, int prot) {
        if (!mmu) {
            uc.mem_map(va, size, prot);
            return;
        }
        ensureRam(va, size);
        for (long p = va; p < va + size; p += PAGE) {
            int index = (int) (p / PAGE);
            if (dirtyPages.get(index)) {
                uc.mem_write(p, new byte[(int) PAGE]);
                dirtyPages.clear(index);
            }
        }
        setPtes(va, size, pte(prot));
        invalidate(va, size);
    }

    void unmap(long va, long size) {
        if (!mmu) {
            uc.removeJitCodeCache(va, va + size);
            uc.mem_unmap(va, size);
            return;
        }
        setPtes(va, size, -1);
        invalidate(va, size);
        uc.removeJitCodeCache(va, va + size);
        dirtyPages.set((int) (va / PAGE), (int) ((va + size) / PAGE));
    }

    void protect(long va, long size, int prot) {
        if (!mmu) {
            uc.mem_protect(va, size, prot);
            if ((prot & Prot.EXEC) == 0) uc.removeJitCodeCache(va, va + size);
            return;
        }
        setPtes(va, size, pte(prot));
        invalidate(va, size);
        if ((prot & Prot.EXEC) == 0) uc.removeJitCodeCache(va, va + size);
    }

    /** Only the PTEs, no TLB invalidation: shows whether a stale translation would be used. */
    void protectWithoutTlbi(long va, long size, int prot) {
        setPtes(va, size, pte(prot));
    }

    void invalidate(long va, long size) {
        if (size <= 16 * PAGE) {
            for (long p = va; p < va + size; p += PAGE) tlbiPage(p);
        } else {
            tlbiAll();
        }
    }

    static long pteBits(int prot) {
        if (prot == Prot.NONE) return -1;
        long ap = (prot & Prot.WRITE) != 0 ? AP_EL0_RW : (prot & Prot.READ) != 0 ? AP_EL0_RO : AP_EL0_NONE;
        return VALID_PAGE | AF | SH_INNER | ap | PXN | ((prot & Prot.EXEC) != 0 ? 0 : UXN);
    }

    private static long pte(int prot) {
        return pteBits(prot);
    }

    private void ensureRam(long va, long size) {
        for (long c = va / ramChunk; c <= (va + size - 1) / ramChunk; c++) {
            if (chunks.putIfAbsent(c, Boolean.TRUE) == null) uc.mem_map(c * ramChunk, ramChunk, UnicornConst.UC_PROT_ALL);
        }
    }

    private long newTable() {
        if (ptNext == ptMapped) {
            uc.mem_map(ptMapped, PT_CHUNK, UnicornConst.UC_PROT_ALL);
            ptMapped += PT_CHUNK;
        }
        long t = ptNext;
        ptNext += PAGE;
        return t;
    }

    private long table(long parent, int level, long key, int index) {
        Long t = tables.get((long) level << 60 | key);
        if (t != null) return t;
        long table = newTable();
        tables.put((long) level << 60 | key, table);
        uc.mem_write(parent + 8L * index, le(table | 3));
        return table;
    }

    /** Writes the level-3 entries of the range, one engine write per level-3 table; bits -1 = invalid. */
    void setPtes(long va, long size, long bits) {
        long end = va + size;
        for (long p = va; p < end; ) {
            int i1 = (int) (p >>> 30) & 511, i2 = (int) (p >>> 21) & 511, i3 = (int) (p >>> 12) & 511;
            long l2 = table(l1, 2, p >>> 30, i1);
            long l3 = table(l2, 3, p >>> 21, i2);
            int n = (int) Math.min(512 - i3, (end - p) / PAGE);
            ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) b.putLong(bits == -1 ? 0 : (p + i * PAGE) | bits);
            uc.mem_write(l3 + 8L * i3, b.array());
            p += n * PAGE;
        }
    }

    long pageTableBytes() {
        return ptNext - PT_BASE;
    }

    int ramChunks() {
        return chunks.size();
    }

    // ---- running ----

    /** Runs from pc; returns the engine's error message or null. Resets the observations first. */
    String run(long pc, long until, long count) {
        intno = -1;
        memEvent = -1;
        try {
            uc.emu_start(pc, until, 0, count);
            return null;
        } catch (UnicornException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /**
     * The fault address of an MMU data abort whose exception the interrupt hook swallowed: runs the faulting
     * instruction once more with access hooks and returns {address, size, 1 = write} of the last access it tried.
     */
    long[] restepFaultingAccess(long pc) {
        accesses.clear();
        var r = uc.hook_add_new((ReadHook) (u, address, size, user) -> accesses.add(new long[] {address, size, 0}), 1, 0, null);
        var w = uc.hook_add_new((WriteHook) (u, address, size, value, user) -> accesses.add(new long[] {address, size, 1}), 1, 0, null);
        try {
            run(pc, 0, 1);
        } finally {
            r.unhook();
            w.unhook();
            uc.removeJitCodeCache(pc, pc + 4);
        }
        return accesses.isEmpty() ? null : accesses.get(accesses.size() - 1);
    }

    long x(int n) {
        return uc.reg_read(Arm64Const.UC_ARM64_REG_X0 + n);
    }

    void setX(int n, long v) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_X0 + n, v);
    }

    long pc() {
        return uc.reg_read(Arm64Const.UC_ARM64_REG_PC);
    }

    void code(long va, int... words) {
        uc.mem_write(va, words(words));
        uc.removeJitCodeCache(va, va + 4L * words.length);
    }

    long readLong(long va) {
        return ByteBuffer.wrap(uc.mem_read(va, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    void writeLong(long va, long v) {
        uc.mem_write(va, le(v));
    }

    static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] words(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) b.putInt(w);
        return b.array();
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
