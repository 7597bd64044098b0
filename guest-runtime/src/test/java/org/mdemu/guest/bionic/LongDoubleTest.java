package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected bit patterns are IEEE 754 binary128 encodings ({low, high} halves as arm64 stores them). */
class LongDoubleTest {
    @Test
    void decimalFractionsRoundToNearestEvenAt113Bits() {
        assertThat(LongDouble.parse("0.1")).containsExactly(0x999999999999999aL, 0x3ffb999999999999L);
        assertThat(LongDouble.parse("1")).containsExactly(0L, 0x3fff000000000000L);
        assertThat(LongDouble.parse("-2.5")).containsExactly(0L, 0xc000400000000000L);
        assertThat(LongDouble.parse("1.")).containsExactly(0L, 0x3fff000000000000L);
    }

    @Test
    void hexLiteralsAreExact() {
        assertThat(LongDouble.parse("0x1.8p1")).containsExactly(0L, 0x4000800000000000L);
        assertThat(LongDouble.parse("0x1p-16494")).as("smallest subnormal").containsExactly(1L, 0L);
    }

    @Test
    void overflowIsInfinityAndSignsSurviveZeroInfAndNan() {
        assertThat(LongDouble.parse("1e5000")).containsExactly(0L, 0x7fff000000000000L);
        assertThat(LongDouble.parse("-0")).containsExactly(0L, Long.MIN_VALUE);
        assertThat(LongDouble.parse("-inf")).containsExactly(0L, 0xffff000000000000L);
        assertThat(LongDouble.parse("nan")[1] & 0x7fff800000000000L).isEqualTo(0x7fff800000000000L);
        assertThat(LongDouble.parse("1e-5000")).containsExactly(0L, 0L);
    }
}
