package org.mdemu.guest.bionic;

import java.math.BigInteger;

/** strtol/strtod parsing rules: leading space, sign, base prefixes, longest valid prefix, saturation. */
final class NumberParsing {
    record Result(long value, int consumedBytes, boolean overflow) {}

    record DoubleResult(double value, int consumedBytes) {}

    private NumberParsing() {}

    static Result parseLong(String s, int base) {
        return parseLong(s, base, true);
    }

    static Result parseLong(String s, int base, boolean signed) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
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
            v = v.multiply(b).add(BigInteger.valueOf(Character.digit(s.charAt(i), base)));
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

    static DoubleResult parseDouble(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        int best = -1;
        double value = 0;
        // Try the longest prefix Java can parse as a C floating literal (decimal, hex, inf, nan).
        for (int end = s.length(); end > i; end--) {
            String candidate = s.substring(i, end).trim();
            if (candidate.isEmpty() || candidate.endsWith("d") || candidate.endsWith("D") || candidate.endsWith("f")
                    || candidate.endsWith("F")) continue;
            String lower = candidate.toLowerCase();
            String sign = lower.startsWith("-") ? "-" : "";
            String body = lower.replaceFirst("^[+-]", "");
            try {
                if (body.equals("inf") || body.equals("infinity")) {
                    value = sign.isEmpty() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                } else if (body.equals("nan")) {
                    value = Double.NaN;
                } else if (body.startsWith("0x")) {
                    value = Double.parseDouble(sign + body + (body.contains("p") ? "" : "p0"));
                } else if (body.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?") && body.matches(".*[0-9].*")) {
                    value = Double.parseDouble(candidate);
                } else {
                    continue;
                }
                best = end;
                break;
            } catch (NumberFormatException e) {
                // shorter prefix next
            }
        }
        return best < 0 ? new DoubleResult(0, 0) : new DoubleResult(value, utf8Length(s, best));
    }

    private static int utf8Length(String s, int chars) {
        return s.substring(0, chars).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
