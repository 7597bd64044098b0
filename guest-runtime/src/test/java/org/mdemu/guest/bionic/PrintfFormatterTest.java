package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.Errno;
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
        return new String(format(format, va), StandardCharsets.UTF_8);
    }

    private byte[] format(String format, VarArgs va) {
        PrintfSink.Kept out = PrintfSink.kept(1 << 20);
        assertThat(formatter.format(format.getBytes(StandardCharsets.UTF_8), va, out.sink())).isNotNegative();
        return out.bytes();
    }

    /** Integer-class arguments only. */
    private static VarArgs ints(long... values) {
        Deque<Long> queue = new ArrayDeque<>();
        for (long v : values) queue.add(v);
        return new VarArgs() {
            @Override public long[] nextLongDouble() { throw new AssertionError(); }
            @Override public long nextLong() { return queue.pop(); }
            @Override public double nextDouble() { throw new AssertionError(); }
        };
    }

    private static VarArgs doubles(double... values) {
        Deque<Double> queue = new ArrayDeque<>();
        for (double v : values) queue.add(v);
        return new VarArgs() {
            @Override public long[] nextLongDouble() { throw new AssertionError(); }
            @Override public long nextLong() { throw new AssertionError(); }
            @Override public double nextDouble() { return queue.pop(); }
        };
    }

    /** A destination recording what reaches it: calls, bytes, the largest piece, the first and last bytes. */
    private static final class Recorder implements PrintfSink.Destination {
        long calls, bytes, largest;
        final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        final byte[] last = new byte[24];
        int error;

        @Override
        public int accept(byte[] b, int off, int len) {
            calls++;
            bytes += len;
            largest = Math.max(largest, len);
            head.write(b, off, Math.min(len, Math.max(0, 64 - head.size())));
            for (int i = Math.max(off, off + len - last.length); i < off + len; i++) {
                System.arraycopy(last, 1, last, 0, last.length - 1);
                last[last.length - 1] = b[i];
            }
            return error;
        }

        String head() {
            return head.toString(StandardCharsets.US_ASCII);
        }

        String tail(int n) {
            return new String(last, last.length - n, n, StandardCharsets.US_ASCII);
        }
    }

    private long format(String format, VarArgs va, PrintfSink sink) {
        return formatter.format(format.getBytes(StandardCharsets.US_ASCII), va, sink);
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
    void percentNStoresTheCountSoFarOnlyForHostSideFormatting() {
        long slot = process.alloc(8);
        assertThat(fmt("abc%n!", slot)).isEqualTo("abc!");
        assertThat(process.memory().readInt(slot)).isEqualTo(3);
    }

    /** bionic refuses %n in every printf with __fortify_fatal("%%n not allowed on Android"), before storing anything. */
    @Test
    void guestFormattingAbortsOnPercentNAsBionicDoes() {
        java.util.List<String> fatal = new java.util.ArrayList<>();
        PrintfFormatter guest = new PrintfFormatter(process.memory(), () -> "", message -> {
            fatal.add(message);
            throw new IllegalStateException("aborted");
        });
        long slot = process.alloc(8);
        process.memory().writeInt(slot, 77);
        VarArgs va = new VarArgs() {
            @Override public long[] nextLongDouble() { throw new AssertionError(); }
            @Override public long nextLong() { return slot; }
            @Override public double nextDouble() { throw new AssertionError(); }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guest.format("abc%hhn".getBytes(StandardCharsets.UTF_8),
                va, PrintfSink.kept(64).sink())).hasMessage("aborted");
        assertThat(fatal).containsExactly("%n not allowed on Android");
        assertThat(process.memory().readInt(slot)).isEqualTo(77);
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
        String out = new String(format("%.25Lf %Lg|%ls|%.3ls|%lc", va), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("0.1000000000000000000000000 -0.0001|h\u00e9\u20ac|h\u00e9|\ud83d\ude00");
    }

    @Test
    void aHugeWidthIsCountedAndOnlyTheKeptPrefixIsBuilt() {
        Recorder kept = new Recorder();
        assertThat(format("%-999999999d|", ints(42), PrintfSink.keeping(15, kept))).isEqualTo(1_000_000_000L);
        assertThat(kept.head()).isEqualTo("42             ");
        assertThat(kept.calls).isEqualTo(1);
        assertThat(kept.bytes).isEqualTo(15);

        Recorder none = new Recorder();
        assertThat(format("%0*d", ints(Integer.MAX_VALUE, -5), PrintfSink.keeping(0, none))).isEqualTo(Integer.MAX_VALUE);
        assertThat(none.calls).isZero();
    }

    @Test
    void aStreamReceivesHugePaddingInBoundedChunks() {
        Recorder stream = new Recorder();
        assertThat(format("%999999999d", ints(-7), PrintfSink.to(stream))).isEqualTo(999_999_999L);
        assertThat(stream.bytes).isEqualTo(999_999_999L);
        assertThat(stream.largest).isEqualTo(PrintfSink.CHUNK);
        assertThat(stream.calls).isEqualTo((999_999_999L + PrintfSink.CHUNK - 1) / PrintfSink.CHUNK);
        assertThat(stream.head()).isEqualTo(" ".repeat(64));
        assertThat(stream.tail(3)).isEqualTo(" -7");
    }

    @Test
    void precisionsPastTheExactExpansionPrintZerosWithoutBuildingThem() {
        Recorder f = new Recorder();
        assertThat(format("%.999999999f", doubles(1.5), PrintfSink.keeping(64, f))).isEqualTo(1_000_000_001L);
        assertThat(f.head()).isEqualTo("1." + "5" + "0".repeat(61));
        // 0.1 is 0.1000000000000000055511151231257827021181583404541015625 exactly: its digits, then zeros.
        Recorder e = new Recorder();
        String exact = "1.000000000000000055511151231257827021181583404541015625";
        assertThat(format("%.999999999e", doubles(0.1), PrintfSink.to(e))).isEqualTo(1 + 1 + 999_999_999L + 4);
        assertThat(e.head()).isEqualTo(exact + "00000000");
        assertThat(e.tail(8)).isEqualTo("0000e-01");
        assertThat(fmt("%.999999999g|%.60f", 0.1, 0.1))
                .isEqualTo("0.1000000000000000055511151231257827021181583404541015625|"
                        + "0.100000000000000005551115123125782702118158340454101562500000");
        Recorder g = new Recorder();
        assertThat(format("%#.999999999g", doubles(2.0), PrintfSink.keeping(8, g))).isEqualTo(1 + 999_999_999L);
        assertThat(g.head()).isEqualTo("2.000000");
        assertThat(format("%.999999999a", doubles(1.0), PrintfSink.keeping(0, new Recorder())))
                .isEqualTo("0x1.".length() + 999_999_999L + "p+0".length());
        assertThat(fmt("%.14a|%.13a", 1.0, 1.5)).isEqualTo("0x1.00000000000000p+0|0x1.8000000000000p+0");
    }

    @Test
    void countsPastIntMaxFailWithEnomemAsBionicsVfprintf() {
        PrintfSink sink = PrintfSink.keeping(0, new Recorder());
        assertThat(format("%2147483647s", ints(process.cstring("x")), sink)).isEqualTo(Integer.MAX_VALUE);
        assertThat(format("a%2147483647s", ints(process.cstring("x")), PrintfSink.keeping(0, new Recorder())))
                .isEqualTo(-Errno.ENOMEM);
        assertThat(format("%2147483647d%s", ints(1, process.cstring("")), PrintfSink.keeping(0, new Recorder())))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(format("%2147483647d%d", ints(1, 2), PrintfSink.keeping(0, new Recorder()))).isEqualTo(-Errno.ENOMEM);
        assertThat(format("%2147483648d", ints(1), PrintfSink.keeping(0, new Recorder()))).isEqualTo(-Errno.ENOMEM);
        assertThat(format("%.2147483648d", ints(1), PrintfSink.keeping(0, new Recorder()))).isEqualTo(-Errno.ENOMEM);
        assertThat(format("%*d", ints(Integer.MIN_VALUE, 1), PrintfSink.keeping(0, new Recorder()))).isEqualTo(-Errno.ENOMEM);
        assertThat(format("%-*d|", ints(-5, 1), PrintfSink.keeping(0, new Recorder()))).isEqualTo(6);
        assertThat(format("%.*d", ints(-5, 1), PrintfSink.keeping(0, new Recorder()))).isEqualTo(1);
        assertThat(format("%.2147483647f", doubles(1e300), PrintfSink.keeping(0, new Recorder()))).isEqualTo(-Errno.ENOMEM);
    }

    @Test
    void aFailingDestinationStopsTheFormattingWithItsErrno() {
        Recorder broken = new Recorder();
        broken.error = Errno.EPIPE;
        assertThat(format("%999999999d and more", ints(1), PrintfSink.to(broken))).isEqualTo(-Errno.EPIPE);
        assertThat(broken.calls).isEqualTo(1);
    }
}
