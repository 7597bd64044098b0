package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.machine.GuestMemory;

/**
 * C's printf format engine: flags {@code -+ #0}, width and precision (with {@code *}), length modifiers
 * hh h l ll j z t L, and conversions d i u o x X c s p n % f F e E g G a A (%lc/%ls write UTF-8, %Lf expands
 * all 113 bits of a long double). Output is bytes (C strings are bytes).
 * Floating point uses exact decimal expansion, so rounding matches a correct C library.
 */
public final class PrintfFormatter {
    private final GuestMemory memory;
    private final ErrnoText errnoText;

    /** strerror text for %m. */
    @FunctionalInterface
    public interface ErrnoText {
        String current();
    }

    public PrintfFormatter(GuestMemory memory, ErrnoText errnoText) {
        this.memory = memory;
        this.errnoText = errnoText;
    }

    public byte[] format(byte[] fmt, VarArgs args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fmt.length + 32);
        int i = 0;
        while (i < fmt.length) {
            byte c = fmt[i++];
            if (c != '%') {
                out.write(c);
                continue;
            }
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
                s.width = args.nextInt();
                if (s.width < 0) {
                    s.left = true;
                    s.width = -s.width;
                }
            } else {
                while (i < fmt.length && Character.isDigit(fmt[i])) s.width = s.width * 10 + (fmt[i++] - '0');
            }
            if (i < fmt.length && fmt[i] == '.') {
                i++;
                s.precision = 0;
                if (i < fmt.length && fmt[i] == '*') {
                    i++;
                    s.precision = args.nextInt();
                    if (s.precision < 0) s.precision = -1;
                } else {
                    while (i < fmt.length && Character.isDigit(fmt[i])) s.precision = s.precision * 10 + (fmt[i++] - '0');
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
                out.write('%');
                break;
            }
            char conv = (char) fmt[i++];
            write(out, conv, s, length, args);
        }
        return out.toByteArray();
    }

    private void write(ByteArrayOutputStream out, char conv, Spec s, int length, VarArgs args) {
        switch (conv) {
            case '%' -> out.write('%');
            case 'd', 'i' -> {
                long v = signed(args.nextLong(), length);
                String digits = v >= 0 ? Long.toString(v) : Long.toString(v).substring(1);
                integer(out, s, v < 0, digits);
            }
            case 'u' -> integer(out, s, false, Long.toUnsignedString(unsigned(args.nextLong(), length)));
            case 'o' -> {
                String digits = Long.toOctalString(unsigned(args.nextLong(), length));
                if (s.alt && !digits.startsWith("0")) digits = "0" + digits;
                integer(out, s, false, digits);
            }
            case 'x', 'X' -> {
                long v = unsigned(args.nextLong(), length);
                String digits = Long.toHexString(v);
                if (conv == 'X') digits = digits.toUpperCase();
                s.prefix = s.alt && v != 0 ? (conv == 'x' ? "0x" : "0X") : "";
                integer(out, s, false, digits);
            }
            case 'p' -> {
                long v = args.nextPointer();
                s.prefix = "0x";
                integer(out, s, false, Long.toHexString(v));
            }
            case 'c' -> {
                int c = args.nextInt();
                byte[] b = length == 8 ? MultibyteConversions.encode(c) : new byte[] {(byte) c};
                pad(out, s, b == null ? new byte[0] : b);
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
                pad(out, s, text);
            }
            case 'm' -> pad(out, s, errnoText.current().getBytes(StandardCharsets.UTF_8));
            case 'n' -> {
                long p = args.nextPointer();
                int count = out.size();
                switch (length) {
                    case -1 -> memory.writeByte(p, count);
                    case -2 -> memory.writeShort(p, count);
                    case 8 -> memory.writeLong(p, count);
                    default -> memory.writeInt(p, count);
                }
            }
            case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A' -> {
                if (s.longDouble) {
                    long[] q = args.nextLongDouble();
                    floating(out, conv, s, LongDouble.toDouble(q), LongDouble.toBigDecimal(q));
                } else {
                    double v = args.nextDouble();
                    floating(out, conv, s, v, Double.isFinite(v) ? new BigDecimal(Math.abs(v)) : null);
                }
            }
            default -> {
                out.write('%');
                out.write(conv);
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

    private void integer(ByteArrayOutputStream out, Spec s, boolean negative, String digits) {
        if (s.precision == 0 && digits.equals("0")) digits = "";
        if (s.precision > digits.length()) digits = "0".repeat(s.precision - digits.length()) + digits;
        String sign = negative ? "-" : s.plus ? "+" : s.space ? " " : "";
        String head = sign + (s.prefix == null ? "" : s.prefix);
        if (s.zero && !s.left && s.precision < 0 && head.length() + digits.length() < s.width) {
            digits = "0".repeat(s.width - head.length() - digits.length()) + digits;
        }
        pad(out, s, (head + digits).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * v gives sign, nan/inf and %a digits; exact is the magnitude (null for nan/inf) that %f/%e/%g expand, which
     * for a long double carries all 113 bits.
     */
    private void floating(ByteArrayOutputStream out, char conv, Spec s, double v, BigDecimal exact) {
        boolean upper = Character.isUpperCase(conv);
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String sign = negative ? "-" : s.plus ? "+" : s.space ? " " : "";
        String body;
        if (exact == null) {
            body = Double.isNaN(v) ? "nan" : "inf";
            if (upper) body = body.toUpperCase();
            pad(out, s, (sign + body).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        double a = Math.abs(v);
        BigDecimal d = exact;
        int precision = s.precision < 0 ? 6 : s.precision;
        String prefix = "";
        switch (Character.toLowerCase(conv)) {
            case 'f' -> body = fixed(d, precision, s.alt);
            case 'e' -> body = exponent(d, precision, s.alt);
            case 'g' -> body = general(d, precision == 0 ? 1 : precision, s.alt);
            default -> {
                body = hexFloat(a, s.precision);
                prefix = "0x";
            }
        }
        if (upper) {
            body = body.toUpperCase();
            prefix = prefix.toUpperCase();
        }
        String head = sign + prefix;
        if (s.zero && !s.left && head.length() + body.length() < s.width) {
            body = "0".repeat(s.width - head.length() - body.length()) + body;
        }
        pad(out, s, (head + body).getBytes(StandardCharsets.US_ASCII));
    }

    static String fixed(double a, int precision, boolean alt) {
        return fixed(new BigDecimal(a), precision, alt);
    }

    static String fixed(BigDecimal a, int precision, boolean alt) {
        String text = a.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alt && precision == 0 ? text + "." : text;
    }

    static String exponent(double a, int precision, boolean alt) {
        return exponent(new BigDecimal(a), precision, alt);
    }

    static String exponent(BigDecimal a, int precision, boolean alt) {
        if (a.signum() == 0) {
            String m = precision > 0 ? "0." + "0".repeat(precision) : alt ? "0." : "0";
            return m + "e+00";
        }
        BigDecimal rounded = a.round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().toString();
        if (digits.length() < precision + 1) digits = digits + "0".repeat(precision + 1 - digits.length());
        digits = digits.substring(0, precision + 1);
        String mantissa = digits.charAt(0) + (precision > 0 || alt ? "." : "") + digits.substring(1);
        return mantissa + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    static String general(double a, int precision, boolean alt) {
        return general(new BigDecimal(a), precision, alt);
    }

    static String general(BigDecimal a, int precision, boolean alt) {
        int exp;
        if (a.signum() == 0) {
            exp = 0;
        } else {
            BigDecimal rounded = a.round(new java.math.MathContext(precision, RoundingMode.HALF_EVEN));
            exp = rounded.precision() - rounded.scale() - 1;
        }
        String text = exp < -4 || exp >= precision
                ? exponent(a, precision - 1, alt)
                : fixed(a, precision - 1 - exp, alt);
        if (alt) return text;
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String tail = e < 0 ? "" : text.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) mantissa = mantissa.substring(0, mantissa.length() - 1);
        }
        return mantissa + tail;
    }

    /** %a: [1-f].hhhhp±d for normal numbers, 0.hhhp-1022 for subnormals, as bionic prints them. */
    static String hexFloat(double a, int precision) {
        if (a == 0) return (precision > 0 ? "0." + "0".repeat(precision) : "0") + "p+0";
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
            if (precision > 13) hex = hex + "0".repeat(precision - hex.length());
        }
        return lead + (hex.isEmpty() ? "" : "." + hex) + "p" + (exp < 0 ? "-" : "+") + Math.abs(exp);
    }

    private static void pad(ByteArrayOutputStream out, Spec s, byte[] text) {
        int fill = Math.max(0, s.width - text.length);
        if (!s.left) for (int k = 0; k < fill; k++) out.write(' ');
        out.write(text, 0, text.length);
        if (s.left) for (int k = 0; k < fill; k++) out.write(' ');
    }

    private static final class Spec {
        boolean left, plus, space, alt, zero, longDouble;
        int width;
        int precision = -1;
        String prefix;
    }
}
