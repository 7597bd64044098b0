package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.testing.FakeProcess;

/** Expected results are what a conforming C library (bionic's BSD vfscanf) returns for the same input. */
class ScanfParserTest {
    private final FakeProcess process = new FakeProcess();
    private final ScanfParser parser = new ScanfParser(process.memory());
    private final long[] slots = new long[8];

    ScanfParserTest() {
        for (int i = 0; i < slots.length; i++) slots[i] = process.alloc(64);
    }

    private int scan(String input, String format) {
        Deque<Long> pointers = new ArrayDeque<>();
        for (long s : slots) pointers.add(s);
        VarArgs va = new VarArgs() {
            @Override public long[] nextLongDouble() { throw new AssertionError("no long double arguments here"); }
            @Override public long nextLong() { return pointers.pop(); }
            @Override public double nextDouble() { throw new AssertionError("scanf takes only pointers"); }
        };
        return parser.scan(format.getBytes(StandardCharsets.UTF_8),
                ScanfParser.of(input.getBytes(StandardCharsets.UTF_8)), va);
    }

    private int i32(int slot) { return process.memory().readInt(slots[slot]); }
    private long i64(int slot) { return process.memory().readLong(slots[slot]); }
    private String str(int slot) { return process.readCString(slots[slot]); }
    private double f64(int slot) { return Double.longBitsToDouble(i64(slot)); }
    private float f32(int slot) { return Float.intBitsToFloat(i32(slot)); }

    @Test
    void integersInEveryBaseWithSigns() {
        assertThat(scan(" 42 -17 +8", "%d %d %d")).isEqualTo(3);
        assertThat(new int[] {i32(0), i32(1), i32(2)}).containsExactly(42, -17, 8);
        assertThat(scan("0x1F 017 12 ff 0XAB", "%i %i %i %x %X")).isEqualTo(5);
        assertThat(new int[] {i32(0), i32(1), i32(2), i32(3), i32(4)}).containsExactly(31, 15, 12, 255, 0xab);
        assertThat(scan("777 4294967295", "%o %u")).isEqualTo(2);
        assertThat(i32(0)).isEqualTo(0777);
        assertThat(i32(1)).isEqualTo(-1);
    }

    @Test
    void lengthModifiersStoreTheRightWidth() {
        process.memory().writeLong(slots[0], -1);
        process.memory().writeLong(slots[1], -1);
        assertThat(scan("300 70000 9000000000 -5", "%hhd %hd %lld %zd")).isEqualTo(4);
        assertThat(process.memory().readByte(slots[0])).isEqualTo((byte) 44);
        assertThat(process.memory().readByte(slots[0] + 1)).isEqualTo((byte) -1);
        assertThat(process.memory().readShort(slots[1])).isEqualTo((short) 4464);
        assertThat(i64(2)).isEqualTo(9000000000L);
        assertThat(i64(3)).isEqualTo(-5);
        assertThat(scan("0x7fff1234", "%p")).isEqualTo(1);
        assertThat(i64(0)).isEqualTo(0x7fff1234L);
    }

    @Test
    void fieldWidthSplitsNumbersAndStrings() {
        assertThat(scan("12345 abcdef", "%2d%3d %3s%s")).isEqualTo(4);
        assertThat(i32(0)).isEqualTo(12);
        assertThat(i32(1)).isEqualTo(345);
        assertThat(str(2)).isEqualTo("abc");
        assertThat(str(3)).isEqualTo("def");
    }

    @Test
    void suppressionConsumesWithoutAssigning() {
        assertThat(scan("skip 7 word 9", "%*s %d %*s %d")).isEqualTo(2);
        assertThat(i32(0)).isEqualTo(7);
        assertThat(i32(1)).isEqualTo(9);
    }

    @Test
    void charsDoNotSkipSpaceAndAreNotTerminated() {
        process.memory().write(slots[1], "zzzz".getBytes(StandardCharsets.US_ASCII));
        assertThat(scan(" xab", "%c%3c")).isEqualTo(2);
        assertThat((char) process.memory().readByte(slots[0])).isEqualTo(' ');
        assertThat(new String(process.memory().read(slots[1], 4), StandardCharsets.US_ASCII)).isEqualTo("xabz");
    }

    @Test
    void scansetsWithRangesNegationAndLeadingBracket() {
        assertThat(scan("abc123]x:rest of line\n", "%[a-c]%[0-9]%[]x]:%[^\n]")).isEqualTo(4);
        assertThat(str(0)).isEqualTo("abc");
        assertThat(str(1)).isEqualTo("123");
        assertThat(str(2)).isEqualTo("]x");
        assertThat(str(3)).isEqualTo("rest of line");
        assertThat(scan("key=value", "%[^=]=%s")).isEqualTo(2);
        assertThat(str(0)).isEqualTo("key");
        assertThat(str(1)).isEqualTo("value");
    }

    @Test
    void percentNCountsConsumedCharactersWithoutCountingAsAssignment() {
        assertThat(scan("  12 abc", "%d%n %s%n")).isEqualTo(2);
        assertThat(i32(1)).isEqualTo(4);
        assertThat(i32(3)).isEqualTo(8);
    }

    @Test
    void floatingPointInAllForms() {
        assertThat(scan("3.25 -1e3 0x1.8p1 inf nan 2.5", "%f %le %lg %la %lf %Lf")).isEqualTo(6);
        assertThat(f32(0)).isEqualTo(3.25f);
        assertThat(f64(1)).isEqualTo(-1000.0);
        assertThat(f64(2)).isEqualTo(3.0);
        assertThat(f64(3)).isInfinite();
        assertThat(f64(4)).isNaN();
        assertThat(i64(5)).isZero();
        assertThat(process.memory().readLong(slots[5] + 8)).isEqualTo(0x4000400000000000L);
    }

    @Test
    void floatStopsAtTheLongestValidPrefixAndLeavesTheRest() {
        assertThat(scan("100ergs", "%lf%s")).isEqualTo(2);
        assertThat(f64(0)).isEqualTo(100.0);
        assertThat(str(1)).isEqualTo("ergs");
        assertThat(scan("1.5e+x", "%lf%s")).isEqualTo(2);
        assertThat(f64(0)).isEqualTo(1.5);
        assertThat(str(1)).isEqualTo("e+x");
    }

    @Test
    void zeroXWithoutDigitsIsZeroFollowedByX() {
        assertThat(scan("0xg", "%x%s")).isEqualTo(2);
        assertThat(i32(0)).isZero();
        assertThat(str(1)).isEqualTo("xg");
    }

    @Test
    void matchingFailureReturnsAssignmentsSoFar() {
        assertThat(scan("12 abc", "%d %d")).isEqualTo(1);
        assertThat(scan("abc", "%d")).isZero();
        assertThat(scan("x12", "y%d")).isZero();
        assertThat(scan("-", "%d")).isZero();
    }

    @Test
    void inputFailureBeforeTheFirstConversionIsEof() {
        assertThat(scan("", "%d")).isEqualTo(ScanfParser.EOF);
        assertThat(scan("   ", "%s")).isEqualTo(ScanfParser.EOF);
        assertThat(scan("", "abc")).isEqualTo(ScanfParser.EOF);
        assertThat(scan("5", "%d %d")).isEqualTo(1);
    }

    @Test
    void literalsWhitespaceAndPercentPercent() {
        assertThat(scan("  (3,\t4)  100%", " (%d ,%d) %d%%")).isEqualTo(3);
        assertThat(new int[] {i32(0), i32(1), i32(2)}).containsExactly(3, 4, 100);
    }

    @Test
    void wideStringsWithTheLModifierDecodeUtf8() {
        assertThat(scan("h\u00e9llo", "%ls")).isEqualTo(1);
        assertThat(process.memory().readInt(slots[0] + 4)).isEqualTo(0xe9);
        assertThat(process.memory().readInt(slots[0] + 20)).isZero();
    }

    @Test
    void overflowSaturatesLikeStrtoimax() {
        assertThat(scan("99999999999999999999", "%lld")).isEqualTo(1);
        assertThat(i64(0)).isEqualTo(Long.MAX_VALUE);
    }

    /** Each digit costs the same however long the number: a million digits are one field, saturated (no hang). */
    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aNumberOfAMillionDigitsIsOneSaturatedField() {
        String digits = "7".repeat(1 << 20);
        assertThat(scan(digits + " 5", "%lld %d")).isEqualTo(2);
        assertThat(i64(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(i32(1)).isEqualTo(5);
        assertThat(scan(digits + "e-1048570 6", "%lf %d")).isEqualTo(2);
        assertThat(f64(0)).isCloseTo(777777.7777777778, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(i32(1)).isEqualTo(6);
    }
}
