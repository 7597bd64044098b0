package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.machine.GuestMemory;

/**
 * C's printf format engine: flags {@code -+ #0}, width and precision (with {@code *}), length modifiers
 * hh h l ll j z t L, and conversions d i u o x X c s p n % f F e E g G a A (%lc/%ls write UTF-8, %Lf expands
 * all 113 bits of a long double). Output is bytes (C strings are bytes), handed to a {@link PrintfSink}: padding
 * and zeros past a value's exact expansion are counted, never built, so %999999999d costs what %9d does.
 * Floating point uses exact decimal expansion, so rounding matches a correct C library.
 */
public final class PrintfFormatter {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final byte[] PERCENT = {'%'};

    private final GuestMemory memory;
    private final ErrnoText errnoText;
    private final java.util.function.Consumer<String> fortifyFatal;

    /** strerror text for %m. */
    @FunctionalInterface
    public interface ErrnoText {
        String current();
    }

    public PrintfFormatter(GuestMemory memory, ErrnoText errnoText) {
        this(memory, errnoText, null);
    }

    /**
     * fortifyFatal ends the process with bionic's FORTIFY abort (the message without "FORTIFY: "): bionic refuses
     * %n in every printf (b/14492135, b/31832608). Without it (host-side uses) %n stores the count.
     */
    public PrintfFormatter(GuestMemory memory, ErrnoText errnoText, java.util.function.Consumer<String> fortifyFatal) {
        this.memory = memory;
        this.errnoText = errnoText;
        this.fortifyFatal = fortifyFatal;
    }


    /**
     * Formats into sink. Returns bionic's count (the bytes produced, kept by the sink or not) or a negated errno:
     * ENOMEM when a width, a precision or the count passes INT_MAX (bionic's vfprintf overflow answer), or the
     * sink's errno when its destination failed. As in bionic, the output before the failing point has been written.
     */
    public long format(byte[] fmt, VarArgs args, PrintfSink sink) {
        long ret = 0;
        int i = 0;
        while (i < fmt.length) {
            int start = i;
            while (i < fmt.length && fmt[i] != '%') i++;
            if (i > start) {
                if (i - start > INT_MAX - ret) return overflow(sink);
                if (!sink.write(fmt, start, i - start)) return failed(sink);
                ret += i - start;
            }
            if (i >= fmt.length) break;
            i++;
            Spec s = new Spec();
            while (i < fmt.length && "-+ #0'".indexOf(fmt[i]) >= 0) {
                switch (fmt[i++]) {
                    case '-' -> s.left = true;
                    case '+' -> s.plus = true;
                    case ' ' -> s.space = true;
                    case '#' -> s.alt = true;
                    case '0' -> s.zero = true;
                    default -> { }
                }
            }
            if (i < fmt.length && fmt[i] == '*') {
                i++;
                int w = args.nextInt();
                if (w == Integer.MIN_VALUE) return overflow(sink);
                if (w < 0) {
                    s.left = true;
                    w = -w;
                }
                s.width = w;
            } else {
                long w = 0;
                while (i < fmt.length && Character.isDigit(fmt[i])) {
                    w = w * 10 + (fmt[i++] - '0');
                    if (w > INT_MAX) return overflow(sink);
                }
                s.width = (int) w;
            }
            if (i < fmt.length && fmt[i] == '.') {
                i++;
                if (i < fmt.length && fmt[i] == '*') {
                    i++;
                    s.precision = Math.max(-1, args.nextInt());
                } else {
                    long p = 0;
                    while (i < fmt.length && Character.isDigit(fmt[i])) {
                        p = p * 10 + (fmt[i++] - '0');
                        if (p > INT_MAX) return overflow(sink);
                    }
                    s.precision = (int) p;
                }
            }
            int length = 0; // bytes of the integer argument: 0 = int
            while (i < fmt.length && "hljztLq".indexOf(fmt[i]) >= 0) {
                byte m = fmt[i++];
                length = switch (m) {
                    case 'h' -> length == -2 ? -1 : -2; // -2 short, -1 char
                    case 'L' -> { s.longDouble = true; yield 8; }
                    default -> 8;
                };
            }
            if (i >= fmt.length) {
                if (ret + 1 > INT_MAX) return overflow(sink);
                if (!sink.write(PERCENT, 0, 1)) return failed(sink);
                ret++;
                break;
            }
            char conv = (char) fmt[i++];
            Field field = convert(conv, s, length, args, sink);
            if (field == null) continue; // %n
            long produced = emit(sink, s, field);
            if (produced < 0) return failed(sink);
            if (produced > INT_MAX - ret) return overflow(sink);
            ret += produced;
        }
        return sink.flush() ? ret : failed(sink);
    }

    /** bionic's overflow: -1 with ENOMEM; the output before it stays written. */
    private static long overflow(PrintfSink sink) {
        return sink.flush() ? -Errno.ENOMEM : failed(sink);
    }

    private static long failed(PrintfSink sink) {
        return -(sink.errno() == 0 ? Errno.EIO : sink.errno());
    }

    /**
     * Writes one conversion: blank padding, head (sign, 0x), zeros, body, trailing zeros, tail, left padding.
     * Returns the bytes it produced, or -1 when the sink failed.
     */
    private static long emit(PrintfSink sink, Spec s, Field f) {
        long size = f.head.length + f.leadZeros + f.body.length + f.tailZeros + f.tail.length;
        long pad = f.plain ? 0 : Math.max(0, s.width - size);
        long zeroPad = 0;
        if (f.zeroPadAllowed && s.zero && !s.left) {
            zeroPad = pad;
            pad = 0;
        }
        boolean ok = (s.left || sink.repeat((byte) ' ', pad))
                && sink.write(f.head, 0, f.head.length)
                && sink.repeat((byte) '0', zeroPad + f.leadZeros)
                && sink.write(f.body, 0, f.body.length)
                && sink.repeat((byte) '0', f.tailZeros)
                && sink.write(f.tail, 0, f.tail.length)
                && (!s.left || sink.repeat((byte) ' ', pad));
        return ok ? size + pad + zeroPad : -1;
    }

    /** One conversion's text: head, leadZeros zeros, body, tailZeros zeros, tail. Null for %n. */
    private Field convert(char conv, Spec s, int length, VarArgs args, PrintfSink sink) {
        switch (conv) {
            case '%' -> {
                return Field.text(PERCENT);
            }
            case 'd', 'i' -> {
                long v = signed(args.nextLong(), length);
                String digits = v >= 0 ? Long.toString(v) : Long.toString(v).substring(1);
                return integer(s, v < 0, "", digits);
            }
            case 'u' -> {
                return integer(s, false, "", Long.toUnsignedString(unsigned(args.nextLong(), length)));
            }
            case 'o' -> {
                String digits = Long.toOctalString(unsigned(args.nextLong(), length));
                if (s.alt && !digits.startsWith("0")) digits = "0" + digits;
                return integer(s, false, "", digits);
            }
            case 'x', 'X' -> {
                long v = unsigned(args.nextLong(), length);
                String digits = Long.toHexString(v);
                if (conv == 'X') digits = digits.toUpperCase();
                return integer(s, false, s.alt && v != 0 ? (conv == 'x' ? "0x" : "0X") : "", digits);
            }
            case 'p' -> {
                return integer(s, false, "0x", Long.toHexString(args.nextPointer()));
            }
            case 'c' -> {
                int c = args.nextInt();
                byte[] b = length == 8 ? MultibyteConversions.encode(c) : new byte[] {(byte) c};
                return new Field(new byte[0], 0, b == null ? new byte[0] : b, 0, "", false);
            }
            case 's' -> {
                long p = args.nextPointer();
                byte[] text;
                if (p != 0 && length == 8) {
                    text = wideText(p, s.precision);
                } else if (p == 0) {
                    text = "(null)".getBytes(StandardCharsets.US_ASCII);
                } else if (s.precision >= 0) {
                    text = memory.read(p, memory.strlen(p, s.precision));
                } else {
                    text = memory.readCBytes(p);
                }
                if (s.precision >= 0 && text.length > s.precision) text = java.util.Arrays.copyOf(text, s.precision);
                return new Field(new byte[0], 0, text, 0, "", false);
            }
            case 'm' -> {
                return new Field(new byte[0], 0, errnoText.current().getBytes(StandardCharsets.UTF_8), 0, "", false);
            }
            case 'n' -> {
                if (fortifyFatal != null) fortifyFatal.accept("%n not allowed on Android");
                long p = args.nextPointer();
                long count = sink.count();
                switch (length) {
                    case -1 -> memory.writeByte(p, (int) count);
                    case -2 -> memory.writeShort(p, (int) count);
                    case 8 -> memory.writeLong(p, count);
                    default -> memory.writeInt(p, (int) count);
                }
                return null;
            }
            case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A' -> {
                if (s.longDouble) {
                    long[] q = args.nextLongDouble();
                    return floating(conv, s, LongDouble.toDouble(q), LongDouble.toBigDecimal(q));
                }
                double v = args.nextDouble();
                return floating(conv, s, v, Double.isFinite(v) ? new BigDecimal(Math.abs(v)) : null);
            }
            default -> {
                return Field.text(new byte[] {'%', (byte) conv});
            }
        }
    }

    /** %ls: the wide string as UTF-8, with at most precision bytes and never a partial character. */
    private byte[] wideText(long p, int precision) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (long at = p; ; at += 4) {
            int c = memory.readInt(at);
            if (c == 0) break;
            byte[] one = MultibyteConversions.encode(c);
            if (one == null || (precision >= 0 && b.size() + one.length > precision)) break;
            b.write(one, 0, one.length);
        }
        return b.toByteArray();
    }

    private static long signed(long v, int length) {
        return switch (length) {
            case -1 -> (byte) v;
            case -2 -> (short) v;
            case 0 -> (int) v;
            default -> v;
        };
    }

    private static long unsigned(long v, int length) {
        return switch (length) {
            case -1 -> v & 0xff;
            case -2 -> v & 0xffff;
            case 0 -> v & 0xffffffffL;
            default -> v;
        };
    }

    private static Field integer(Spec s, boolean negative, String prefix, String digits) {
        if (s.precision == 0 && digits.equals("0")) digits = "";
        long zeros = Math.max(0, (long) s.precision - digits.length());
        String sign = negative ? "-" : s.plus ? "+" : s.space ? " " : "";
        return new Field(ascii(sign + prefix), zeros, ascii(digits), 0, "", s.precision < 0);
    }

    /**
     * v gives sign, nan/inf and %a digits; exact is the magnitude (null for nan/inf) that %f/%e/%g expand, which
     * for a long double carries all 113 bits.
     */
    private static Field floating(char conv, Spec s, double v, BigDecimal exact) {
        boolean upper = Character.isUpperCase(conv);
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String sign = negative ? "-" : s.plus ? "+" : s.space ? " " : "";
        if (exact == null) {
            String body = Double.isNaN(v) ? "nan" : "inf";
            return new Field(ascii(sign), 0, ascii(upper ? body.toUpperCase() : body), 0, "", false);
        }
        int precision = s.precision < 0 ? 6 : s.precision;
        String prefix = "";
        Digits d;
        switch (Character.toLowerCase(conv)) {
            case 'f' -> d = fixedDigits(exact, precision, s.alt);
            case 'e' -> d = exponentDigits(exact, precision, s.alt);
            case 'g' -> d = generalDigits(exact, precision == 0 ? 1 : precision, s.alt);
            default -> {
                d = hexFloatDigits(Math.abs(v), s.precision);
                prefix = "0x";
            }
        }
        String body = d.body;
        String tail = d.tail;
        if (upper) {
            body = body.toUpperCase();
            tail = tail.toUpperCase();
            prefix = prefix.toUpperCase();
        }
        return new Field(ascii(sign + prefix), 0, ascii(body), d.zeros, tail, true);
    }

    /**
     * A number's text as body, then zeros '0's, then tail (an exponent): precisions past the exact expansion of
     * the value are zeros, counted rather than built.
     */
    record Digits(String body, long zeros, String tail) {
        @Override
        public String toString() {
            return body + "0".repeat((int) zeros) + tail;
        }
    }

    static String fixed(double a, int precision, boolean alt) {
        return fixedDigits(new BigDecimal(a), precision, alt).toString();
    }

    static String exponent(double a, int precision, boolean alt) {
        return exponentDigits(new BigDecimal(a), precision, alt).toString();
    }

    static String general(double a, int precision, boolean alt) {
        return generalDigits(new BigDecimal(a), precision, alt).toString();
    }

    static String hexFloat(double a, int precision) {
        return hexFloatDigits(a, precision).toString();
    }

    /** %f: exact digits, rounded half-even when the precision cuts the exact expansion, zeros past it. */
    static Digits fixedDigits(BigDecimal a, long precision, boolean alt) {
        int scale = Math.max(0, a.scale());
        if (precision <= scale) {
            String text = a.setScale((int) precision, RoundingMode.HALF_EVEN).toPlainString();
            return new Digits(alt && precision == 0 ? text + "." : text, 0, "");
        }
        String text = a.setScale(scale).toPlainString();
        return new Digits(scale == 0 ? text + "." : text, precision - scale, "");
    }

    /** %e: precision + 1 significant digits. */
    static Digits exponentDigits(BigDecimal a, long precision, boolean alt) {
        String point = precision > 0 || alt ? "." : "";
        if (a.signum() == 0) return new Digits("0" + point, precision, "e+00");
        BigDecimal rounded = precision + 1 < a.precision()
                ? a.round(new MathContext((int) precision + 1, RoundingMode.HALF_EVEN)) : a;
        int exp = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().toString();
        if (digits.length() > precision + 1) digits = digits.substring(0, (int) precision + 1);
        String tail = (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        return new Digits(digits.charAt(0) + point + digits.substring(1), precision + 1 - digits.length(), tail);
    }

    /** %g: %e or %f by the exponent, trailing zeros removed unless #. */
    static Digits generalDigits(BigDecimal a, long precision, boolean alt) {
        int exp;
        if (a.signum() == 0) {
            exp = 0;
        } else {
            BigDecimal rounded = precision < a.precision()
                    ? a.round(new MathContext((int) precision, RoundingMode.HALF_EVEN)) : a;
            exp = rounded.precision() - rounded.scale() - 1;
        }
        Digits d = exp < -4 || exp >= precision
                ? exponentDigits(a, precision - 1, alt)
                : fixedDigits(a, precision - 1 - exp, alt);
        if (alt) return d;
        String mantissa = d.body;
        if (mantissa.contains(".")) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') end--;
            if (mantissa.charAt(end - 1) == '.') end--;
            mantissa = mantissa.substring(0, end);
        }
        return new Digits(mantissa, 0, d.tail);
    }

    /** %a: [1-f].hhhhp±d for normal numbers, 0.hhhp-1022 for subnormals, as bionic prints them. */
    static Digits hexFloatDigits(double a, int precision) {
        if (a == 0) return new Digits(precision > 0 ? "0." : "0", Math.max(0, precision), "p+0");
        long bits = Double.doubleToRawLongBits(a);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & ((1L << 52) - 1);
        int lead = 1;
        if (exp == 0) {
            lead = 0;
            exp = -1022;
        } else {
            exp -= 1023;
        }
        String hex = String.format("%013x", mant);
        long zeros = 0;
        if (precision >= 0 && precision < 13) {
            long full = ((long) lead << 52) | mant;
            int drop = 4 * (13 - precision);
            long half = 1L << (drop - 1);
            long rem = full & ((1L << drop) - 1);
            full >>>= drop;
            if (rem > half || (rem == half && (full & 1) == 1)) full++;
            lead = (int) (full >>> (4 * precision));
            hex = precision == 0 ? "" : String.format("%0" + precision + "x", full & ((1L << (4 * precision)) - 1));
        } else {
            hex = hex.replaceAll("0+$", "");
            if (precision >= 13) zeros = precision - hex.length();
        }
        String tail = "p" + (exp < 0 ? "-" : "+") + Math.abs(exp);
        return new Digits(lead + (hex.isEmpty() && zeros == 0 ? "" : "." + hex), zeros, tail);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One conversion's output: head (sign, 0x), leadZeros zeros, body, tailZeros zeros, tail. The 0 flag pads
     * with zeros after the head when zeroPadAllowed (numbers without a precision, finite floats); a plain field
     * (%% and unknown conversions) ignores the width.
     */
    private record Field(byte[] head, long leadZeros, byte[] body, long tailZeros, byte[] tail,
                         boolean zeroPadAllowed, boolean plain) {
        Field(byte[] head, long leadZeros, byte[] body, long tailZeros, String tail, boolean zeroPadAllowed) {
            this(head, leadZeros, body, tailZeros, ascii(tail), zeroPadAllowed, false);
        }

        static Field text(byte[] text) {
            return new Field(new byte[0], 0, text, 0, new byte[0], false, true);
        }
    }

    private static final class Spec {
        boolean left, plus, space, alt, zero, longDouble;
        int width;
        int precision = -1;
    }
}
