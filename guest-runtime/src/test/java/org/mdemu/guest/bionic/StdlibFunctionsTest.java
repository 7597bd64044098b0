package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class StdlibFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    StdlibFunctionsTest() {
        BumpHeap.on(process);
        libc.declare(new StdlibFunctions(process, () -> { }));
    }

    private double strtod(String text) {
        process.memory().writeInt(FakeProcess.ERRNO, 0);
        process.call(libc, "strtod", process.cstring(text), 0);
        return process.regs.d(0);
    }

    @Test
    void strtodReportsOverflowAndUnderflowButNotExactZero() {
        assertThat(strtod("1e400")).isInfinite();
        assertThat(process.errno()).isEqualTo(34);
        assertThat(strtod("1e-400")).isZero();
        assertThat(process.errno()).isEqualTo(34);
        assertThat(strtod("0.000e-999")).isZero();
        assertThat(process.errno()).isZero();
        assertThat(strtod("  -0x1.8p1xyz")).isEqualTo(-3.0);
        assertThat(strtod("nan(123)")).isNaN();
        assertThat(process.errno()).isZero();
    }

    @Test
    void strtoldReturnsTheWholeBinary128InQ0AndSetsTheEnd() {
        long s = process.cstring("1.5e+x");
        long end = process.alloc(8);
        process.call(libc, "strtold", s, end);
        assertThat(process.regs.q(0)).containsExactly(0L, 0x3fff800000000000L);
        assertThat(process.memory().readLong(end)).isEqualTo(s + 3);
    }

    @Test
    void strtolRejectsBasesOutsideTwoToThirtySix() {
        long s = process.cstring("11");
        long end = process.alloc(8);
        assertThat(process.call(libc, "strtol", s, end, 1)).isZero();
        assertThat(process.errno()).isEqualTo(22);
        assertThat(process.memory().readLong(end)).isEqualTo(s);
        assertThat(process.call(libc, "strtol", s, end, 36)).isEqualTo(37);
        assertThat(process.call(libc, "strtoumax", process.cstring("-1"), 0, 10)).isEqualTo(-1L);
    }

    @Test
    void divFamilyReturnsQuotientAndRemainderInRegisters() {
        long packed = process.call(libc, "div", -7, 2);
        assertThat((int) packed).isEqualTo(-3);
        assertThat((int) (packed >> 32)).isEqualTo(-1);
        assertThat(process.call(libc, "lldiv", -9, 4)).isEqualTo(-2);
        assertThat(process.regs.x(1)).isEqualTo(-1);
    }

    @Test
    void divisionByZeroGivesQuotientZeroAndTheDividendAsRemainderAsSdivDoes() {
        long packed = process.call(libc, "div", 7, 0);
        assertThat((int) packed).isZero();
        assertThat((int) (packed >> 32)).isEqualTo(7);
        assertThat(process.call(libc, "ldiv", Long.MIN_VALUE, 0)).isZero();
        assertThat(process.regs.x(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(process.call(libc, "lldiv", Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(process.regs.x(1)).isZero();
    }
}
