package org.mdemu.emulator.a64;

/**
 * Which instructions form a region: from a hot entry pc, the straight run of instructions up to an unconditional
 * branch or an indirect branch (included) past which no direct branch of the region jumps, the stop
 * address, an unfetchable or top-level undefined word, or the size limit (all excluded). Direct branches into the run
 * become jumps (backward ones loops), elsewhere side exits; so an if/else, or a function's early return and the rest
 * of its body, stay one region instead of ending it at the first unconditional branch.
 */
final class RegionBuilder {
    private RegionBuilder() {}

    /** What the builder found: the words, and for each its branch shape. */
    static final class Plan {
        final long entry;
        final int[] words;
        final int count;
        /** The region index a direct branch goes to, or -1 (not a direct branch, or leaving the region). */
        final int[] internalTarget;
        /** The target pc of direct branches. */
        final long[] target;
        final int[] shape;
        /** Whether some branch of the region goes to the instruction (it needs a label). */
        final boolean[] isTarget;
        /** The longest run from each instruction to the next budget check (a back-edge) or exit, itself included. */
        final int[] longestRun;

        Plan(long entry, int[] words, int count) {
            this.entry = entry;
            this.words = words;
            this.count = count;
            internalTarget = new int[count];
            target = new long[count];
            shape = new int[count];
            isTarget = new boolean[count];
            longestRun = new int[count];
        }

        long pc(int i) {
            return entry + 4L * i;
        }

        long end() {
            return pc(count);
        }
    }

    static final int NORMAL = 0, COND_DIRECT = 1, UNCOND_DIRECT = 2, INDIRECT = 3, SVC = 4;

    /** The branch shape of insn. */
    static int shape(int insn) {
        if ((insn & 0x7c000000) == 0x14000000) return UNCOND_DIRECT; // B, BL
        if ((insn & 0xff000010) == 0x54000000) return COND_DIRECT; // B.cond
        if ((insn & 0x7c000000) == 0x34000000) return COND_DIRECT; // CBZ, CBNZ, TBZ, TBNZ
        int opc = (insn >>> 21) & 0xf;
        if ((insn & 0xfe1ffc1f) == 0xd61f0000 && opc <= 2) return INDIRECT; // BR, BLR, RET (plain)
        if ((insn & 0xffe0001f) == 0xd4000001) return SVC;
        return NORMAL;
    }

    /** The target of a direct branch at pc. */
    static long target(int insn, long pc) {
        if ((insn & 0x7c000000) == 0x14000000) return pc + ((long) (insn << 6) >> 4);
        if ((insn & 0x7e000000) == 0x36000000) return pc + ((long) (insn << 13) >> 18 << 2); // TBZ/TBNZ imm14
        return pc + ((long) (insn << 8) >> 13 << 2); // imm19
    }

    static Plan build(PagedMemory memory, long entry, long stopAddress, int maxInstructions) {
        int[] words = new int[maxInstructions];
        int n = 0;
        long pc = entry;
        long reach = entry; // the furthest address a direct branch seen so far jumps to, within the size limit
        long limit = entry + 4L * maxInstructions;
        while (n < maxInstructions && pc != stopAddress) {
            int insn;
            try {
                insn = memory.fetch(pc);
            } catch (A64Fault f) {
                break;
            }
            if (((insn >>> 25) & 0xc) == 0) break; // op0 00xx: UDF, SVE and unallocated: the interpreter faults
            words[n++] = insn;
            pc += 4;
            int sh = shape(insn);
            if (sh == COND_DIRECT || sh == UNCOND_DIRECT && insn >= 0) { // not BL: its target is another function
                long t = target(insn, pc - 4);
                if (t > reach && t < limit) reach = t;
            }
            if ((sh == UNCOND_DIRECT || sh == INDIRECT) && reach < pc) break;
        }
        if (n == 0) return null;
        return plan(entry, words, n);
    }

    /** The plan of the first n words at entry (their branch shapes, internal targets and longest runs). */
    static Plan plan(long entry, int[] words, int n) {
        Plan plan = new Plan(entry, words, n);
        long end = plan.end();
        for (int i = 0; i < n; i++) {
            int sh = shape(words[i]);
            plan.shape[i] = sh;
            plan.internalTarget[i] = -1;
            if (sh == COND_DIRECT || sh == UNCOND_DIRECT) {
                long t = target(words[i], plan.pc(i));
                plan.target[i] = t;
                if (t >= entry && t < end) {
                    int ti = (int) ((t - entry) >>> 2);
                    plan.internalTarget[i] = ti;
                    plan.isTarget[ti] = true;
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int next = i + 1 < n ? plan.longestRun[i + 1] : 0;
            int t = plan.internalTarget[i];
            int run = switch (plan.shape[i]) {
                case UNCOND_DIRECT -> t > i ? 1 + plan.longestRun[t] : 1;
                case INDIRECT, SVC -> 1;
                case COND_DIRECT -> t > i ? 1 + Math.max(next, plan.longestRun[t]) : 1 + next;
                default -> 1 + next;
            };
            plan.longestRun[i] = run;
        }
        return plan;
    }
}
