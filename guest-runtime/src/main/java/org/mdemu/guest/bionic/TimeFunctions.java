package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * time.h conversions. Microdroid ships no time zone database, so local time is UTC, as it is in the VM.
 * struct tm on LP64 bionic: nine ints (sec, min, hour, mday, mon, year-1900, wday, yday, isdst), then
 * long tm_gmtoff and const char* tm_zone: 56 bytes.
 */
public final class TimeFunctions implements LibrarySection {
    private static final Support UTC = Support.full("TZ's POSIX rules; Microdroid has no time zone database, so"
            + " zone names (and an unset TZ) give UTC");
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    private final GuestProcess process;
    private final TimeZones zones;
    private long staticTm;
    private long zoneName;

    public TimeFunctions(GuestProcess process) {
        this(process, null);
    }

    /** @param zones local time's zone (TZ); null keeps local time at UTC */
    public TimeFunctions(GuestProcess process, TimeZones zones) {
        this.process = process;
        this.zones = zones;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("gmtime_r", f -> f.ret(toTm(mem().readLong(f.ptr(0)), f.ptr(1))));
        t.function("localtime_r", UTC, f -> f.ret(local(mem().readLong(f.ptr(0)), f.ptr(1))));
        t.function("gmtime", f -> f.ret(toTm(mem().readLong(f.ptr(0)), sharedTm())));
        t.function("localtime", UTC, f -> f.ret(local(mem().readLong(f.ptr(0)), sharedTm())));
        t.function("timegm", f -> f.ret(fromTm(f.ptr(0))));
        t.function("mktime", UTC, f -> f.ret(zones == null ? fromTm(f.ptr(0)) : zones.mktime(f.ptr(0), zones.current())));
        t.function("difftime", f -> f.retDouble((double) f.i64(0) - (double) f.i64(1)));
        t.function("strftime", Support.partial("C locale; %E and %O modifiers are ignored"), this::strftime);
    }

    /** localtime: in TZ's zone (tzset as bionic's localtime does), or UTC without one. */
    private long local(long t, long tm) {
        if (zones == null) return toTm(t, tm);
        zones.tzset();
        return zones.writeTm(tm, t, zones.current());
    }

    private long sharedTm() {
        if (staticTm == 0) staticTm = process.heap().calloc(1, 56);
        return staticTm;
    }

    /** The Gregorian calendar repeats every 400 years, a whole number of weeks: 146097 days. */
    static final long CYCLE_SECONDS = 146097L * 86400;

    /**
     * gmtime: the broken-down UTC time of any 64-bit time_t; NULL with EOVERFLOW when the year does not fit tm_year,
     * as bionic answers. The calendar is computed in 64-bit arithmetic (java.time stops at a billion years).
     */
    private long toTm(long epochSeconds, long tm) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        long secondOfDay = Math.floorMod(epochSeconds, 86_400L);
        long[] ymd = Calendar.civil(days);
        long tmYear = ymd[0] - 1900;
        if (tmYear != (int) tmYear) {
            process.setErrno(org.mdemu.guest.kernel.Errno.EOVERFLOW);
            return 0;
        }
        int[] fields = {(int) (secondOfDay % 60), (int) (secondOfDay / 60 % 60), (int) (secondOfDay / 3600),
            (int) ymd[2], (int) ymd[1] - 1, (int) tmYear, (int) Math.floorMod(days + 4, 7L),
            (int) (days - Calendar.days(ymd[0], 1, 1)), 0};
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(56).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < fields.length; i++) b.putInt(4 * i, fields[i]);
        if (zoneName == 0) {
            zoneName = process.heap().malloc(4);
            mem().writeCString(zoneName, "UTC");
        }
        b.putLong(40, 0).putLong(48, zoneName);
        mem().write(tm, b.array());
        return tm;
    }

    /**
     * mktime/timegm: normalises out-of-range fields (e.g. day 32) the way C does, and writes them back; -1 with
     * EOVERFLOW when the time does not fit a time_t or the normalised year a tm_year.
     */
    private long fromTm(long tm) {
        int[] v = fields(tm);
        long epoch;
        try {
            epoch = Calendar.epochSeconds(v);
        } catch (ArithmeticException overflow) {
            process.setErrno(org.mdemu.guest.kernel.Errno.EOVERFLOW);
            return -1;
        }
        return toTm(epoch, tm) == 0 ? -1 : epoch;
    }

    /** The nine int fields of a struct tm, read in one access. */
    private int[] fields(long tm) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(mem().read(tm, 36)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = b.getInt(4 * i);
        return v;
    }

    /** strftime prints the fields as they are, as C does (only %s and the ISO week conversions compute). */
    private void strftime(CallFrame f) {
        long buffer = f.ptr(0), max = f.i64(1);
        byte[] format = mem().readCBytes(f.ptr(2));
        int[] v = fields(f.ptr(3));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length && out.length() <= max; i++) {
            char c = (char) (format[i] & 0xff);
            if (c != '%' || i + 1 >= format.length) {
                out.append(c);
                continue;
            }
            char k = (char) format[++i];
            if ((k == 'E' || k == 'O') && i + 1 < format.length) k = (char) format[++i];
            out.append(conversion(k, v));
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length + 1 > max || max < 0) {
            f.ret(0);
            return;
        }
        mem().write(buffer, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        f.ret(bytes.length);
    }

    private static final int SEC = 0, MIN = 1, HOUR = 2, MDAY = 3, MON = 4, YEAR = 5, WDAY = 6, YDAY = 7;

    private static String conversion(char k, int[] v) {
        long year = v[YEAR] + 1900L;
        int wday = v[WDAY];
        return switch (k) {
            case 'a' -> wday >= 0 && wday < 7 ? DAYS[wday].substring(0, 3) : "?";
            case 'A' -> wday >= 0 && wday < 7 ? DAYS[wday] : "?";
            case 'b', 'h' -> v[MON] >= 0 && v[MON] < 12 ? MONTHS[v[MON]].substring(0, 3) : "?";
            case 'B' -> v[MON] >= 0 && v[MON] < 12 ? MONTHS[v[MON]] : "?";
            case 'c' -> conversion('a', v) + " " + conversion('b', v) + " " + conversion('e', v) + " "
                    + conversion('T', v) + " " + year;
            case 'C' -> String.format("%02d", Math.floorDiv(year, 100L));
            case 'd' -> String.format("%02d", v[MDAY]);
            case 'D' -> conversion('m', v) + "/" + conversion('d', v) + "/" + conversion('y', v);
            case 'e' -> String.format("%2d", v[MDAY]);
            case 'F' -> year + "-" + conversion('m', v) + "-" + conversion('d', v);
            case 'g' -> String.format("%02d", Math.floorMod(Calendar.isoWeek(year, v[YDAY], wday)[0], 100L));
            case 'G' -> Long.toString(Calendar.isoWeek(year, v[YDAY], wday)[0]);
            case 'H' -> String.format("%02d", v[HOUR]);
            case 'I' -> String.format("%02d", Math.floorMod(v[HOUR] + 11, 12) + 1);
            case 'j' -> String.format("%03d", v[YDAY] + 1L);
            case 'm' -> String.format("%02d", v[MON] + 1L);
            case 'M' -> String.format("%02d", v[MIN]);
            case 'n' -> "\n";
            case 'p' -> v[HOUR] < 12 ? "AM" : "PM";
            case 'r' -> conversion('I', v) + ":" + conversion('M', v) + ":" + conversion('S', v) + " " + conversion('p', v);
            case 'R' -> conversion('H', v) + ":" + conversion('M', v);
            case 's' -> {
                try {
                    yield Long.toString(Calendar.epochSeconds(v));
                } catch (ArithmeticException overflow) {
                    yield "?";
                }
            }
            case 'S' -> String.format("%02d", v[SEC]);
            case 't' -> "\t";
            case 'T' -> conversion('H', v) + ":" + conversion('M', v) + ":" + conversion('S', v);
            case 'u' -> Integer.toString(wday == 0 ? 7 : wday);
            case 'U' -> String.format("%02d", (v[YDAY] + 7L - wday) / 7);
            case 'V' -> String.format("%02d", Calendar.isoWeek(year, v[YDAY], wday)[1]);
            case 'w' -> Integer.toString(wday);
            case 'W' -> String.format("%02d", (v[YDAY] + 7L - Math.floorMod(wday + 6, 7)) / 7);
            case 'x' -> conversion('D', v);
            case 'X' -> conversion('T', v);
            case 'y' -> String.format("%02d", Math.floorMod(year, 100L));
            case 'Y' -> Long.toString(year);
            case 'z' -> "+0000";
            case 'Z' -> "UTC";
            case '%' -> "%";
            default -> "%" + k;
        };
    }

    /** The proleptic Gregorian calendar in 64-bit arithmetic: days since 1970-01-01 to and from year, month, day. */
    static final class Calendar {
        private Calendar() {}

        /** Days since the epoch of year-month-day (month 1..12); the algorithm counts in 400-year eras from March. */
        static long days(long year, long month, long day) {
            long y = month <= 2 ? year - 1 : year;
            long era = Math.floorDiv(y, 400L);
            long yearOfEra = y - era * 400;
            long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146_097 + dayOfEra - 719_468;
        }

        /** {year, month 1..12, day 1..31} of a day count since the epoch. */
        static long[] civil(long days) {
            long z = days + 719_468;
            long era = Math.floorDiv(z, 146_097L);
            long dayOfEra = z - era * 146_097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            long day = dayOfYear - (153 * mp + 2) / 5 + 1;
            long month = mp < 10 ? mp + 3 : mp - 9;
            return new long[] {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
        }

        static boolean leap(long year) {
            return Math.floorMod(year, 4L) == 0 && (Math.floorMod(year, 100L) != 0 || Math.floorMod(year, 400L) == 0);
        }

        /** The time of struct tm fields, normalising as mktime does; ArithmeticException when past time_t. */
        static long epochSeconds(int[] v) {
            long months = v[MON];
            long year = v[YEAR] + 1900L + Math.floorDiv(months, 12L);
            long days = Math.addExact(days(year, Math.floorMod(months, 12L) + 1, 1), v[MDAY] - 1L);
            long seconds = Math.multiplyExact(days, 86_400L);
            return Math.addExact(seconds, v[HOUR] * 3600L + v[MIN] * 60L + v[SEC]);
        }

        /** {ISO 8601 week-based year, week} of a day given by year, day of year and weekday (0 = Sunday). */
        static long[] isoWeek(long year, long yday, int wday) {
            long thursday = yday - Math.floorMod(wday + 6, 7) + 3; // the Thursday of the same Monday-based week
            if (thursday < 0) {
                year--;
                thursday += leap(year) ? 366 : 365;
            } else if (thursday >= (leap(year) ? 366 : 365)) {
                thursday -= leap(year) ? 366 : 365;
                year++;
            }
            return new long[] {year, thursday / 7 + 1};
        }
    }
}
