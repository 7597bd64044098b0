package org.mdemu.guest.libz;

import static org.mdemu.guest.libz.Zlib.*;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.bionic.PrintfFormatter;
import org.mdemu.guest.bionic.PrintfSink;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.LinuxKernel;

/**
 * The gz* file functions over the guest's file descriptors. Writing compresses as it goes into gzip members with
 * zlib's default header; reading takes the whole file at the first read and decompresses every member (a file that
 * is not gzip is read as it is, as zlib's transparent mode does). A gzFile is a guest struct whose public head
 * (have, next, pos) stays {0, NULL, ...}, so zlib.h's gzgetc macro always calls the function.
 */
final class GzFiles implements LibrarySection {
    private static final int AT_FDCWD = -100;
    private static final int O_WRONLY = 1, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000, O_APPEND = 02000,
            O_CLOEXEC = 02000000;
    private static final Support READ_NOTE = Support.partial("a file opened for reading is decompressed whole at the first read");

    private final GuestProcess process;
    private final LinuxKernel kernel;
    private final Strings strings;
    private static final int GZBUFSIZE = 8192;

    private final PrintfFormatter formatter;
    private final Map<Long, GzFile> files = new HashMap<>();

    GzFiles(GuestProcess process, LinuxKernel kernel, Strings strings) {
        this.process = process;
        this.kernel = kernel;
        this.strings = strings;
        this.formatter = new PrintfFormatter(process == null ? null : process.memory(), () -> "");
    }

    private static final class GzFile {
        final int fd;
        final boolean writing;
        int level = 6, strategy = Deflater.DEFAULT_STRATEGY;
        int error = Z_OK;
        String message = "";
        boolean eof;
        // reading
        byte[] plain;
        int cursor;
        boolean direct;
        // writing
        Deflater deflater;
        long crc, size, written;

        GzFile(int fd, boolean writing) {
            this.fd = fd;
            this.writing = writing;
        }
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("gzopen", READ_NOTE, f -> f.ret(open(f.ptr(0), -1, f.cstr(1))));
        t.function("gzopen64", "ZLIB_1.2.3.3", READ_NOTE, f -> f.ret(open(f.ptr(0), -1, f.cstr(1))));
        t.function("gzdopen", READ_NOTE, f -> f.ret(f.i32(0) < 0 ? 0 : open(0, f.i32(0), f.cstr(1))));
        t.function("gzread", READ_NOTE, f -> f.ret(read(f.ptr(0), f.ptr(1), f.u32(2))));
        t.function("gzfread", "ZLIB_1.2.9", READ_NOTE, f -> {
            long size = f.i64(1), count = f.i64(2);
            long n = size == 0 ? 0 : read(f.ptr(3), f.ptr(0), size * count);
            f.ret(n <= 0 ? 0 : n / size);
        });
        t.function("gzwrite", f -> {
            long length = f.u32(2);
            // zlib takes an unsigned length but returns an int: a length past INT_MAX is refused.
            if (length > Integer.MAX_VALUE) {
                f.ret(refuse(f.ptr(0), Z_DATA_ERROR, "requested length does not fit in int"));
                return;
            }
            f.ret(writeGuest(f.ptr(0), f.ptr(1), length));
        });
        t.function("gzfwrite", "ZLIB_1.2.9", Support.FULL, f -> {
            long size = f.i64(1), count = f.i64(2);
            if (size != 0 && Long.compareUnsigned(count, Long.divideUnsigned(-1L, size)) > 0) {
                f.ret(refuse(f.ptr(3), Z_STREAM_ERROR, "request does not fit in a size_t"));
                return;
            }
            long n = size == 0 ? 0 : writeGuest(f.ptr(3), f.ptr(0), size * count);
            f.ret(n <= 0 ? 0 : Long.divideUnsigned(n, size));
        });
        t.function("gzputs", f -> f.ret(write(f.ptr(0), process.memory().readCBytes(f.ptr(1)))));
        t.function("gzputc", f -> {
            long n = write(f.ptr(0), new byte[] {(byte) f.i32(1)});
            f.ret(n == 1 ? f.i32(1) & 0xff : -1);
        });
        t.function("gzprintf", f -> f.ret(printf(f.ptr(0), f.ptr(1), f.varargs(2, 0))));
        t.function("gzvprintf", "ZLIB_1.2.7.1", Support.FULL, f -> f.ret(printf(f.ptr(0), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("gzgetc", READ_NOTE, f -> f.ret(getc(f.ptr(0))));
        t.function("gzgetc_", "ZLIB_1.2.5.2", READ_NOTE, f -> f.ret(getc(f.ptr(0))));
        t.function("gzungetc", "ZLIB_1.2.0.2", Support.FULL, f -> f.ret(ungetc(f.i32(0), f.ptr(1))));
        t.function("gzgets", READ_NOTE, this::gets);
        t.function("gzeof", f -> {
            GzFile g = files.get(f.ptr(0));
            f.ret(g != null && !g.writing && g.eof ? 1 : 0);
        });
        t.function("gzdirect", "ZLIB_1.2.2.3", Support.FULL, f -> {
            GzFile g = files.get(f.ptr(0));
            if (g != null && !g.writing) load(g);
            f.ret(g != null && g.direct ? 1 : 0);
        });
        t.function("gzflush", Support.partial("Z_PARTIAL_FLUSH and Z_BLOCK flush as Z_SYNC_FLUSH"), f -> f.ret(flush(f.ptr(0), f.i32(1))));
        t.function("gzclose", f -> f.ret(close(f.ptr(0))));
        t.function("gzclose_r", "ZLIB_1.2.3.5", Support.FULL, f -> f.ret(close(f.ptr(0))));
        t.function("gzclose_w", "ZLIB_1.2.3.5", Support.FULL, f -> f.ret(close(f.ptr(0))));
        t.function("gzerror", f -> {
            GzFile g = files.get(f.ptr(0));
            if (f.ptr(1) != 0) process.memory().writeInt(f.ptr(1), g == null ? Z_STREAM_ERROR : g.error);
            f.ret(g == null ? 0 : strings.of(g.message));
        });
        t.function("gzclearerr", "ZLIB_1.2.0.2", Support.FULL, f -> {
            GzFile g = files.get(f.ptr(0));
            if (g != null) {
                g.error = Z_OK;
                g.message = "";
                if (!g.writing) g.eof = false;
            }
        });
        t.function("gzbuffer", "ZLIB_1.2.3.5", Support.full("accepted: mdemu sizes its buffers itself"),
                f -> f.ret(files.containsKey(f.ptr(0)) && f.u32(1) >= 2 ? 0 : -1));
        t.function("gzsetparams", Support.FULL, f -> f.ret(setParams(f.ptr(0), f.i32(1), f.i32(2))));
        t.function("gzrewind", READ_NOTE, f -> {
            GzFile g = files.get(f.ptr(0));
            if (g == null || g.writing) {
                f.ret(-1);
                return;
            }
            g.cursor = 0;
            g.eof = false;
            f.ret(0);
        });
        Support seekNote = Support.partial("reading: any position in the decompressed data; writing: forward only, as zlib");
        for (String name : new String[] {"gzseek", "gzseek64"}) {
            t.function(name, name.endsWith("64") ? "ZLIB_1.2.3.3" : SONAME_VERSION, seekNote, f -> f.ret(seek(f.ptr(0), f.i64(1), f.i32(2))));
        }
        for (String name : new String[] {"gztell", "gztell64"}) {
            t.function(name, name.endsWith("64") ? "ZLIB_1.2.3.3" : SONAME_VERSION, Support.FULL, f -> f.ret(tell(f.ptr(0))));
        }
        for (String name : new String[] {"gzoffset", "gzoffset64"}) {
            t.function(name, "ZLIB_1.2.3.5", Support.partial("the compressed offset: file size when reading, bytes written when writing"),
                    f -> {
                        GzFile g = files.get(f.ptr(0));
                        f.ret(g == null ? -1 : g.writing ? g.written : g.plain == null ? 0 : g.cursor);
                    });
        }
    }

    private static final String SONAME_VERSION = SONAME;

    private long open(long path, int fd, String mode) {
        if (mode == null) return 0;
        boolean writing = false, append = false, exclusive = false, cloexec = false;
        int level = 6, strategy = Deflater.DEFAULT_STRATEGY;
        boolean sawMode = false;
        for (char c : mode.toCharArray()) {
            switch (c) {
                case 'r' -> { writing = false; sawMode = true; }
                case 'w' -> { writing = true; sawMode = true; }
                case 'a' -> { writing = true; append = true; sawMode = true; }
                case 'x' -> exclusive = true;
                case 'e' -> cloexec = true;
                case 'f' -> strategy = Deflater.FILTERED;
                case 'h' -> strategy = Deflater.HUFFMAN_ONLY;
                default -> {
                    if (c >= '0' && c <= '9') level = c - '0';
                }
            }
        }
        if (!sawMode) return 0;
        if (fd < 0) {
            int flags = writing ? O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | (exclusive ? O_EXCL : 0) : 0;
            long opened = kernel.openat(AT_FDCWD, path, flags | (cloexec ? O_CLOEXEC : 0), 0666);
            if (opened < 0) {
                process.setErrno((int) -opened);
                return 0;
            }
            fd = (int) opened;
        }
        long handle = process.heap().calloc(1, 24);
        GzFile g = new GzFile(fd, writing);
        g.level = level;
        g.strategy = strategy;
        files.put(handle, g);
        return handle;
    }

    /** Reads the rest of the file and decompresses it (transparently copies a file that is not gzip). */
    private boolean load(GzFile g) {
        if (g.plain != null) return g.error == Z_OK;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        while (true) {
            long n = process.files().read(g.fd, chunk, 0, chunk.length);
            if (n < 0) return fail(g, Z_ERRNO, org.mdemu.guest.bionic.ErrnoNames.describe((int) -n));
            if (n == 0) break;
            raw.write(chunk, 0, (int) n);
        }
        byte[] in = raw.toByteArray();
        if (in.length < 2 || (in[0] & 0xff) != 0x1f || (in[1] & 0xff) != 0x8b) {
            g.direct = true;
            g.plain = in;
            return true;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        byte[] buffer = new byte[65536];
        while (at + 1 < in.length && (in[at] & 0xff) == 0x1f && (in[at + 1] & 0xff) == 0x8b) {
            int headerLength = GzipHeader.length(java.util.Arrays.copyOfRange(in, at, Math.min(in.length, at + 65536)));
            if (headerLength <= 0) return truncated(g, out);
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(in, at + headerLength, in.length - at - headerLength);
                long crc = 0, size = 0;
                while (!inf.finished()) {
                    int n = inf.inflate(buffer);
                    if (n == 0 && inf.needsInput()) return truncated(g, out);
                    crc = Checksums.crc32(crc, buffer, 0, n);
                    size += n;
                    out.write(buffer, 0, n);
                }
                at = in.length - inf.getRemaining();
                if (at + 8 > in.length) return truncated(g, out);
                long storedCrc = le32(in, at), storedSize = le32(in, at + 4);
                if (storedCrc != crc || storedSize != (size & 0xffffffffL)) {
                    g.plain = out.toByteArray();
                    return fail(g, Z_DATA_ERROR, storedCrc != crc ? "incorrect data check" : "incorrect length check");
                }
                at += 8;
            } catch (DataFormatException e) {
                g.plain = out.toByteArray();
                return fail(g, Z_DATA_ERROR, e.getMessage() == null ? "invalid data" : e.getMessage());
            } finally {
                inf.end();
            }
        }
        g.plain = out.toByteArray();
        return true;
    }

    private boolean truncated(GzFile g, ByteArrayOutputStream out) {
        g.plain = out.toByteArray();
        return fail(g, Z_BUF_ERROR, "unexpected end of file");
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private boolean fail(GzFile g, int error, String message) {
        g.error = error;
        g.message = message;
        return false;
    }

    /** gzread: bytes read, 0 at the end, -1 on error (after returning what could be decompressed). */
    private long read(long file, long buffer, long length) {
        GzFile g = files.get(file);
        if (g == null || g.writing || length > Integer.MAX_VALUE) return -1;
        boolean ok = load(g);
        int n = (int) Math.min(length, g.plain.length - g.cursor);
        if (n > 0) process.memory().write(buffer, g.plain, g.cursor, n);
        g.cursor += n;
        if (g.cursor == g.plain.length && length > n) g.eof = true;
        if (n == 0 && !ok) return -1;
        return n;
    }

    private int getc(long file) {
        GzFile g = files.get(file);
        if (g == null || g.writing) return -1;
        load(g);
        if (g.cursor >= g.plain.length) {
            g.eof = true;
            return -1;
        }
        return g.plain[g.cursor++] & 0xff;
    }

    private int ungetc(int c, long file) {
        GzFile g = files.get(file);
        if (g == null || g.writing || c < 0) return -1;
        load(g);
        if (g.cursor > 0 && (g.plain[g.cursor - 1] & 0xff) == (c & 0xff)) {
            g.cursor--;
        } else {
            byte[] grown = new byte[g.plain.length - g.cursor + 1];
            grown[0] = (byte) c;
            System.arraycopy(g.plain, g.cursor, grown, 1, g.plain.length - g.cursor);
            g.plain = grown;
            g.cursor = 0;
        }
        g.eof = false;
        return c & 0xff;
    }

    private void gets(CallFrame f) {
        GzFile g = files.get(f.ptr(0));
        long buffer = f.ptr(1);
        int size = f.i32(2);
        if (g == null || g.writing || buffer == 0 || size < 1) {
            f.ret(0);
            return;
        }
        load(g);
        int start = g.cursor, end = start;
        while (end < g.plain.length && end - start < size - 1) {
            if (g.plain[end++] == '\n') break;
        }
        if (end == start) {
            g.eof = true;
            f.ret(0);
            return;
        }
        byte[] line = java.util.Arrays.copyOfRange(g.plain, start, end + 1);
        line[line.length - 1] = 0;
        process.memory().write(buffer, line);
        g.cursor = end;
        f.ret(buffer);
    }

    /** Sets the file's error, as zlib's gz_error, and answers 0 (nothing written). */
    private long refuse(long file, int error, String message) {
        GzFile g = files.get(file);
        if (g == null) return 0;
        fail(g, error, message);
        return 0;
    }

    /**
     * Compresses length bytes of guest memory in 64 KiB chunks (a guest length is no host array size); the range
     * is checked before anything is written, so a bad buffer faults with nothing compressed.
     */
    private long writeGuest(long file, long address, long length) {
        GzFile g = files.get(file);
        if (g == null || !g.writing) return file == 0 ? -1 : 0;
        if (g.error != Z_OK || length == 0) return 0;
        process.memory().check(address, length, org.mdemu.guest.machine.Prot.READ);
        byte[] chunk = new byte[(int) Math.min(length, 1 << 16)];
        for (long done = 0; done < length; done += chunk.length) {
            int k = (int) Math.min(chunk.length, length - done);
            process.memory().read(address + done, chunk, 0, k);
            if (write(file, k == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, k)) != k) return 0;
        }
        return length;
    }

    private long write(long file, byte[] data) {
        GzFile g = files.get(file);
        if (g == null || !g.writing) return file == 0 ? -1 : 0;
        if (g.error != Z_OK) return 0;
        if (data.length == 0) return 0;
        Deflater d = deflater(g);
        d.setInput(data);
        byte[] out = new byte[65536];
        while (!d.needsInput()) {
            int n = d.deflate(out, 0, out.length, Deflater.NO_FLUSH);
            if (!emit(g, out, n)) return 0;
        }
        g.crc = Checksums.crc32(g.crc, data);
        g.size += data.length;
        return data.length;
    }

    /** The member's deflater, writing zlib's default gzip header when a member starts. */
    private Deflater deflater(GzFile g) {
        if (g.deflater == null) {
            g.deflater = new Deflater(g.level, true);
            g.deflater.setStrategy(g.strategy);
            int xfl = g.level == 9 ? 2 : (g.strategy == Deflater.HUFFMAN_ONLY || g.level < 2) ? 4 : 0;
            emit(g, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3}, 10);
            g.crc = 0;
            g.size = 0;
        }
        return g.deflater;
    }

    private boolean emit(GzFile g, byte[] bytes, int length) {
        int at = 0;
        while (at < length) {
            long n = process.files().write(g.fd, bytes, at, length - at);
            if (n <= 0) return fail(g, Z_ERRNO, n < 0 ? org.mdemu.guest.bionic.ErrnoNames.describe((int) -n) : "write failed");
            at += (int) n;
        }
        g.written += length;
        return true;
    }

    private int flush(long file, int mode) {
        GzFile g = files.get(file);
        if (g == null || !g.writing || mode < Z_NO_FLUSH || mode > Z_FINISH) return Z_STREAM_ERROR;
        if (g.error != Z_OK) return g.error;
        if (mode == Z_NO_FLUSH) return Z_OK;
        if (mode == Z_FINISH) return finishMember(g) ? Z_OK : g.error;
        Deflater d = deflater(g);
        byte[] out = new byte[65536];
        int n;
        do {
            n = d.deflate(out, 0, out.length, mode == Z_FULL_FLUSH ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH);
            if (!emit(g, out, n)) return g.error;
        } while (n == out.length);
        return Z_OK;
    }

    /** Ends the current member (an empty one if nothing was written yet, as zlib's gzclose makes). */
    private boolean finishMember(GzFile g) {
        Deflater d = deflater(g);
        d.finish();
        byte[] out = new byte[65536];
        while (!d.finished()) {
            int n = d.deflate(out);
            if (!emit(g, out, n)) return false;
        }
        d.end();
        g.deflater = null;
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (g.crc >>> (8 * i));
            trailer[4 + i] = (byte) (g.size >>> (8 * i));
        }
        return emit(g, trailer, 8);
    }

    /**
     * gzprintf: zlib formats with vsnprintf into its input buffer (GZBUFSIZE, 8192 bytes) and returns 0 when the
     * result is empty or does not fit in it.
     */
    private int printf(long file, long format, VarArgs args) {
        GzFile g = files.get(file);
        if (g == null || !g.writing) return Z_STREAM_ERROR;
        PrintfSink.Kept line = PrintfSink.kept(GZBUFSIZE - 1);
        long count = formatter.format(process.memory().readCBytes(format), args, line.sink());
        if (count <= 0 || count >= GZBUFSIZE) return 0;
        byte[] text = line.bytes();
        long n = write(file, text);
        return n == text.length ? text.length : n < 0 ? -1 : 0;
    }

    private int setParams(long file, int level, int strategy) {
        GzFile g = files.get(file);
        if (g == null || !g.writing) return Z_STREAM_ERROR;
        if (level == -1) level = 6;
        if (level < 0 || level > 9 || strategy < 0 || strategy > 4) return Z_STREAM_ERROR;
        g.level = level;
        g.strategy = strategy == 1 ? Deflater.FILTERED : strategy == 2 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY;
        if (g.deflater != null) {
            g.deflater.setLevel(level);
            g.deflater.setStrategy(g.strategy);
        }
        return Z_OK;
    }

    private long seek(long file, long offset, int whence) {
        GzFile g = files.get(file);
        if (g == null || (whence != 0 && whence != 1)) return -1;
        if (g.writing) {
            long target = whence == 0 ? offset : g.size + offset;
            if (target < g.size) return -1;
            if (target > g.size && write(file, new byte[(int) (target - g.size)]) < 0) return -1;
            return g.size;
        }
        load(g);
        long target = whence == 0 ? offset : g.cursor + offset;
        if (target < 0) return -1;
        g.cursor = (int) Math.min(target, g.plain.length);
        g.eof = false;
        return target;
    }

    private long tell(long file) {
        GzFile g = files.get(file);
        if (g == null) return -1;
        if (g.writing) return g.size;
        return g.plain == null ? 0 : g.cursor;
    }

    private int close(long file) {
        GzFile g = files.remove(file);
        if (g == null) return Z_STREAM_ERROR;
        int result = Z_OK;
        if (g.writing && g.error == Z_OK && !finishMember(g)) result = Z_ERRNO;
        if (kernel.close(g.fd) < 0 && result == Z_OK) result = Z_ERRNO;
        process.heap().free(file);
        return g.writing ? result : g.error == Z_OK || g.error == Z_BUF_ERROR ? result : g.error;
    }
}
