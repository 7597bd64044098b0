package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * The wide-character side of stdio (wchar.h): streams carry UTF-8 bytes, as bionic's do, and these functions
 * decode and encode wide characters on top of the byte streams of {@link StdioFunctions}.
 */
public final class WideStdio implements LibrarySection {
    private static final long WEOF = 0xffffffffL;
    private static final Support ORIENTATION = Support.partial("streams have no orientation: byte and wide calls mix");

    private final GuestProcess process;
    private final StdioFunctions stdio;
    private final WideCharFunctions wide;
    private final PrintfFormatter formatter;

    public WideStdio(GuestProcess process, StdioFunctions stdio, WideCharFunctions wide, PrintfFormatter formatter) {
        this.process = process;
        this.stdio = stdio;
        this.wide = wide;
        this.formatter = formatter;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("fgetwc", f -> f.ret(getwc(stdio.stream(f.ptr(0)))));
        t.function("getwc", f -> f.ret(getwc(stdio.stream(f.ptr(0)))));
        t.function("getwchar", f -> f.ret(getwc(stdio.stream(stdio.standardStream(0)))));
        t.function("fputwc", f -> f.ret(putwc(f.i32(0), stdio.stream(f.ptr(1)))));
        t.function("putwc", f -> f.ret(putwc(f.i32(0), stdio.stream(f.ptr(1)))));
        t.function("putwchar", f -> f.ret(putwc(f.i32(0), stdio.stream(stdio.standardStream(1)))));
        t.function("ungetwc", f -> f.ret(ungetwc(f.i32(0), stdio.stream(f.ptr(1)))));
        t.function("fgetws", f -> f.ret(fgetws(f.ptr(0), f.i32(1), stdio.stream(f.ptr(2)))));
        t.function("fputws", f -> {
            StdioStream s = stdio.stream(f.ptr(1));
            f.ret(s == null || stdio.emit(s, wide.utf8(f.ptr(0))) < 0 ? -1 : 0);
        });
        t.function("fwide", ORIENTATION, f -> f.ret(Integer.signum(f.i32(1))));
        t.function("wprintf", f -> f.ret(print(stdio.standardStream(1), f.ptr(0), f.varargs(1, 0))));
        t.function("vwprintf", f -> f.ret(print(stdio.standardStream(1), f.ptr(0), f.vaList(f.ptr(1)))));
        t.function("fwprintf", f -> f.ret(print(f.ptr(0), f.ptr(1), f.varargs(2, 0))));
        t.function("vfwprintf", f -> f.ret(print(f.ptr(0), f.ptr(1), f.vaList(f.ptr(2)))));
        Support bytes = Support.partial("%n counts UTF-8 bytes of the input, not wide characters");
        t.function("wscanf", bytes, f -> f.ret(scan(stdio.standardStream(0), f.ptr(0), f.varargs(1, 0))));
        t.function("vwscanf", bytes, f -> f.ret(scan(stdio.standardStream(0), f.ptr(0), f.vaList(f.ptr(1)))));
        t.function("fwscanf", bytes, f -> f.ret(scan(f.ptr(0), f.ptr(1), f.varargs(2, 0))));
        t.function("vfwscanf", bytes, f -> f.ret(scan(f.ptr(0), f.ptr(1), f.vaList(f.ptr(2)))));
    }

    /** fgetwc: one UTF-8 sequence from the stream; WEOF at the end, or with EILSEQ for bytes that are no character. */
    private long getwc(StdioStream s) {
        if (s == null) return WEOF;
        int lead = s.read();
        if (lead < 0) return WEOF;
        int length = MultibyteConversions.sequenceLength(lead);
        byte[] seq = new byte[Math.max(length, 1)];
        seq[0] = (byte) lead;
        for (int i = 1; i < length; i++) {
            int c = s.read();
            if (c < 0 || (c & 0xc0) != 0x80) {
                if (c >= 0) s.unread(c);
                length = 0;
                break;
            }
            seq[i] = (byte) c;
        }
        int c = length == 0 ? -1 : MultibyteConversions.decode(seq);
        if (c < 0) {
            process.setErrno(Errno.EILSEQ);
            return WEOF;
        }
        return c;
    }

    private long putwc(int c, StdioStream s) {
        byte[] b = MultibyteConversions.encode(c);
        if (b == null) {
            process.setErrno(Errno.EILSEQ);
            return WEOF;
        }
        return s == null || stdio.emit(s, b) < 0 ? WEOF : c & 0xffffffffL;
    }

    /** ungetwc: pushes back the character's UTF-8 bytes so the next read decodes it again. */
    private long ungetwc(int c, StdioStream s) {
        byte[] b = MultibyteConversions.encode(c);
        if (s == null || c == -1 || b == null) return WEOF;
        for (int i = b.length - 1; i >= 0; i--) s.unread(b[i] & 0xff);
        return c & 0xffffffffL;
    }

    private long fgetws(long buffer, int n, StdioStream s) {
        if (s == null || n <= 0) return 0;
        int count = 0;
        while (count < n - 1) {
            long c = getwc(s);
            if (c == WEOF) break;
            process.memory().writeInt(buffer + 4L * count++, (int) c);
            if (c == '\n') break;
        }
        if (count == 0 || s.error()) return 0;
        process.memory().writeInt(buffer + 4L * count, 0);
        return buffer;
    }

    /**
     * fwprintf: the wide format and output go through the narrow engine as UTF-8, in chunks to the stream;
     * returns the wide characters written (UTF-8 lead bytes counted as they pass).
     */
    private long print(long file, long format, VarArgs args) {
        StdioStream s = stdio.stream(file);
        if (s == null) return -1;
        long[] characters = {0};
        PrintfSink sink = PrintfSink.to((b, off, len) -> {
            for (int i = off; i < off + len; i++) if ((b[i] & 0xc0) != 0x80) characters[0]++;
            return s.write(b, off, len) < len ? s.lastErrno() : 0;
        });
        long r = formatter.format(wide.utf8(format), args, sink);
        if (r < 0) {
            process.setErrno((int) -r);
            return -1;
        }
        return characters[0];
    }

    private long scan(long file, long format, VarArgs args) {
        StdioStream s = stdio.stream(file);
        if (s == null) return -1;
        return new ScanfParser(process.memory()).scan(wide.utf8(format), s, args);
    }
}
