package org.mdemu.emulator.a64;

/** Guest code shared by the translator's tests and its benchmark. */
final class TranslationBenchmarkWords {
    private TranslationBenchmarkWords() {}

    /** Every inline instruction kind in one loop of 37 iterations: logical, bitfield, selects, multiply, pairs. */
    static final int[] MIXED = {
                0xd280000a, // mov x10, #0
                0xd28004ab, // mov x11, #37
                0xd2a2468c, // mov x12, #0x12340000
                0xf28acf0c, // movk x12, #0x5678
                0x9280084d, // mov x13, #-67
                0x1280084e, // mov w14, #-67
                0x1000004f, // adr x15, #8
                0xb0000010, // adrp x16, #4096
                0xca0b0d4a, // loop: eor x10, x10, x11, lsl #3
                0xaacb1d89, // orr x9, x12, x11, ror #7
                0x12009d29, // and w9, w9, #0xff00ff
                0xaaa91548, // orn x8, x10, x9, asr #5
                0x0a690907, // bic w7, w8, w9, lsr #2
                0xf2103d06, // ands x6, x8, #0xffff0000ffff0000
                0x9a8700c5, // csel x5, x6, x7, eq
                0x7100517f, // cmp w11, #20
                0x9a86b4a4, // csinc x4, x5, x6, lt
                0x5a858083, // csinv w3, w4, w5, hi
                0xb100157f, // cmn x11, #5
                0xda842462, // csneg x2, x3, x4, hs
                0x7200055f, // tst w10, #0x3
                0x9a9f07e1, // cset x1, ne
                0x8b01014a, // add x10, x10, x1
                0xd3453541, // ubfx x1, x10, #5, #9
                0x93434d42, // sbfx x2, x10, #3, #17
                0x53196143, // lsl w3, w10, #7
                0x934dfd44, // asr x4, x10, #13
                0x93401d45, // sxtb x5, w10
                0x53003d46, // uxth w6, w10
                0x93771147, // sbfiz x7, x10, #9, #5
                0x531c2948, // ubfiz w8, w10, #4, #11
                0x9b0b0549, // madd x9, x10, x11, x1
                0x1b02a92a, // msub w10, w9, w2, w10
                0x8b23c94a, // add x10, x10, w3, sxtw #2
                0xcb24054a, // sub x10, x10, w4, uxtb #1
                0x2b0a018c, // adds w12, w12, w10
                0xd10083ff, // sub sp, sp, #32
                0xa90133ea, // stp x10, x12, [sp, #16]
                0x29bf0be1, // stp w1, w2, [sp, #-8]!
                0x28c113e3, // ldp w3, w4, [sp], #8
                0x69421be5, // ldpsw x5, x6, [sp, #16]
                0x910083ff, // add sp, sp, #32
                0x38ab6b87, // ldrsb x7, [x28, x11]
                0x78ebdb88, // ldrsh w8, [x28, w11, sxtw #1]
                0xb9800b89, // ldrsw x9, [x28, #8]
                0x382b6b8a, // strb w10, [x28, x11]
                0x7900078a, // strh w10, [x28, #2]
                0xb82b7b8a, // str w10, [x28, x11, lsl #2]
                0xf940078d, // ldr x13, [x28, #8]
                0xf85fd38e, // ldur x14, [x28, #-3]
                0x1800012f, // ldr w15, lit
                0x8b0d014a, // add x10, x10, x13
                0xca0e014a, // eor x10, x10, x14
                0x8b0f014a, // add x10, x10, x15
                0x3718004a, // tbnz w10, #3, skip
                0x91001d4a, // add x10, x10, #7
                0xf100056b, // skip: subs x11, x11, #1
                0x54fff9ea, // b.ge loop
                0x14000002, // b end
                0x89abcdef, // lit: .word 0x89abcdef
                0xd503201f, // end: nop
    };
}
