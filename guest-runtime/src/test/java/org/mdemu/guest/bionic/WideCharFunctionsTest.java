package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class WideCharFunctionsTest {
    private static final long ILLEGAL = -1, INCOMPLETE = -2;
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    WideCharFunctionsTest() {
        BumpHeap.on(process);
        libc.declare(new WideCharFunctions(process, new PrintfFormatter(process.memory(), () -> "")),
                new MultibyteConversions(process), new WideClasses(process));
    }

    private long bytes(int... b) {
        long p = process.alloc(b.length + 1);
        for (int i = 0; i < b.length; i++) process.memory().writeByte(p + i, b[i]);
        return p;
    }

    private long wide(int... w) {
        long p = process.alloc(4 * w.length + 4);
        for (int i = 0; i < w.length; i++) process.memory().writeInt(p + 4L * i, w[i]);
        return p;
    }

    @Test
    void mbrtowcKeepsAPartialSequenceInTheState() {
        long wc = process.alloc(4), st = process.alloc(8);
        long s = bytes(0xf0, 0x9f, 0x98, 0x80);
        assertThat(process.call(libc, "mbrtowc", wc, s, 2, st)).isEqualTo(INCOMPLETE);
        assertThat(process.call(libc, "mbsinit", st)).isZero();
        assertThat(process.call(libc, "mbrtowc", wc, s + 2, 2, st)).isEqualTo(2);
        assertThat(process.memory().readInt(wc)).isEqualTo(0x1f600);
        assertThat(process.call(libc, "mbsinit", st)).isEqualTo(1);
    }

    @Test
    void mbrtowcRejectsOverlongSurrogatesAndBadContinuations() {
        long wc = process.alloc(4), st = process.alloc(8);
        assertThat(process.call(libc, "mbrtowc", wc, bytes(0xc0, 0x80), 2, st)).isEqualTo(ILLEGAL);
        assertThat(process.errno()).isEqualTo(84);
        assertThat(process.call(libc, "mbrtowc", wc, bytes(0xed, 0xa0, 0x80), 3, st)).isEqualTo(ILLEGAL);
        assertThat(process.call(libc, "mbrtowc", wc, bytes(0xe2, 0x41), 2, st)).isEqualTo(ILLEGAL);
        assertThat(process.call(libc, "mbsinit", st)).as("state reset after an error").isEqualTo(1);
        assertThat(process.call(libc, "mbrtowc", wc, bytes(0), 1, st)).isZero();
    }

    @Test
    void wcrtombEncodesLikeBionicUpTo21Bits() {
        long s = process.alloc(8);
        assertThat(process.call(libc, "wcrtomb", s, 0xe9, 0)).isEqualTo(2);
        assertThat(process.memory().read(s, 2)).containsExactly(0xc3, 0xa9);
        assertThat(process.call(libc, "wcrtomb", s, 0x110000, 0)).isEqualTo(4);
        assertThat(process.call(libc, "wcrtomb", s, 0x200000, 0)).isEqualTo(ILLEGAL);
    }

    @Test
    void stringConversionsStopAtTheDestinationSize() {
        long dst = process.alloc(16);
        long src = wide('a', 0x20ac, 'b', 0);
        long srcPtr = process.alloc(8);
        process.memory().writeLong(srcPtr, src);
        assertThat(process.call(libc, "wcsrtombs", dst, srcPtr, 3, 0)).as("the euro sign does not fit").isEqualTo(1);
        assertThat(process.memory().readLong(srcPtr)).isEqualTo(src + 4);
        assertThat(process.call(libc, "wcstombs", 0, src, 0)).isEqualTo(5);
        long w = process.alloc(16);
        assertThat(process.call(libc, "mbstowcs", w, process.cstring("\u00e9t\u00e9"), 2)).isEqualTo(2);
        assertThat(process.memory().readInt(w + 4)).isEqualTo('t');
    }

    @Test
    void wideStringFunctionsWorkOnFourByteUnits() {
        long s = wide('a', 'b', 'c', 'b', 0);
        assertThat(process.call(libc, "wcslen", s)).isEqualTo(4);
        assertThat(process.call(libc, "wcsrchr", s, 'b')).isEqualTo(s + 12);
        assertThat(process.call(libc, "wcsstr", s, wide('c', 'b', 0))).isEqualTo(s + 8);
        assertThat((int) process.call(libc, "wcscmp", s, wide('a', 'c', 0))).isNegative();
        assertThat(process.call(libc, "wcsspn", s, wide('b', 'a', 0))).isEqualTo(2);
    }

    @Test
    void classesFollowBionicAsciiRulesThenUnicodeProperties() {
        assertThat(process.call(libc, "iswalpha", 0x3b1)).isEqualTo(1);
        assertThat(process.call(libc, "iswupper", 0x391)).isEqualTo(1);
        assertThat(process.call(libc, "towlower", 0x391)).isEqualTo(0x3b1);
        assertThat(process.call(libc, "iswdigit", 0x663)).as("Arabic-Indic three is a decimal number").isEqualTo(1);
        assertThat(process.call(libc, "iswspace", 0xa0)).as("Unicode White_Space").isEqualTo(1);
        assertThat(process.call(libc, "iswspace", 0x1c)).as("ASCII goes through isspace").isZero();
        assertThat(process.call(libc, "iswpunct", 0x2014)).isEqualTo(1);
        assertThat(process.call(libc, "iswpunct", 0x20ac)).as("currency is a symbol, not punctuation").isZero();
        assertThat(process.call(libc, "iswcntrl", 0x85)).isEqualTo(1);
        assertThat(process.call(libc, "towupper", 0xffffffffL)).isEqualTo(0xffffffffL);
        long upper = process.call(libc, "wctype", process.cstring("upper"));
        assertThat(upper).isEqualTo(11);
        assertThat(process.call(libc, "iswctype", 'Q', upper)).isEqualTo(1);
        assertThat(process.call(libc, "wctype", process.cstring("nope"))).isZero();
        long toupper = process.call(libc, "wctrans", process.cstring("toupper"));
        assertThat(process.call(libc, "towctrans", 0xe9, toupper)).isEqualTo(0xc9);
        assertThat(process.call(libc, "wcwidth", 0x4e2d)).isEqualTo(2);
        assertThat(process.call(libc, "wcwidth", 0x301)).isZero();
        assertThat((int) process.call(libc, "wcwidth", 0x7)).isEqualTo(-1);
    }

    @Test
    void swprintfFormatsIntoWideCharactersAndFailsWhenTooSmall() {
        long dst = process.alloc(64);
        long fmt = wide('%', 'd', '-', '%', 'l', 's', 0);
        long arg = wide(0xe9, 0);
        process.regs.setX(3, 42);
        process.regs.setX(4, arg);
        assertThat(process.call(libc, "swprintf", dst, 16, fmt, 42, arg)).isEqualTo(4);
        assertThat(process.memory().readInt(dst + 12)).isEqualTo(0xe9);
        assertThat(process.memory().readInt(dst + 16)).isZero();
        assertThat(process.call(libc, "swprintf", dst, 3, fmt, 42, arg)).isEqualTo(-1);
        assertThat(process.memory().readInt(dst + 8)).as("truncated and terminated").isZero();
    }

    @Test
    void wcstolSetsTheEndInWideCharacters() {
        long s = wide(' ', '0', 'x', '1', 'f', 'g', 0);
        long end = process.alloc(8);
        assertThat(process.call(libc, "wcstol", s, end, 0)).isEqualTo(31);
        assertThat(process.memory().readLong(end)).isEqualTo(s + 20);
    }
}
