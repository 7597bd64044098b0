package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

/** Memory streams through the stdio rows, checked against bionic's fmemopen/open_memstream rules. */
class StdioStreamTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final PrintfFormatter formatter = new PrintfFormatter(process.memory(), () -> "");
    private final StdioFunctions stdio = new StdioFunctions(process, null, formatter, () -> "/data/local/tmp");

    StdioStreamTest() {
        BumpHeap.on(process);
        libc.declare(stdio);
    }

    private long fputs(String s, long file) {
        return process.call(libc, "fputs", process.cstring(s), file);
    }

    @Test
    void fmemopenReadModeReadsTheWholeBufferThenEof() {
        long buf = process.cstring("ab");
        long f = process.call(libc, "fmemopen", buf, 2, process.cstring("r"));
        assertThat(process.call(libc, "fgetc", f)).isEqualTo('a');
        assertThat(process.call(libc, "ungetc", 'Z', f)).isEqualTo('Z');
        assertThat(process.call(libc, "ftell", f)).isZero();
        assertThat(process.call(libc, "fgetc", f)).isEqualTo('Z');
        assertThat(process.call(libc, "fgetc", f)).isEqualTo('b');
        assertThat(process.call(libc, "feof", f)).isZero();
        assertThat((int) process.call(libc, "fgetc", f)).isEqualTo(-1);
        assertThat(process.call(libc, "feof", f)).isEqualTo(1);
        assertThat(process.call(libc, "fseek", f, 1, 0)).isZero();
        assertThat(process.call(libc, "feof", f)).isZero();
        assertThat(process.call(libc, "fgetc", f)).isEqualTo('b');
    }

    @Test
    void fmemopenWriteKeepsRoomForTheNulAndReportsEnospc() {
        long buf = process.alloc(8);
        process.memory().write(buf, "XXXXXXXX".getBytes(StandardCharsets.US_ASCII));
        long f = process.call(libc, "fmemopen", buf, 8, process.cstring("w"));
        assertThat(process.readCString(buf)).isEmpty();
        assertThat(fputs("abc", f)).isEqualTo(1);
        assertThat(process.readCString(buf)).isEqualTo("abc");
        assertThat((int) fputs("defghij", f)).isEqualTo(-1);
        assertThat(process.call(libc, "ferror", f)).isEqualTo(1);
        assertThat(process.readCString(buf)).isEqualTo("abcdefg");
        process.call(libc, "clearerr", f);
        assertThat(process.call(libc, "ferror", f)).isZero();
    }

    @Test
    void fmemopenAppendStartsAtTheFirstNul() {
        long buf = process.alloc(16);
        process.memory().write(buf, "hi\0".getBytes(StandardCharsets.US_ASCII));
        long f = process.call(libc, "fmemopen", buf, 16, process.cstring("a+"));
        assertThat(process.call(libc, "ftell", f)).isEqualTo(2);
        fputs("!", f);
        assertThat(process.readCString(buf)).isEqualTo("hi!");
        assertThat(process.call(libc, "fmemopen", buf, 16, process.cstring("q"))).isZero();
        assertThat(process.errno()).isEqualTo(22);
    }

    @Test
    void openMemstreamPublishesBufferAndSizeAfterEachWrite() {
        long bufp = process.alloc(8), sizep = process.alloc(8);
        long f = process.call(libc, "open_memstream", bufp, sizep);
        for (int i = 0; i < 40; i++) fputs("0123456789", f);
        assertThat(process.memory().readLong(sizep)).isEqualTo(400);
        long buffer = process.memory().readLong(bufp);
        assertThat(process.readCString(buffer)).hasSize(400).startsWith("0123456789");
        assertThat(process.call(libc, "fseek", f, 5, 0)).isZero();
        assertThat(process.memory().readLong(sizep)).isEqualTo(5);
        assertThat(process.call(libc, "fclose", f)).isZero();
    }

    @Test
    void fscanfAndGetlineShareTheStreamPosition() {
        long text = process.cstring("12 apples\nsecond line\n");
        long f = process.call(libc, "fmemopen", text, 22, process.cstring("r"));
        long n = process.alloc(4);
        long fmt = process.cstring("%d");
        assertThat(process.call(libc, "fscanf", f, fmt, n)).isEqualTo(1);
        assertThat(process.memory().readInt(n)).isEqualTo(12);
        long line = process.alloc(8), cap = process.alloc(8);
        assertThat(process.call(libc, "getline", line, cap, f)).isEqualTo(8);
        assertThat(process.readCString(process.memory().readLong(line))).isEqualTo(" apples\n");
        assertThat(process.call(libc, "getdelim", line, cap, ' ', f)).isEqualTo(7);
        assertThat(process.readCString(process.memory().readLong(line))).isEqualTo("second ");
    }

    @Test
    void operationsOnAPointerThatIsNoStreamFailWithEbadf() {
        assertThat((int) process.call(libc, "fgetc", 0x1234)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(9);
        assertThat((int) process.call(libc, "fclose", 0x1234)).isEqualTo(-1);
    }

    @Test
    void accessModeIsEnforcedAndReported() {
        long f = process.call(libc, "fmemopen", process.cstring("abc"), 3, process.cstring("r"));
        assertThat(process.call(libc, "__freadable", f)).isEqualTo(1);
        assertThat(process.call(libc, "__fwritable", f)).isZero();
        assertThat((int) fputs("x", f)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(9);
        assertThat(process.call(libc, "ferror", f)).isEqualTo(1);
        long bufp = process.alloc(8), sizep = process.alloc(8);
        long w = process.call(libc, "open_memstream", bufp, sizep);
        assertThat(process.call(libc, "__fwriting", w)).isEqualTo(1);
        assertThat((int) process.call(libc, "fgetc", w)).isEqualTo(-1);
        assertThat(process.call(libc, "ferror", w)).isEqualTo(1);
    }

    @Test
    void wideStreamsDecodeAndEncodeUtf8() {
        libc.declare(new MultibyteConversions(process),
                new WideStdio(process, stdio, new WideCharFunctions(process, formatter), formatter));
        long text = process.cstring("\u00e9\u20ac!");
        long f = process.call(libc, "fmemopen", text, 6, process.cstring("r"));
        assertThat(process.call(libc, "fgetwc", f)).isEqualTo(0xe9);
        assertThat(process.call(libc, "ungetwc", 0x1f600, f)).isEqualTo(0x1f600);
        assertThat(process.call(libc, "getwc", f)).isEqualTo(0x1f600);
        assertThat(process.call(libc, "getwc", f)).isEqualTo(0x20ac);
        assertThat(process.call(libc, "getwc", f)).isEqualTo('!');
        assertThat(process.call(libc, "getwc", f)).isEqualTo(0xffffffffL);
        long bad = process.call(libc, "fmemopen", process.cstring("\u00e9"), 1, process.cstring("r"));
        assertThat(process.call(libc, "fgetwc", bad)).isEqualTo(0xffffffffL);
        assertThat(process.errno()).isEqualTo(84);
        long bufp = process.alloc(8), sizep = process.alloc(8);
        long w = process.call(libc, "open_memstream", bufp, sizep);
        assertThat(process.call(libc, "fputwc", 0x20ac, w)).isEqualTo(0x20ac);
        assertThat(process.memory().readLong(sizep)).isEqualTo(3);
    }
}
