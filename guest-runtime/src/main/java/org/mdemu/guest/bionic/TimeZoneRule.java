package org.mdemu.guest.bionic;

/**
 * A time zone as bionic's tzcode builds it without a tz database (Microdroid has none): a POSIX TZ string
 * ("EST5EDT,M3.2.0,M11.1.0", "<+03>-3", "CET-1CEST,M3.5.0,M10.5.0/3"; DST rules default to the US ones when only
 * the names are given), or UTC when TZ is unset, empty or names a zone from the database. The UTC fallback has no
 * time types, so tzset leaves tzname at tzcode's "   " while tm_zone reads "UTC".
 */
final class TimeZoneRule {
    /** One DST transition rule: Jn (1-365, no leap day), n (0-365) or Mm.w.d, at time seconds. */
    record Rule(char type, int day, int week, int month, int time) {}

    final String stdName, dstName;
    /** Seconds east of UTC. */
    final int stdOffset, dstOffset;
    final Rule start, end;
    /** Whether the zone came from a TZ string (false: the UTC fallback with no time types). */
    final boolean specified;

    private TimeZoneRule(String stdName, int stdOffset, String dstName, int dstOffset, Rule start, Rule end,
                         boolean specified) {
        this.stdName = stdName;
        this.stdOffset = stdOffset;
        this.dstName = dstName;
        this.dstOffset = dstOffset;
        this.start = start;
        this.end = end;
        this.specified = specified;
    }

    static final TimeZoneRule UTC = new TimeZoneRule("UTC", 0, null, 0, null, null, false);

    /** The zone TZ selects (null: unset). */
    static TimeZoneRule forTz(String tz) {
        if (tz == null || tz.isEmpty() || tz.startsWith(":")) return UTC;
        TimeZoneRule r = parse(tz);
        return r != null ? r : UTC;
    }

    private static final class Cursor {
        final String s;
        int i;

        Cursor(String s) {
            this.s = s;
        }

        char c() {
            return i < s.length() ? s.charAt(i) : '\0';
        }
    }

    /** tzparse; null when the string is not a POSIX TZ. */
    static TimeZoneRule parse(String tz) {
        Cursor c = new Cursor(tz);
        String std = name(c);
        if (std == null) return null;
        Integer stdOff = offset(c);
        if (stdOff == null) return null;
        if (c.c() == '\0') return new TimeZoneRule(std, -stdOff, null, 0, null, null, true);
        String dst = name(c);
        if (dst == null) return null;
        int dstOff;
        if (c.c() != '\0' && c.c() != ',' && c.c() != ';') {
            Integer o = offset(c);
            if (o == null) return null;
            dstOff = o;
        } else {
            dstOff = stdOff - 3600;
        }
        String rules = c.c() == '\0' ? ",M3.2.0,M11.1.0" : tz.substring(c.i);
        Cursor r = new Cursor(rules);
        if (r.c() != ',' && r.c() != ';') return null;
        r.i++;
        Rule start = rule(r);
        if (start == null || r.c() != ',') return null;
        r.i++;
        Rule end = rule(r);
        if (end == null || r.c() != '\0') return null;
        return new TimeZoneRule(std, -stdOff, dst, -dstOff, start, end, true);
    }

    private static String name(Cursor c) {
        int from = c.i;
        String name;
        if (c.c() == '<') {
            from = ++c.i;
            while (c.c() != '\0' && c.c() != '>') c.i++;
            if (c.c() != '>') return null;
            name = c.s.substring(from, c.i);
            c.i++;
        } else {
            while (c.c() != '\0' && !Character.isDigit(c.c()) && c.c() != ',' && c.c() != '-' && c.c() != '+') c.i++;
            name = c.s.substring(from, c.i);
        }
        return name.isEmpty() || name.length() > 255 ? null : name;
    }

    private static Integer number(Cursor c, int min, int max) {
        if (!Character.isDigit(c.c())) return null;
        int n = 0;
        while (Character.isDigit(c.c())) {
            n = n * 10 + (c.c() - '0');
            if (n > max) return null;
            c.i++;
        }
        return n < min ? null : n;
    }

    private static Integer seconds(Cursor c) {
        Integer h = number(c, 0, 24 * 7 - 1);
        if (h == null) return null;
        int secs = h * 3600;
        if (c.c() == ':') {
            c.i++;
            Integer m = number(c, 0, 59);
            if (m == null) return null;
            secs += m * 60;
            if (c.c() == ':') {
                c.i++;
                Integer s = number(c, 0, 60);
                if (s == null) return null;
                secs += s;
            }
        }
        return secs;
    }

    /** [+-]hh[:mm[:ss]], west-positive as POSIX writes it. */
    private static Integer offset(Cursor c) {
        boolean negative = false;
        if (c.c() == '-') {
            negative = true;
            c.i++;
        } else if (c.c() == '+') {
            c.i++;
        }
        Integer s = seconds(c);
        return s == null ? null : negative ? -s : s;
    }

    private static Rule rule(Cursor c) {
        char type;
        int day, week = 0, month = 0;
        if (c.c() == 'J') {
            c.i++;
            Integer d = number(c, 1, 365);
            if (d == null) return null;
            type = 'J';
            day = d;
        } else if (c.c() == 'M') {
            c.i++;
            Integer m = number(c, 1, 12);
            if (m == null || c.c() != '.') return null;
            c.i++;
            Integer w = number(c, 1, 5);
            if (w == null || c.c() != '.') return null;
            c.i++;
            Integer d = number(c, 0, 6);
            if (d == null) return null;
            type = 'M';
            month = m;
            week = w;
            day = d;
        } else if (Character.isDigit(c.c())) {
            Integer d = number(c, 0, 365);
            if (d == null) return null;
            type = 'n';
            day = d;
        } else {
            return null;
        }
        int time = 7200;
        if (c.c() == '/') {
            c.i++;
            Integer t = offset(c);
            if (t == null) return null;
            time = t;
        }
        return new Rule(type, day, week, month, time);
    }

    private static boolean leap(long y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static final int[][] MONTH_LENGTHS = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    /** Seconds from the start of the year (local wall clock) to when the rule takes effect. */
    private static long transition(long year, Rule r) {
        boolean leap = leap(year);
        long value;
        switch (r.type()) {
            case 'J' -> value = (r.day() - 1L) * 86400 + (leap && r.day() >= 60 ? 86400 : 0);
            case 'n' -> value = r.day() * 86400L;
            default -> {
                int m1 = (r.month() + 9) % 12 + 1;
                long yy0 = r.month() <= 2 ? year - 1 : year;
                long yy1 = Math.floorDiv(yy0, 100), yy2 = Math.floorMod(yy0, 100);
                long dow = Math.floorMod((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1, 7);
                long d = r.day() - dow;
                if (d < 0) d += 7;
                for (int i = 1; i < r.week(); i++) {
                    if (d + 7 >= MONTH_LENGTHS[leap ? 1 : 0][r.month() - 1]) break;
                    d += 7;
                }
                value = d * 86400;
                for (int i = 0; i < r.month() - 1; i++) value += MONTH_LENGTHS[leap ? 1 : 0][i] * 86400L;
            }
        }
        return value + r.time();
    }

    private static long yearStart(long year) {
        return java.time.LocalDate.of((int) Math.max(-999_999_999, Math.min(999_999_999, year)), 1, 1)
                .toEpochDay() * 86400;
    }

    /** Whether DST is in effect at UTC time t. */
    boolean isDst(long t) {
        if (dstName == null) return false;
        long year = java.time.LocalDateTime.ofEpochSecond(clamp(t + stdOffset), 0, java.time.ZoneOffset.UTC).getYear();
        long begin = yearStart(year) + transition(year, start) - stdOffset;
        long finish = yearStart(year) + transition(year, end) - dstOffset;
        return begin < finish ? t >= begin && t < finish : !(t >= finish && t < begin);
    }

    static long clamp(long t) {
        long limit = 31_556_889_864_403_199L;
        return Math.max(-limit, Math.min(limit, t));
    }

    int offsetAt(long t) {
        return isDst(t) ? dstOffset : stdOffset;
    }

    String nameAt(long t) {
        return isDst(t) ? dstName : stdName;
    }

    /** mktime: the UTC time of local seconds (as if UTC) given tm_isdst (negative: decide). */
    long toUtc(long local, int isdst) {
        if (dstName == null) return local - stdOffset;
        long asStd = local - stdOffset, asDst = local - dstOffset;
        if (isdst > 0) return asDst;
        if (isdst == 0) return asStd;
        if (isDst(asDst)) return asDst;
        return asStd;
    }
}
