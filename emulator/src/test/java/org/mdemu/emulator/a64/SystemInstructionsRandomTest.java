package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random encodings of the exception generation and system space (1101 0100 ... and 1101 0101 00 ...) on the Java
 * engine and on Unicorn 2 from the same random registers: every one must do the same (execute the same way, or be
 * the same fault). The fields are drawn so that the allocated encodings come up often (op1 3, CRn 2/3/4/7/13/14...).
 * Encodings where Unicorn 2 is not the reference are skipped by name and counted; SystemInstructionsTest checks
 * them against the architecture.
 */
class SystemInstructionsRandomTest {
    private static final int CASES = Integer.getInteger("mdemu.diff.cases", 6000);

    @Test
    void randomSystemEncodingsMatchUnicorn2() {
        Random random = new Random(0x5157_e4d5L);
        List<String> differences = new ArrayList<>();
        int[] skipped = new int[Skip.values().length];
        int compared = 0;
        try (A64Rig.Pair pair = new A64Rig.Pair()) {
            for (int i = 0; i < CASES; i++) {
                int kind = random.nextInt(8);
                int insn = kind == 0 ? exceptionGeneration(random) : kind < 3 ? system(random) : allocated(random);
                Skip skip = skip(insn);
                if (skip != null) {
                    skipped[skip.ordinal()]++;
                    continue;
                }
                compared++;
                String d = pair.compareRandom(new int[] {insn}, random.nextLong());
                if (d != null) differences.add(d);
            }
        }
        StringBuilder counts = new StringBuilder();
        for (Skip s : Skip.values()) counts.append(s).append('=').append(skipped[s.ordinal()]).append(' ');
        System.out.printf("system space: %d compared, skipped %s%n", compared, counts);
        assertThat(compared).isGreaterThan(CASES / 2);
        assertThat(differences).as("%d differences of %d, the first: %s", differences.size(), compared,
                differences.subList(0, Math.min(8, differences.size()))).isEmpty();
    }

    /** Encodings whose answer here is the architecture's, not Unicorn 2's (see SystemInstructionsTest). */
    enum Skip {
        /** CNTVCT_EL0 reads the host clock: two engines never read the same value. */
        READS_THE_CLOCK,
        /** DC ZVA: Unicorn 2 reports the pc after it and the block's last byte on a fault. */
        DC_ZVA_FAULT_REPORT,
        /** DC CVAU/CVAC/CIVAC/CVAP/CVADP, IC IVAU: Unicorn 2 does not translate their address (no faults). */
        CACHE_MAINTENANCE_WITHOUT_TRANSLATION,
        /** MSR FPCR: Unicorn 2 keeps FZ16 (it has FP16 arithmetic, this engine does not). */
        FPCR_FZ16,
        /** CFINV, XAFLAG, AXFLAG (FEAT_FlagM, FlagM2): Unicorn 2 executes them; not advertised here. */
        FLAGM,
        /** RNDR, RNDRRS (FEAT_RNG): Unicorn 2 executes them; not advertised here. */
        RNG,
        /** WFI: Unicorn 2 ends its run there (QEMU halts); here it completes at once, as the architecture allows. */
        WFI,
    }

    static Skip skip(int insn) {
        if ((insn & 0xffc00000) != 0xd5000000) return null;
        boolean read = (insn & (1 << 21)) != 0;
        int op0 = (insn >>> 19) & 3, op1 = (insn >>> 16) & 7, crn = (insn >>> 12) & 15, crm = (insn >>> 8) & 15;
        int op2 = (insn >>> 5) & 7, rt = insn & 31;
        if (op0 == 3 && read && op1 == 3 && crn == 14 && crm == 0 && op2 == 2) return Skip.READS_THE_CLOCK;
        if (op0 == 1 && !read && op1 == 3 && crn == 7 && op2 == 1) {
            if (crm == 4) return Skip.DC_ZVA_FAULT_REPORT;
            if (crm == 5 || (crm >= 10 && crm <= 14)) return Skip.CACHE_MAINTENANCE_WITHOUT_TRANSLATION;
        }
        if (op0 == 3 && !read && op1 == 3 && crn == 4 && crm == 4 && op2 == 0) return Skip.FPCR_FZ16;
        if (op0 == 0 && !read && op1 == 0 && crn == 4 && crm == 0 && op2 <= 2 && rt == 31) return Skip.FLAGM;
        if (op0 == 3 && read && op1 == 3 && crn == 2 && crm == 4 && op2 <= 1) return Skip.RNG;
        if (insn == 0xd503207f) return Skip.WFI;
        return null;
    }

    private static int exceptionGeneration(Random r) {
        int opc = r.nextInt(3) == 0 ? r.nextInt(8) : r.nextInt(2);
        int op2 = r.nextInt(4) == 0 ? r.nextInt(8) : 0;
        return 0xd4000000 | opc << 21 | (r.nextInt(1 << 16)) << 5 | op2 << 2 | r.nextInt(4);
    }

    /** Encodings around the allocated ones: a fixed part and the fields left random. */
    private static final int[][] TEMPLATES = {
        {0xd503201f, 0x00000fe0}, // hints: CRm, op2
        {0xd503301f, 0x00000fe0}, // barriers and CLREX: CRm, op2
        {0xd500401f, 0x00070fe0}, // MSR (immediate): op1, CRm, op2
        {0xd51b0000, 0x0020f7ff}, // MRS/MSR S3_3_C0..C7, C0..C7
        {0xd51b4000, 0x002007ff}, // MRS/MSR S3_3_C4_C0..C7: NZCV, DAIF, FPCR, FPSR, DIT, SSBS, TCO
        {0xd51bd000, 0x002000ff}, // MRS/MSR S3_3_C13_C0: TPIDR_EL0, TPIDRRO_EL0
        {0xd51be000, 0x002007df}, // MRS/MSR S3_3_C14_C0..C7 but CNTVCT: the generic timer
        {0xd5087000, 0x00070fff}, // SYS #op1, C7, Cm, #op2: cache and address translation
        {0xd5000000, 0x003fffff}, // anything
        {0xd51b4200, 0x0020001f}, // MRS/MSR NZCV, any register
        {0xd51b4400, 0x0020003f}, // MRS/MSR FPCR, FPSR
        {0xd51bd040, 0x0020003f}, // MRS/MSR TPIDR_EL0, TPIDRRO_EL0
        {0xd51b0020, 0x0020001f}, // MRS/MSR CTR_EL0
        {0xd51b00e0, 0x0020001f}, // MRS/MSR DCZID_EL0
        {0xd51be000, 0x0020001f}, // MRS/MSR CNTFRQ_EL0
        {0xd50b7020, 0x00000f1f}, // SYS #3, C7, Cm, #1: DC/IC by address, any register
    };

    private static int allocated(Random r) {
        int[] t = TEMPLATES[r.nextInt(TEMPLATES.length)];
        return t[0] | (r.nextInt() & t[1]);
    }

    private static final int[] CRN = {0, 2, 3, 4, 7, 13, 14};

    private static int system(Random r) {
        int l = r.nextInt(2), op0 = r.nextInt(4);
        int op1 = r.nextInt(3) == 0 ? r.nextInt(8) : 3;
        if (op0 == 0 && r.nextInt(3) == 0) op1 = 0;
        int crn = r.nextInt(4) == 0 ? r.nextInt(16) : CRN[r.nextInt(CRN.length)];
        int crm = r.nextInt(16), op2 = r.nextInt(8);
        int rt = op0 == 0 && r.nextInt(4) != 0 ? 31 : r.nextInt(32);
        return 0xd5000000 | l << 21 | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
    }
}
