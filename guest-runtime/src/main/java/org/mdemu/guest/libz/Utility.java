package org.mdemu.guest.libz;

import static org.mdemu.guest.libz.Zlib.*;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.StopPoints;
import org.mdemu.guest.machine.Prot;

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

    /**
     * The source bytes: a length past the readable memory (a size_t past 2^63 included) faults where that memory
     * ends, as zlib's loads would; a readable source too large for one host array is zlib's Z_MEM_ERROR.
     */
    private byte[] read(long address, long length) {
        process.memory().check(address, length, Prot.READ);
        if (length > Integer.MAX_VALUE - 8) throw new TooLarge();
        return process.memory().read(address, (int) length);
    }

    /** A buffer zlib could not allocate here: Z_MEM_ERROR. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The smaller of two lengths read as size_t, at most what one host array holds. */
    private static int hostLength(long a, long b) {
        long min = Long.compareUnsigned(a, b) <= 0 ? a : b;
        return Long.compareUnsigned(min, CHUNK) <= 0 ? (int) min : CHUNK;
    }

    /** Bytes inflated at a time: the output goes to the guest as it comes, never all at once in the host. */
    private static final int CHUNK = 1 << 16;

    private int compress(long dest, long destLenAddress, long source, long sourceLen, int level) {
        if (level == -1) level = 6;
        if (level < 0 || level > 9) return Z_STREAM_ERROR;
        long capacity = process.memory().readLong(destLenAddress);
        Deflater d = new Deflater(level);
        try {
            d.setInput(read(source, sourceLen));
            d.finish();
            // The source is in the host already: its bound is small enough for one array.
            long bound = Math.min(Math.max(compressBound(sourceLen), 64), Integer.MAX_VALUE - 8);
            byte[] out = new byte[(int) (Long.compareUnsigned(capacity, bound) < 0 ? capacity : bound)];
            int n = 0;
            while (!d.finished() && n < out.length) n += d.deflate(out, n, out.length - n);
            process.memory().write(dest, out, 0, n);
            process.memory().writeLong(destLenAddress, n);
            return d.finished() ? Z_OK : Z_BUF_ERROR;
        } catch (TooLarge e) {
            return Z_MEM_ERROR;
        } finally {
            d.end();
        }
    }

    /**
     * uncompress/uncompress2: sourceLenAddress is 0 for uncompress, else where the bytes consumed go. The output
     * goes to dest a chunk at a time, as zlib stores it: a destination that ends before destLen faults there.
     */
    private int uncompress(long dest, long destLenAddress, long source, long sourceLen, long sourceLenAddress) {
        long capacity = process.memory().readLong(destLenAddress);
        Inflater inf = new Inflater();
        try {
            inf.setInput(read(source, sourceLen));
            byte[] chunk = new byte[hostLength(capacity, CHUNK)];
            long n = 0;
            int result;
            try {
                while (true) {
                    if (inf.finished()) {
                        result = Z_OK;
                        break;
                    }
                    // A full buffer is Z_BUF_ERROR; input that ends early (or wants a dictionary) is bad data.
                    if (n == capacity) {
                        result = Z_BUF_ERROR;
                        break;
                    }
                    StopPoints.check();
                    int got = inf.inflate(chunk, 0, hostLength(capacity - n, chunk.length));
                    if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        result = Z_DATA_ERROR;
                        break;
                    }
                    process.memory().write(dest + n, chunk, 0, got);
                    n += got;
                }
            } catch (DataFormatException e) {
                result = Z_DATA_ERROR;
            }
            process.memory().writeLong(destLenAddress, n);
            if (sourceLenAddress != 0) process.memory().writeLong(sourceLenAddress, sourceLen - inf.getRemaining());
            return result;
        } catch (TooLarge e) {
            return Z_MEM_ERROR;
        } finally {
            inf.end();
        }
    }
}
