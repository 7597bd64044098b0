package org.mdemu.emulator.cpu;

import com.github.unidbg.arm.backend.unicorn.Unicorn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.machine.Prot;
import unicorn.UnicornConst;
import unicorn.UnicornException;

/**
 * Guest page permissions in the stage-1 translation tables of Unicorn 2's emulated MMU, instead of one engine
 * region per mapping (issue 16): each region is a QEMU RAM block, and adding or splitting one costs time that grows
 * with the number of blocks, so thousands of mappings went quadratic. Here the engine holds a few coarse RAM chunks,
 * identity-mapped (VA == PA, so the host's mem_read/mem_write reach the guest's pages unchanged), and a map, unmap
 * or protection change is a few descriptor writes plus a TLB invalidation.
 *
 * <p>The regime is Linux's for arm64 user space with 4 KiB pages and 39-bit addresses (TCR_EL1.T0SZ 25, three
 * levels from level 1, TTBR1 walks disabled). A level-3 page descriptor (ARM ARM D8.3) is
 * {@code PA | AF | SH | AP[2:1] | AttrIndx 0 | 0b11} with UXN at bit 54: AP 01 = EL0 read/write, 11 = EL0 read-only,
 * 00 = no EL0 data access (execute-only pages); PXN stays clear so that the EL1 boot code can run from its RX page
 * (nothing else ever runs at EL1). Unmapped and PROT_NONE pages have invalid descriptors: both fault, and the engine
 * tells them apart by this class's own record ({@link #protection}). Tables live in a pool above the 39-bit range,
 * which no EL0 address reaches.
 *
 * <p>TLB maintenance: QEMU runs a TLBI instruction's effect when its system register is written through
 * UC_ARM64_REG_CP_REG, so the host invalidates without EL1 code, also from inside a hook (a syscall's mprotect).
 */
final class TranslationTables {
    /** The first address the tables cannot translate (TASK_SIZE of arm64 Linux with 39-bit addresses). */
    static final long VA_LIMIT = 1L << 39;
    static final int REG_CP_REG = 290;
    private static final long PAGE = 4096;
    /** Guest RAM is backed in chunks of this size, mapped on first use and released when their last page goes. */
    private static final long RAM_CHUNK = 64L << 20;
    private static final long POOL = VA_LIMIT, POOL_CHUNK = 2L << 20;
    private static final long AF = 1L << 10, SH_INNER = 3L << 8, UXN = 1L << 54, PAGE_DESCRIPTOR = 3, TABLE = 3;
    private static final long AP_EL0_RW = 1L << 6, AP_EL0_RO = 3L << 6;
    /** Full TLB flushes instead of per-page TLBIs above this many pages. */
    private static final int TLBI_PAGES = 16;
    private static final byte MAPPED = 8;
    /**
     * Unmapped pages whose host memory a chunk may still hold, over all chunks, above which chunks are rebuilt: the
     * engine cannot give back part of a RAM block, so a payload mapping, touching and unmapping memory across many
     * chunks while keeping one page of each would otherwise grow the host's memory without bound.
     */
    static final long STALE_LIMIT = (64L << 20) / PAGE;

    private final Unicorn uc;
    private final long level1;
    private long poolNext = POOL, poolMapped = POOL;
    /** Level-2 tables by VA >> 30, level-3 tables by VA >> 21: their physical addresses. */
    private final Map<Long, Long> level2 = new HashMap<>(), level3 = new HashMap<>();
    /** What the level-3 tables say, per 2 MiB: MAPPED | prot for each page, 0 when unmapped. */
    private final Map<Long, byte[]> pages = new HashMap<>();
    private final Map<Long, RamChunk> chunks = new HashMap<>();
    /** The sum of the chunks' used pages that are unmapped (stale: they may hold host memory). */
    private long stalePages;

    /** A backed chunk: how many of its pages are mapped, and which may hold old data (zeroed when mapped again). */
    private static final class RamChunk {
        int mapped;
        final BitSet used = new BitSet();
    }

    TranslationTables(Unicorn uc) {
        this.uc = uc;
        this.level1 = newTable();
        // SCR_EL3.RW: the engine starts at EL1 with RW clear, and QEMU then takes the EL1&0 regime for AArch32 and
        // walks short-descriptor tables (every access faults at level 1). NS stays clear (Secure EL1&0), so that
        // HCR_EL2.RW does not decide the same again.
        writeSystemRegister(3, 6, 1, 1, 0, 1L << 10);
        writeSystemRegister(3, 0, 10, 2, 0, 0xff);                 // MAIR_EL1: attribute 0 normal write-back
        writeSystemRegister(3, 0, 2, 0, 2, 25 | 1L << 8 | 1L << 10 | 3L << 12 | 25L << 16 | 1L << 23 | 5L << 32);
        writeSystemRegister(3, 0, 2, 0, 0, level1);                // TTBR0_EL1
    }

    /** SCTLR_EL1.M: set by the EL0 entry code with the other bits it sets, once the tables are in place. */
    static long sctlrBits() {
        return 1;
    }

    void map(long address, long size, int prot) {
        checkRange(address, size);
        for (long p = address; p < address + size; p += PAGE) {
            RamChunk chunk = chunk(p);
            byte[] table = pageRecord(p);
            int i = index3(p);
            if (table[i] == 0) chunk.mapped++;
            int page = (int) ((p % RAM_CHUNK) / PAGE);
            if (chunk.used.get(page)) {
                zero(p);
                chunk.used.clear(page);
                stalePages--;
            }
        }
        write(address, size, prot);
    }

    void unmap(long address, long size) {
        checkRange(address, size);
        BitSet wasMapped = new BitSet();
        for (long p = address; p < address + size; p += PAGE) {
            if (protection(p) >= 0) wasMapped.set((int) ((p - address) / PAGE));
        }
        write(address, size, -1);
        for (long p = address; p < address + size; p += PAGE) {
            RamChunk chunk = chunks.get(p / RAM_CHUNK);
            if (chunk == null || !wasMapped.get((int) ((p - address) / PAGE))) continue;
            int page = (int) ((p % RAM_CHUNK) / PAGE);
            if (!chunk.used.get(page)) {
                chunk.used.set(page);
                stalePages++;
            }
            if (--chunk.mapped == 0) {
                long base = p / RAM_CHUNK * RAM_CHUNK;
                uc.mem_unmap(base, RAM_CHUNK);
                chunks.remove(p / RAM_CHUNK);
                stalePages -= chunk.used.cardinality();
            }
        }
    }

    /** How many unmapped pages the chunks may still hold memory for. */
    long stalePages() {
        return stalePages;
    }

    /**
     * Rebuilds chunks while the stale pages are above {@link #STALE_LIMIT}: each time the chunk with the most stale
     * pages per mapped page, whose mapped pages are copied out, the chunk unmapped and mapped again (fresh memory) and
     * the pages copied back. Called between runs, never from inside a hook, since the chunk may hold the running code.
     * The copying is at most the released memory times (mapped memory / the limit).
     */
    void releaseStalePages() {
        while (stalePages > STALE_LIMIT) {
            long worst = -1;
            double worstRatio = -1;
            for (Map.Entry<Long, RamChunk> e : chunks.entrySet()) {
                RamChunk c = e.getValue();
                double ratio = c.used.cardinality() / (double) (c.mapped + 1);
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = e.getKey();
                }
            }
            rebuild(worst);
        }
    }

    private void rebuild(long key) {
        RamChunk chunk = chunks.get(key);
        long base = key * RAM_CHUNK, end = base + RAM_CHUNK;
        Map<Long, byte[]> live = new HashMap<>();
        for (long p = base; p < end; ) {
            if (protection(p) < 0) {
                p += PAGE;
                continue;
            }
            long q = p;
            while (q < end && protection(q) >= 0) q += PAGE;
            live.put(p, uc.mem_read(p, q - p));
            p = q;
        }
        dropTranslations(base, end);
        uc.mem_unmap(base, RAM_CHUNK);
        uc.mem_map(base, RAM_CHUNK, UnicornConst.UC_PROT_ALL);
        for (Map.Entry<Long, byte[]> run : live.entrySet()) uc.mem_write(run.getKey(), run.getValue());
        writeSystemRegister(1, 0, 8, 3, 0, 0); // TLBI VMALLE1IS: no TLB entry may point at the old memory
        stalePages -= chunk.used.cardinality();
        chunk.used.clear();
    }

    void protect(long address, long size, int prot) {
        checkRange(address, size);
        write(address, size, prot);
    }

    /** The protection the tables give the page holding address, or -1 when it is unmapped. */
    int protection(long address) {
        if (address < 0 || address >= VA_LIMIT) return -1;
        byte[] table = pages.get(address >>> 21);
        int b = table == null ? 0 : table[index3(address)];
        return (b & MAPPED) == 0 ? -1 : b & Prot.RWX;
    }

    private void checkRange(long address, long size) {
        if (address < 0 || size <= 0 || address + size > VA_LIMIT || ((address | size) & (PAGE - 1)) != 0) {
            throw new UnicornException(String.format("0x%x+0x%x is outside the translated address range", address, size));
        }
    }

    /** Writes the descriptors of the range (prot -1: unmapped) and invalidates their TLB entries. */
    private void write(long address, long size, int prot) {
        long end = address + size;
        if (prot < 0 || (prot & Prot.EXEC) == 0) dropTranslations(address, end);
        for (long p = address; p < end; ) {
            long l2 = table(level2, p >>> 30, level1, (int) (p >>> 30) & 511);
            long l3 = table(level3, p >>> 21, l2, (int) (p >>> 21) & 511);
            byte[] record = pageRecord(p);
            int first = index3(p), n = (int) Math.min(512 - first, (end - p) / PAGE);
            ByteBuffer descriptors = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                descriptors.putLong(descriptor(p + i * PAGE, prot));
                record[first + i] = prot < 0 ? 0 : (byte) (MAPPED | prot);
            }
            uc.mem_write(l3 + 8L * first, descriptors.array());
            p += n * PAGE;
        }
        if (size <= TLBI_PAGES * PAGE) {
            for (long p = address; p < end; p += PAGE) writeSystemRegister(1, 0, 8, 3, 1, p >>> 12); // TLBI VAE1IS
        } else {
            writeSystemRegister(1, 0, 8, 3, 0, 0);                                                    // TLBI VMALLE1IS
        }
    }

    /**
     * Drops the engine's translated code of the range's executable pages. Unicorn finds a range's code through the
     * MMU (an instruction-fetch translation of its start); for a page the tables do not let EL0 execute, that
     * translation faults, the drop does nothing, and the CPU keeps the fault pending: so code is dropped while its
     * pages are still executable (before they lose that permission or their mapping), and only there.
     */
    void dropTranslations(long start, long end) {
        for (long p = start & -PAGE; p < end; ) {
            if (!executable(p)) {
                p += PAGE;
                continue;
            }
            long q = p;
            while (q < end && executable(q)) q += PAGE;
            uc.removeJitCodeCache(Math.max(p, start), Math.min(q, end));
            p = q;
        }
    }

    /** Whether EL0 may fetch instructions from the page holding address. */
    boolean executable(long address) {
        int prot = protection(address);
        return prot >= 0 && (prot & Prot.EXEC) != 0;
    }

    /**
     * The accesses a page with prot allows EL0: AArch64 cannot express write-only, so a write without read (only a
     * debugger's read watchpoint asks for it; guest mappings are readable when writable) allows no data access.
     */
    static int allowed(int prot) {
        return (prot & Prot.READ) == 0 ? prot & Prot.EXEC : prot;
    }

    private static long descriptor(long address, int prot) {
        prot = allowed(prot);
        if (prot <= 0) return 0;
        long ap = (prot & Prot.WRITE) != 0 ? AP_EL0_RW : (prot & Prot.READ) != 0 ? AP_EL0_RO : 0;
        return address | PAGE_DESCRIPTOR | AF | SH_INNER | ap | ((prot & Prot.EXEC) != 0 ? 0 : UXN);
    }

    private RamChunk chunk(long address) {
        return chunks.computeIfAbsent(address / RAM_CHUNK, c -> {
            uc.mem_map(c * RAM_CHUNK, RAM_CHUNK, UnicornConst.UC_PROT_ALL);
            return new RamChunk();
        });
    }

    private byte[] pageRecord(long address) {
        return pages.computeIfAbsent(address >>> 21, k -> new byte[512]);
    }

    private static int index3(long address) {
        return (int) (address >>> 12) & 511;
    }

    private long table(Map<Long, Long> tables, long key, long parent, int index) {
        Long t = tables.get(key);
        if (t != null) return t;
        long table = newTable();
        tables.put(key, table);
        uc.mem_write(parent + 8L * index, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(table | TABLE).array());
        return table;
    }

    private long newTable() {
        if (poolNext == poolMapped) {
            uc.mem_map(poolMapped, POOL_CHUNK, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_WRITE);
            poolMapped += POOL_CHUNK;
        }
        long t = poolNext;
        poolNext += PAGE;
        return t;
    }

    private static final byte[] ZERO_PAGE = new byte[(int) PAGE];

    private void zero(long page) {
        uc.mem_write(page, ZERO_PAGE);
    }

    /** A write through UC_ARM64_REG_CP_REG: struct uc_arm64_cp_reg {u32 crn, crm, op0, op1, op2; u64 val}. */
    private void writeSystemRegister(int op0, int op1, int crn, int crm, int op2, long value) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(crn).putInt(crm).putInt(op0).putInt(op1).putInt(op2).putInt(0).putLong(value);
        uc.reg_write(REG_CP_REG, b.array());
    }
}
