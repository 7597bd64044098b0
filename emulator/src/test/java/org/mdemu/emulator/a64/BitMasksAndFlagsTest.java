package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reusable pieces on the architecture's own answers: DecodeBitMasks, AddWithCarry, ExtendReg. */
class BitMasksAndFlagsTest {
    @Test
    void logicalImmediatesDecodeAsTheArmArmTabulates() {
        assertThat(BitMasks.logicalImmediate(1, 0b000111, 0, 64)).isEqualTo(0xffL); // N=1 imms=7: 8 ones
        assertThat(BitMasks.logicalImmediate(1, 0b111110, 1, 64)).isEqualTo(0xbfffffffffffffffL); // 63 ones, ror 1
        assertThat(BitMasks.logicalImmediate(0, 0b111100, 0, 64)).isEqualTo(0x5555555555555555L); // 2-bit elements
        assertThat(BitMasks.logicalImmediate(0, 0b110011, 4, 64)).isEqualTo(0xf0f0f0f0f0f0f0f0L); // 8-bit, ror 4
        assertThat(BitMasks.logicalImmediate(0, 0b011110, 1, 32)).isEqualTo(0x80000000L | 0x3fffffffL); // 31 ones ror 1
        assertThat(BitMasks.logicalImmediate(0, 0b011110, 1, 64)).isEqualTo(0xbfffffffbfffffffL);
    }

    @Test
    void reservedLogicalImmediatesDecodeToZero() {
        assertThat(BitMasks.logicalImmediate(1, 0b111111, 0, 64)).isZero(); // all ones
        assertThat(BitMasks.logicalImmediate(0, 0b111101, 0, 64)).isZero(); // all ones in 2-bit elements
        assertThat(BitMasks.logicalImmediate(0, 0b111111, 0, 64)).isZero(); // len < 1
        assertThat(BitMasks.logicalImmediate(0, 0b111110, 0, 32)).isZero(); // len < 1
    }

    @Test
    void bitfieldMovesGiveTheAliasesResults() {
        // UBFM #60, #59 is LSL #4; SBFM #0, #7 is SXTB; BFM #56, #7 is BFI #8, #8; UBFM #8, #23 is UBFX #8, #16.
        assertThat(DataProcessingImmediate.bitfieldMove(2, 64, 60, 59, 0x8000000000000001L, 0)).isEqualTo(0x10L);
        assertThat(DataProcessingImmediate.bitfieldMove(0, 64, 0, 7, 0x80, 0)).isEqualTo(-128L);
        assertThat(DataProcessingImmediate.bitfieldMove(1, 64, 56, 7, 0xab, 0x1111)).isEqualTo(0xab11L);
        assertThat(DataProcessingImmediate.bitfieldMove(2, 32, 8, 23, 0xffabcdefL, 0)).isEqualTo(0xabcdL);
        assertThat(DataProcessingImmediate.bitfieldMove(0, 32, 31, 31, 0x80000000L, 0)) // ASR #31
                .isEqualTo(0xffffffffL);
    }

    @Test
    void addWithCarryFlags() {
        long n = CpuState.N, z = CpuState.Z, c = CpuState.C, v = CpuState.V;
        assertThat(AddWithCarry.flags32(0x7fffffff, 1, 0)).isEqualTo(n | v);
        assertThat(AddWithCarry.flags32(-1, 1, 0)).isEqualTo(z | c);
        assertThat(AddWithCarry.flags32(0x80000000, 0x80000000, 0)).isEqualTo(z | c | v);
        assertThat(AddWithCarry.flags32(5, ~5, 1)).isEqualTo(z | c); // 5 - 5
        assertThat(AddWithCarry.flags32(4, ~5, 1)).isEqualTo(n); // 4 - 5: borrow, C clear
        assertThat(AddWithCarry.flags64(Long.MAX_VALUE, 0, 1)).isEqualTo(n | v);
        assertThat(AddWithCarry.flags64(-1, 0, 1)).isEqualTo(z | c);
        assertThat(AddWithCarry.flags64(-1, -1, 1)).isEqualTo(n | c);
        assertThat(AddWithCarry.flags64(Long.MIN_VALUE, ~1L, 1)).isEqualTo(c | v); // MIN - 1
        assertThat(AddWithCarry.logical64(Long.MIN_VALUE)).isEqualTo(n);
        assertThat(AddWithCarry.logical32(0)).isEqualTo(z);
    }

    @Test
    void extendRegisterExtendsThenShifts() {
        assertThat(ShiftExtend.extend(0x1ff, 0, 4)).isEqualTo(0xff0L); // UXTB #4
        assertThat(ShiftExtend.extend(0x180, 4, 1)).isEqualTo(-256L); // SXTB #1
        assertThat(ShiftExtend.extend(0xffff8000L, 5, 0)).isEqualTo(-32768L); // SXTH
        assertThat(ShiftExtend.extend(0x1_8000_0000L, 6, 2)).isEqualTo(-0x2_0000_0000L); // SXTW #2
        assertThat(ShiftExtend.extend(-1, 2, 0)).isEqualTo(0xffffffffL); // UXTW
    }

    @Test
    void highProductsAndDivisions() {
        assertThat(DataProcessingRegister.umulh(-1, -1)).isEqualTo(-2L);
        assertThat(DataProcessingRegister.umulh(1L << 63, 4)).isEqualTo(2L);
        assertThat(DataProcessingRegister.udiv64(-1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(DataProcessingRegister.sdiv64(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(DataProcessingRegister.sdiv32(-7, 2)).isEqualTo(-3); // rounds toward zero
        assertThat(DataProcessingRegister.udiv32(5, 0)).isZero();
    }
}
