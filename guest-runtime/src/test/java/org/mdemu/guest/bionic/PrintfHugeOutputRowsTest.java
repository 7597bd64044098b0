package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.Errno;

/**
 * The printf rows with widths and precisions near INT_MAX: snprintf keeps its prefix and returns the full length,
 * asprintf and swprintf fail with ENOMEM when the heap cannot hold the text (the test heap holds 1 MiB), counts
 * past INT_MAX fail as bionic's vfprintf does, and __sprintf_chk aborts after formatting as bionic's does.
 */
class PrintfHugeOutputRowsTest {
    private final FormattingFuzzTest.Harness h = new FormattingFuzzTest.Harness();

    private long text(String s) {
        return h.text(s.getBytes(StandardCharsets.US_ASCII));
    }

    private long wide(String s) {
        long p = h.process.alloc(4 * (s.length() + 1));
        for (int i = 0; i < s.length(); i++) h.process.memory().writeInt(p + 4L * i, s.charAt(i));
        return p;
    }

    private String wideAt(long p, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.appendCodePoint(h.process.memory().readInt(p + 4L * i));
        return b.toString();
    }

    @Test
    void snprintfKeepsThePrefixAndReturnsTheWholeLength() {
        assertThat(h.process.call(h.libc, "snprintf", h.out, 16, text("%-999999999d|"), 42)).isEqualTo(1_000_000_000L);
        assertThat(h.process.readCString(h.out)).isEqualTo("42" + " ".repeat(13));
        assertThat(h.process.call(h.libc, "snprintf", h.out, 16, text("%.999999999f"), 0)).isEqualTo(1_000_000_001L);
        assertThat(h.process.call(h.libc, "snprintf", 0, 0, text("%*d"), Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aCountPastIntMaxIsMinusOneWithEnomem() {
        assertThat(h.process.call(h.libc, "snprintf", h.out, 16, text("%2147483647d%d"), 1, 2)).isEqualTo(-1);
        assertThat(h.process.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(h.process.readCString(h.out)).isEqualTo(" ".repeat(15));
        assertThat((int) h.process.call(h.libc, "snprintf", h.out, 16, text("%99999999999d"), 1)).isEqualTo(-1);
    }

    @Test
    void asprintfFailsWithEnomemWhenTheHeapCannotHoldTheText() {
        long slot = h.process.alloc(8);
        h.process.memory().writeLong(slot, 0x1234);
        assertThat((int) h.process.call(h.libc, "asprintf", slot, text("%999999999d"), 1)).isEqualTo(-1);
        assertThat(h.process.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(h.process.memory().readLong(slot)).isZero();
        assertThat(h.process.call(h.libc, "asprintf", slot, text("%-3000d|"), 7)).isEqualTo(3001);
        assertThat(h.process.readCString(h.process.memory().readLong(slot))).isEqualTo("7" + " ".repeat(2999) + "|");
    }

    @Test
    void swprintfBuildsInTheHeapThenKeepsNMinusOneCharacters() {
        long dst = h.process.alloc(64 * 4);
        assertThat((int) h.process.call(h.libc, "swprintf", dst, 16, wide("%999999999d"), 1)).isEqualTo(-1);
        assertThat(h.process.errno()).isEqualTo(Errno.ENOMEM);
        assertThat((int) h.process.call(h.libc, "swprintf", dst, 16, wide("%-100d"), 5)).isEqualTo(-1);
        assertThat(h.process.errno()).isEqualTo(Errno.EOVERFLOW);
        assertThat(wideAt(dst, 16)).isEqualTo("5" + " ".repeat(14) + "\0");
        assertThat(h.process.call(h.libc, "swprintf", dst, 16, wide("%-14d|"), 5)).isEqualTo(15);
        assertThat(wideAt(dst, 16)).isEqualTo("5" + " ".repeat(13) + "|\0");
        assertThat((int) h.process.call(h.libc, "swprintf", dst, 0, wide("x"))).isEqualTo(-1);
        assertThat(h.process.errno()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void sprintfChkFormatsThenAbortsWhenTheTextDidNotFit() {
        assertThatThrownBy(() -> h.process.call(h.libc, "__sprintf_chk", h.out, 0, 8, text("%999999999d"), 1))
                .isInstanceOf(FormattingFuzzTest.Terminated.class)
                .hasMessageContaining("vsprintf: prevented 1000000000-byte write into 8-byte buffer");
    }
}
