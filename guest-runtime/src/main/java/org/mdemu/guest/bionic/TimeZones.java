package org.mdemu.guest.bionic;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * Local time as bionic's tzcode computes it in a VM without tz data: TZ holding a POSIX rule
 * ({@link TimeZoneRule}), else UTC. tzset and its variables (tzname, timezone, daylight), the explicit-zone
 * functions (tzalloc, localtime_rz, mktime_z), strptime, asctime/ctime, timelocal, timespec_get/getres and
 * wcsftime (over strftime). TimeFunctions' localtime and mktime use the same zone.
 */
public final class TimeZones extends GuestSection {
    private static final String WILDABBR = "   ";
    private static final int TIME_UTC = 1;
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final Function<String, String> environment;
    private final Map<Long, TimeZoneRule> allocated = new HashMap<>();
    private long tznameAddress, timezoneAddress, daylightAddress;
    private Rows rows;

    public TimeZones(GuestProcess process, Function<String, String> environment) {
        super(process);
        this.environment = environment;
    }

    /** The zone TZ selects now. */
    TimeZoneRule current() {
        return TimeZoneRule.forTz(environment == null ? null : environment.apply("TZ"));
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support zones = Support.full("POSIX TZ rules; zone names need the tz database, which Microdroid lacks: UTC");
        t.data("tzname", "LIBC", 16, 8, Support.FULL, a -> {
            tznameAddress = a;
            mem().writeLong(a, constant(WILDABBR));
            mem().writeLong(a + 8, constant(WILDABBR));
        });
        t.data("timezone", "LIBC", 8, 8, Support.FULL, a -> timezoneAddress = a);
        t.data("daylight", "LIBC", 4, 4, Support.FULL, a -> daylightAddress = a);
        t.function("tzset", zones, f -> tzset());
        t.function("tzalloc", "LIBC_V", zones, f -> {
            byte[] name = optionalCbytes(f.ptr(0));
            TimeZoneRule rule = TimeZoneRule.forTz(name == null ? null : latin1(name));
            long handle = heap().calloc(1, 8);
            allocated.put(handle, rule);
            f.ret(handle);
        });
        t.function("tzfree", "LIBC_V", Support.FULL, f -> {
            if (allocated.remove(f.ptr(0)) != null) heap().free(f.ptr(0));
        });
        t.function("localtime_rz", "LIBC_V", zones, f -> {
            TimeZoneRule zone = allocated.get(f.ptr(0));
            if (zone == null) {
                f.ret(failNull(Errno.EINVAL));
                return;
            }
            f.ret(writeTm(f.ptr(2), mem().readLong(f.ptr(1)), zone));
        });
        t.function("mktime_z", "LIBC_V", zones, f -> {
            TimeZoneRule zone = allocated.get(f.ptr(0));
            f.ret(zone == null ? fail(Errno.EINVAL) : mktime(f.ptr(1), zone));
        });
        t.function("timelocal", zones, f -> f.ret(mktime(f.ptr(0), current())));
        Support strptime = Support.full("C locale, bionic's conversions including %s, %Z and %z");
        t.function("strptime", strptime, f -> f.ret(strptime(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.function("strptime_l", "LIBC_P", strptime, f -> f.ret(strptime(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.function("asctime", f -> f.ret(asctime(f.ptr(0), staticBuffer("asctime:" + process.currentThread().tid(), 26))));
        t.function("asctime_r", f -> f.ret(asctime(f.ptr(0), f.ptr(1))));
        t.function("ctime", zones, f -> f.ret(ctime(mem().readLong(f.ptr(0)),
                staticBuffer("asctime:" + process.currentThread().tid(), 26))));
        t.function("ctime_r", zones, f -> f.ret(ctime(mem().readLong(f.ptr(0)), f.ptr(1))));
        t.function("timespec_get", "LIBC_Q", Support.FULL, f -> {
            if (f.i32(1) != TIME_UTC) {
                f.ret(0);
                return;
            }
            rows.call(f, "clock_gettime", 0, f.ptr(0));
            f.ret(TIME_UTC);
        });
        t.function("timespec_getres", "LIBC_V", Support.FULL, f -> {
            if (f.i32(1) != TIME_UTC) {
                f.ret(0);
                return;
            }
            rows.call(f, "clock_getres", 0, f.ptr(0));
            f.ret(TIME_UTC);
        });
        Support wide = Support.full("strftime's conversions, widened");
        t.function("wcsftime", wide, this::wcsftime);
        t.function("wcsftime_l", "LIBC_P", wide, this::wcsftime);
    }

    /** tzset: tzname, timezone and daylight from TZ as tzcode's settzname leaves them. */
    void tzset() {
        TimeZoneRule zone = current();
        String std = zone.specified ? zone.stdName : WILDABBR;
        String dst = zone.specified && zone.dstName != null ? zone.dstName : WILDABBR;
        if (tznameAddress != 0) {
            mem().writeLong(tznameAddress, constant(std));
            mem().writeLong(tznameAddress + 8, constant(dst));
        }
        if (timezoneAddress != 0) mem().writeLong(timezoneAddress, -zone.stdOffset);
        if (daylightAddress != 0) mem().writeInt(daylightAddress, zone.specified && zone.dstName != null ? 1 : 0);
    }

    String[] tznames() {
        TimeZoneRule zone = current();
        return new String[] {zone.specified ? zone.stdName : WILDABBR,
            zone.specified && zone.dstName != null ? zone.dstName : WILDABBR};
    }

    /** Fills struct tm (56 bytes: nine ints, tm_gmtoff, tm_zone) with t in the zone; returns tm, NULL on overflow. */
    long writeTm(long tm, long t, TimeZoneRule zone) {
        long[] f = new long[10];
        String name = fields(t, zone, f);
        if (name == null) return failNull(Errno.EOVERFLOW);
        for (int i = 0; i < 9; i++) mem().writeInt(tm + 4L * i, (int) f[i]);
        mem().writeLong(tm + 40, f[DateParsing.GMTOFF]);
        mem().writeLong(tm + 48, constant(name));
        return tm;
    }

    /** The broken-down local time of t (tm's fields, year - 1900), returning the zone abbreviation; null if out of range. */
    static String fields(long t, TimeZoneRule zone, long[] f) {
        int offset = zone.offsetAt(t);
        long local = t + offset;
        if (local != TimeZoneRule.clamp(local)) return null;
        LocalDateTime d = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        long year = d.getYear() - 1900L;
        if (year != (int) year) return null;
        f[DateParsing.SEC] = d.getSecond();
        f[DateParsing.MIN] = d.getMinute();
        f[DateParsing.HOUR] = d.getHour();
        f[DateParsing.MDAY] = d.getDayOfMonth();
        f[DateParsing.MON] = d.getMonthValue() - 1;
        f[DateParsing.YEAR] = year;
        f[DateParsing.WDAY] = d.getDayOfWeek().getValue() % 7;
        f[DateParsing.YDAY] = d.getDayOfYear() - 1;
        f[DateParsing.ISDST] = zone.isDst(t) ? 1 : 0;
        f[DateParsing.GMTOFF] = offset;
        return zone.nameAt(t);
    }

    /** mktime in the zone: normalises the fields, writes them back, returns the time (-1 and EOVERFLOW if none). */
    long mktime(long tm, TimeZoneRule zone) {
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = mem().readInt(tm + 4L * i);
        long local;
        try {
            local = LocalDateTime.of(1970, 1, 1, 0, 0).plusYears(1900L + v[5] - 1970).plusMonths(v[4])
                    .plusDays(v[3] - 1L).plusHours(v[2]).plusMinutes(v[1]).plusSeconds(v[0]).toEpochSecond(ZoneOffset.UTC);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return fail(Errno.EOVERFLOW);
        }
        long t = zone.toUtc(local, v[8]);
        if (writeTm(tm, t, zone) == 0) return fail(Errno.EOVERFLOW);
        return t;
    }

    private long ctime(long t, long buffer) {
        long tm = staticBuffer("ctime-tm:" + process.currentThread().tid(), 56);
        if (writeTm(tm, t, current()) == 0) return 0;
        return asctime(tm, buffer);
    }

    /** "Sun Sep 16 01:03:52 1973\n": NULL with EOVERFLOW when the year does not fit the 26 bytes. */
    private long asctime(long tm, long buffer) {
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = mem().readInt(tm + 4L * i);
        String day = v[6] >= 0 && v[6] < 7 ? DAYS[v[6]] : "???";
        String month = v[4] >= 0 && v[4] < 12 ? MONTHS[v[4]] : "???";
        long year = 1900L + v[5];
        String text = String.format("%.3s %.3s%3d %02d:%02d:%02d %d\n", day, month, v[3], v[2], v[1], v[0], year);
        if (text.length() + 1 > 26) return failNull(Errno.EOVERFLOW);
        mem().writeCString(buffer, text);
        return buffer;
    }

    private long strptime(long buffer, long format, long tm) {
        byte[] input = cbytes(buffer), fmt = cbytes(format);
        long[] fields = new long[10];
        for (int i = 0; i < 9; i++) fields[i] = mem().readInt(tm + 4L * i);
        fields[DateParsing.GMTOFF] = mem().readLong(tm + 40);
        DateParsing.Parse p = new DateParsing.Parse(fields);
        DateParsing.Zone zone = new DateParsing.Zone() {
            @Override
            public String[] tzname() {
                tzset();
                return tznames();
            }

            @Override
            public long timezone() {
                return -current().stdOffset;
            }

            @Override
            public boolean localtime(long t, long[] tmFields) {
                String name = fields(t, current(), tmFields);
                if (name == null) return false;
                p.zone = name;
                p.zoneSet = true;
                return true;
            }
        };
        int end = DateParsing.strptime(input, fmt, p, zone);
        // The fields parsed so far are written even when the parse fails, as the C code writes tm as it goes.
        for (int i = 0; i < 9; i++) mem().writeInt(tm + 4L * i, (int) fields[i]);
        mem().writeLong(tm + 40, fields[DateParsing.GMTOFF]);
        if (p.zoneSet) mem().writeLong(tm + 48, p.zone == null ? 0 : constant(p.zone));
        return end < 0 ? 0 : buffer + end;
    }

    /** wcsftime: the format narrowed to UTF-8, strftime's output widened to wchar_t (4 bytes). */
    private void wcsftime(CallFrame f) {
        long out = f.ptr(0), max = f.i64(1), format = f.ptr(2), tm = f.ptr(3);
        StringBuilder narrow = new StringBuilder();
        for (long p = format; ; p += 4) {
            int c = mem().readInt(p);
            if (c == 0) break;
            narrow.appendCodePoint(Character.isValidCodePoint(c) ? c : '?');
        }
        byte[] fmt = narrow.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long size = Math.max(1, Math.min(max, 1 << 20)) * 4 + 1;
        long fmtBuffer = mallocString(fmt);
        long buffer = heap().malloc(size);
        try {
            long n = rows.call(f, "strftime", buffer, size, fmtBuffer, tm);
            String text = new String(mem().read(buffer, (int) n), java.nio.charset.StandardCharsets.UTF_8);
            int[] cps = text.codePoints().toArray();
            if (cps.length + 1 > max) {
                f.ret(0);
                return;
            }
            for (int i = 0; i < cps.length; i++) mem().writeInt(out + 4L * i, cps[i]);
            mem().writeInt(out + 4L * cps.length, 0);
            f.ret(cps.length);
        } finally {
            heap().free(fmtBuffer);
            heap().free(buffer);
        }
    }
}
