package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.testing.FakeProcess;

class TimeFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    TimeFunctionsTest() {
        process.heap = new GuestHeap() {
            @Override public long malloc(long size) { return process.alloc((int) size); }
            @Override public long calloc(long c, long s) { return process.alloc((int) (c * s)); }
            @Override public long realloc(long p, long s) { return 0; }
            @Override public void free(long p) { }
            @Override public long memalign(long a, long s) { return 0; }
            @Override public long usableSize(long p) { return 0; }
        };
        libc.declare(new TimeFunctions(process));
    }

    @Test
    void gmtimeMktimeAndStrftimeAgreeWithC() {
        long t = process.alloc(8);
        process.memory().writeLong(t, 1700000000L); // 2023-11-14 22:13:20 UTC, a Tuesday
        long tm = process.alloc(56);
        assertThat(process.call(libc, "gmtime_r", t, tm)).isEqualTo(tm);
        assertThat(process.memory().readInt(tm + 20)).isEqualTo(123);
        assertThat(process.memory().readInt(tm + 16)).isEqualTo(10);
        assertThat(process.memory().readInt(tm + 24)).isEqualTo(2);
        assertThat(process.memory().readInt(tm + 28)).isEqualTo(317);
        long buf = process.alloc(128);
        long n = process.call(libc, "strftime", buf, 128, process.cstring("%Y-%m-%d %H:%M:%S %a %b %j %Z %%"), tm);
        assertThat(process.readCString(buf)).isEqualTo("2023-11-14 22:13:20 Tue Nov 318 UTC %");
        assertThat(n).isEqualTo(37);
        assertThat(process.call(libc, "strftime", buf, 5, process.cstring("%Y-%m"), tm)).isZero();
        process.memory().writeInt(tm + 12, 45); // November 45th normalises to December 15th
        assertThat(process.call(libc, "mktime", tm)).isEqualTo(1700000000L + 31L * 86400);
        assertThat(process.memory().readInt(tm + 16)).isEqualTo(11);
        assertThat(process.memory().readInt(tm + 12)).isEqualTo(15);
    }

    @Test
    void theCalendarAgreesWithJavaTimeAndGoesFurther() {
        for (long day = -800_000_000L; day < 800_000_000L; day += 9_973_331L) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
            assertThat(TimeFunctions.Calendar.civil(day)).containsExactly(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            assertThat(TimeFunctions.Calendar.days(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(day);
            java.time.temporal.TemporalField week = java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR;
            assertThat(TimeFunctions.Calendar.isoWeek(d.getYear(), d.getDayOfYear() - 1, d.getDayOfWeek().getValue() % 7))
                    .containsExactly(d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR), d.get(week));
        }
        long far = TimeFunctions.Calendar.days(2_000_000_000L, 3, 1);
        assertThat(TimeFunctions.Calendar.civil(far)).containsExactly(2_000_000_000L, 3L, 1L);
    }

    /** Values java.time refuses: C answers them (or says EOVERFLOW), never an exception. */
    @Test
    void extremeTimesAndYearsGetCAnswers() {
        long t = process.alloc(8);
        long tm = process.alloc(56);
        process.memory().writeLong(t, Long.MAX_VALUE); // a year past what tm_year holds
        assertThat(process.call(libc, "gmtime_r", t, tm)).isZero();
        assertThat(process.memory().readInt(FakeProcess.ERRNO)).isEqualTo(75);
        process.memory().writeLong(t, 26_854_784_949_121L * 86_400); // the day java.time refused in the row sweep
        assertThat(process.call(libc, "gmtime_r", t, tm)).isZero();
        process.memory().writeLong(t, 1_000_000_000_000_000L);
        assertThat(process.call(libc, "gmtime_r", t, tm)).isEqualTo(tm);
        assertThat(process.memory().readInt(tm + 20)).isEqualTo(31_688_738 + 1970 - 1900);
        process.memory().writeLong(t, 0);
        process.call(libc, "gmtime_r", t, tm);
        process.memory().writeInt(tm + 20, Integer.MAX_VALUE);
        long buf = process.alloc(128);
        process.call(libc, "strftime", buf, 128, process.cstring("%Y %C %y %G %V %j %a %s"), tm);
        assertThat(process.readCString(buf)).startsWith("2147485547 21474855 47 2147485547 01 001 Thu ");
        process.memory().writeInt(tm + 24, 99);
        process.memory().writeInt(tm + 16, -5);
        process.call(libc, "strftime", buf, 128, process.cstring("%a %b %m"), tm);
        assertThat(process.readCString(buf)).isEqualTo("? ? -4");
        process.memory().writeInt(tm + 16, 24); // two years past the largest tm_year
        assertThat(process.call(libc, "mktime", tm)).isEqualTo(-1);
    }
}
