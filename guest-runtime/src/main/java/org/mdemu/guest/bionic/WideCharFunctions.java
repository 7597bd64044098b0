package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.bionic.NumberParsing.Precision;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.sched.StopPoints;
import org.mdemu.guest.machine.GuestMemory;

/**
 * wchar.h's wide strings, numbers and swprintf/swscanf. wchar_t is 4 bytes (UTF-32) on Android; the multibyte side
 * is {@link MultibyteConversions}, classes are {@link WideClasses}, streams {@link WideStdio}.
 */
public final class WideCharFunctions implements LibrarySection {
    private final GuestProcess process;
    private final PrintfFormatter formatter;

    public WideCharFunctions(GuestProcess process, PrintfFormatter formatter) {
        this.process = process;
        this.formatter = formatter;
    }

    private GuestMemory mem() {
        return process.memory();
    }

    @Override
    public void declare(LibraryTable t) {
        declareStrings(t);
        declareNumbers(t);
        declareFormatting(t);
    }

    private void declareStrings(LibraryTable t) {
        t.function("wcslen", f -> f.ret(wcslen(f.ptr(0), Long.MAX_VALUE)));
        t.function("wcsnlen", f -> f.ret(wcslen(f.ptr(0), f.i64(1))));
        t.function("wcscmp", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), Long.MAX_VALUE, false)));
        t.function("wcsncmp", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), f.i64(2), false)));
        t.function("wcscasecmp", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), Long.MAX_VALUE, true)));
        t.function("wcsncasecmp", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), f.i64(2), true)));
        t.function("wcscasecmp_l", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), Long.MAX_VALUE, true)));
        t.function("wcsncasecmp_l", f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), f.i64(2), true)));
        // Only C and C.UTF-8 exist: collation is code point order and wcsxfrm a copy.
        for (String suffix : new String[] {"", "_l"}) {
            t.function("wcscoll" + suffix, f -> f.ret(wcsncmp(f.ptr(0), f.ptr(1), Long.MAX_VALUE, false)));
            t.function("wcsxfrm" + suffix, f -> {
                long len = wcslen(f.ptr(1), Long.MAX_VALUE);
                if (len < f.i64(2)) copy(f.ptr(0), f.ptr(1), len + 1);
                f.ret(len);
            });
        }
        t.function("wcscpy", f -> f.ret(copy(f.ptr(0), f.ptr(1), wcslen(f.ptr(1), Long.MAX_VALUE) + 1)));
        t.function("wcsncpy", f -> {
            long n = f.i64(2), len = wcslen(f.ptr(1), n);
            copy(f.ptr(0), f.ptr(1), len);
            fill(f.ptr(0) + 4 * len, 0, n - len);
            f.ret(f.ptr(0));
        });
        t.function("wcscat", f -> {
            copy(f.ptr(0) + 4 * wcslen(f.ptr(0), Long.MAX_VALUE), f.ptr(1), wcslen(f.ptr(1), Long.MAX_VALUE) + 1);
            f.ret(f.ptr(0));
        });
        t.function("wcsncat", f -> {
            long end = f.ptr(0) + 4 * wcslen(f.ptr(0), Long.MAX_VALUE), len = wcslen(f.ptr(1), f.i64(2));
            copy(end, f.ptr(1), len);
            mem().writeInt(end + 4 * len, 0);
            f.ret(f.ptr(0));
        });
        t.function("wcsdup", f -> {
            long n = wcslen(f.ptr(0), Long.MAX_VALUE) + 1;
            long p = process.heap().malloc(4 * n);
            if (p == 0) process.setErrno(Errno.ENOMEM);
            else copy(p, f.ptr(0), n);
            f.ret(p);
        });
        t.function("wcschr", f -> f.ret(wcschr(f.ptr(0), f.i32(1), false)));
        t.function("wcsrchr", f -> f.ret(wcschr(f.ptr(0), f.i32(1), true)));
        t.function("wcsstr", f -> f.ret(wcsstr(f.ptr(0), f.ptr(1))));
        t.function("wcsspn", f -> f.ret(span(f.ptr(0), f.ptr(1), true)));
        t.function("wcscspn", f -> f.ret(span(f.ptr(0), f.ptr(1), false)));
        t.function("wcspbrk", f -> {
            long n = span(f.ptr(0), f.ptr(1), false);
            f.ret(mem().readInt(f.ptr(0) + 4 * n) == 0 ? 0 : f.ptr(0) + 4 * n);
        });
        t.function("wmemcpy", f -> f.ret(copy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("wmempcpy", f -> f.ret(copy(f.ptr(0), f.ptr(1), f.i64(2)) + 4 * f.i64(2)));
        t.function("wcpcpy", f -> {
            long len = wcslen(f.ptr(1), Long.MAX_VALUE);
            f.ret(copy(f.ptr(0), f.ptr(1), len + 1) + 4 * len);
        });
        t.function("wcpncpy", f -> {
            long n = f.i64(2), len = wcslen(f.ptr(1), n);
            copy(f.ptr(0), f.ptr(1), len);
            fill(f.ptr(0) + 4 * len, 0, n - len);
            f.ret(f.ptr(0) + 4 * len);
        });
        t.function("wcslcpy", f -> f.ret(wcslcpy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("wcslcat", f -> {
            long have = wcslen(f.ptr(0), f.i64(2));
            f.ret(have == f.i64(2) ? have + wcslen(f.ptr(1), Long.MAX_VALUE)
                    : have + wcslcpy(f.ptr(0) + 4 * have, f.ptr(1), f.i64(2) - have));
        });
        t.function("wcstok", f -> f.ret(wcstok(f.ptr(0), f.ptr(1), f.ptr(2))));
        t.function("wmemmove", f -> f.ret(copy(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("wmemset", f -> f.ret(fill(f.ptr(0), f.i32(1), f.i64(2))));
        t.function("wmemcmp", f -> f.ret(wmemcmp(f.ptr(0), f.ptr(1), f.i64(2))));
        t.function("wmemchr", f -> f.ret(wmemchr(f.ptr(0), f.i32(1), f.i64(2))));
    }

    private void declareNumbers(LibraryTable t) {
        for (String suffix : new String[] {"", "_l"}) {
            String node = suffix.isEmpty() ? "LIBC" : "LIBC_P";
            t.function("wcstol" + suffix, node, Support.FULL, f -> wcstol(f, true));
            t.function("wcstoul" + suffix, node, Support.FULL, f -> wcstol(f, false));
            t.function("wcstod" + suffix, node, Support.FULL, f -> wcstod(f, Precision.DOUBLE));
            t.function("wcstof" + suffix, node, Support.FULL, f -> wcstod(f, Precision.FLOAT));
            t.function("wcstoll" + suffix, f -> wcstol(f, true));
            t.function("wcstoull" + suffix, f -> wcstol(f, false));
            t.function("wcstold" + suffix, Support.full("exact IEEE binary128 in q0"), f -> wcstod(f, Precision.LONG_DOUBLE));
        }
        t.function("wcstoimax", f -> wcstol(f, true));
        t.function("wcstoumax", f -> wcstol(f, false));
    }

    private void declareFormatting(LibraryTable t) {
        t.function("swprintf", f -> f.ret(swprintf(f.ptr(0), f.i64(1), f.ptr(2), f.varargs(3, 0))));
        t.function("vswprintf", f -> f.ret(swprintf(f.ptr(0), f.i64(1), f.ptr(2), f.vaList(f.ptr(3)))));
        Support bytes = Support.partial("%n counts UTF-8 bytes of the input, not wide characters");
        t.function("swscanf", bytes, f -> f.ret(swscanf(f.ptr(0), f.ptr(1), f.varargs(2, 0))));
        t.function("vswscanf", bytes, f -> f.ret(swscanf(f.ptr(0), f.ptr(1), f.vaList(f.ptr(2)))));
    }

    /** The wide string as UTF-8 bytes (what the narrow printf/scanf engines read). */
    byte[] utf8(long s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int c : wstring(s)) {
            byte[] b = MultibyteConversions.encode(c);
            if (b != null) out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /**
     * swprintf as bionic's (OpenBSD's) vswprintf: the output is built as a multibyte string in the heap (ENOMEM
     * when it cannot grow), then converted: at most n wide characters including the L'\0'; -1 with EOVERFLOW
     * when it did not fit (the first n - 1 are kept), EILSEQ for bytes that are no character, EINVAL for n = 0.
     */
    private long swprintf(long dst, long n, long format, VarArgs args) {
        if (n == 0) {
            process.setErrno(Errno.EINVAL);
            return -1;
        }
        HeapStringBuilder out = HeapStringBuilder.allocate(process.heap(), mem());
        if (out == null) {
            process.setErrno(Errno.ENOMEM);
            return -1;
        }
        try {
            long r = formatter.format(utf8(format), args, PrintfSink.to(out));
            if (r < 0) {
                process.setErrno((int) -r);
                return -1;
            }
            return storeWide(dst, Long.compareUnsigned(n, Long.MAX_VALUE) > 0 ? Long.MAX_VALUE : n, out);
        } finally {
            out.free();
        }
    }

    /** mbsrtowcs of the built string into dst, at most n wide characters, then swprintf's verdict. */
    private long storeWide(long dst, long n, HeapStringBuilder out) {
        long stored = 0;
        int[] chunk = new int[4096];
        int inChunk = 0;
        byte[] seq = new byte[4];
        int seqLength = 0;
        int seqWanted = 0;
        boolean illegal = false;
        for (long at = 0; at < out.length() && stored + inChunk < n && !illegal; ) {
            byte[] bytes = mem().read(out.address() + at, (int) Math.min(PrintfSink.CHUNK, out.length() - at));
            at += bytes.length;
            for (int i = 0; i < bytes.length && stored + inChunk < n; i++) {
                if (seqLength == 0) {
                    seqWanted = MultibyteConversions.sequenceLength(bytes[i] & 0xff);
                    if (seqWanted == 0) {
                        illegal = true;
                        break;
                    }
                }
                seq[seqLength++] = bytes[i];
                if (seqLength < seqWanted) continue;
                int c = MultibyteConversions.decode(java.util.Arrays.copyOf(seq, seqLength));
                seqLength = 0;
                if (c < 0) {
                    illegal = true;
                    break;
                }
                chunk[inChunk++] = c;
                if (inChunk == chunk.length) {
                    writeInts(dst + 4 * stored, chunk, 0, inChunk);
                    stored += inChunk;
                    inChunk = 0;
                }
            }
        }
        if (inChunk > 0) writeInts(dst + 4 * stored, chunk, 0, inChunk);
        stored += inChunk;
        if (illegal || seqLength != 0) {
            process.setErrno(Errno.EILSEQ);
            return -1;
        }
        if (stored == n) {
            mem().writeInt(dst + 4 * (n - 1), 0);
            process.setErrno(Errno.EOVERFLOW);
            return -1;
        }
        mem().writeInt(dst + 4 * stored, 0);
        return stored;
    }

    private long swscanf(long input, long format, VarArgs args) {
        return new ScanfParser(mem()).scan(utf8(format), ScanfParser.of(utf8(input)), args);
    }

    // ---- wide strings in guest memory ----

    /** The number of wide characters before the terminating L'\0', at most max. */
    long wcslen(long s, long max) {
        long n = 0;
        while (n < max) {
            long a = s + 4 * n;
            int chunk = (int) Math.min(Math.min(max - n, 256), (GuestMemory.PAGE_SIZE - (a & (GuestMemory.PAGE_SIZE - 1))) / 4);
            if (chunk <= 0) chunk = 1;
            StopPoints.check();
            int[] w = readInts(a, chunk);
            for (int i = 0; i < w.length; i++) if (w[i] == 0) return n + i;
            n += chunk;
        }
        return max;
    }

    int[] readInts(long p, long count) {
        if (count < 0 || count > Integer.MAX_VALUE / 4) throw new org.mdemu.guest.machine.GuestFault(count, "length out of range");
        byte[] b = mem().read(p, (int) count * 4);
        int[] w = new int[(int) count];
        for (int i = 0; i < w.length; i++) {
            w[i] = (b[4 * i] & 0xff) | (b[4 * i + 1] & 0xff) << 8 | (b[4 * i + 2] & 0xff) << 16 | b[4 * i + 3] << 24;
        }
        return w;
    }

    private int[] wstring(long s) {
        return readInts(s, wcslen(s, Long.MAX_VALUE));
    }

    private void writeInts(long p, int[] w, int from, int count) {
        byte[] b = new byte[count * 4];
        for (int i = 0; i < count; i++) {
            int v = w[from + i];
            b[4 * i] = (byte) v;
            b[4 * i + 1] = (byte) (v >> 8);
            b[4 * i + 2] = (byte) (v >> 16);
            b[4 * i + 3] = (byte) (v >> 24);
        }
        mem().write(p, b);
    }

    /** wmemmove and the wide copies: the bytes of count wide characters, in bounded chunks ({@link GuestBlocks}). */
    private long copy(long dst, long src, long count) {
        GuestBlocks.move(mem(), dst, src, count < 0 || count > Long.MAX_VALUE / 4 ? -1 : 4 * count);
        return dst;
    }

    /** Wide characters per chunk of the count-driven rows: no host array as large as a guest count. */
    private static final int WIDE_CHUNK = GuestBlocks.CHUNK / 4;

    private static final long GO_ON = Long.MIN_VALUE;

    /** The wide characters of [p, p + count) a chunk at a time, for as long as visit returns GO_ON; its result. */
    private long chunks(long p, long count, java.util.function.BiFunction<Long, int[], Long> visit) {
        for (long done = 0; Long.compareUnsigned(done, count) < 0; done += WIDE_CHUNK) {
            StopPoints.check();
            long left = count - done;
            int k = Long.compareUnsigned(left, WIDE_CHUNK) < 0 ? (int) left : WIDE_CHUNK;
            long r = visit.apply(done, readInts(p + 4 * done, k));
            if (r != GO_ON) return r;
        }
        return GO_ON;
    }

    private long wmemchr(long s, int c, long count) {
        long r = chunks(s, count, (done, w) -> {
            for (int i = 0; i < w.length; i++) if (w[i] == c) return s + 4 * (done + i);
            return GO_ON;
        });
        return r == GO_ON ? 0 : r;
    }

    private long wmemcmp(long a, long b, long count) {
        long r = chunks(a, count, (done, x) -> {
            int[] y = readInts(b + 4 * done, x.length);
            for (int i = 0; i < x.length; i++) if (x[i] != y[i]) return (long) Integer.compare(x[i], y[i]);
            return GO_ON;
        });
        return r == GO_ON ? 0 : r;
    }

    /** wmemset: a count past the writable memory faults where it ends, as the stores would; the rest in chunks. */
    private long fill(long dst, int c, long count) {
        if (count == 0) return dst;
        mem().check(dst, count < 0 || count > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : count * 4, org.mdemu.guest.machine.Prot.WRITE);
        int[] w = new int[(int) Math.min(count, 1 << 14)];
        java.util.Arrays.fill(w, c);
        for (long done = 0; done < count; done += w.length) {
            StopPoints.check();
            writeInts(dst + 4 * done, w, 0, (int) Math.min(w.length, count - done));
        }
        return dst;
    }

    private long wcsncmp(long a, long b, long n, boolean ignoreCase) {
        int[] x = readInts(a, wcslen(a, n)), y = readInts(b, wcslen(b, n));
        for (int i = 0; i < n; i++) {
            int p = i < x.length ? x[i] : 0, q = i < y.length ? y[i] : 0;
            if (ignoreCase) {
                p = Character.toLowerCase(p);
                q = Character.toLowerCase(q);
            }
            if (p != q) return Integer.compare(p, q);
            if (p == 0) return 0;
        }
        return 0;
    }

    private long wcslcpy(long dst, long src, long size) {
        long len = wcslen(src, Long.MAX_VALUE);
        if (size > 0) {
            long n = Math.min(len, size - 1);
            copy(dst, src, n);
            mem().writeInt(dst + 4 * n, 0);
        }
        return len;
    }

    /** wcstok: strtok_r for wide strings (the save pointer is mandatory). */
    private long wcstok(long s, long delimiters, long save) {
        if (s == 0) s = mem().readLong(save);
        if (s == 0) return 0;
        s += 4 * span(s, delimiters, true);
        if (mem().readInt(s) == 0) {
            mem().writeLong(save, 0);
            return 0;
        }
        long end = s + 4 * span(s, delimiters, false);
        if (mem().readInt(end) == 0) {
            mem().writeLong(save, 0);
        } else {
            mem().writeInt(end, 0);
            mem().writeLong(save, end + 4);
        }
        return s;
    }

    private long wcschr(long s, int c, boolean last) {
        int[] w = wstring(s);
        if (c == 0) return s + 4L * w.length;
        long found = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == c) {
                found = s + 4L * i;
                if (!last) return found;
            }
        }
        return found;
    }

    /** Linear time ({@link SubstringSearch}); the haystack is read as far as the search goes. */
    private long wcsstr(long hay, long needle) {
        int[] n = wstring(needle);
        if (n.length == 0) return hay;
        long at = SubstringSearch.find(SubstringSearch.ints(n), SubstringSearch.inMemory(mem(), hay, 4, -1, c -> c));
        return at < 0 ? 0 : hay + 4L * at;
    }

    /** wcsspn/wcscspn: one pass over s, each character looked up in the sorted set (n log m, not n * m). */
    private long span(long s, long set, boolean accept) {
        int[] w = wstring(s), chars = wstring(set);
        java.util.Arrays.sort(chars);
        int i = 0;
        for (; i < w.length; i++) {
            StopPoints.poll(i);
            if ((java.util.Arrays.binarySearch(chars, w[i]) >= 0) != accept) break;
        }
        return i;
    }

    // ---- numbers ----

    /** The wide string as Java text, stopping at the first character that cannot belong to a number. */
    private String numberText(long s) {
        StringBuilder b = new StringBuilder();
        for (int c : wstring(s)) {
            if (c <= 0 || c >= 0x80) break;
            b.append((char) c);
        }
        return b.toString();
    }

    private void wcstol(CallFrame f, boolean signed) {
        if (!NumberParsing.validBase(f.i32(2))) {
            process.setErrno(Errno.EINVAL);
            if (f.ptr(1) != 0) mem().writeLong(f.ptr(1), f.ptr(0));
            f.ret(0);
            return;
        }
        NumberParsing.Result r = NumberParsing.parseLong(numberText(f.ptr(0)), f.i32(2), signed);
        if (r.overflow()) process.setErrno(Errno.ERANGE);
        if (f.ptr(1) != 0) mem().writeLong(f.ptr(1), f.ptr(0) + 4L * r.consumedBytes());
        f.ret(r.value());
    }

    private void wcstod(CallFrame f, Precision precision) {
        NumberParsing.DoubleResult r = NumberParsing.parseDouble(numberText(f.ptr(0)));
        if (f.ptr(1) != 0) mem().writeLong(f.ptr(1), f.ptr(0) + 4L * r.consumedBytes());
        int errno = NumberParsing.returnFloating(f, r.literal().isEmpty() ? "0" : r.literal(), precision);
        if (errno != 0) process.setErrno(errno);
    }
}
