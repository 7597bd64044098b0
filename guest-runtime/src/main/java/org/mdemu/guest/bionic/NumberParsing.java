package org.mdemu.guest.bionic;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.kernel.Errno;

/** strtol/strtod parsing rules: leading space, sign, base prefixes, longest valid prefix, saturation. */
final class NumberParsing {
    record Result(long value, int consumedBytes, boolean overflow) {}

    /** literal: the characters taken as the number (for float and long double rounding). */
    record DoubleResult(double value, int consumedBytes, String literal) {}

    private NumberParsing() {}

    static Result parseLong(String s, int base) {
        return parseLong(s, base, true);
    }

    static Result parseLong(String s, int base, boolean signed) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if ((base == 0 || base == 16) && i + 1 < s.length() && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && i + 2 < s.length()
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0) {
            // Past 65 bits the value has overflowed for good: the rest of the digits are only consumed (growing it
            // made a long run of digits quadratic).
            if (v.bitLength() <= 65) v = v.multiply(b).add(BigInteger.valueOf(Character.digit(s.charAt(i), base)));
            i++;
        }
        if (i == start) return new Result(0, 0, false);
        if (negative) v = v.negate();
        boolean overflow;
        long value;
        if (signed) {
            overflow = v.bitLength() > 63;
            value = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : v.longValue();
        } else {
            BigInteger magnitude = v.abs();
            overflow = magnitude.bitLength() > 64;
            value = overflow ? -1L : (negative ? -magnitude.longValue() : magnitude.longValue());
        }
        return new Result(value, utf8Length(s, i), overflow);
    }

    /** strtod: leading space, then the longest prefix that is a C floating literal (decimal, hex, inf, nan). */
    static DoubleResult parseDouble(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        int n = floatLength(s, i);
        if (n == 0) return new DoubleResult(0, 0, "");
        String literal = s.substring(i, i + n);
        return new DoubleResult(toDouble(literal), utf8Length(s, i + n), literal);
    }

    /** Length of the longest prefix of s from start that is a complete floating literal; 0 if there is none. */
    static int floatLength(CharSequence s, int start) {
        int valid = 0;
        StringBuilder b = new StringBuilder();
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (FloatSyntax.continuesDigits(b, c)) {
                b.append(c);
                if (valid == b.length() - 1) valid = b.length();
                continue;
            }
            b.append(c);
            if (!FloatSyntax.isPrefix(b)) break;
            if (FloatSyntax.isComplete(b)) valid = b.length();
        }
        return valid;
    }

    /** A complete floating literal to the nearest double. */
    static double toDouble(String literal) {
        String body = javaLiteral(literal);
        if (body == null) return special(literal);
        return Double.parseDouble(body);
    }

    /** A complete floating literal to the nearest float (rounded once, not through double). */
    static float toFloat(String literal) {
        String body = javaLiteral(literal);
        if (body == null) return (float) special(literal);
        return Float.parseFloat(body);
    }

    /** The literal in Java's syntax, or null for inf/nan. */
    private static String javaLiteral(String literal) {
        String lower = literal.toLowerCase();
        if (lower.contains("n")) return null;
        if (lower.contains("0x") && !lower.contains("p")) return literal + "p0";
        return literal.endsWith(".") ? literal + "0" : literal;
    }

    private static double special(String literal) {
        String lower = literal.toLowerCase();
        if (lower.contains("nan")) return lower.startsWith("-") ? -Double.NaN : Double.NaN;
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    enum Precision { FLOAT, DOUBLE, LONG_DOUBLE }

    /**
     * Rounds a complete literal once to the precision and returns it where AAPCS64 puts it (s0, d0 or q0, the
     * whole binary128 for long double); the result is ERANGE when it overflowed or a non-zero value underflowed to
     * zero, else 0.
     */
    static int returnFloating(CallFrame f, String literal, Precision precision) {
        boolean finite = !literal.toLowerCase().contains("n");
        boolean overflow, zero;
        switch (precision) {
            case FLOAT -> {
                float v = toFloat(literal);
                overflow = Float.isInfinite(v);
                zero = v == 0;
                f.retFloat(v);
            }
            case DOUBLE -> {
                double v = toDouble(literal);
                overflow = Double.isInfinite(v);
                zero = v == 0;
                f.retDouble(v);
            }
            default -> {
                long[] q = LongDouble.parse(literal);
                overflow = (q[1] & 0x7fff000000000000L) == 0x7fff000000000000L;
                zero = q[0] == 0 && (q[1] & Long.MAX_VALUE) == 0;
                f.registers().setQ(0, q[0], q[1]);
            }
        }
        return finite && (overflow || (zero && hasNonZeroDigit(literal))) ? Errno.ERANGE : 0;
    }

    private static boolean hasNonZeroDigit(String literal) {
        String l = literal.toLowerCase();
        boolean hex = l.contains("0x");
        String m = hex ? l.substring(l.indexOf("0x") + 2) : l;
        int e = m.indexOf(hex ? 'p' : 'e');
        if (e >= 0) m = m.substring(0, e);
        for (char c : m.toCharArray()) if (Character.digit(c, hex ? 16 : 10) > 0) return true;
        return false;
    }

    /** strtol's base rule: 0 or 2..36; anything else is EINVAL. */
    static boolean validBase(int base) {
        return base == 0 || (base >= 2 && base <= 36);
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Which character sequences are (prefixes of) C floating literals, as strtod reads them. */
    static final class FloatSyntax {
        // Possessive quantifiers: digits, '.', exponent letters and signs never share a position, so giving back
        // never finds another match, and a long run of digits that does not match fails in linear time instead of
        // backtracking through every split of the run. The alternations between the forms stay backtracking.
        private static final Pattern COMPLETE = Pattern.compile(
                "[+-]?+(?:(?:\\d++\\.?+\\d*+|\\.\\d++)(?:[eE][+-]?+\\d++)?+"
                        + "|0[xX](?:[\\da-fA-F]++\\.?+[\\da-fA-F]*+|\\.[\\da-fA-F]++)(?:[pP][+-]?+\\d++)?+"
                        + "|(?i:inf|infinity|nan|nan\\([\\da-zA-Z_]*+\\)))");
        private static final Pattern PREFIX = Pattern.compile(
                "[+-]?+(?:(?:\\d++\\.?+\\d*+|\\.\\d*+)(?:[eE][+-]?+\\d*+)?+"
                        + "|0[xX](?:[\\da-fA-F]*+\\.?+[\\da-fA-F]*+)(?:[pP][+-]?+\\d*+)?+"
                        + "|(?i:i|in|inf|infi|infin|infini|infinit|infinity|n|na|nan|nan\\([\\da-zA-Z_]*+\\)?+))?");

        private FloatSyntax() {}

        /**
         * Whether c is a decimal digit following one: in every form of a literal that stays in the same run of
         * digits, so the text remains a prefix, complete if it was. Matching the whole text at each such digit made
         * long numbers quadratic.
         */
        static boolean continuesDigits(CharSequence s, char c) {
            return c >= '0' && c <= '9' && s.length() > 0 && s.charAt(s.length() - 1) >= '0' && s.charAt(s.length() - 1) <= '9';
        }

        static boolean isPrefix(CharSequence s) {
            return PREFIX.matcher(s).matches();
        }

        static boolean isComplete(CharSequence s) {
            return COMPLETE.matcher(s).matches();
        }
    }

    private static int utf8Length(String s, int chars) {
        return s.substring(0, chars).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
