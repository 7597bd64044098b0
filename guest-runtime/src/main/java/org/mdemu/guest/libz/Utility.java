package org.mdemu.guest.libz;

import static org.mdemu.guest.libz.Zlib.*;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/** zlib's one-call functions (compress, uncompress) with their bounds, and version and error texts. */
final class Utility implements LibrarySection {
    /** zlibCompileFlags: uInt 32 bits (1), uLong, voidpf and z_off_t 64 bits (2 each, in bits 2-3, 4-5, 6-7). */
    private static final int COMPILE_FLAGS = 1 | 2 << 2 | 2 << 4 | 2 << 6;

    private final GuestProcess process;
    private final Strings strings;

    Utility(GuestProcess process, Strings strings) {
        this.process = process;
        this.strings = strings;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("compress", f -> f.ret(compress(f.ptr(0), f.ptr(1), f.ptr(2), f.i64(3), 6)));
        t.function("compress2", f -> f.ret(compress(f.ptr(0), f.ptr(1), f.ptr(2), f.i64(3), f.i32(4))));
        t.function("compressBound", "ZLIB_1.2.0", Support.FULL, f -> f.ret(compressBound(f.i64(0))));
        t.function("uncompress", f -> f.ret(uncompress(f.ptr(0), f.ptr(1), f.ptr(2), f.i64(3), 0)));
        t.function("uncompress2", "ZLIB_1.2.9", Support.FULL,
                f -> f.ret(uncompress(f.ptr(0), f.ptr(1), f.ptr(2), process.memory().readLong(f.ptr(3)), f.ptr(3))));
        t.function("zlibVersion", f -> f.ret(strings.of(VERSION)));
        t.function("zError", f -> f.ret(strings.of(errorText(f.i32(0)))));
        t.function("zlibCompileFlags", "ZLIB_1.2.0.2", Support.FULL, f -> f.ret(COMPILE_FLAGS));
    }

    static long compressBound(long sourceLen) {
        return sourceLen + (sourceLen >>> 12) + (sourceLen >>> 14) + (sourceLen >>> 25) + 13;
    }

    private byte[] read(long address, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("buffer of " + length + " bytes");
        return process.memory().read(address, (int) length);
    }

    private int compress(long dest, long destLenAddress, long source, long sourceLen, int level) {
        if (level == -1) level = 6;
        if (level < 0 || level > 9) return Z_STREAM_ERROR;
        long capacity = process.memory().readLong(destLenAddress);
        Deflater d = new Deflater(level);
        try {
            d.setInput(read(source, sourceLen));
            d.finish();
            byte[] out = new byte[(int) Math.min(capacity, Math.max(compressBound(sourceLen), 64))];
            int n = 0;
            while (!d.finished() && n < out.length) n += d.deflate(out, n, out.length - n);
            process.memory().write(dest, out, 0, n);
            process.memory().writeLong(destLenAddress, n);
            return d.finished() ? Z_OK : Z_BUF_ERROR;
        } finally {
            d.end();
        }
    }

    /** uncompress/uncompress2: sourceLenAddress is 0 for uncompress, else where the bytes consumed go. */
    private int uncompress(long dest, long destLenAddress, long source, long sourceLen, long sourceLenAddress) {
        long capacity = process.memory().readLong(destLenAddress);
        Inflater inf = new Inflater();
        try {
            inf.setInput(read(source, sourceLen));
            byte[] out = new byte[(int) Math.min(capacity, Integer.MAX_VALUE - 8)];
            int n = 0;
            try {
                while (!inf.finished() && n < out.length) {
                    int got = inf.inflate(out, n, out.length - n);
                    n += got;
                    if (got == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                }
                if (!inf.finished()) {
                    // A full buffer is Z_BUF_ERROR; input that ends early (or wants a dictionary) is bad data.
                    return finish(dest, destLenAddress, sourceLenAddress, out, n, sourceLen - inf.getRemaining(),
                            n == out.length ? Z_BUF_ERROR : Z_DATA_ERROR);
                }
            } catch (DataFormatException e) {
                return finish(dest, destLenAddress, sourceLenAddress, out, n, sourceLen - inf.getRemaining(), Z_DATA_ERROR);
            }
            return finish(dest, destLenAddress, sourceLenAddress, out, n, sourceLen - inf.getRemaining(), Z_OK);
        } finally {
            inf.end();
        }
    }

    private int finish(long dest, long destLenAddress, long sourceLenAddress, byte[] out, int n, long consumed, int result) {
        if (n > 0) process.memory().write(dest, out, 0, n);
        process.memory().writeLong(destLenAddress, n);
        if (sourceLenAddress != 0) process.memory().writeLong(sourceLenAddress, consumed);
        return result;
    }
}
