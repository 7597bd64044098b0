package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
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

    /**
     * The Gregorian calendar repeats every 400 years, a whole number of weeks (146097 days): dates are computed on a
     * year folded into [2000, 2400) and the cycles added back, so any int tm_year and any time_t work without
     * leaving java.time's range.
     */
    static final long CYCLE_SECONDS = 146097L * 86400;

    /** gmtime: NULL with EOVERFLOW when the year does not fit tm_year, as bionic's. */
    private long toTm(long epochSeconds, long tm) {
        long cycles = Math.floorDiv(epochSeconds, CYCLE_SECONDS);
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds - cycles * CYCLE_SECONDS, 0, ZoneOffset.UTC);
        long year = t.getYear() - 1900L + 400 * cycles;
        if (year != (int) year) {
            process.setErrno(org.mdemu.guest.kernel.Errno.EOVERFLOW);
            return 0;
        }
        int[] fields = {t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(), t.getMonthValue() - 1,
            (int) year, t.getDayOfWeek().getValue() % 7, t.getDayOfYear() - 1, 0};
        for (int i = 0; i < fields.length; i++) mem().writeInt(tm + 4L * i, fields[i]);
        mem().writeLong(tm + 40, 0);
        if (zoneName == 0) {
            zoneName = process.heap().malloc(4);
            mem().writeCString(zoneName, "UTC");
        }
        mem().writeLong(tm + 48, zoneName);
        return tm;
    }

    /** mktime/timegm: normalises out-of-range fields (e.g. day 32) the way C does, and writes them back. */
    private long fromTm(long tm) {
        int sec = mem().readInt(tm), min = mem().readInt(tm + 4), hour = mem().readInt(tm + 8);
        int mday = mem().readInt(tm + 12), mon = mem().readInt(tm + 16), year = mem().readInt(tm + 20);
        long cycles = Math.floorDiv(1900L + year - 2000, 400);
        LocalDateTime t = LocalDateTime.of((int) (1900L + year - 400 * cycles), 1, 1, 0, 0).plusMonths(mon)
                .plusDays(mday - 1L).plusHours(hour).plusMinutes(min).plusSeconds(sec);
        long epoch = t.toEpochSecond(ZoneOffset.UTC) + cycles * CYCLE_SECONDS;
        if (toTm(epoch, tm) == 0) return -1; // the normalised year does not fit tm_year: EOVERFLOW
        return epoch;
    }

    private void strftime(CallFrame f) {
        long buffer = f.ptr(0), max = f.i64(1);
        byte[] format = mem().readCBytes(f.ptr(2));
        long tm = f.ptr(3);
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = mem().readInt(tm + 4L * i);
        long cycles = Math.floorDiv(1900L + v[5] - 2000, 400);
        LocalDateTime t = LocalDateTime.of((int) (1900L + v[5] - 400 * cycles), 1, 1, 0, 0).plusMonths(v[4])
                .plusDays(v[3] - 1L).plusHours(v[2]).plusMinutes(v[1]).plusSeconds(v[0]);
        long yearShift = 400 * cycles;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length; i++) {
            char c = (char) (format[i] & 0xff);
            if (c != '%' || i + 1 >= format.length) {
                out.append(c);
                continue;
            }
            char k = (char) format[++i];
            if ((k == 'E' || k == 'O') && i + 1 < format.length) k = (char) format[++i];
            out.append(conversion(k, t, yearShift));
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > max) {
            f.ret(0);
            return;
        }
        mem().write(buffer, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        f.ret(bytes.length);
    }

    /** One conversion of t, whose year is yearShift less than the one to print (see CYCLE_SECONDS). */
    private static String conversion(char k, LocalDateTime t, long yearShift) {
        int wday = t.getDayOfWeek().getValue() % 7;
        long year = t.getYear() + yearShift;
        return switch (k) {
            case 'a' -> DAYS[wday].substring(0, 3);
            case 'A' -> DAYS[wday];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'c' -> conversion('a', t, yearShift) + " " + conversion('b', t, yearShift) + " " + String.format("%2d", t.getDayOfMonth())
                    + " " + conversion('T', t, yearShift) + " " + year;
            case 'C' -> String.format("%02d", year / 100);
            case 'd' -> String.format("%02d", t.getDayOfMonth());
            case 'D' -> conversion('m', t, yearShift) + "/" + conversion('d', t, yearShift) + "/" + conversion('y', t, yearShift);
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'F' -> year + "-" + conversion('m', t, yearShift) + "-" + conversion('d', t, yearShift);
            case 'g' -> String.format("%02d", Math.abs((t.get(IsoFields.WEEK_BASED_YEAR) + yearShift) % 100));
            case 'G' -> Long.toString(t.get(IsoFields.WEEK_BASED_YEAR) + yearShift);
            case 'H' -> String.format("%02d", t.getHour());
            case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'm' -> String.format("%02d", t.getMonthValue());
            case 'M' -> String.format("%02d", t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'r' -> conversion('I', t, yearShift) + ":" + conversion('M', t, yearShift) + ":" + conversion('S', t, yearShift) + " " + conversion('p', t, yearShift);
            case 'R' -> conversion('H', t, yearShift) + ":" + conversion('M', t, yearShift);
            case 's' -> Long.toString(t.toEpochSecond(ZoneOffset.UTC) + yearShift / 400 * CYCLE_SECONDS);
            case 'S' -> String.format("%02d", t.getSecond());
            case 't' -> "\t";
            case 'T' -> conversion('H', t, yearShift) + ":" + conversion('M', t, yearShift) + ":" + conversion('S', t, yearShift);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> String.format("%02d", (t.getDayOfYear() + 6 - wday) / 7);
            case 'V' -> String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(wday);
            case 'W' -> String.format("%02d", (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() - 1)) / 7);
            case 'x' -> conversion('D', t, yearShift);
            case 'X' -> conversion('T', t, yearShift);
            case 'y' -> String.format("%02d", Math.abs(year % 100));
            case 'Y' -> Long.toString(year);
            case 'z' -> "+0000";
            case 'Z' -> "UTC";
            case '%' -> "%";
            default -> "%" + k;
        };
    }

}
