package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.testing.FakeProcess;

/** Expected strings are what a conforming C library prints for the same format and arguments. */
class PrintfFormatterTest {
    private final FakeProcess process = new FakeProcess();
    private final PrintfFormatter formatter = new PrintfFormatter(process.memory(), () -> "No such file or directory");

    private String fmt(String format, Object... args) {
        Deque<Long> ints = new ArrayDeque<>();
        Deque<Double> doubles = new ArrayDeque<>();
        for (Object a : args) {
            if (a instanceof Double d) doubles.add(d);
            else if (a instanceof String s) ints.add(process.cstring(s));
            else ints.add(((Number) a).longValue());
        }
        VarArgs va = new VarArgs() {
            @Override public long[] nextLongDouble() { throw new AssertionError("no long double arguments here"); }
            @Override public long nextLong() { return ints.pop(); }
            @Override public double nextDouble() { return doubles.pop(); }
        };
        return new String(formatter.format(format.getBytes(StandardCharsets.UTF_8), va), StandardCharsets.UTF_8);
    }

    @Test
    void integersWithFlagsWidthAndPrecision() {
        assertThat(fmt("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42, 42)).isEqualTo("42|   42|42   |00042|+42| 42");
        assertThat(fmt("%d %i", -7, -2147483648L)).isEqualTo("-7 -2147483648");
        assertThat(fmt("%u", -1)).isEqualTo("4294967295");
        assertThat(fmt("%lu %ld", -1L, Long.MIN_VALUE)).isEqualTo("18446744073709551615 -9223372036854775808");
        assertThat(fmt("%x %X %#x %o %#o", 255, 255, 255, 8, 8)).isEqualTo("ff FF 0xff 10 010");
        assertThat(fmt("%.3d|%.0d|%8.3d", 7, 0, -7)).isEqualTo("007||    -007");
        assertThat(fmt("%hhd %hd", 0x1ff, 0x1ffff)).isEqualTo("-1 -1");
        assertThat(fmt("%*d|%-*d", 4, 1, 3, 2)).isEqualTo("   1|2  ");
    }

    @Test
    void stringsCharactersPointersAndPercent() {
        assertThat(fmt("%s|%.2s|%5s|%-5s|", "hello", "hello", "ab", "ab")).isEqualTo("hello|he|   ab|ab   |");
        assertThat(fmt("%c%c %%", (int) 'o', (int) 'k')).isEqualTo("ok %");
        assertThat(fmt("%p", 0x1234L)).isEqualTo("0x1234");
        assertThat(fmt("%m")).isEqualTo("No such file or directory");
    }

    @Test
    void floatingPointConversionsRoundLikeC() {
        assertThat(fmt("%f", 3.14159265)).isEqualTo("3.141593");
        assertThat(fmt("%.2f %.0f %.0f %.0f", 2.675, 0.5, 1.5, 2.5)).isEqualTo("2.67 0 2 2");
        assertThat(fmt("%e", 12345.678)).isEqualTo("1.234568e+04");
        assertThat(fmt("%.3E", 0.000123456)).isEqualTo("1.235E-04");
        assertThat(fmt("%g %g %g %g", 100000.0, 1000000.0, 0.0001, 0.00001)).isEqualTo("100000 1e+06 0.0001 1e-05");
        assertThat(fmt("%g %#g", 2.5, 2.5)).isEqualTo("2.5 2.50000");
        assertThat(fmt("%8.3f|%-8.2f|%+.1f|%08.2f", 3.14159, 2.5, 1.0, -3.5)).isEqualTo("   3.142|2.50    |+1.0|-0003.50");
        assertThat(fmt("%f %F %f", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN)).isEqualTo("inf -INF nan");
        assertThat(fmt("%a %a %.1a", 1.0, 0.5, 1.75)).isEqualTo("0x1p+0 0x1p-1 0x1.cp+0");
        assertThat(fmt("%f", -0.0)).isEqualTo("-0.000000");
    }

    @Test
    void percentNStoresTheCountSoFar() {
        long slot = process.alloc(8);
        assertThat(fmt("abc%n!", slot)).isEqualTo("abc!");
        assertThat(process.memory().readInt(slot)).isEqualTo(3);
    }

    @Test
    void longDoubleExpandsAllOfItsBitsAndWideStringsBecomeUtf8() {
        long wide = process.alloc(16);
        int[] text = {'h', 0xe9, 0x20ac, 0};
        for (int k = 0; k < text.length; k++) process.memory().writeInt(wide + 4L * k, text[k]);
        Deque<long[]> quads = new ArrayDeque<>();
        quads.add(LongDouble.parse("0.1"));
        quads.add(LongDouble.parse("-1e-4"));
        Deque<Long> ints = new ArrayDeque<>(java.util.List.of(wide, wide, 0x1f600L));
        VarArgs va = new VarArgs() {
            @Override public long nextLong() { return ints.pop(); }
            @Override public double nextDouble() { throw new AssertionError(); }
            @Override public long[] nextLongDouble() { return quads.pop(); }
        };
        String out = new String(formatter.format("%.25Lf %Lg|%ls|%.3ls|%lc".getBytes(StandardCharsets.UTF_8), va),
                StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("0.1000000000000000000000000 -0.0001|h\u00e9\u20ac|h\u00e9|\ud83d\ude00");
    }
}
