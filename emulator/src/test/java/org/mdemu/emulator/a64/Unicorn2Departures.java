package org.mdemu.emulator.a64;

import java.util.Arrays;
import org.mdemu.guest.machine.CpuExit;

/**
 * Where Unicorn 2 (QEMU 5) departs from the ARM ARM, in one place: the random differential tests tolerate or skip
 * these cases by name and count them, and the groups' directed tests check each against the architecture's answer.
 */
final class Unicorn2Departures {
    private Unicorn2Departures() {}

    /**
     * Encodings on which Unicorn 2 aborts the whole process instead of answering (its QEMU 5 decoder reaches
     * g_assert_not_reached for unallocated opcodes of the FP16 groups: "disas_simd_three_reg_same_fp16: insn
     * 0x2ec23ded, fpop 0x1f"). Random tests must leave them out, by this predicate: Advanced SIMD three same (FP16)
     * and two-register miscellaneous (FP16), vector and scalar. The Java engine refuses all of them (no FP16
     * arithmetic).
     */
    static boolean aborts(int word) {
        return (word & 0x9f60c400) == 0x0e400400 || (word & 0xdf60c400) == 0x5e400400
                || (word & 0x9f7e0c00) == 0x0e780800 || (word & 0xdf7e0c00) == 0x5e780800;
    }

    static final String PARTIAL_WRITE = "Unicorn 2 wrote part of a faulting access";

    /**
     * Whether the engines differ only in that Unicorn 2 performed the first parts of a multi-part access (a Q
     * register's first 8 bytes, a pair's first register, a structure's first elements) before the part that faults,
     * stores to memory or loads to vector registers, while the Java engine, as this project requires, changed
     * nothing: same fault, same general registers, Java's state exactly as before the instruction.
     */
    static boolean wroteBeforeFault(A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
        if (!(java.exit() instanceof CpuExit.Fault)) return false;
        A64Rig.Snapshot u = new A64Rig.Snapshot(unicorn.exit(), unicorn.pc(), unicorn.x(), unicorn.sp(), unicorn.nzcv(),
                java.v(), unicorn.fpcr(), unicorn.fpsr(), unicorn.tpidr(), java.data());
        return u.difference(java) == null && Arrays.equals(java.x(), before.x()) && java.sp() == before.sp()
                && Arrays.equals(java.v(), before.v()) && Arrays.equals(java.data(), before.data());
    }

    /** Whether java ended with an alignment fault at its last word, every register and byte as before. */
    static boolean alignmentFaultChangingNothing(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot before) {
        return java.exit() instanceof CpuExit.Fault f
                && f.kind() == CpuExit.FaultKind.UNALIGNED
                && f.pc() == A64Rig.CODE + 4L * (words.length - 1) && Arrays.equals(java.x(), before.x())
                && java.sp() == before.sp() && Arrays.equals(java.v(), before.v())
                && Arrays.equals(java.data(), before.data());
    }

    /**
     * Where the ARM ARM (without FEAT_LSE2) requires an alignment fault and Unicorn 2 answers otherwise; the Java
     * engine raises it, changing nothing. Misaligned LDAR/STLR, and store-exclusives whose monitor check fails:
     * Unicorn 2 performs the access or just reports failure. Any misaligned exclusive or atomic access to unmapped
     * memory: the alignment fault comes before translation, Unicorn 2 reports the translation fault. AtomicsTest has
     * each case.
     */
    static String alignment(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
        if (!alignmentFaultChangingNothing(words, java, before)) return null;
        if (unicorn.exit() instanceof CpuExit.Fault f) {
            boolean translation = f.kind() == CpuExit.FaultKind.READ_UNMAPPED
                    || f.kind() == CpuExit.FaultKind.WRITE_UNMAPPED;
            return translation && f.pc() == ((CpuExit.Fault) java.exit()).pc()
                    && f.faultAddress() == ((CpuExit.Fault) java.exit()).faultAddress()
                    ? "misaligned on unmapped memory: Unicorn 2 reports the translation fault" : null;
        }
        int w = words[words.length - 1];
        boolean ordered = (w & 0x3fa00000) == 0x08800000, storeExclusive = (w & 0x3fc00000) == 0x08000000;
        return ordered || storeExclusive ? "misaligned LDAR/STLR/STXR: Unicorn 2 does not fault" : null;
    }

    static final String NARROW_SIGNED_MIN_MAX = "narrow LDSMAX/LDSMIN: Unicorn 2 compares zero-extended memory with"
            + " all of Xs";

    /**
     * LDSMAX/LDSMIN of bytes, halfwords and words: Unicorn 2 compares the zero-extended memory value with all 64 bits
     * of Xs instead of the signed narrow values, so its answer is not the architecture's; tested against the ARM ARM
     * in AtomicsTest.
     */
    static boolean narrowSignedMinMax(int w) {
        return (w & 0x3f208c00) == 0x38200000 && (w >>> 30) != 3 && ((w >>> 12) & 6) == 4 && (w & 0x04000000) == 0;
    }

    /** STXR/STLXR/STXP/STLXP whose status the Java engine set to 1 without an access, where Unicorn 2 faulted. */
    static boolean storeExclusiveFailingBeforeTranslation(int word, A64Rig.Snapshot java, A64Rig.Snapshot unicorn) {
        boolean storeExclusive = (word & 0x3f400000) == 0x08000000 && (word & 0x00800000) == 0;
        return storeExclusive && !(java.exit() instanceof CpuExit.Fault) && java.x()[(word >>> 16) & 31] == 1
                && unicorn.exit() instanceof CpuExit.Fault f && (f.kind() == CpuExit.FaultKind.READ_UNMAPPED
                        || f.kind() == CpuExit.FaultKind.WRITE_UNMAPPED || f.kind() == CpuExit.FaultKind.WRITE_PROT);
    }

    /** System encodings whose answer here is the architecture's, not Unicorn 2's (see SystemInstructionsTest). */
    enum SystemDeparture {
        /** CNTVCT_EL0 reads the host clock: two engines never read the same value (not a departure, a clock). */
        READS_THE_CLOCK,
        /** DC ZVA: Unicorn 2 reports the pc after it and the block's last byte on a fault. */
        DC_ZVA_FAULT_REPORT,
        /** DC CVAU/CVAC/CIVAC/CVAP/CVADP, IC IVAU: Unicorn 2 does not translate their address (no faults). */
        CACHE_MAINTENANCE_WITHOUT_TRANSLATION,
        /** MSR FPCR: Unicorn 2 keeps FZ16 (it has FP16 arithmetic, this engine does not). */
        FPCR_FZ16,
        /** WFI: Unicorn 2 ends its run there (QEMU halts); here it completes at once, as the architecture allows. */
        WFI,
    }

    static SystemDeparture system(int insn) {
        if ((insn & 0xffc00000) != 0xd5000000) return null;
        boolean read = (insn & (1 << 21)) != 0;
        int op0 = (insn >>> 19) & 3, op1 = (insn >>> 16) & 7, crn = (insn >>> 12) & 15, crm = (insn >>> 8) & 15;
        int op2 = (insn >>> 5) & 7;
        if (op0 == 3 && read && op1 == 3 && crn == 14 && crm == 0 && op2 == 2) return SystemDeparture.READS_THE_CLOCK;
        if (op0 == 1 && !read && op1 == 3 && crn == 7 && op2 == 1) {
            if (crm == 4) return SystemDeparture.DC_ZVA_FAULT_REPORT;
            if (crm == 5 || (crm >= 10 && crm <= 14)) return SystemDeparture.CACHE_MAINTENANCE_WITHOUT_TRANSLATION;
        }
        if (op0 == 3 && !read && op1 == 3 && crn == 4 && crm == 4 && op2 == 0) return SystemDeparture.FPCR_FZ16;
        if (insn == 0xd503207f) return SystemDeparture.WFI;
        return null;
    }

    /**
     * Any of the departures above a single word's outcome shows: the reason, or null. before is the Java engine's
     * state before the word ran.
     */
    static String of(int[] words, A64Rig.Snapshot java, A64Rig.Snapshot unicorn, A64Rig.Snapshot before) {
        int word = words[0];
        String alignment = alignment(words, java, unicorn, before);
        if (alignment != null) return alignment;
        if (narrowSignedMinMax(word)) return NARROW_SIGNED_MIN_MAX;
        if (storeExclusiveFailingBeforeTranslation(word, java, unicorn)) {
            return "store-exclusive with the monitor open: the Java engine fails it before translating the address"
                    + " (the ARM ARM's order; which comes first is IMPLEMENTATION DEFINED), Unicorn 2 faults";
        }
        SystemDeparture system = system(word);
        if (system != null) return "system instruction: " + system;
        if (java.exit() instanceof CpuExit.Fault f && f.kind() == CpuExit.FaultKind.UNALIGNED
                && f.faultAddress() == java.pc() && (java.pc() & 3) != 0) {
            return "branch to a misaligned address: PC alignment fault (architecture), Unicorn 2 fetches there";
        }
        if ((word & 0x9ff80c00) == 0x0f000c00 && (word & 0x2000f000) != 0x0000f000 && undefined(java.exit())) {
            return "modified immediate with o2 = 1 (unallocated but for FP16 FMOV): Unicorn 2 executes it";
        }
        if (wroteBeforeFault(java, unicorn, before)) return PARTIAL_WRITE;
        return null;
    }

    static boolean undefined(CpuExit exit) {
        return exit instanceof CpuExit.Fault f && f.kind() == CpuExit.FaultKind.UNDEFINED_INSTRUCTION;
    }
}
