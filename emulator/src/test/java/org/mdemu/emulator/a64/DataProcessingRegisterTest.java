package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Data processing (register) on the Java engine: every form on edge operands against Unicorn 2, the architecture's
 * answers where they are easy to get wrong, the unallocated and unimplemented-feature encodings undefined.
 */
class DataProcessingRegisterTest {
    private static final Object[] FORMS = {
            0x8a020020, "and x0, x1, x2",
            0x0a027c20, "and w0, w1, w2, lsl #31",
            0x8ac2fc20, "and x0, x1, x2, ror #63",
            0x8a621020, "bic x0, x1, x2, lsr #4",
            0x0aa27c20, "bic w0, w1, w2, asr #31",
            0xaa82fc20, "orr x0, x1, x2, asr #63",
            0x2ac20420, "orr w0, w1, w2, ror #1",
            0xaa0203e0, "mov x0, x2",
            0x2a0203e0, "mov w0, w2",
            0xaa221c20, "orn x0, x1, x2, lsl #7",
            0x2ae243e0, "mvn w0, w2, ror #16",
            0xcac28020, "eor x0, x1, x2, ror #32",
            0x4a427c20, "eor w0, w1, w2, lsr #31",
            0xca220020, "eon x0, x1, x2",
            0x4a220c20, "eon w0, w1, w2, lsl #3",
            0xea020020, "ands x0, x1, x2",
            0x6ac27c20, "ands w0, w1, w2, ror #31",
            0xea02fc3f, "tst x1, x2, lsl #63",
            0xeaa20820, "bics x0, x1, x2, asr #2",
            0x6a220020, "bics w0, w1, w2",
            0x8b020020, "add x0, x1, x2",
            0x8b02fc20, "add x0, x1, x2, lsl #63",
            0x0b427c20, "add w0, w1, w2, lsr #31",
            0x8b820420, "add x0, x1, x2, asr #1",
            0xab020020, "adds x0, x1, x2",
            0x2b827c20, "adds w0, w1, w2, asr #31",
            0xab428020, "adds x0, x1, x2, lsr #32",
            0xab02003f, "cmn x1, x2",
            0x2b02043f, "cmn w1, w2, lsl #1",
            0xcb020020, "sub x0, x1, x2",
            0x4b821c20, "sub w0, w1, w2, asr #7",
            0xcb0203e0, "neg x0, x2",
            0x4b027fe0, "neg w0, w2, lsl #31",
            0xeb020020, "subs x0, x1, x2",
            0x6b020020, "subs w0, w1, w2",
            0xeb42fc20, "subs x0, x1, x2, lsr #63",
            0xeb02003f, "cmp x1, x2",
            0x6b82103f, "cmp w1, w2, asr #4",
            0xeb0203e0, "negs x0, x2",
            0x6b0203e0, "negs w0, w2",
            0x8b220020, "add x0, x1, w2, uxtb",
            0x8b223020, "add x0, x1, w2, uxth #4",
            0x8b224820, "add x0, x1, w2, uxtw #2",
            0x8b226c20, "add x0, x1, x2, uxtx #3",
            0x8b228420, "add x0, x1, w2, sxtb #1",
            0x8b22a020, "add x0, x1, w2, sxth",
            0x8b22d020, "add x0, x1, w2, sxtw #4",
            0x8b22e020, "add x0, x1, x2, sxtx",
            0x8b2263ff, "add sp, sp, x2",
            0x8b2243e0, "add x0, sp, w2, uxtw",
            0x8b22c83f, "add sp, x1, w2, sxtw #2",
            0x0b221020, "add w0, w1, w2, uxtb #4",
            0x0b22a7ff, "add wsp, wsp, w2, sxth #1",
            0x0b226020, "add w0, w1, w2, uxtx",
            0x0b22e820, "add w0, w1, w2, sxtx #2",
            0xab22c020, "adds x0, x1, w2, sxtw",
            0xab2273e0, "adds x0, sp, x2, lsl #4",
            0x2b222420, "adds w0, w1, w2, uxth #1",
            0xeb22003f, "cmp x1, w2, uxtb",
            0xeb2263ff, "cmp sp, x2",
            0x2b228c3f, "cmn w1, w2, sxtb #3",
            0xcb22cc20, "sub x0, x1, w2, sxtw #3",
            0xcb2223ff, "sub sp, sp, w2, uxth",
            0x4b2247e0, "sub w0, wsp, w2, uxtw #1",
            0xeb224020, "subs x0, x1, w2, uxtw",
            0x6b228020, "subs w0, w1, w2, sxtb",
            0xeb22f3e0, "subs x0, sp, x2, sxtx #4",
            0x9a020020, "adc x0, x1, x2",
            0x1a020020, "adc w0, w1, w2",
            0xba020020, "adcs x0, x1, x2",
            0x3a020020, "adcs w0, w1, w2",
            0xda020020, "sbc x0, x1, x2",
            0x5a020020, "sbc w0, w1, w2",
            0xfa020020, "sbcs x0, x1, x2",
            0x7a020020, "sbcs w0, w1, w2",
            0xda0203e0, "ngc x0, x2",
            0x7a0203e0, "ngcs w0, w2",
            0xba420020, "ccmn x1, x2, #0, eq",
            0x3a42102f, "ccmn w1, w2, #15, ne",
            0xba5f2825, "ccmn x1, #31, #5, hs",
            0x3a40b82a, "ccmn w1, #0, #10, lt",
            0xfa424020, "ccmp x1, x2, #0, mi",
            0x7a42a02f, "ccmp w1, w2, #15, ge",
            0xfa5f8822, "ccmp x1, #31, #2, hi",
            0x7a41e828, "ccmp w1, #1, #8, al",
            0xfa42f024, "ccmp x1, x2, #4, nv",
            0x7a40d820, "ccmp w1, #0, #0, le",
            0x9a820020, "csel x0, x1, x2, eq",
            0x1a821020, "csel w0, w1, w2, ne",
            0x9a826020, "csel x0, x1, x2, vs",
            0x9a823420, "csinc x0, x1, x2, lo",
            0x1a82c420, "csinc w0, w1, w2, gt",
            0x9a9f47e0, "cset x0, pl",
            0x1a9f67e0, "cset w0, vc",
            0xda829020, "csinv x0, x1, x2, ls",
            0x5a822020, "csinv w0, w1, w2, hs",
            0xda9f13e0, "csetm x0, eq",
            0xda82b420, "csneg x0, x1, x2, lt",
            0x5a82a420, "csneg w0, w1, w2, ge",
            0xda815420, "cneg x0, x1, mi",
            0x9ac20820, "udiv x0, x1, x2",
            0x1ac20820, "udiv w0, w1, w2",
            0x9ac20c20, "sdiv x0, x1, x2",
            0x1ac20c20, "sdiv w0, w1, w2",
            0x9ac22020, "lsl x0, x1, x2",
            0x1ac22020, "lsl w0, w1, w2",
            0x9ac22420, "lsr x0, x1, x2",
            0x1ac22420, "lsr w0, w1, w2",
            0x9ac22820, "asr x0, x1, x2",
            0x1ac22820, "asr w0, w1, w2",
            0x9ac22c20, "ror x0, x1, x2",
            0x1ac22c20, "ror w0, w1, w2",
            0x1ac24020, "crc32b w0, w1, w2",
            0x1ac24420, "crc32h w0, w1, w2",
            0x1ac24820, "crc32w w0, w1, w2",
            0x9ac24c20, "crc32x w0, w1, x2",
            0x1ac25020, "crc32cb w0, w1, w2",
            0x1ac25420, "crc32ch w0, w1, w2",
            0x1ac25820, "crc32cw w0, w1, w2",
            0x9ac25c20, "crc32cx w0, w1, x2",
            0xdac00020, "rbit x0, x1",
            0x5ac00020, "rbit w0, w1",
            0xdac00420, "rev16 x0, x1",
            0x5ac00420, "rev16 w0, w1",
            0xdac00820, "rev32 x0, x1",
            0xdac00c20, "rev x0, x1",
            0x5ac00820, "rev w0, w1",
            0xdac01020, "clz x0, x1",
            0x5ac01020, "clz w0, w1",
            0xdac01420, "cls x0, x1",
            0x5ac01420, "cls w0, w1",
            0x9b020c20, "madd x0, x1, x2, x3",
            0x1b020c20, "madd w0, w1, w2, w3",
            0x9b027c20, "mul x0, x1, x2",
            0x1b027c20, "mul w0, w1, w2",
            0x9b028c20, "msub x0, x1, x2, x3",
            0x1b028c20, "msub w0, w1, w2, w3",
            0x9b02fc20, "mneg x0, x1, x2",
            0x9b220c20, "smaddl x0, w1, w2, x3",
            0x9b228c20, "smsubl x0, w1, w2, x3",
            0x9b227c20, "smull x0, w1, w2",
            0x9ba20c20, "umaddl x0, w1, w2, x3",
            0x9ba28c20, "umsubl x0, w1, w2, x3",
            0x9ba27c20, "umull x0, w1, w2",
            0x9b427c20, "smulh x0, x1, x2",
            0x9bc27c20, "umulh x0, x1, x2",
    };

    @Test
    void everyFormMatchesUnicorn2OnEdgeOperands() {
        assertThat(EdgeOperands.compareAll(FORMS)).isEmpty();
    }

    private static long run(int word, long x1, long x2) {
        A64Rig.Snapshot s = A64Rig.assertSameAsUnicorn2(new int[] {word}, r -> {
            r.setX(1, x1);
            r.setX(2, x2);
        });
        return s.x()[0];
    }

    @Test
    void divisionByZeroGivesZeroAndMinByMinusOneWraps() {
        assertThat(run(0x9ac20820, 1234, 0)).isZero(); // udiv x0, x1, x2
        assertThat(run(0x9ac20c20, -1234, 0)).isZero(); // sdiv x0, x1, x2
        assertThat(run(0x1ac20c20, 7, 0)).isZero(); // sdiv w0, w1, w2
        assertThat(run(0x9ac20c20, Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE); // sdiv x0, x1, x2
        assertThat(run(0x1ac20c20, 0x80000000L, 0xffffffffL)).isEqualTo(0x80000000L); // sdiv w0, w1, w2
        assertThat(run(0x1ac20820, -1, 2)).isEqualTo(0x7fffffffL); // udiv w0, w1, w2
    }

    @Test
    void crcMatchesTheStandardCheckValues() {
        // "123456789" through CRC32W/CRC32B from ~0, inverted at the end: the CRC-32 and CRC-32C check values.
        int crc = Crc32.crc32(-1, 0x34333231L, 4);
        crc = Crc32.crc32(crc, 0x38373635L, 4);
        crc = Crc32.crc32(crc, '9', 1);
        assertThat(~crc).isEqualTo(0xcbf43926);
        int crcc = Crc32.crc32c(-1, 0x3837363534333231L, 8);
        crcc = Crc32.crc32c(crcc, '9', 1);
        assertThat(~crcc).isEqualTo(0xe3069283);
        assertThat(run(0x9ac24c20, 0xffffffffL, 0x3837363534333231L)) // crc32x w0, w1, x2
                .isEqualTo(Integer.toUnsignedLong(Crc32.crc32(-1, 0x3837363534333231L, 8)));
    }

    @Test
    void wResultsAreZeroExtended() {
        assertThat(run(0x4b020000 | 1 << 5, 0, 1)).isEqualTo(0xffffffffL); // sub w0, w1, w2
        assertThat(run(0x5ac01420, 0, 0)).isEqualTo(31); // cls w0, w1
        assertThat(run(0xdac01420, 0, 0)).isEqualTo(63); // cls x0, x1
        assertThat(run(0x5ac01020, 0, 0)).isEqualTo(32); // clz w0, w1
    }

    /** Unallocated, reserved and unimplemented-feature encodings of the group: SIGILL, registers untouched. */
    static final int[] UNDEFINED = {
            0xcbc20020, // sub x0, x1, x2 with shift ROR
            0x0b028020, // add w0, w1, w2, lsl #32
            0x2a028020, // orr w0, w1, w2, lsl #32
            0x8b620020, // add extended with opt=01
            0x8b221420, // add x0, x1, w2, uxtb #5
            0x9a020420, // adc with op3 != 0
            0xba018422, // rmif x1, #3, #2 (FlagM)
            0x3a00082d, // setf8 w1 (FlagM)
            0x3a00482d, // setf16 w1 (FlagM)
            0xda420020, // ccmp with S=0
            0xfa420420, // ccmp with o2=1
            0xfa420030, // ccmp with o3=1
            0xba820020, // csel with S=1
            0x9a820820, // csel with op2=10
            0x9ac20420, // 2-source opcode 000001
            0x1ac24c20, // crc32x with sf=0
            0x9ac24020, // crc32b with sf=1
            0x9ac23020, // pacga x0, x1, x2
            0x9ac20020, // subp x0, x1, x2 (MTE)
            0xbac20020, // subps x0, x1, x2 (MTE)
            0x9adf1020, // irg x0, x1 (MTE)
            0x9ac21420, // gmi x0, x1, x2 (MTE)
            0x9ac26020, // smax x0, x1, x2 (CSSC)
            0xdac10020, // pacia x0, x1
            0xdac11820, // autda x0, x1
            0xdac143e0, // xpaci x0
            0xdac02020, // abs x0, x1 (CSSC)
            0xdac01c20, // ctz x0, x1 (CSSC)
            0x5ac00c20, // rev with sf=0, opcode 000011
            0xdac01820, // 1-source opcode 000110
            0xfac00020, // 1-source with S=1
            0xbb020c20, // madd with op54=01
            0x1b220c20, // smaddl with sf=0
            0x9b42fc20, // smulh with o0=1
            0x9b620c20, // 3-source op31=011
            0x9ae20c20, // 3-source op31=111
            0x1a200020, // op1=1 op2=0001: unallocated
            0x1ae00020, // op1=1 op2=0111: unallocated
    };

    @Test
    void unallocatedAndUnimplementedEncodingsAreUndefined() {
        // Unicorn 2 implements FlagM and PAuth: it executes RMIF, SETF8, SETF16, PACIA, AUTDA, XPACI.
        assertThat(EdgeOperands.undefinedEverywhere(UNDEFINED, 0xba018422, 0x3a00082d, 0x3a00482d, 0xdac10020,
                0xdac11820, 0xdac143e0)).isEmpty();
    }
}
