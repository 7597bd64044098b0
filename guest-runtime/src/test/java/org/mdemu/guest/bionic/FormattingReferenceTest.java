package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The formatting and parsing rows against references on generated values: strtod/strtof against Java's correctly
 * rounded parsers (long decimal strings, hexadecimal floats, subnormals, overflow), printf's %f and %e against the
 * exact decimal value rounded half-even (what bionic's dtoa does in the default rounding mode), the integer
 * conversions against Java's, strftime's %Y against tm_year + 1900 computed without overflow.
 */
class FormattingReferenceTest {
    private final FormattingFuzzTest.Harness h = new FormattingFuzzTest.Harness();

    private long parse(String function, String text) {
        long s = h.text(text.getBytes(StandardCharsets.ISO_8859_1));
        h.process.call(h.libc, function, s, h.out);
        return h.process.memory().readLong(h.out) - s;
    }

    @Test
    void strtodAndStrtofRoundLikeJavasParsers() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 600; i++) {
            String text = i % 3 == 0 ? hexFloat(random) : decimal(random);
            long consumed = parse("strtod", text);
            assertThat(consumed).as("end of %s", text).isEqualTo(text.length());
            double expected = Double.parseDouble(text);
            assertThat(h.process.regs.d64(0)).as("strtod(\"%s\")", text).isEqualTo(Double.doubleToRawLongBits(expected));
            parse("strtof", text);
            float single = Float.parseFloat(text);
            assertThat((int) h.process.regs.d64(0)).as("strtof(\"%s\")", text).isEqualTo(Float.floatToRawIntBits(single));
        }
    }

    @Test
    void strtodReadsTheBoundaryCasesAndSpecialForms() {
        String[][] cases = {
            {"4.9e-324", "1"}, {"2.4703282292062328e-324", "1"}, {"2.4703282292062327e-324", "0"},
            {"1.7976931348623157e308", "7fefffffffffffff"}, {"1.7976931348623159e308", "7ff0000000000000"},
            {"0x1p-1074", "1"}, {"0x1.fffffffffffff8p1023", "7ff0000000000000"}, {"-0", "8000000000000000"},
            {"inf", "7ff0000000000000"}, {"-INFINITY", "fff0000000000000"}, {"nan", "7ff8000000000000"},
            {"1" + "0".repeat(400), "7ff0000000000000"}, {"0." + "0".repeat(400) + "1", "0"},
        };
        for (String[] c : cases) {
            parse("strtod", c[0]);
            assertThat(Long.toHexString(h.process.regs.d64(0))).as("strtod(\"%s\")", c[0]).isEqualTo(c[1]);
        }
        assertThat(parse("strtod", "nan(123)x")).isEqualTo(8);
        assertThat(parse("strtod", "infinit")).isEqualTo(3);
        assertThat(parse("strtod", "0x")).isEqualTo(1);
        assertThat(parse("strtod", "1e+")).isEqualTo(1);
    }

    @Test
    void printfFixedAndExponentFormsAreTheExactValueRoundedHalfEven() {
        SplittableRandom random = new SplittableRandom(2);
        long fixed = h.text("%.*f".getBytes(StandardCharsets.US_ASCII));
        long exponent = h.text("%.*e".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1500; i++) {
            double d = i % 5 == 0 ? Math.rint(random.nextDouble() * 1000) / 8 + 0.0625 // exact ties
                    : Math.scalb(random.nextDouble() - 0.5, random.nextInt(-80, 80));
            int precision = random.nextInt(0, 25);
            h.process.regs.setD64(0, Double.doubleToRawLongBits(d));
            long n = h.process.call(h.libc, "snprintf", h.out, 1024, fixed, precision);
            String expected = sign(d) + new BigDecimal(d).abs().setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
            assertThat(h.process.readCString(h.out)).as("%%.%df of %s", precision, d).isEqualTo(expected);
            assertThat(n).isEqualTo(expected.length());
            h.process.regs.setD64(0, Double.doubleToRawLongBits(d));
            h.process.call(h.libc, "snprintf", h.out, 1024, exponent, precision);
            assertThat(h.process.readCString(h.out)).as("%%.%de of %s", precision, d).isEqualTo(exponentForm(d, precision));
        }
    }

    @Test
    void printfIntegerConversionsAreJavas() {
        SplittableRandom random = new SplittableRandom(3);
        long format = h.text("%lld %llu %llx %llo %+lld %20lld|%-20lld|".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            long v = random.nextBoolean() ? random.nextLong() : random.nextInt(-300, 300);
            h.process.call(h.libc, "snprintf", h.out, 512, format, v, v, v, v, v, v, v);
            String expected = v + " " + Long.toUnsignedString(v) + " " + Long.toHexString(v) + " "
                    + Long.toOctalString(v) + " " + (v >= 0 ? "+" : "") + v + " " + String.format("%20d|%-20d|", v, v);
            assertThat(h.process.readCString(h.out)).isEqualTo(expected);
        }
    }

    @Test
    void strftimePrintsExtremeYearsWithoutOverflow() {
        long format = h.text("%Y|%C|%y".getBytes(StandardCharsets.US_ASCII));
        long tm = h.process.alloc(56);
        for (int year : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1900,
            Integer.MIN_VALUE + 1900, -1900, -1901, 0, 8099, 8100, -2000}) {
            h.process.memory().write(tm, new byte[56]);
            h.process.memory().writeInt(tm + 12, 1); // tm_mday
            h.process.memory().writeInt(tm + 20, year); // tm_year
            h.process.call(h.libc, "strftime", h.out, 64, format, tm);
            long full = year + 1900L;
            String y = Long.toString(full);
            assertThat(h.process.readCString(h.out).split("\\|")[0]).as("%%Y of tm_year %d", year).isEqualTo(y);
        }
    }

    @Test
    void pSecstodatePrintsAnyYearAndFaultsWhereBionicsGmtimeFails() {
        org.mdemu.guest.abi.LibraryTable resolv = new org.mdemu.guest.abi.LibraryTable("libc.so", "LIBC");
        resolv.declare(new DnsResolver(h.process, new DnsNames(h.process), null, new NetDatabase(h.process, k -> null)));
        assertThat(h.process.readCString(h.process.call(resolv, "__p_secstodate", 0))).isEqualTo("19700101000000");
        long far = 40_000_000_000_000_000L; // in the year 1267551510: beyond java.time, within tm_year
        assertThat(h.process.readCString(h.process.call(resolv, "__p_secstodate", far))).startsWith("1267551510");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.process.call(resolv, "__p_secstodate", Long.MAX_VALUE))
                .isInstanceOf(org.mdemu.guest.machine.GuestFault.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scanfOfAVeryLongNumberReturns() {
        long input = h.text(("1" + "7".repeat(200_000) + " 5").getBytes(StandardCharsets.US_ASCII));
        long format = h.text("%lld %d".getBytes(StandardCharsets.US_ASCII));
        long n = h.process.call(h.libc, "sscanf", input, format, h.out, h.out + 16);
        assertThat(n).isEqualTo(2);
        assertThat(h.process.memory().readLong(h.out)).isEqualTo(Long.MAX_VALUE);
        assertThat(h.process.memory().readInt(h.out + 16)).isEqualTo(5);
    }

    private static String sign(double d) {
        return Double.doubleToRawLongBits(d) < 0 ? "-" : "";
    }

    /** d.ddde+XX with precision digits after the point, the exact value rounded half-even. */
    private static String exponentForm(double d, int precision) {
        if (d == 0) return sign(d) + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        BigDecimal r = new BigDecimal(d).abs().round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exp = r.precision() - r.scale() - 1;
        digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
        String mantissa = digits.charAt(0) + (precision > 0 ? "." + digits.substring(1) : "");
        return sign(d) + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String decimal(SplittableRandom random) {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
        int digits = random.nextInt(1, random.nextBoolean() ? 30 : 800);
        int point = random.nextInt(0, digits + 1);
        for (int i = 0; i < digits; i++) {
            if (i == point && i > 0) s.append('.');
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) s.append('e').append(random.nextInt(-400, 400));
        return s.toString();
    }

    private static String hexFloat(SplittableRandom random) {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "-0x" : "0x");
        int digits = random.nextInt(1, 40);
        for (int i = 0; i < digits; i++) {
            if (i == 1) s.append('.');
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        s.append('p').append(random.nextInt(-1150, 1100));
        return s.toString();
    }
}
