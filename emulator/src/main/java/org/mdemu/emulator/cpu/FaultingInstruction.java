package org.mdemu.emulator.cpu;

import java.util.function.LongToIntFunction;

/**
 * Finds the instruction that made a protection fault when the engine only says where its translation block began.
 *
 * <p>Unicorn ends a run on a write to a read-only page (or a read of an unreadable one) by requesting an exit, not by
 * restoring the precise state as it does for unmapped memory: the instructions of the block before the faulting one
 * have taken effect, but the pc still names the block's first instruction. Resuming there (a SIGSEGV handler that
 * returns, a watchpoint step) would run those instructions twice. The block is straight-line code from that pc to its
 * first branch, so the faulting instruction is the one instruction in it that can make such an access; when several
 * can, which one is not decidable from the code alone and the block start is kept.
 */
final class FaultingInstruction {
    /** Unicorn's translation blocks end at a 4 KiB page and hold at most 512 instructions. */
    private static final int MAX_BLOCK = 512;
    private static final long PAGE = 4096;

    private static final int NONE = 0, READS = 1, WRITES = 2, BOTH = READS | WRITES;

    private FaultingInstruction() {}

    /**
     * @param blockStart the pc the engine reports (the start of the block that was running)
     * @param write whether the faulting access was a write
     * @param readWord reads an instruction word; may throw for unreadable memory
     * @return the faulting instruction's address, or blockStart when it cannot be told
     */
    static long locate(long blockStart, boolean write, LongToIntFunction readWord) {
        int wanted = write ? WRITES : READS;
        long found = -1;
        long end = (blockStart & ~(PAGE - 1)) + PAGE;
        for (long pc = blockStart, n = 0; pc < end && n < MAX_BLOCK; pc += 4, n++) {
            int insn;
            try {
                insn = readWord.applyAsInt(pc);
            } catch (RuntimeException e) {
                break;
            }
            if ((access(insn) & wanted) != 0) {
                if (found != -1) return blockStart;
                found = pc;
            }
            if (endsBlock(insn)) break;
        }
        return found == -1 ? blockStart : found;
    }

    /** Whether the instruction ends a translation block: branches and exception-generating instructions. */
    static boolean endsBlock(int insn) {
        return (insn & 0x7c000000) == 0x14000000      // b, bl
                || (insn & 0xff000010) == 0x54000000  // b.cond
                || (insn & 0x7e000000) == 0x34000000  // cbz, cbnz
                || (insn & 0x7e000000) == 0x36000000  // tbz, tbnz
                || (insn & 0xfe000000) == 0xd6000000  // br, blr, ret, eret and their authenticated forms
                || (insn & 0xff000000) == 0xd4000000; // svc, hvc, smc, brk, hlt, dcps
    }

    /**
     * Which accesses an instruction can make (ARM ARM C4.1, "Loads and Stores"); anything uncertain counts as both,
     * which can only make the answer "undecidable", never a wrong instruction.
     */
    static int access(int insn) {
        if ((insn & 0xfff80000) == 0xd5080000) return BOTH;          // sys: dc zva and other cache maintenance
        if ((insn & 0x0a000000) != 0x08000000) return NONE;          // not in the loads-and-stores class
        boolean load = (insn & (1 << 22)) != 0;
        int op29 = (insn >>> 27) & 7;                                 // bits 29:27
        boolean simd = (insn & (1 << 26)) != 0;
        if (op29 == 0b001) {
            if (simd) return load ? READS : WRITES;                   // structure loads and stores
            if ((insn & (1 << 21)) != 0) return BOTH;                 // pairs of exclusives, cas, casp
            return load ? READS : WRITES;                             // exclusives, load-acquire, store-release
        }
        if (op29 == 0b011) {
            if ((insn & (1 << 24)) == 0) return READS;                // load literal
            return BOTH;                                              // rcpc unscaled, tags
        }
        if (op29 == 0b101) return load ? READS : WRITES;              // pairs
        if (op29 == 0b111) {
            boolean unsignedOffset = (insn & (1 << 24)) != 0;
            boolean bit21 = (insn & (1 << 21)) != 0;
            int op4 = (insn >>> 10) & 3;
            if (!unsignedOffset && bit21 && op4 != 2) return BOTH;    // atomics, pointer-authenticated loads
            int opc = (insn >>> 22) & 3;
            if (simd) return (opc & 1) == 0 ? WRITES : READS;
            return opc == 0 ? WRITES : READS;
        }
        return BOTH;
    }
}
