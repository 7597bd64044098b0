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
}
