package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.vfs.FileTable;

/**
 * The rest of stdio.h, stdio_ext.h, wchar.h/uchar.h and stdlib.h that bionic exports: funopen streams over guest
 * functions, open_wmemstream, fgetln, gets, tempnam/tmpnam (over mktemp, as bionic), ctermid, the _unlocked aliases,
 * UTF-16 conversions (mbrtoc16/c16rtomb), wcswidth, mkostemps and friends, getsubopt, reallocarray, quick_exit,
 * memset_explicit and __mempcpy_chk.
 */
public final class StdioExtras extends GuestSection {
    private static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    private final StdioFunctions stdio;
    private final java.util.function.Function<String, String> environment;
    private final Map<Long, Long> lineBuffers = new HashMap<>();
    private final java.util.Deque<Long> quickExitHandlers = new java.util.ArrayDeque<>();
    private Rows rows;

    public StdioExtras(GuestProcess process, StdioFunctions stdio, java.util.function.Function<String, String> environment) {
        super(process);
        this.stdio = stdio;
        this.environment = environment;
    }

    @Override
    public void declare(LibraryTable t) {
        rows = new Rows(t);
        Support callbacks = Support.full("reads, writes, seeks and closes through the guest's functions");
        t.function("funopen", callbacks, f -> f.ret(funopen(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4))));
        t.function("funopen64", "LIBC_N", callbacks, f -> f.ret(funopen(f.ptr(0), f.ptr(1), f.ptr(2), f.ptr(3), f.ptr(4))));
        t.function("open_wmemstream", this::openWmemstream);
        t.function("fgetln", this::fgetln);
        t.function("gets", f -> f.ret(gets(f.ptr(0))));
        t.function("tempnam", f -> f.ret(tempnam(cbytes(f.ptr(0)), cbytes(f.ptr(1)), f)));
        t.function("tmpnam", f -> f.ret(tmpnam(f.ptr(0), f)));
        t.function("ctermid", "LIBC_O", Support.FULL, f -> {
            long s = f.ptr(0);
            if (s == 0) {
                f.ret(constant("/dev/tty"));
                return;
            }
            mem().writeCString(s, "/dev/tty");
            f.ret(s);
        });
        t.function("fputs_unlocked", "LIBC_P", Support.FULL, f -> f.ret(rows.call(f, "fputs", f.ptr(0), f.ptr(1))));
        t.function("fread_unlocked", "LIBC_P", Support.FULL,
                f -> f.ret(rows.call(f, "fread", f.ptr(0), f.i64(1), f.i64(2), f.ptr(3))));
        t.function("fwrite_unlocked", "LIBC_P", Support.FULL,
                f -> f.ret(rows.call(f, "fwrite", f.ptr(0), f.i64(1), f.i64(2), f.ptr(3))));
        t.function("_flushlbf", Support.full("streams are unbuffered: nothing is pending"), f -> { });
        t.function("__fseterr", "LIBC_P", Support.FULL, f -> {
            StdioStream s = stdio.stream(f.ptr(0));
            if (s != null) s.markError();
        });
        t.function("__freadahead", "LIBC_U", Support.FULL, f -> {
            StdioStream s = stdio.stream(f.ptr(0));
            f.ret(s == null ? 0 : s.pushedBack());
        });
        t.function("mbrtoc16", this::mbrtoc16);
        t.function("c16rtomb", this::c16rtomb);
        t.function("wcswidth", f -> f.ret(wcswidth(f, f.ptr(0), f.i64(1))));
        t.function("mbsrtowcs_l", "LIBC_V", Support.FULL,
                f -> f.ret(rows.call(f, "mbsrtowcs", f.ptr(0), f.ptr(1), f.i64(2), f.ptr(3))));
        t.function("wcsrtombs_l", "LIBC_V", Support.FULL,
                f -> f.ret(rows.call(f, "wcsrtombs", f.ptr(0), f.ptr(1), f.i64(2), f.ptr(3))));
        t.function("mkostemp64", f -> f.ret(mkstemps(f, f.ptr(0), 0, f.i32(1))));
        t.function("mkostemps", f -> f.ret(mkstemps(f, f.ptr(0), f.i32(1), f.i32(2))));
        t.function("mkostemps64", f -> f.ret(mkstemps(f, f.ptr(0), f.i32(1), f.i32(2))));
        t.function("mkstemps64", f -> f.ret(mkstemps(f, f.ptr(0), f.i32(1), 0)));
        t.function("getsubopt", "LIBC_O", Support.FULL, this::getsubopt);
        t.function("reallocarray", "LIBC_Q", Support.FULL, f -> {
            long n = f.i64(1), size = f.i64(2);
            if (size != 0 && Long.compareUnsigned(n, Long.divideUnsigned(-1L, size)) > 0) {
                f.ret(failNull(Errno.ENOMEM));
                return;
            }
            f.ret(rows.call(f, "realloc", f.ptr(0), n * size));
        });
        t.function("memset_explicit", "LIBC_U", Support.FULL, f -> {
            mem().fill(f.ptr(0), f.i64(2), (byte) f.i32(1));
            f.ret(f.ptr(0));
        });
        t.function("__mempcpy_chk", "LIBC_R", Support.FULL, f -> {
            long dst = f.ptr(0), src = f.ptr(1), n = f.i64(2), available = f.i64(3);
            new Fortify(process).checkAccess("mempcpy", "write into", n, available);
            GuestBlocks.move(mem(), dst, src, n);
            f.ret(dst + n);
        });
        t.function("at_quick_exit", f -> {
            quickExitHandlers.push(f.ptr(0));
            f.ret(0);
        });
        t.functionCallingGuest("quick_exit", Support.full("runs the at_quick_exit handlers in reverse order, then _Exit"),
                f -> {
                    while (!quickExitHandlers.isEmpty()) process.calls().call(quickExitHandlers.pop());
                    rows.call(f, "_Exit", f.i32(0));
                });
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, b);
        return out;
    }

    // ---- funopen --------------------------------------------------------------------------------------------

    /** A FILE whose operations are guest functions taking the cookie; -1 from them leaves the guest's errno. */
    private final class GuestCallbacks implements StdioStream.Backing {
        final long cookie, readFn, writeFn, seekFn, closeFn;

        GuestCallbacks(long cookie, long readFn, long writeFn, long seekFn, long closeFn) {
            this.cookie = cookie;
            this.readFn = readFn;
            this.writeFn = writeFn;
            this.seekFn = seekFn;
            this.closeFn = closeFn;
        }

        @Override
        public boolean callsGuest() {
            return true;
        }

        private long guestError() {
            int e = errno();
            return -(e == 0 ? Errno.EIO : e);
        }

        @Override
        public long read(byte[] b, int off, int len) {
            if (readFn == 0) return -Errno.EBADF;
            long buffer = heap().malloc(Math.max(1, len));
            try {
                long n = (int) process.calls().call(readFn, cookie, buffer, len);
                if (n < 0) return guestError();
                n = Math.min(n, len);
                mem().read(buffer, b, off, (int) n);
                return n;
            } finally {
                heap().free(buffer);
            }
        }

        @Override
        public long write(byte[] b, int off, int len) {
            if (writeFn == 0) return -Errno.EBADF;
            long buffer = heap().malloc(Math.max(1, len));
            try {
                mem().write(buffer, b, off, len);
                int done = 0;
                while (done < len) {
                    long n = (int) process.calls().call(writeFn, cookie, buffer + done, len - done);
                    if (n < 0) return done > 0 ? done : guestError();
                    if (n == 0) break;
                    done += (int) n;
                }
                return done;
            } finally {
                heap().free(buffer);
            }
        }

        @Override
        public long seek(long offset, int whence) {
            if (seekFn == 0) return -Errno.ESPIPE;
            long r = process.calls().call(seekFn, cookie, offset, whence);
            return r < 0 ? guestError() : r;
        }

        @Override
        public long close() {
            if (closeFn == 0) return 0;
            long r = (int) process.calls().call(closeFn, cookie);
            return r < 0 ? guestError() : 0;
        }
    }

    private long funopen(long cookie, long readFn, long writeFn, long seekFn, long closeFn) {
        if (readFn == 0 && writeFn == 0) return failNull(Errno.EINVAL);
        int mode = readFn != 0 && writeFn != 0 ? O_RDWR : readFn != 0 ? O_RDONLY : O_WRONLY;
        return stdio.openStream(new GuestCallbacks(cookie, readFn, writeFn, seekFn, closeFn), mode);
    }

    // ---- open_wmemstream --------------------------------------------------------------------------------------

    /** A write-only stream whose UTF-8 bytes become wchar_t in a growing buffer at *ptr, with its length at *size. */
    private final class WideMemory implements StdioStream.Backing {
        final long ptrOut, sizeOut;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final java.util.List<Integer> chars = new java.util.ArrayList<>();
        long buffer, capacity;
        int position;

        WideMemory(long ptrOut, long sizeOut) {
            this.ptrOut = ptrOut;
            this.sizeOut = sizeOut;
        }

        boolean open() {
            capacity = 32;
            buffer = heap().calloc(capacity, 4);
            publish();
            return buffer != 0;
        }

        @Override
        public long read(byte[] b, int off, int len) {
            return -Errno.EBADF;
        }

        @Override
        public long write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            byte[] bytes = pending.toByteArray();
            int i = 0;
            while (i < bytes.length) {
                int lead = bytes[i] & 0xff;
                int n = MultibyteConversions.sequenceLength(lead);
                if (n == 0) return -Errno.EILSEQ;
                if (i + n > bytes.length) break;
                int c = MultibyteConversions.decode(java.util.Arrays.copyOfRange(bytes, i, i + n));
                if (c < 0) return -Errno.EILSEQ;
                if (position < chars.size()) chars.set(position, c);
                else chars.add(c);
                position++;
                i += n;
            }
            pending.reset();
            pending.write(bytes, i, bytes.length - i);
            if (chars.size() + 1 > capacity) {
                long grown = Math.max(chars.size() + 1L, capacity * 2);
                long p = heap().realloc(buffer, grown * 4);
                if (p == 0) return -Errno.ENOMEM;
                buffer = p;
                capacity = grown;
            }
            for (int k = 0; k < chars.size(); k++) mem().writeInt(buffer + 4L * k, chars.get(k));
            mem().writeInt(buffer + 4L * chars.size(), 0);
            publish();
            return len;
        }

        @Override
        public long seek(long offset, int whence) {
            long base = whence == StdioStream.SEEK_SET ? 0 : whence == StdioStream.SEEK_CUR ? position : chars.size();
            if (base + offset < 0) return -Errno.EINVAL;
            position = (int) Math.min(base + offset, chars.size());
            publish();
            return position;
        }

        @Override
        public long close() {
            publish();
            return 0;
        }

        private void publish() {
            mem().writeLong(ptrOut, buffer);
            mem().writeLong(sizeOut, position);
        }
    }

    private void openWmemstream(CallFrame f) {
        if (f.ptr(0) == 0 || f.ptr(1) == 0) {
            f.ret(failNull(Errno.EINVAL));
            return;
        }
        WideMemory w = new WideMemory(f.ptr(0), f.ptr(1));
        if (!w.open()) {
            f.ret(failNull(Errno.ENOMEM));
            return;
        }
        f.ret(stdio.openStream(w, O_WRONLY));
    }

    // ---- lines ------------------------------------------------------------------------------------------------

    /** fgetln: the next line (with its newline, if any) in a per-stream buffer, not NUL-terminated; NULL at the end. */
    private void fgetln(CallFrame f) {
        long file = f.ptr(0), lenp = f.ptr(1);
        StdioStream s = stdio.stream(file);
        if (s == null) {
            f.ret(0);
            return;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = s.read();
            if (c < 0) break;
            line.write(c);
            if (c == '\n') break;
        }
        if (line.size() == 0) {
            f.ret(0);
            return;
        }
        Long old = lineBuffers.get(file);
        long buffer = heap().realloc(old == null ? 0 : old, line.size());
        if (buffer == 0) {
            f.ret(failNull(Errno.ENOMEM));
            return;
        }
        lineBuffers.put(file, buffer);
        mem().write(buffer, line.toByteArray());
        mem().writeLong(lenp, line.size());
        f.ret(buffer);
    }

    /** gets: a line from stdin without its newline; NULL at end of file with nothing read. */
    private long gets(long buffer) {
        StdioStream s = stdio.stream(stdio.standardStream(0));
        if (s == null) return 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean any = false;
        while (true) {
            int c = s.read();
            if (c < 0) break;
            any = true;
            if (c == '\n') break;
            line.write(c);
        }
        if (!any) return 0;
        writeBytesZ(buffer, line.toByteArray());
        return buffer;
    }

    // ---- temporary names --------------------------------------------------------------------------------------

    private String tmpdir() {
        String d = environment == null ? null : environment.apply("TMPDIR");
        return d != null ? d : "/data/local/tmp";
    }

    private long tempnam(byte[] dir, byte[] prefix, CallFrame f) {
        String d = environment == null ? null : environment.apply("TMPDIR");
        if (d == null) d = dir != null ? latin1(dir) : "/data/local/tmp";
        String p = prefix != null ? latin1(prefix) : "tempnam.";
        long path = mallocString(d + "/" + p + "XXXXXXXXXX");
        if (path == 0) return 0;
        if (rows.call(f, "mktemp", path) == 0 || u8(path) == 0) {
            heap().free(path);
            return 0;
        }
        return path;
    }

    private long tmpnam(long s, CallFrame f) {
        if (s == 0) s = staticBuffer("tmpnam", 4096);
        byte[] name = latin1(tmpdir() + "/tmpnam.XXXXXXXXXX");
        writeBytesZ(s, java.util.Arrays.copyOf(name, Math.min(name.length, 4095)));
        long r = rows.call(f, "mktemp", s);
        return r == 0 || u8(s) == 0 ? 0 : s;
    }

    /** mkostemps: mkstemp with a suffix length and extra open flags (O_APPEND, O_CLOEXEC, O_SYNC). */
    private long mkstemps(CallFrame f, long template, int suffix, int flags) {
        final int allowed = 02000 | 02000000 | 04010000;
        if ((flags & ~allowed) != 0 || suffix < 0) return fail(Errno.EINVAL);
        byte[] t = cbytes(template);
        int end = t.length - suffix;
        if (end < 6) return fail(Errno.EINVAL);
        for (int i = end - 6; i < end; i++) if (t[i] != 'X') return fail(Errno.EINVAL);
        java.util.Random random = new java.util.Random(System.nanoTime() ^ template);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int attempt = 0; attempt < 100; attempt++) {
            for (int i = end - 6; i < end; i++) t[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            mem().write(template, t);
            long fd = rows.call(f, "openat", org.mdemu.guest.kernel.FileIo.AT_FDCWD, template,
                    FileTable.O_RDWR | FileTable.O_CREAT | FileTable.O_EXCL | flags, 0600);
            if ((int) fd >= 0) return fd;
            if (errno() != Errno.EEXIST) return -1;
        }
        return fail(Errno.EEXIST);
    }

    // ---- wide and UTF-16 ----------------------------------------------------------------------------------------

    private void mbrtoc16(CallFrame f) {
        long pc16 = f.ptr(0), s = f.ptr(1), n = f.i64(2), ps = f.ptr(3);
        long state = ps != 0 ? ps : staticBuffer("mbrtoc16-state", 8);
        // A pending low surrogate from the previous call is stored in the state's upper bytes.
        int pendingLow = mem().readShort(state + 6) & 0xffff;
        if (pendingLow != 0) {
            if (pc16 != 0) mem().writeShort(pc16, pendingLow);
            mem().writeShort(state + 6, 0);
            f.ret(-3L);
            return;
        }
        long c32 = heap().calloc(1, 4);
        try {
            long r = rows.call(f, "mbrtoc32", c32, s, n, state);
            if (r == -1L || r == -2L) {
                f.ret(r);
                return;
            }
            int c = mem().readInt(c32);
            if (c >= 0x10000) {
                int v = c - 0x10000;
                if (pc16 != 0) mem().writeShort(pc16, 0xd800 | (v >> 10));
                mem().writeShort(state + 6, 0xdc00 | (v & 0x3ff));
            } else if (pc16 != 0) {
                mem().writeShort(pc16, c);
            }
            f.ret(r);
        } finally {
            heap().free(c32);
        }
    }

    private void c16rtomb(CallFrame f) {
        long s = f.ptr(0), ps = f.ptr(2);
        int c16 = f.i32(1) & 0xffff;
        long state = ps != 0 ? ps : staticBuffer("c16rtomb-state", 8);
        if (s == 0) {
            mem().writeLong(state, 0);
            f.ret(1);
            return;
        }
        int high = mem().readShort(state + 6) & 0xffff;
        if (high == 0 && c16 >= 0xd800 && c16 <= 0xdbff) {
            mem().writeShort(state + 6, c16);
            f.ret(0);
            return;
        }
        if (high != 0) {
            mem().writeShort(state + 6, 0);
            if (c16 < 0xdc00 || c16 > 0xdfff) {
                f.ret(fail(Errno.EILSEQ));
                return;
            }
            int c = 0x10000 + ((high - 0xd800) << 10) + (c16 - 0xdc00);
            f.ret(rows.call(f, "c32rtomb", s, c, 0));
            return;
        }
        if (c16 >= 0xdc00 && c16 <= 0xdfff) {
            f.ret(fail(Errno.EILSEQ));
            return;
        }
        f.ret(rows.call(f, "c32rtomb", s, c16, 0));
    }

    private long wcswidth(CallFrame f, long s, long n) {
        long total = 0;
        for (long i = 0; i < n; i++) {
            int c = mem().readInt(s + 4 * i);
            if (c == 0) break;
            long w = (int) rows.call(f, "wcwidth", c);
            if (w < 0) return -1;
            total += w;
        }
        return total;
    }

    // ---- getsubopt ------------------------------------------------------------------------------------------

    /**
     * getsubopt(&optionp, tokens, &valuep) as BSD's: tokens separated by commas or blanks, "name=value" sets
     * *valuep; returns the index of the name in tokens, or -1.
     */
    private void getsubopt(CallFrame f) {
        long optionp = f.ptr(0), tokens = f.ptr(1), valuep = f.ptr(2);
        mem().writeLong(valuep, 0);
        long p = mem().readLong(optionp);
        while (u8(p) != 0 && separator(u8(p))) p++;
        if (u8(p) == 0) {
            mem().writeLong(optionp, p);
            f.ret(-1);
            return;
        }
        long name = p;
        do {
            p++;
        } while (u8(p) != 0 && !separator(u8(p)) && u8(p) != '=');
        if (u8(p) != 0) {
            if (u8(p) == '=') {
                mem().writeByte(p, 0);
                mem().writeLong(valuep, ++p);
                while (u8(p) != 0 && !separator(u8(p))) p++;
                if (u8(p) != 0) mem().writeByte(p++, 0);
            } else {
                mem().writeByte(p++, 0);
            }
            while (u8(p) != 0 && separator(u8(p))) p++;
        }
        mem().writeLong(optionp, p);
        byte[] text = mem().readCBytes(name);
        for (int i = 0; ; i++) {
            long token = mem().readLong(tokens + 8L * i);
            if (token == 0) break;
            if (java.util.Arrays.equals(mem().readCBytes(token), text)) {
                f.ret(i);
                return;
            }
        }
        f.ret(-1);
    }

    private static boolean separator(int c) {
        return c == ',' || c == ' ' || c == '\t';
    }
}
