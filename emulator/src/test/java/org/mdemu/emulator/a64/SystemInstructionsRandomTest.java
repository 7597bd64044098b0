package org.mdemu.emulator.a64;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random encodings of the exception generation and system space (1101 0100 ... and 1101 0101 00 ...) on the Java
 * engine and on Unicorn 2 from the same random registers: every one must do the same (execute the same way, or be
 * the same fault). The fields are drawn so that the allocated encodings come up often (op1 3, CRn 2/3/4/7/13/14...).
 * Encodings where Unicorn 2 is not the reference ({@link Unicorn2Departures#system}) and encodings of features this
 * engine does not report ({@link UnreportedFeatures}) are skipped by name and counted; SystemInstructionsTest checks
 * them against the architecture.
 */
class SystemInstructionsRandomTest {
    private static final int CASES = RandomDifferential.cases(6000);

    @Test
    void randomSystemEncodingsMatchUnicorn2() {
        RandomDifferential.group("system space", 0x5157_e4d5L, CASES).words(r -> {
            int kind = r.nextInt(8);
            return new int[] {kind == 0 ? exceptionGeneration(r) : kind < 3 ? system(r) : allocated(r)};
        }).skip(words -> {
            Unicorn2Departures.SystemDeparture departure = Unicorn2Departures.system(words[0]);
            return departure == null ? null : departure.toString();
        }).skip(UnreportedFeatures.SKIP).run();
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
