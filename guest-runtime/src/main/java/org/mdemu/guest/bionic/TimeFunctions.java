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

    private long toTm(long epochSeconds, long tm) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        int[] fields = {t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(), t.getMonthValue() - 1,
            t.getYear() - 1900, t.getDayOfWeek().getValue() % 7, t.getDayOfYear() - 1, 0};
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
        LocalDateTime t = LocalDateTime.of(1900 + year, 1, 1, 0, 0).plusMonths(mon).plusDays(mday - 1L)
                .plusHours(hour).plusMinutes(min).plusSeconds(sec);
        long epoch = t.toEpochSecond(ZoneOffset.UTC);
        toTm(epoch, tm);
        return epoch;
    }

    private void strftime(CallFrame f) {
        long buffer = f.ptr(0), max = f.i64(1);
        byte[] format = mem().readCBytes(f.ptr(2));
        long tm = f.ptr(3);
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = mem().readInt(tm + 4L * i);
        LocalDateTime t = LocalDateTime.of(1900 + v[5], 1, 1, 0, 0).plusMonths(v[4]).plusDays(v[3] - 1L)
                .plusHours(v[2]).plusMinutes(v[1]).plusSeconds(v[0]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length; i++) {
            char c = (char) (format[i] & 0xff);
            if (c != '%' || i + 1 >= format.length) {
                out.append(c);
                continue;
            }
            char k = (char) format[++i];
            if ((k == 'E' || k == 'O') && i + 1 < format.length) k = (char) format[++i];
            out.append(conversion(k, t));
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > max) {
            f.ret(0);
            return;
        }
        mem().write(buffer, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        f.ret(bytes.length);
    }

    private static String conversion(char k, LocalDateTime t) {
        int wday = t.getDayOfWeek().getValue() % 7;
        return switch (k) {
            case 'a' -> DAYS[wday].substring(0, 3);
            case 'A' -> DAYS[wday];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'c' -> conversion('a', t) + " " + conversion('b', t) + " " + String.format("%2d", t.getDayOfMonth())
                    + " " + conversion('T', t) + " " + t.getYear();
            case 'C' -> String.format("%02d", t.getYear() / 100);
            case 'd' -> String.format("%02d", t.getDayOfMonth());
            case 'D' -> conversion('m', t) + "/" + conversion('d', t) + "/" + conversion('y', t);
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'F' -> t.getYear() + "-" + conversion('m', t) + "-" + conversion('d', t);
            case 'g' -> String.format("%02d", t.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> String.format("%02d", t.getHour());
            case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'm' -> String.format("%02d", t.getMonthValue());
            case 'M' -> String.format("%02d", t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'r' -> conversion('I', t) + ":" + conversion('M', t) + ":" + conversion('S', t) + " " + conversion('p', t);
            case 'R' -> conversion('H', t) + ":" + conversion('M', t);
            case 's' -> Long.toString(t.toEpochSecond(ZoneOffset.UTC));
            case 'S' -> String.format("%02d", t.getSecond());
            case 't' -> "\t";
            case 'T' -> conversion('H', t) + ":" + conversion('M', t) + ":" + conversion('S', t);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> String.format("%02d", (t.getDayOfYear() + 6 - wday) / 7);
            case 'V' -> String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(wday);
            case 'W' -> String.format("%02d", (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() - 1)) / 7);
            case 'x' -> conversion('D', t);
            case 'X' -> conversion('T', t);
            case 'y' -> String.format("%02d", t.getYear() % 100);
            case 'Y' -> Integer.toString(t.getYear());
            case 'z' -> "+0000";
            case 'Z' -> "UTC";
            case '%' -> "%";
            default -> "%" + k;
        };
    }

}
