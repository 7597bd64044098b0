package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.vfs.FileTable;

/**
 * stdio.h. A guest {@code FILE*} is an opaque object the guest never looks into; Java maps it to a
 * {@link StdioStream} (a descriptor or guest memory, with pushback and the eof/error indicators).
 */
public final class StdioFunctions implements LibrarySection {
    /** sizeof(FILE) on LP64 bionic: the legacy __sFILE layout NDK code may still index in __sF. */
    public static final int SIZEOF_FILE = 152;
    private static final int EOF = -1;
    private static final Support UNBUFFERED = Support.partial("unbuffered: every call writes through");

    private final GuestProcess process;
    private final FileTable files;
    private final PrintfFormatter formatter;
    private final Supplier<String> tmpdir;
    private final Fortify fortify;
    private final Map<Long, StdioStream> streams = new HashMap<>();
    private long sF;
    private int tmpfiles;
    /** Streams popen made, with their child's pid: closing one waits for the child (bionic's _popen_pid). */
    private final Map<Long, Integer> popenChildren = new HashMap<>();
    private java.util.function.IntToLongFunction childReaper;

    /** @param tmpdir the directory tmpfile uses ($TMPDIR, or /data/local/tmp when unset) */
    public StdioFunctions(GuestProcess process, FileTable files, PrintfFormatter formatter, Supplier<String> tmpdir) {
        this.process = process;
        this.files = files;
        this.formatter = formatter;
        this.tmpdir = tmpdir;
        this.fortify = new Fortify(process);
    }

    /**
     * Marks a stream as popen's: fclose and pclose then return the status reaper gives for the child (or keep their
     * own result when it answers -1), as bionic's __FILE_close waits for _popen_pid.
     */
    long fdopenForPopen(int fd, String mode) {
        return fdopen(fd, mode);
    }

    void markPopened(long file, int pid, java.util.function.IntToLongFunction reaper) {
        popenChildren.put(file, pid);
        childReaper = reaper;
    }

    @Override
    public void declare(LibraryTable t) {
        t.data("__sF", "LIBC", 3 * SIZEOF_FILE, 8, Support.FULL, address -> {
            sF = address;
            for (int fd = 0; fd < 3; fd++) {
                streams.put(address + (long) fd * SIZEOF_FILE,
                        new StdioStream(StdioStream.descriptor(process.files(), fd), fd == 0 ? 0 : FileTable.O_WRONLY));
            }
        });
        String[] names = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; fd++) {
            int n = fd;
            t.data(names[fd], "LIBC", 8, 8, Support.FULL,
                    address -> process.memory().writeLong(address, sF + (long) n * SIZEOF_FILE));
        }
        declarePrintf(t);
        declareScanf(t);
        declareCharacterIo(t);
        declareStreams(t);
    }

    private void declarePrintf(LibraryTable t) {
        t.function("printf", f -> f.ret(print(stdout(), f.ptr(0), f.varargs(1, 0))));
        t.function("vprintf", f -> f.ret(print(stdout(), f.ptr(0), f.vaList(f.ptr(1)))));
        t.function("fprintf", f -> f.ret(print(stream(f.ptr(0)), f.ptr(1), f.varargs(2, 0))));
        t.function("vfprintf", f -> f.ret(print(stream(f.ptr(0)), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("dprintf", f -> f.ret(printFd(f.i32(0), f.ptr(1), f.varargs(2, 0))));
        t.function("vdprintf", f -> f.ret(printFd(f.i32(0), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("snprintf", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), f.ptr(2), f.varargs(3, 0))));
        t.function("vsnprintf", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), f.ptr(2), f.vaList(f.ptr(3)))));
        t.function("sprintf", f -> f.ret(toBuffer(f.ptr(0), Long.MAX_VALUE, f.ptr(1), f.varargs(2, 0))));
        t.function("vsprintf", f -> f.ret(toBuffer(f.ptr(0), Long.MAX_VALUE, f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("__snprintf_chk", f -> {
            fortify.checkAccess("vsnprintf", "write into", f.i64(1), f.i64(3));
            f.ret(toBuffer(f.ptr(0), f.i64(1), f.ptr(4), f.varargs(5, 0)));
        });
        t.function("__vsnprintf_chk", f -> {
            fortify.checkAccess("vsnprintf", "write into", f.i64(1), f.i64(3));
            f.ret(toBuffer(f.ptr(0), f.i64(1), f.ptr(4), f.vaList(f.ptr(5))));
        });
        t.function("__sprintf_chk", f -> f.ret(sprintfChk(f.ptr(0), f.i64(2), f.ptr(3), f.varargs(4, 0))));
        t.function("__vsprintf_chk", f -> f.ret(sprintfChk(f.ptr(0), f.i64(2), f.ptr(3), f.vaList(f.ptr(4)))));
        t.function("asprintf", f -> f.ret(asprintf(f.ptr(0), f.ptr(1), f.varargs(2, 0))));
        t.function("vasprintf", f -> f.ret(asprintf(f.ptr(0), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("perror", f -> perror(f.cstr(0)));
    }

    private void declareScanf(LibraryTable t) {
        t.function("sscanf", f -> f.ret(scan(ScanfParser.of(process.memory().readCBytes(f.ptr(0))), f.ptr(1), f.varargs(2, 0))));
        t.function("vsscanf", f -> f.ret(scan(ScanfParser.of(process.memory().readCBytes(f.ptr(0))), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("fscanf", f -> f.ret(scan(stream(f.ptr(0)), f.ptr(1), f.varargs(2, 0))));
        t.function("vfscanf", f -> f.ret(scan(stream(f.ptr(0)), f.ptr(1), f.vaList(f.ptr(2)))));
        t.function("scanf", f -> f.ret(scan(stream(sF), f.ptr(0), f.varargs(1, 0))));
        t.function("vscanf", f -> f.ret(scan(stream(sF), f.ptr(0), f.vaList(f.ptr(1)))));
    }

    private void declareCharacterIo(LibraryTable t) {
        t.function("puts", UNBUFFERED, f -> f.ret(puts(stdout(), process.memory().readCBytes(f.ptr(0)), true)));
        t.function("fputs", UNBUFFERED, f -> f.ret(puts(stream(f.ptr(1)), process.memory().readCBytes(f.ptr(0)), false)));
        for (String name : new String[] {"fputc", "putc", "putc_unlocked"}) {
            t.function(name, UNBUFFERED, f -> f.ret(putc(stream(f.ptr(1)), f.i32(0))));
        }
        t.function("fputc_unlocked", "LIBC_P", UNBUFFERED, f -> f.ret(putc(stream(f.ptr(1)), f.i32(0))));
        t.function("putchar", UNBUFFERED, f -> f.ret(putc(stdout(), f.i32(0))));
        t.function("putchar_unlocked", UNBUFFERED, f -> f.ret(putc(stdout(), f.i32(0))));
        for (String name : new String[] {"fgetc", "getc", "getc_unlocked"}) {
            t.function(name, f -> f.ret(getc(stream(f.ptr(0)))));
        }
        t.function("fgetc_unlocked", "LIBC_P", Support.FULL, f -> f.ret(getc(stream(f.ptr(0)))));
        t.function("getchar", f -> f.ret(getc(stream(sF))));
        t.function("getchar_unlocked", f -> f.ret(getc(stream(sF))));
        t.function("ungetc", f -> f.ret(ungetc(f.i32(0), stream(f.ptr(1)))));
        t.function("fgets", f -> f.ret(fgets(f.ptr(0), f.i32(1), stream(f.ptr(2)))));
        t.function("fgets_unlocked", "LIBC_P", Support.FULL, f -> f.ret(fgets(f.ptr(0), f.i32(1), stream(f.ptr(2)))));
        t.function("__fgets_chk", f -> {
            fortify.checkAccess("fgets", "write into", f.i32(1), f.i64(3));
            f.ret(fgets(f.ptr(0), f.i32(1), stream(f.ptr(2))));
        });
        t.function("getline", f -> f.ret(getdelim(f.ptr(0), f.ptr(1), '\n', stream(f.ptr(2)))));
        t.function("getdelim", f -> f.ret(getdelim(f.ptr(0), f.ptr(1), f.i32(2), stream(f.ptr(3)))));
        t.function("fwrite", UNBUFFERED, f -> f.ret(fwrite(f.ptr(0), f.i64(1), f.i64(2), stream(f.ptr(3)))));
        t.function("fread", f -> f.ret(fread(f.ptr(0), f.i64(1), f.i64(2), stream(f.ptr(3)))));
        t.function("__fwrite_chk", "LIBC_N", UNBUFFERED, f -> {
            checkTotal("fwrite", "read from", f.i64(1), f.i64(2), f.i64(4));
            f.ret(fwrite(f.ptr(0), f.i64(1), f.i64(2), stream(f.ptr(3))));
        });
        t.function("__fread_chk", "LIBC_N", Support.FULL, f -> {
            checkTotal("fread", "write into", f.i64(1), f.i64(2), f.i64(4));
            f.ret(fread(f.ptr(0), f.i64(1), f.i64(2), stream(f.ptr(3))));
        });
    }

    private void declareStreams(LibraryTable t) {
        t.function("fflush", UNBUFFERED, f -> f.ret(0));
        t.function("fflush_unlocked", "LIBC_P", UNBUFFERED, f -> f.ret(0));
        Support modes = Support.full("modes r, w, a with +, b, e and x (O_EXCL)");
        t.function("fopen", modes, f -> f.ret(fopen(f.cstr(0), f.cstr(1))));
        t.function("fopen64", "LIBC_N", modes, f -> f.ret(fopen(f.cstr(0), f.cstr(1))));
        Support reopen = Support.partial("the stream moves to a new descriptor (the old number is not reused); "
                + "a NULL path keeps the stream as it is");
        t.function("freopen", reopen, f -> f.ret(freopen(f.cstr(0), f.cstr(1), f.ptr(2))));
        t.function("freopen64", "LIBC_N", reopen, f -> f.ret(freopen(f.cstr(0), f.cstr(1), f.ptr(2))));
        t.function("fdopen", f -> f.ret(fdopen(f.i32(0), f.cstr(1))));
        t.function("fmemopen", f -> f.ret(fmemopen(f.ptr(0), f.i64(1), f.cstr(2))));
        t.function("open_memstream", f -> f.ret(openMemstream(f.ptr(0), f.ptr(1))));
        t.function("tmpfile", f -> f.ret(tmpfile()));
        t.function("tmpfile64", "LIBC_N", Support.FULL, f -> f.ret(tmpfile()));
        t.function("fclose", f -> f.ret(fclose(f.ptr(0))));
        t.function("fileno", f -> f.ret(fileno(f.ptr(0))));
        t.function("fileno_unlocked", "LIBC_N", Support.FULL, f -> f.ret(fileno(f.ptr(0))));
        t.function("fseek", f -> f.ret(fseek(stream(f.ptr(0)), f.i64(1), f.i32(2))));
        t.function("fseeko", f -> f.ret(fseek(stream(f.ptr(0)), f.i64(1), f.i32(2))));
        t.function("fseeko64", "LIBC_N", Support.FULL, f -> f.ret(fseek(stream(f.ptr(0)), f.i64(1), f.i32(2))));
        t.function("ftell", f -> f.ret(ftell(stream(f.ptr(0)))));
        t.function("ftello", f -> f.ret(ftell(stream(f.ptr(0)))));
        t.function("ftello64", "LIBC_N", Support.FULL, f -> f.ret(ftell(stream(f.ptr(0)))));
        // rewind is (void) fseek(f, 0, SEEK_SET) then clearerr(f): the indicators clear even when the seek fails.
        t.function("rewind", f -> {
            StdioStream s = stream(f.ptr(0));
            if (s == null) return;
            s.seek(0, StdioStream.SEEK_SET);
            s.clearErrors();
        });
        // fpos_t is a plain off_t on LP64 bionic.
        t.function("fgetpos", f -> f.ret(fgetpos(stream(f.ptr(0)), f.ptr(1))));
        t.function("fgetpos64", "LIBC_N", Support.FULL, f -> f.ret(fgetpos(stream(f.ptr(0)), f.ptr(1))));
        t.function("fsetpos", f -> f.ret(fseek(stream(f.ptr(0)), process.memory().readLong(f.ptr(1)), StdioStream.SEEK_SET)));
        t.function("fsetpos64", "LIBC_N", Support.FULL,
                f -> f.ret(fseek(stream(f.ptr(0)), process.memory().readLong(f.ptr(1)), StdioStream.SEEK_SET)));
        for (String suffix : new String[] {"", "_unlocked"}) {
            t.function("feof" + suffix, f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).eof()));
            t.function("ferror" + suffix, f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).error()));
            t.function("clearerr" + suffix, f -> {
                StdioStream s = stream(f.ptr(0));
                if (s != null) s.clearErrors();
            });
        }
        // One thread runs the payload, so stream locks are free; unbuffered streams have nothing pending.
        t.function("flockfile", f -> { });
        t.function("funlockfile", f -> { });
        t.function("ftrylockfile", f -> f.ret(0));
        t.function("__fsetlocking", f -> f.ret(1));
        t.function("__fpending", f -> f.ret(0));
        t.function("__fbufsize", f -> f.ret(0));
        t.function("__flbf", f -> f.ret(0));
        t.function("__fpurge", f -> {
            StdioStream s = stream(f.ptr(0));
            if (s != null) s.purge();
        });
        t.function("fpurge", f -> {
            StdioStream s = stream(f.ptr(0));
            if (s != null) s.purge();
            f.ret(s == null ? -1 : 0);
        });
        t.function("__freadable", f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).readable()));
        t.function("__fwritable", f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).writable()));
        t.function("__freading", "LIBC_P", Support.FULL, f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).reading()));
        t.function("__fwriting", "LIBC_P", Support.FULL, f -> f.ret(stream(f.ptr(0)) != null && stream(f.ptr(0)).writing()));
        t.function("setvbuf", Support.partial("accepted; streams stay unbuffered"), f -> f.ret(0));
        t.function("setbuf", Support.partial("accepted; streams stay unbuffered"), f -> { });
        t.function("setbuffer", Support.partial("accepted; streams stay unbuffered"), f -> { });
        t.function("setlinebuf", Support.partial("accepted; streams stay unbuffered"), f -> { });
    }

    /** Formats into sink; printf's result (the count, or -1 with errno set). */
    private long format(long fmt, VarArgs args, PrintfSink sink) {
        return result(formatter.format(process.memory().readCBytes(fmt), args, sink));
    }

    private long result(long countOrError) {
        if (countOrError >= 0) return countOrError;
        process.setErrno((int) -countOrError);
        return -1;
    }

    /** A sink writing to a stream in chunks; a short write fails with the stream's errno. */
    PrintfSink sinkTo(StdioStream s) {
        return PrintfSink.to((b, off, len) -> s.write(b, off, len) < len ? s.lastErrno() : 0);
    }

    private int scan(ScanfParser.Input input, long fmt, VarArgs args) {
        if (input == null) {
            process.setErrno(Errno.EBADF);
            return EOF;
        }
        return new ScanfParser(process.memory()).scan(process.memory().readCBytes(fmt), input, args);
    }

    /** The stream behind a guest FILE*, or null (with errno EBADF) for a pointer that is not an open stream. */
    StdioStream stream(long file) {
        StdioStream s = streams.get(file);
        if (s == null) process.setErrno(Errno.EBADF);
        // A funopen stream calls guest functions: its call runs again outside the trap, before it changes anything.
        if (s != null && s.callsGuest()) process.threads().scheduler().requireOutsideTrap();
        return s;
    }

    /** A new FILE over a backing (funopen, open_wmemstream), or NULL with errno ENOMEM. */
    long openStream(StdioStream.Backing backing, int openFlags) {
        return newStream(backing, openFlags);
    }

    /** The FILE* of stdin, stdout or stderr (fd 0, 1, 2). */
    long standardStream(int fd) {
        return sF + (long) fd * SIZEOF_FILE;
    }

    private StdioStream stdout() {
        return stream(sF + SIZEOF_FILE);
    }

    private long fileno(long file) {
        StdioStream s = stream(file);
        if (s == null || s.fd() < 0) {
            process.setErrno(Errno.EBADF);
            return -1;
        }
        return s.fd();
    }

    private long newStream(StdioStream.Backing backing, int openFlags) {
        long p = process.heap().calloc(1, SIZEOF_FILE);
        if (p == 0) {
            backing.close();
            process.setErrno(Errno.ENOMEM);
            return 0;
        }
        streams.put(p, new StdioStream(backing, openFlags));
        return p;
    }

    /** Writes bytes to a guest FILE* for other libc sections (res_debug's printers); EOF for a bad stream. */
    long writeTo(long file, byte[] bytes) {
        return emit(stream(file), bytes);
    }

    long emit(StdioStream s, byte[] bytes) {
        if (s == null) return EOF;
        long n = s.write(bytes, 0, bytes.length);
        if (n < bytes.length) {
            process.setErrno(s.lastErrno());
            return EOF;
        }
        return bytes.length;
    }

    /** printf, fprintf: -1 with EBADF for a pointer that is not a stream. */
    private long print(StdioStream s, long fmt, VarArgs args) {
        if (s == null) return EOF;
        return format(fmt, args, sinkTo(s));
    }

    private long printFd(int fd, long fmt, VarArgs args) {
        return format(fmt, args, PrintfSink.to((b, off, len) -> {
            for (int done = 0; done < len; ) {
                long n = process.files().write(fd, b, off + done, len - done);
                if (n <= 0) return n == 0 ? Errno.EIO : (int) -n;
                done += (int) n;
            }
            return 0;
        }));
    }

    /**
     * snprintf: the first size - 1 bytes go to the buffer as they are produced, the rest is only counted (the
     * result is the length that would have been written); the NUL follows the kept bytes, even after an error.
     */
    private long toBuffer(long buffer, long size, long fmt, VarArgs args) {
        long[] at = {buffer};
        PrintfSink sink = PrintfSink.keeping(size > 0 ? size - 1 : 0, (b, off, len) -> {
            process.memory().write(at[0], b, off, len);
            at[0] += len;
            return 0;
        });
        long r = format(fmt, args, sink);
        if (size > 0) process.memory().writeByte(buffer + sink.keptCount(), 0);
        return r;
    }

    /**
     * __sprintf_chk: vsnprintf bounded by the size the compiler saw, then the check that the result fitted
     * (bionic's order; SIZE_MAX means unknown).
     */
    private long sprintfChk(long buffer, long bufferSize, long fmt, VarArgs args) {
        long r = toBuffer(buffer, bufferSize < 0 ? Long.MAX_VALUE : bufferSize, fmt, args);
        if (r >= 0) fortify.checkAccess("vsprintf", "write into", r + 1, bufferSize);
        return r;
    }

    private void checkTotal(String function, String action, long size, long count, long bufferSize) {
        long high = Math.multiplyHigh(size, count) + ((size >> 63) & count) + ((count >> 63) & size);
        if (high == 0) fortify.checkAccess(function, action, size * count, bufferSize);
    }

    /** asprintf: a string grown in the guest heap; on any failure *out = NULL, errno ENOMEM, -1 (bionic). */
    private long asprintf(long out, long fmt, VarArgs args) {
        HeapStringBuilder string = HeapStringBuilder.allocate(process.heap(), process.memory());
        long r = string == null ? -1 : format(fmt, args, PrintfSink.to(string));
        if (r < 0) {
            if (string != null) string.free();
            process.memory().writeLong(out, 0);
            process.setErrno(Errno.ENOMEM);
            return -1;
        }
        process.memory().writeLong(out, string.finish());
        return r;
    }

    private long puts(StdioStream s, byte[] text, boolean newline) {
        byte[] b = newline ? Arrays.copyOf(text, text.length + 1) : text;
        if (newline) b[text.length] = '\n';
        return emit(s, b) < 0 ? EOF : 1;
    }

    private long putc(StdioStream s, int c) {
        return emit(s, new byte[] {(byte) c}) < 0 ? EOF : c & 0xff;
    }

    private long getc(StdioStream s) {
        if (s == null) return EOF;
        int c = s.read();
        if (c < 0 && s.error()) process.setErrno(s.lastErrno());
        return c;
    }

    private long ungetc(int c, StdioStream s) {
        if (s == null || c == EOF) return EOF;
        s.unread(c);
        return c & 0xff;
    }

    /** Per chunk of fread/fwrite: no host array as large as the guest's count. */
    private static final int CHUNK = 1 << 16;

    /** size * count as bionic takes it; a product past 2^63 (or wrapping) is a range no memory holds. */
    private static long total(long size, long count) {
        long total = size * count;
        if (total < 0 || Math.multiplyHigh(size, count) != 0) {
            throw new org.mdemu.guest.machine.GuestFault(total, "length out of range");
        }
        return total;
    }

    /** The whole buffer must be readable first (a fault writes nothing), then it goes out a chunk at a time. */
    private long fwrite(long buffer, long size, long count, StdioStream s) {
        if (s == null) return 0;
        if (size == 0 || count == 0) return 0;
        long total = total(size, count);
        process.memory().check(buffer, total, org.mdemu.guest.machine.Prot.READ);
        byte[] chunk = new byte[(int) Math.min(total, CHUNK)];
        long done = 0;
        while (done < total) {
            int k = (int) Math.min(chunk.length, total - done);
            process.memory().read(buffer + done, chunk, 0, k);
            long n = s.write(chunk, 0, k);
            done += n;
            if (n < k) break;
        }
        return done / size;
    }

    private long fread(long buffer, long size, long count, StdioStream s) {
        if (s == null) return 0;
        if (size == 0 || count == 0) return 0;
        long total = total(size, count);
        byte[] chunk = new byte[(int) Math.min(total, CHUNK)];
        long done = 0;
        while (done < total) {
            int k = (int) Math.min(chunk.length, total - done);
            int n = s.read(chunk, 0, k);
            process.memory().write(buffer + done, chunk, 0, n);
            done += n;
            if (n < k) break;
        }
        return done / size;
    }

    private long fgets(long buffer, int size, StdioStream s) {
        if (s == null || size <= 0) return 0;
        byte[] line = new byte[size];
        int n = 0;
        while (n < size - 1) {
            int c = s.read();
            if (c < 0) break;
            line[n++] = (byte) c;
            if (c == '\n') break;
        }
        if (n == 0 || s.error()) return 0;
        process.memory().write(buffer, line, 0, n + 1);
        return buffer;
    }

    /** getdelim: grows *lineptr (malloc/realloc) as needed; returns the length, or -1 at end of file or on error. */
    private long getdelim(long linePtr, long sizePtr, int delim, StdioStream s) {
        if (linePtr == 0 || sizePtr == 0 || s == null) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = s.read()) >= 0) {
            line.write(c);
            if (c == (delim & 0xff)) break;
        }
        if (line.size() == 0) return -1;
        long buffer = process.memory().readLong(linePtr);
        long capacity = buffer == 0 ? 0 : process.memory().readLong(sizePtr);
        if (capacity < line.size() + 1L) {
            long grown = Math.max(line.size() + 1L, 120);
            long p = process.heap().realloc(buffer, grown);
            if (p == 0) {
                process.setErrno(Errno.ENOMEM);
                return -1;
            }
            process.memory().writeLong(linePtr, p);
            process.memory().writeLong(sizePtr, grown);
            buffer = p;
        }
        byte[] b = line.toByteArray();
        process.memory().write(buffer, Arrays.copyOf(b, b.length + 1));
        return b.length;
    }

    /** The open(2) flags of an fopen mode, or -1 for an invalid mode. */
    static int openFlags(String mode) {
        if (mode == null || mode.isEmpty()) return -1;
        int flags = switch (mode.charAt(0)) {
            case 'r' -> 0;
            case 'w' -> FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_TRUNC;
            case 'a' -> FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_APPEND;
            default -> -1;
        };
        if (flags < 0) return -1;
        for (char c : mode.substring(1).toCharArray()) {
            if (c == '+') flags = (flags & ~FileTable.O_ACCMODE) | FileTable.O_RDWR;
            else if (c == 'x') flags |= FileTable.O_EXCL;
            else if (c != 'b' && c != 'e') break;
        }
        return flags;
    }

    private long open(String path, String mode) {
        int flags = openFlags(mode);
        if (flags < 0 || path == null) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        return process.libcResult(files.openat(FileIo.AT_FDCWD, path, flags, 0666));
    }

    private long fopen(String path, String mode) {
        long fd = open(path, mode);
        return fd < 0 ? 0 : newStream(StdioStream.descriptor(process.files(), (int) fd), openFlags(mode));
    }

    private long fdopen(int fd, String mode) {
        if (fd < 0 || files.get(fd) == null) {
            process.setErrno(Errno.EBADF);
            return 0;
        }
        int flags = openFlags(mode);
        if (flags < 0) {
            process.setErrno(Errno.EINVAL);
            return 0;
        }
        // As bionic's fdopen: an "a" stream's descriptor gets O_APPEND, so writes and ftell see the end of the file.
        if ((flags & FileTable.O_APPEND) != 0) {
            int status = files.statusFlags(fd);
            if ((status & FileTable.O_APPEND) == 0 && Errno.isError(files.fcntl(fd, FileTable.F_SETFL, status | FileTable.O_APPEND))) {
                process.setErrno(Errno.EBADF);
                return 0;
            }
        }
        return newStream(StdioStream.descriptor(process.files(), fd), flags);
    }

    private long freopen(String path, String mode, long file) {
        StdioStream s = stream(file);
        if (s == null) return 0;
        if (path == null) {
            if (openFlags(mode) < 0) {
                process.setErrno(Errno.EINVAL);
                return 0;
            }
            s.clearErrors();
            return file;
        }
        s.close();
        long fd = open(path, mode);
        if (fd < 0) {
            forget(file);
            return 0;
        }
        s.replace(StdioStream.descriptor(process.files(), (int) fd), openFlags(mode));
        return file;
    }

    private long fmemopen(long buffer, long capacity, String mode) {
        if (openFlags(mode) < 0 || capacity == 0) {
            process.setErrno(Errno.EINVAL);
            return 0;
        }
        long allocation = 0;
        if (buffer == 0) {
            allocation = process.heap().calloc(1, capacity);
            if (allocation == 0) {
                process.setErrno(Errno.ENOMEM);
                return 0;
            }
            buffer = allocation;
        }
        return newStream(new StdioStream.FixedMemory(process.memory(), process.heap(), buffer, allocation, capacity,
                mode.charAt(0)), openFlags(mode));
    }

    private long openMemstream(long bufferOut, long sizeOut) {
        if (bufferOut == 0 || sizeOut == 0) {
            process.setErrno(Errno.EINVAL);
            return 0;
        }
        StdioStream.GrowingMemory backing = new StdioStream.GrowingMemory(process.memory(), process.heap(), bufferOut, sizeOut);
        if (!backing.open()) {
            process.setErrno(Errno.ENOMEM);
            return 0;
        }
        return newStream(backing, FileTable.O_WRONLY);
    }

    /** tmpfile: a new file in $TMPDIR, unlinked at once, so it vanishes with its last descriptor. */
    private long tmpfile() {
        String dir = tmpdir.get();
        for (int attempt = 0; attempt < 100; attempt++) {
            String path = dir + "/tmp." + process.pid() + "." + (++tmpfiles);
            long fd = files.openat(FileIo.AT_FDCWD, path,
                    FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_EXCL, 0600);
            if (fd == -Errno.EEXIST) continue;
            if (Errno.isError(fd)) {
                process.setErrno((int) -fd);
                return 0;
            }
            files.unlink(path);
            return newStream(StdioStream.descriptor(process.files(), (int) fd), FileTable.O_RDWR);
        }
        process.setErrno(Errno.EEXIST);
        return 0;
    }

    private long fclose(long file) {
        StdioStream s = stream(file);
        if (s == null) return EOF;
        long r = s.close();
        forget(file);
        Integer child = popenChildren.remove(file);
        long result = 0;
        if (Errno.isError(r)) {
            process.setErrno((int) -r);
            result = EOF;
        }
        if (child != null) {
            long status = childReaper.applyAsLong(child);
            if (status != -1) result = status;
        }
        return result;
    }

    private void forget(long file) {
        streams.remove(file);
        if (file < sF || file >= sF + 3L * SIZEOF_FILE) process.heap().free(file);
    }

    private long fseek(StdioStream s, long offset, int whence) {
        if (s == null) return -1;
        if (whence < StdioStream.SEEK_SET || whence > StdioStream.SEEK_END) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        long r = s.seek(offset, whence);
        return process.libcResult(r) < 0 ? -1 : 0;
    }

    private long ftell(StdioStream s) {
        if (s == null) return -1;
        return process.libcResult(s.tell());
    }

    private long fgetpos(StdioStream s, long pos) {
        long at = ftell(s);
        if (at < 0) return -1;
        process.memory().writeLong(pos, at);
        return 0;
    }

    private void perror(String prefix) {
        int errno = process.memory().readInt(process.currentThread().errnoAddress());
        String text = (prefix == null || prefix.isEmpty() ? "" : prefix + ": ") + ErrnoNames.describe(errno) + "\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        emit(stream(sF + 2L * SIZEOF_FILE), b);
    }

}
