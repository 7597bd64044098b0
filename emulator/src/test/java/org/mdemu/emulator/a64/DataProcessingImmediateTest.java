package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Data processing (immediate) on the Java engine: every form on edge operands against Unicorn 2, the reserved
 * encodings undefined.
 */
class DataProcessingImmediateTest {
    private static final Object[] FORMS = {
            0x10000000, "adr x0, #0",
            0x10ffffe1, "adr x1, #-4",
            0x707fffe2, "adr x2, #1048575",
            0x10800003, "adr x3, #-1048576",
            0x1000005f, "adr xzr, #8",
            0x90000004, "adrp x4, #0",
            0xb0000005, "adrp x5, #4096",
            0xf0ffffe6, "adrp x6, #-4096",
            0xf07fffe7, "adrp x7, #4294963200",
            0x90800008, "adrp x8, #-4294967296",
            0x91000020, "add x0, x1, #0",
            0x913ffc20, "add x0, x1, #4095",
            0x917ffc20, "add x0, x1, #4095, lsl #12",
            0x11000420, "add w0, w1, #1",
            0x9100403f, "add sp, x1, #16",
            0x910043e0, "add x0, sp, #16",
            0x1100043f, "add wsp, w1, #1",
            0x110007e0, "add w0, wsp, #1",
            0x9100003f, "mov sp, x1",
            0x910003e0, "mov x0, sp",
            0xb1000420, "adds x0, x1, #1",
            0x31000420, "adds w0, w1, #1",
            0xb14007e0, "adds x0, sp, #1, lsl #12",
            0xb100043f, "cmn x1, #1",
            0x313ffc3f, "cmn w1, #4095",
            0xd1000420, "sub x0, x1, #1",
            0x517ffc20, "sub w0, w1, #4095, lsl #12",
            0xd10083ff, "sub sp, sp, #32",
            0xf1000420, "subs x0, x1, #1",
            0x71000420, "subs w0, w1, #1",
            0xf100003f, "cmp x1, #0",
            0x7100003f, "cmp w1, #0",
            0xf10023ff, "cmp sp, #8",
            0xf140043f, "subs xzr, x1, #1, lsl #12",
            0x92401c20, "and x0, x1, #0xff",
            0x12001c20, "and w0, w1, #0xff",
            0x927cec3f, "and sp, x1, #0xfffffffffffffff0",
            0xb200f020, "orr x0, x1, #0x5555555555555555",
            0x32010420, "orr w0, w1, #0x80000001",
            0xb2103fe0, "orr x0, xzr, #0xffff0000ffff0000",
            0x321f77e0, "mov w0, #0x7ffffffe",
            0xd2410020, "eor x0, x1, #0x8000000000000000",
            0x521f7820, "eor w0, w1, #0xfffffffe",
            0xd200cc20, "eor x0, x1, #0x0f0f0f0f0f0f0f0f",
            0xf2400020, "ands x0, x1, #0x1",
            0x72010020, "ands w0, w1, #0x80000000",
            0xf241003f, "tst x1, #0x8000000000000000",
            0x72003c3f, "tst w1, #0xffff",
            0xd2824680, "movz x0, #0x1234",
            0xd2a24680, "movz x0, #0x1234, lsl #16",
            0xd2ffffe0, "movz x0, #0xffff, lsl #48",
            0x52bfffe0, "movz w0, #0xffff, lsl #16",
            0x92800000, "movn x0, #0",
            0x92c24680, "movn x0, #0x1234, lsl #32",
            0x12800000, "movn w0, #0",
            0x12bfffe0, "movn w0, #0xffff, lsl #16",
            0xf297dde1, "movk x1, #0xbeef",
            0xf2fbd5a1, "movk x1, #0xdead, lsl #48",
            0x72b7dde1, "movk w1, #0xbeef, lsl #16",
            0x72800021, "movk w1, #0x1",
            0xf280003f, "movk xzr, #1",
            0x9340fc20, "sbfm x0, x1, #0, #63",
            0x13007c20, "sbfm w0, w1, #0, #31",
            0x937ffc20, "asr x0, x1, #63",
            0x131f7c20, "asr w0, w1, #31",
            0x9341fc20, "asr x0, x1, #1",
            0x93401c20, "sxtb x0, w1",
            0x93403c20, "sxth x0, w1",
            0x93407c20, "sxtw x0, w1",
            0x13001c20, "sxtb w0, w1",
            0x13003c20, "sxth w0, w1",
            0x93442c20, "sbfx x0, x1, #4, #8",
            0x131c7c20, "sbfx w0, w1, #28, #4",
            0x93440c20, "sbfiz x0, x1, #60, #4",
            0x131d7020, "sbfiz w0, w1, #3, #29",
            0x934a1420, "sbfm x0, x1, #10, #5",
            0xd340fc20, "ubfm x0, x1, #0, #63",
            0xd37ff820, "lsl x0, x1, #1",
            0xd3410020, "lsl x0, x1, #63",
            0x53010020, "lsl w0, w1, #31",
            0x531c6c20, "lsl w0, w1, #4",
            0xd37ffc20, "lsr x0, x1, #63",
            0x531f7c20, "lsr w0, w1, #31",
            0x53017c20, "lsr w0, w1, #1",
            0x53001c20, "uxtb w0, w1",
            0x53003c20, "uxth w0, w1",
            0xd360fc20, "ubfx x0, x1, #32, #32",
            0x53085c20, "ubfx w0, w1, #8, #16",
            0xd3603c20, "ubfiz x0, x1, #32, #16",
            0x531f7820, "ubfm w0, w1, #31, #30",
            0xb3783c20, "bfi x0, x1, #8, #16",
            0x33010020, "bfi w0, w1, #31, #1",
            0xb37cfc20, "bfxil x0, x1, #60, #4",
            0x33007c20, "bfxil w0, w1, #0, #32",
            0xb37ff820, "bfm x0, x1, #63, #62",
            0x33100c20, "bfm w0, w1, #16, #3",
            0x93c20020, "extr x0, x1, x2, #0",
            0x93c20420, "extr x0, x1, x2, #1",
            0x93c2fc20, "extr x0, x1, x2, #63",
            0x13820020, "extr w0, w1, w2, #0",
            0x13827c20, "extr w0, w1, w2, #31",
            0x93c14420, "ror x0, x1, #17",
            0x13811420, "ror w0, w1, #5",
    };

    @Test
    void everyFormMatchesUnicorn2OnEdgeOperands() {
        assertThat(EdgeOperands.compareAll(FORMS)).isEmpty();
    }

    /** Unallocated, reserved and unimplemented-feature encodings of the group: SIGILL, registers untouched. */
    private static final int[] UNDEFINED = {
            0x91810420, // addg x0, x1, #16, #1 (MTE)
            0xd1810420, // subg x0, x1, #16, #1 (MTE)
            0x91c00020, // smax x0, x1, #0 (v8.9 CSSC min/max immediate)
            0x9240fc20, // and x0, x1, #<N=1 imms=111111>: DecodeBitMasks reserved (all ones)
            0x1200fc20, // and w0, w1, #<N=0 imms=111111>: len < 1
            0x12400020, // and w0, w1 with N=1
            0xb2800000, // move wide opc=01
            0x52c00000, // movz w0, #0, lsl #32
            0x72e00000, // movk w0, #0, lsl #48
            0x93000020, // sbfm x0 with N=0
            0x13400020, // sbfm w0 with N=1
            0x13208020, // sbfm w0 with immr<5>=1
            0x13008020, // sbfm w0 with imms<5>=1
            0xf3400020, // bitfield opc=11
            0x93e20020, // extr with o0=1
            0xb3c20020, // extr with op21=01
            0x93820020, // extr x0 with N=0
            0x13828020, // extr w0 with imms=32
    };

    @Test
    void reservedEncodingsAreUndefined() {
        // Unicorn 2 refuses all of them too.
        assertThat(EdgeOperands.undefinedEverywhere(UNDEFINED)).isEmpty();
    }
}
