package org.mdemu.guest.bionic;

/**
 * strptime's parser in the C locale, with bionic's (NetBSD/OpenBSD-derived) rules: numbers take at most as many
 * digits as their range needs, white space in the format matches any run of it, %y takes 69-99 as 19xx, %C with %y
 * names the century, %Z matches GMT, UTC or tzname, %z takes Z, UT, GMT, EST..PDT and +hh[:mm]; when the year is
 * known, the missing day of year, weekday, month and day are computed.
 */
final class DateParsing {
    /** struct tm fields: sec, min, hour, mday, mon, year, wday, yday, isdst, then gmtoff. */
    static final int SEC = 0, MIN = 1, HOUR = 2, MDAY = 3, MON = 4, YEAR = 5, WDAY = 6, YDAY = 7, ISDST = 8, GMTOFF = 9;
    private static final int F_MON = 1, F_MDAY = 2, F_WDAY = 4, F_YDAY = 8, F_YEAR = 16;
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] NAST = {"EST", "CST", "MST", "PST"};
    private static final String[] NADT = {"EDT", "CDT", "MDT", "PDT"};
    private static final int[][] MONTH_LENGTHS = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    /** What strptime needs from the time zone code: tzname after tzset, timezone, and localtime for %s. */
    interface Zone {
        String[] tzname();

        long timezone();

        /** Fills the tm fields for an epoch time in local time; false if it cannot. */
        boolean localtime(long t, long[] tm);
    }

    /** The parse: tm fields in and out, the zone name chosen (null if none), the state across nested formats. */
    static final class Parse {
        final long[] tm;
        String zone;
        boolean zoneSet;
        int century = 1900, relyear = -1, fields;

        Parse(long[] tm) {
            this.tm = tm;
        }
    }

    private DateParsing() {}

    /** Returns the index in input after the parse, or -1. */
    static int strptime(byte[] input, byte[] format, Parse p, Zone zone) {
        int r = parse(input, 0, format, p, zone);
        if (r < 0) return -1;
        finish(p);
        return r;
    }

    private static boolean space(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    private static int parse(byte[] in, int bp, byte[] fmt, Parse p, Zone zone) {
        long[] tm = p.tm;
        int fi = 0;
        while (fi < fmt.length) {
            int c = fmt[fi] & 0xff;
            if (space(c)) {
                while (space(at(in, bp))) bp++;
                fi++;
                continue;
            }
            fi++;
            if (c != '%') {
                if (at(in, bp) != c) return -1;
                bp++;
                continue;
            }
            int alt = 0;
            while (true) {
                c = fi < fmt.length ? fmt[fi++] & 0xff : 0;
                if ((c == 'E' || c == 'O') && alt == 0) {
                    alt = c;
                    continue;
                }
                break;
            }
            if (alt != 0 && !legalAlt(c, alt)) return -1;
            int[] n = new int[1];
            switch (c) {
                case '%' -> {
                    if (at(in, bp) != '%') return -1;
                    bp++;
                }
                case 'c' -> bp = parse(in, bp, ascii("%a %b %e %H:%M:%S %Y"), p, zone);
                case 'D', 'x' -> bp = parse(in, bp, ascii("%m/%d/%y"), p, zone);
                case 'F' -> bp = parse(in, bp, ascii("%Y-%m-%d"), p, zone);
                case 'R' -> bp = parse(in, bp, ascii("%H:%M"), p, zone);
                case 'r' -> bp = parse(in, bp, ascii("%I:%M:%S %p"), p, zone);
                case 'T', 'X' -> bp = parse(in, bp, ascii("%H:%M:%S"), p, zone);
                case 'v' -> bp = parse(in, bp, ascii("%e-%b-%Y"), p, zone);
                case 'A', 'a' -> {
                    int[] found = names(in, bp, DAYS, 7);
                    if (found == null) return -1;
                    tm[WDAY] = found[0];
                    bp = found[1];
                    p.fields |= F_WDAY;
                }
                case 'B', 'b', 'h' -> {
                    int[] found = names(in, bp, MONTHS, 12);
                    if (found == null) return -1;
                    tm[MON] = found[0];
                    bp = found[1];
                    p.fields |= F_MON;
                }
                case 'C' -> {
                    if ((bp = number(in, bp, n, 0, 99)) < 0) return -1;
                    p.century = n[0] * 100;
                }
                case 'e', 'd' -> {
                    if (c == 'e' && space(at(in, bp))) bp++;
                    if ((bp = number(in, bp, n, 1, 31)) < 0) return -1;
                    tm[MDAY] = n[0];
                    p.fields |= F_MDAY;
                }
                case 'k', 'H' -> {
                    if ((bp = number(in, bp, n, 0, 23)) < 0) return -1;
                    tm[HOUR] = n[0];
                }
                case 'l', 'I' -> {
                    if ((bp = number(in, bp, n, 1, 12)) < 0) return -1;
                    tm[HOUR] = n[0];
                }
                case 'j' -> {
                    if ((bp = number(in, bp, n, 1, 366)) < 0) return -1;
                    tm[YDAY] = n[0] - 1;
                    p.fields |= F_YDAY;
                }
                case 'M' -> {
                    if ((bp = number(in, bp, n, 0, 59)) < 0) return -1;
                    tm[MIN] = n[0];
                }
                case 'm' -> {
                    if ((bp = number(in, bp, n, 1, 12)) < 0) return -1;
                    tm[MON] = n[0] - 1;
                    p.fields |= F_MON;
                }
                case 'P', 'p' -> {
                    if (prefixIgnoringCase(in, bp, "AM")) {
                        if (tm[HOUR] > 12) return -1;
                        if (tm[HOUR] == 12) tm[HOUR] = 0;
                        bp += 2;
                    } else if (prefixIgnoringCase(in, bp, "PM")) {
                        if (tm[HOUR] > 12) return -1;
                        if (tm[HOUR] < 12) tm[HOUR] += 12;
                        bp += 2;
                    } else {
                        return -1;
                    }
                }
                case 'S' -> {
                    if ((bp = number(in, bp, n, 0, 60)) < 0) return -1;
                    tm[SEC] = n[0];
                }
                case 's' -> {
                    int start = bp;
                    int i = bp;
                    while (space(at(in, i))) i++;
                    boolean negative = false;
                    if (at(in, i) == '+' || at(in, i) == '-') negative = in[i++] == '-';
                    int digits = i;
                    long v = 0;
                    boolean overflow = false;
                    while (at(in, i) >= '0' && at(in, i) <= '9') {
                        int d = in[i++] - '0';
                        if (v > (Long.MAX_VALUE - d) / 10) overflow = true;
                        else v = v * 10 + d;
                    }
                    if (i == digits) return -1;
                    if (negative || overflow) return -1;
                    if (!zone.localtime(v, tm)) return -1;
                    bp = i;
                    p.fields = 0xffff;
                    if (start < 0) return -1;
                }
                case 'U', 'W' -> {
                    if ((bp = number(in, bp, n, 0, 53)) < 0) return -1;
                }
                case 'w' -> {
                    if ((bp = number(in, bp, n, 0, 6)) < 0) return -1;
                    tm[WDAY] = n[0];
                    p.fields |= F_WDAY;
                }
                case 'u' -> {
                    if ((bp = number(in, bp, n, 1, 7)) < 0) return -1;
                    tm[WDAY] = n[0] % 7;
                    p.fields |= F_WDAY;
                }
                case 'g' -> {
                    if ((bp = number(in, bp, n, 0, 99)) < 0) return -1;
                }
                case 'G' -> {
                    do {
                        bp++;
                    } while (at(in, bp) >= '0' && at(in, bp) <= '9');
                    if (bp > in.length) return -1;
                }
                case 'V' -> {
                    if ((bp = number(in, bp, n, 0, 53)) < 0) return -1;
                }
                case 'Y' -> {
                    if ((bp = number(in, bp, n, 0, 9999)) < 0) return -1;
                    p.relyear = -1;
                    tm[YEAR] = n[0] - 1900;
                    p.fields |= F_YEAR;
                }
                case 'y' -> {
                    if ((bp = number(in, bp, n, 0, 99)) < 0) return -1;
                    p.relyear = n[0];
                }
                case 'Z' -> {
                    if (prefix(in, bp, "GMT") || prefix(in, bp, "UTC")) {
                        tm[ISDST] = 0;
                        tm[GMTOFF] = 0;
                        p.zone = prefix(in, bp, "GMT") ? "GMT" : "UTC";
                        p.zoneSet = true;
                        bp += 3;
                    } else {
                        String[] names = zone.tzname();
                        int found = -1;
                        for (int i = 0; i < 2 && found < 0; i++) if (prefixIgnoringCase(in, bp, names[i])) found = i;
                        if (found < 0) return -1;
                        tm[ISDST] = found;
                        tm[GMTOFF] = -zone.timezone();
                        p.zone = names[found];
                        p.zoneSet = true;
                        bp += names[found].length();
                    }
                }
                case 'z' -> {
                    while (space(at(in, bp))) bp++;
                    int first = at(in, bp++);
                    boolean negative;
                    if (first == 'G' || first == 'U' || first == 'Z') {
                        if (first == 'G' && at(in, bp++) != 'M') return -1;
                        if (first != 'Z' && at(in, bp++) != 'T') return -1;
                        tm[ISDST] = 0;
                        tm[GMTOFF] = 0;
                        p.zone = "UTC";
                        p.zoneSet = true;
                        continue;
                    } else if (first == '+' || first == '-') {
                        negative = first == '-';
                    } else {
                        bp--;
                        int std = indexIgnoringCase(in, bp, NAST), dst = indexIgnoringCase(in, bp, NADT);
                        if (std >= 0) {
                            tm[GMTOFF] = (-5L - std) * 3600;
                            p.zone = NAST[std];
                            p.zoneSet = true;
                            bp += 3;
                            continue;
                        }
                        if (dst >= 0) {
                            tm[ISDST] = 1;
                            tm[GMTOFF] = (-4L - dst) * 3600;
                            p.zone = NADT[dst];
                            p.zoneSet = true;
                            bp += 3;
                            continue;
                        }
                        return -1;
                    }
                    if (!digit(at(in, bp)) || !digit(at(in, bp + 1))) return -1;
                    long offset = ((at(in, bp) - '0') * 10L + (at(in, bp + 1) - '0')) * 3600;
                    bp += 2;
                    if (at(in, bp) == ':') bp++;
                    if (digit(at(in, bp))) {
                        offset += (at(in, bp++) - '0') * 600L;
                        if (!digit(at(in, bp))) return -1;
                        offset += (at(in, bp++) - '0') * 60L;
                    }
                    tm[ISDST] = 0;
                    tm[GMTOFF] = negative ? -offset : offset;
                    p.zone = null;
                    p.zoneSet = true;
                }
                case 'n', 't' -> {
                    while (space(at(in, bp))) bp++;
                }
                default -> {
                    return -1;
                }
            }
            if (bp < 0) return -1;
        }
        return bp;
    }

    private static boolean legalAlt(int c, int alt) {
        if (alt == 'E') return c == 'c' || c == 'C' || c == 'x' || c == 'X' || c == 'Y' || c == 'y';
        return c == 'd' || c == 'e' || c == 'H' || c == 'I' || c == 'M' || c == 'm' || c == 'S' || c == 'U'
                || c == 'W' || c == 'w' || c == 'u' || c == 'y';
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** _conv_num: stops once another digit would exceed the range. */
    private static int number(byte[] in, int bp, int[] out, int low, int high) {
        if (!digit(at(in, bp))) return -1;
        int result = 0, rulim = high;
        do {
            result = result * 10 + (in[bp++] - '0');
            rulim /= 10;
        } while (result * 10 <= high && rulim != 0 && digit(at(in, bp)));
        if (result < low || result > high) return -1;
        out[0] = result;
        return bp;
    }

    /** A full or three-letter name, case-insensitively: {index, position after}. */
    private static int[] names(byte[] in, int bp, String[] full, int count) {
        for (int i = 0; i < count; i++) {
            if (prefixIgnoringCase(in, bp, full[i])) return new int[] {i, bp + full[i].length()};
            String abbr = full[i].substring(0, 3);
            if (prefixIgnoringCase(in, bp, abbr)) return new int[] {i, bp + 3};
        }
        return null;
    }

    private static boolean prefix(byte[] in, int bp, String s) {
        if (bp + s.length() > in.length) return false;
        for (int i = 0; i < s.length(); i++) if (in[bp + i] != s.charAt(i)) return false;
        return true;
    }

    private static boolean prefixIgnoringCase(byte[] in, int bp, String s) {
        if (bp + s.length() > in.length) return false;
        for (int i = 0; i < s.length(); i++) {
            int c = in[bp + i] & 0xff;
            if (Character.toLowerCase(c) != Character.toLowerCase(s.charAt(i)) || c >= 128) return false;
        }
        return true;
    }

    private static int indexIgnoringCase(byte[] in, int bp, String[] names) {
        for (int i = 0; i < names.length; i++) if (prefixIgnoringCase(in, bp, names[i])) return i;
        return -1;
    }

    private static boolean leap(long y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static long leapsThroughEndOf(long y) {
        return y >= 0 ? y / 4 - y / 100 + y / 400 : -(leapsThroughEndOf(-(y + 1)) + 1);
    }

    /** The two-digit year against the century, then the derived fields. */
    private static void finish(Parse p) {
        long[] tm = p.tm;
        if (p.relyear != -1) {
            if (p.century == 1900) tm[YEAR] = p.relyear <= 68 ? p.relyear + 100 : p.relyear;
            else tm[YEAR] = p.relyear + p.century - 1900;
            p.fields |= F_YEAR;
        }
        if ((p.fields & F_YEAR) == 0) return;
        long year = tm[YEAR] + 1900;
        int[] lengths = MONTH_LENGTHS[leap(year) ? 1 : 0];
        if ((p.fields & F_YDAY) == 0 && (p.fields & F_MON) != 0 && (p.fields & F_MDAY) != 0) {
            long yday = tm[MDAY] - 1;
            for (int i = 0; i < tm[MON] && i < 12; i++) yday += lengths[i];
            tm[YDAY] = yday;
            p.fields |= F_YDAY;
        }
        if ((p.fields & F_YDAY) != 0) {
            long days = tm[YDAY];
            if ((p.fields & F_WDAY) == 0) {
                long wday = 4 + ((year - 1970) % 7) * (365 % 7) + leapsThroughEndOf(year - 1) - leapsThroughEndOf(1969)
                        + tm[YDAY];
                wday %= 7;
                if (wday < 0) wday += 7;
                tm[WDAY] = wday;
            }
            if ((p.fields & F_MON) == 0) {
                int mon = 0;
                while (mon < 12 && days >= lengths[mon]) days -= lengths[mon++];
                tm[MON] = mon;
            }
            if ((p.fields & F_MDAY) == 0) tm[MDAY] = days + 1;
        }
    }
}
