package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
 * stdio.h. A guest {@code FILE*} is an opaque object the guest never looks into; Java maps it to a descriptor.
 * Streams are unbuffered (each call writes through), which keeps output ordered with raw write(2) calls.
 */
public final class StdioFunctions implements LibrarySection {
    /** sizeof(FILE) on LP64 bionic: the legacy __sFILE layout NDK code may still index in __sF. */
    public static final int SIZEOF_FILE = 152;
    private static final int EOF = -1;
    private static final Support UNBUFFERED = Support.partial("unbuffered: every call writes through");

    private final GuestProcess process;
    private final FileTable files;
    private final PrintfFormatter formatter;
    private final Map<Long, Integer> streams = new HashMap<>();
    private long sF;

    public StdioFunctions(GuestProcess process, FileTable files, PrintfFormatter formatter) {
        this.process = process;
        this.files = files;
        this.formatter = formatter;
    }

    @Override
    public void declare(LibraryTable t) {
        t.data("__sF", "LIBC", 3 * SIZEOF_FILE, 8, Support.FULL, address -> {
            sF = address;
            for (int fd = 0; fd < 3; fd++) streams.put(address + (long) fd * SIZEOF_FILE, fd);
        });
        String[] names = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; fd++) {
            int n = fd;
            t.data(names[fd], "LIBC", 8, 8, Support.FULL,
                    address -> process.memory().writeLong(address, sF + (long) n * SIZEOF_FILE));
        }
        t.function("printf", f -> f.ret(emit(1, format(f.ptr(0), f.varargs(1, 0)))));
        t.function("vprintf", f -> f.ret(emit(1, format(f.ptr(0), f.vaList(f.ptr(1))))));
        t.function("fprintf", f -> f.ret(emit(fd(f.ptr(0)), format(f.ptr(1), f.varargs(2, 0)))));
        t.function("vfprintf", f -> f.ret(emit(fd(f.ptr(0)), format(f.ptr(1), f.vaList(f.ptr(2))))));
        t.function("dprintf", f -> f.ret(emit(f.i32(0), format(f.ptr(1), f.varargs(2, 0)))));
        t.function("snprintf", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), format(f.ptr(2), f.varargs(3, 0)))));
        t.function("vsnprintf", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), format(f.ptr(2), f.vaList(f.ptr(3))))));
        t.function("sprintf", f -> f.ret(toBuffer(f.ptr(0), Long.MAX_VALUE, format(f.ptr(1), f.varargs(2, 0)))));
        t.function("vsprintf", f -> f.ret(toBuffer(f.ptr(0), Long.MAX_VALUE, format(f.ptr(1), f.vaList(f.ptr(2))))));
        t.function("__snprintf_chk", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), format(f.ptr(4), f.varargs(5, 0)))));
        t.function("__vsnprintf_chk", f -> f.ret(toBuffer(f.ptr(0), f.i64(1), format(f.ptr(4), f.vaList(f.ptr(5))))));
        t.function("asprintf", f -> f.ret(asprintf(f.ptr(0), format(f.ptr(1), f.varargs(2, 0)))));
        t.function("vasprintf", f -> f.ret(asprintf(f.ptr(0), format(f.ptr(1), f.vaList(f.ptr(2))))));
        t.function("puts", UNBUFFERED, f -> f.ret(puts(1, process.memory().readCBytes(f.ptr(0)), true)));
        t.function("fputs", UNBUFFERED, f -> f.ret(puts(fd(f.ptr(1)), process.memory().readCBytes(f.ptr(0)), false)));
        t.function("fputc", UNBUFFERED, f -> f.ret(putc(fd(f.ptr(1)), f.i32(0))));
        t.function("putc", UNBUFFERED, f -> f.ret(putc(fd(f.ptr(1)), f.i32(0))));
        t.function("putchar", UNBUFFERED, f -> f.ret(putc(1, f.i32(0))));
        t.function("fwrite", UNBUFFERED, this::fwrite);
        t.function("fread", this::fread);
        t.function("fflush", UNBUFFERED, f -> f.ret(0));
        t.function("fopen", Support.partial("modes r, w, a, r+, w+, a+ (b and e accepted)"), this::fopen);
        t.function("fdopen", f -> f.ret(stream(f.i32(0))));
        t.function("fclose", this::fclose);
        t.function("fileno", f -> f.ret(fd(f.ptr(0))));
        t.function("fgets", this::fgets);
        t.function("perror", f -> perror(f.cstr(0)));
        t.function("setvbuf", Support.partial("accepted; streams stay unbuffered"), f -> f.ret(0));
    }

    private byte[] format(long fmt, VarArgs args) {
        return formatter.format(process.memory().readCBytes(fmt), args);
    }

    int fd(long stream) {
        Integer fd = streams.get(stream);
        return fd == null ? -1 : fd;
    }

    private long stream(int fd) {
        if (fd < 0) return 0;
        long p = process.heap().calloc(1, SIZEOF_FILE);
        if (p != 0) streams.put(p, fd);
        return p;
    }

    private long emit(int fd, byte[] bytes) {
        long n = process.files().write(fd, bytes, 0, bytes.length);
        if (Errno.isError(n)) {
            process.setErrno((int) -n);
            return -1;
        }
        return bytes.length;
    }

    private long toBuffer(long buffer, long size, byte[] bytes) {
        if (size > 0) {
            int n = (int) Math.min(bytes.length, size - 1);
            byte[] z = java.util.Arrays.copyOf(bytes, n + 1);
            process.memory().write(buffer, z);
        }
        return bytes.length;
    }

    private long asprintf(long out, byte[] bytes) {
        long p = process.heap().malloc(bytes.length + 1L);
        if (p == 0) {
            process.memory().writeLong(out, 0);
            return -1;
        }
        process.memory().write(p, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        process.memory().writeLong(out, p);
        return bytes.length;
    }

    private long puts(int fd, byte[] text, boolean newline) {
        byte[] b = newline ? java.util.Arrays.copyOf(text, text.length + 1) : text;
        if (newline) b[text.length] = '\n';
        return emit(fd, b) < 0 ? EOF : 1;
    }

    private long putc(int fd, int c) {
        return emit(fd, new byte[] {(byte) c}) < 0 ? EOF : c & 0xff;
    }

    private void fwrite(CallFrame f) {
        long size = f.i64(1), count = f.i64(2);
        long total = size * count;
        if (total == 0) {
            f.ret(0);
            return;
        }
        byte[] b = process.memory().read(f.ptr(0), (int) total);
        long n = process.files().write(fd(f.ptr(3)), b, 0, b.length);
        f.ret(Errno.isError(n) ? 0 : n / size);
    }

    private void fread(CallFrame f) {
        long size = f.i64(1), count = f.i64(2);
        long total = size * count;
        if (total == 0) {
            f.ret(0);
            return;
        }
        byte[] b = new byte[(int) total];
        int done = 0;
        while (done < b.length) {
            long n = process.files().read(fd(f.ptr(3)), b, done, b.length - done);
            if (n <= 0) break;
            done += (int) n;
        }
        process.memory().write(f.ptr(0), b, 0, done);
        f.ret(done / size);
    }

    private void fopen(CallFrame f) {
        String mode = f.cstr(1);
        int flags = switch (mode.replace("b", "").replace("e", "").replace("x", "")) {
            case "r" -> 0;
            case "r+" -> FileTable.O_RDWR;
            case "w" -> FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_TRUNC;
            case "w+" -> FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_TRUNC;
            case "a" -> FileTable.O_WRONLY | FileTable.O_CREAT | FileTable.O_APPEND;
            case "a+" -> FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_APPEND;
            default -> -1;
        };
        if (flags < 0) {
            process.setErrno(Errno.EINVAL);
            f.ret(0);
            return;
        }
        if (mode.contains("x")) flags |= FileTable.O_EXCL;
        long fd = files.openat(FileIo.AT_FDCWD, f.cstr(0), flags, 0666);
        if (Errno.isError(fd)) {
            process.setErrno((int) -fd);
            f.ret(0);
            return;
        }
        f.ret(stream((int) fd));
    }

    private void fclose(CallFrame f) {
        Integer fd = streams.remove(f.ptr(0));
        if (fd == null) {
            process.setErrno(Errno.EBADF);
            f.ret(EOF);
            return;
        }
        long r = files.close(fd);
        if (f.ptr(0) < sF || f.ptr(0) >= sF + 3L * SIZEOF_FILE) process.heap().free(f.ptr(0));
        f.ret(Errno.isError(r) ? EOF : 0);
    }

    private void fgets(CallFrame f) {
        long buffer = f.ptr(0);
        int size = f.i32(1);
        int fd = fd(f.ptr(2));
        if (size <= 0) {
            f.ret(0);
            return;
        }
        byte[] line = new byte[size];
        int n = 0;
        byte[] one = new byte[1];
        while (n < size - 1) {
            long r = process.files().read(fd, one, 0, 1);
            if (r <= 0) break;
            line[n++] = one[0];
            if (one[0] == '\n') break;
        }
        if (n == 0) {
            f.ret(0);
            return;
        }
        process.memory().write(buffer, line, 0, n + 1);
        f.ret(buffer);
    }

    private void perror(String prefix) {
        int errno = process.memory().readInt(process.currentThread().errnoAddress());
        String text = (prefix == null || prefix.isEmpty() ? "" : prefix + ": ") + ErrnoNames.describe(errno) + "\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        process.files().write(2, b, 0, b.length);
    }
}
