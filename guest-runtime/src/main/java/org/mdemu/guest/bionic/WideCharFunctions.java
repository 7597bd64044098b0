package org.mdemu.guest.bionic;

import java.util.function.IntPredicate;
import org.mdemu.guest.abi.CallFrame;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.abi.VarArgs;
import org.mdemu.guest.bionic.NumberParsing.Precision;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * wchar.h and wctype.h. wchar_t is 4 bytes (UTF-32) on Android; multibyte text is always UTF-8, as bionic converts
 * it whatever the locale, with a partial sequence kept in the caller's 8-byte mbstate_t (bytes so far in seq[0..3]).
 * Wide classification and case mapping follow bionic: ASCII through the ctype rules, the rest by Unicode properties
 * (what bionic asks its built-in ICU4X tables).
 */
public final class WideCharFunctions implements LibrarySection {
    private static final long ILLEGAL = -1L, INCOMPLETE = -2L;
    private static final int WEOF = -1;
    private static final Support UNICODE = Support.full("Unicode properties, as bionic answers through ICU4X");

    private final GuestProcess process;
    private final PrintfFormatter formatter;
    private long privateState;
    private long wideScratch;

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
        declareConversions(t);
        declareClasses(t);
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
        t.function("wmemcmp", f -> {
            int[] a = readInts(f.ptr(0), f.i64(2)), b = readInts(f.ptr(1), f.i64(2));
            long r = 0;
            for (int i = 0; i < a.length && r == 0; i++) r = Integer.compare(a[i], b[i]);
            f.ret(r);
        });
        t.function("wmemchr", f -> {
            int[] a = readInts(f.ptr(0), f.i64(2));
            long r = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == f.i32(1)) {
                    r = f.ptr(0) + 4L * i;
                    break;
                }
            }
            f.ret(r);
        });
    }

    private void declareConversions(LibraryTable t) {
        t.function("mbrtowc", f -> f.ret(mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), state(f.ptr(3)))));
        t.function("mbrtoc32", f -> f.ret(mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), state(f.ptr(3)))));
        t.function("mbrlen", f -> f.ret(mbrtowc(0, f.ptr(0), f.i64(1), state(f.ptr(2)))));
        t.function("wcrtomb", f -> f.ret(wcrtomb(f.ptr(0), f.i32(1), state(f.ptr(2)))));
        t.function("c32rtomb", f -> f.ret(wcrtomb(f.ptr(0), f.i32(1), state(f.ptr(2)))));
        t.function("mbsinit", f -> f.ret(f.ptr(0) == 0 || bytesSoFar(f.ptr(0)) == 0));
        t.function("mbtowc", f -> {
            if (f.ptr(1) == 0) {
                f.ret(0);
                return;
            }
            long scratch = state(0);
            mem().writeLong(scratch, 0);
            long r = mbrtowc(f.ptr(0), f.ptr(1), f.i64(2), scratch);
            f.ret(r == INCOMPLETE ? -1 : r);
        });
        t.function("wctomb", f -> f.ret(f.ptr(0) == 0 ? 0 : wcrtomb(f.ptr(0), f.i32(1), 0)));
        t.function("mblen", "LIBC_O", Support.FULL, f -> {
            if (f.ptr(0) == 0) {
                f.ret(0);
                return;
            }
            long scratch = state(0);
            mem().writeLong(scratch, 0);
            long r = mbrtowc(0, f.ptr(0), f.i64(1), scratch);
            f.ret(r == INCOMPLETE ? -1 : r);
        });
        t.function("btowc", f -> f.ret(f.i32(0) == -1 || (f.i32(0) & 0xff) >= 0x80 ? WEOF & 0xffffffffL : f.i32(0) & 0xff));
        t.function("wctob", f -> f.ret(f.i32(0) >= 0 && f.i32(0) < 0x80 ? f.i32(0) : -1));
        t.function("mbsrtowcs", f -> f.ret(mbsrtowcs(f.ptr(0), f.ptr(1), Long.MAX_VALUE, f.i64(2), state(f.ptr(3)))));
        t.function("mbsnrtowcs", f -> f.ret(mbsrtowcs(f.ptr(0), f.ptr(1), f.i64(2), f.i64(3), state(f.ptr(4)))));
        t.function("wcsrtombs", f -> f.ret(wcsrtombs(f.ptr(0), f.ptr(1), Long.MAX_VALUE, f.i64(2))));
        t.function("wcsnrtombs", f -> f.ret(wcsrtombs(f.ptr(0), f.ptr(1), f.i64(2), f.i64(3))));
        t.function("mbstowcs", f -> f.ret(viaPointer(f.ptr(1), p -> mbsrtowcs(f.ptr(0), p, Long.MAX_VALUE, f.i64(2), p + 8))));
        t.function("wcstombs", f -> f.ret(viaPointer(f.ptr(1), p -> wcsrtombs(f.ptr(0), p, Long.MAX_VALUE, f.i64(2)))));
    }

    /** The wctype(3) classes in bionic's wctype_t order (1 = alnum ... 12 = xdigit). */
    private static final String[] CLASS_NAMES = {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower",
        "print", "punct", "space", "upper", "xdigit"};
    private static final IntPredicate[] CLASSES = {
        c -> Character.isAlphabetic(c) || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER,
        Character::isAlphabetic,
        c -> c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR,
        c -> Character.getType(c) == Character.CONTROL,
        c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER,
        WideCharFunctions::isGraph,
        Character::isLowerCase,
        c -> isGraph(c) || Character.getType(c) == Character.SPACE_SEPARATOR,
        c -> switch (Character.getType(c)) {
            case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        },
        WideCharFunctions::isWhiteSpace,
        Character::isUpperCase,
        c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER || (c >= 0xff21 && c <= 0xff26)
                || (c >= 0xff41 && c <= 0xff46),
    };
    /** The same classes for ASCII, where bionic answers with the ctype functions. */
    private static final IntPredicate[] ASCII = {
        c -> CtypeFunctions.isAlpha(c) || CtypeFunctions.isDigit(c), CtypeFunctions::isAlpha,
        c -> c == ' ' || c == '\t', c -> c < 0x20 || c == 0x7f, CtypeFunctions::isDigit, c -> c > 0x20 && c < 0x7f,
        c -> c >= 'a' && c <= 'z', c -> c >= 0x20 && c < 0x7f,
        c -> c > 0x20 && c < 0x7f && !CtypeFunctions.isAlpha(c) && !CtypeFunctions.isDigit(c),
        c -> c == ' ' || (c >= '\t' && c <= '\r'), c -> c >= 'A' && c <= 'Z',
        c -> CtypeFunctions.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'),
    };

    private static boolean isWhiteSpace(int c) {
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    private static boolean isGraph(int c) {
        int type = Character.getType(c);
        return !isWhiteSpace(c) && type != Character.CONTROL && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.SPACE_SEPARATOR;
    }

    /** iswctype: class 1..12 as wctype returns them; 0 (or anything else) matches nothing. */
    static boolean inClass(int c, long wctype) {
        if (wctype < 1 || wctype > CLASSES.length || c < 0 || c > 0x10ffff) return false;
        return c < 0x80 ? ASCII[(int) wctype - 1].test(c) : CLASSES[(int) wctype - 1].test(c);
    }

    static int toLower(int c) {
        return c < 0 || c > 0x10ffff ? c : c < 0x80 ? CtypeFunctions.toLower(c) : Character.toLowerCase(c);
    }

    static int toUpper(int c) {
        return c < 0 || c > 0x10ffff ? c : c < 0x80 ? CtypeFunctions.toUpper(c) : Character.toUpperCase(c);
    }

    private void declareClasses(LibraryTable t) {
        for (int k = 0; k < CLASS_NAMES.length; k++) {
            long wctype = k + 1;
            for (String name : new String[] {"isw" + CLASS_NAMES[k], "isw" + CLASS_NAMES[k] + "_l"}) {
                t.function(name, UNICODE, f -> f.ret(inClass(f.i32(0), wctype)));
            }
        }
        for (String suffix : new String[] {"", "_l"}) {
            t.function("iswctype" + suffix, UNICODE, f -> f.ret(inClass(f.i32(0), f.i64(1))));
            t.function("wctype" + suffix, f -> {
                String name = f.cstr(0);
                f.ret(java.util.Arrays.asList(CLASS_NAMES).indexOf(name) + 1);
            });
            t.function("towlower" + suffix, UNICODE, f -> f.ret(toLower(f.i32(0)) & 0xffffffffL));
            t.function("towupper" + suffix, UNICODE, f -> f.ret(toUpper(f.i32(0)) & 0xffffffffL));
            // wctrans_t is an opaque pointer; bionic hands out 1 for tolower and 2 for toupper.
            t.function("wctrans" + suffix, "LIBC_O", Support.FULL, f -> {
                String name = f.cstr(0);
                long r = "tolower".equals(name) ? 1 : "toupper".equals(name) ? 2 : 0;
                if (r == 0) process.setErrno(Errno.EINVAL);
                f.ret(r);
            });
            t.function("towctrans" + suffix, "LIBC_O", UNICODE, f -> {
                int c = f.i32(0);
                long r = f.i64(1) == 1 ? toLower(c) : f.i64(1) == 2 ? toUpper(c) : c;
                if (f.i64(1) != 1 && f.i64(1) != 2) process.setErrno(Errno.EINVAL);
                f.ret(r & 0xffffffffL);
            });
        }
        t.function("wcwidth", Support.partial("Unicode general categories and East Asian wide ranges, without "
                + "bionic's full EastAsianWidth table"), f -> f.ret(wcwidth(f.i32(0))));
    }

    /** wcwidth: bionic's rules, with the wide ranges of EastAsianWidth W/F spelled out for the common blocks. */
    static int wcwidth(int c) {
        if (c >= 0x20 && c < 0x7f) return 1;
        if (c == 0) return 0;
        if (c < ' ' || (c >= 0x7f && c <= 0xa0)) return -1;
        int type = Character.getType(c);
        if (type == Character.CONTROL) return -1;
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) return 0;
        if (type == Character.FORMAT) return c == 0xad ? 1 : 0;
        if ((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff)) return 0;
        if (c >= 0x1100 && c <= 0x115f) return 2;
        boolean wide = (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf)
                || (c >= 0x4dc0 && c <= 0x4dff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf)
                || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)
                || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f)
                || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x2fffd) || (c >= 0x30000 && c <= 0x3fffd);
        return wide ? 2 : 1;
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
            byte[] b = encode(c);
            if (b != null) out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** swprintf: at most n wide characters including the L'\0'; -1 (EOVERFLOW) when the result did not fit. */
    private long swprintf(long dst, long n, long format, VarArgs args) {
        byte[] out = formatter.format(utf8(format), args);
        int[] wide = new String(out, java.nio.charset.StandardCharsets.UTF_8).codePoints().toArray();
        if (n == 0) return -1;
        int fit = (int) Math.min(wide.length, n - 1);
        writeInts(dst, java.util.Arrays.copyOf(wide, fit + 1), 0, fit + 1);
        mem().writeInt(dst + 4L * fit, 0);
        if (wide.length >= n) {
            process.setErrno(Errno.EOVERFLOW);
            return -1;
        }
        return wide.length;
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

    private long copy(long dst, long src, long count) {
        if (count > 0) writeInts(dst, readInts(src, count), 0, (int) count);
        return dst;
    }

    private long fill(long dst, int c, long count) {
        if (count > 0) {
            int[] w = new int[(int) count];
            java.util.Arrays.fill(w, c);
            writeInts(dst, w, 0, w.length);
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

    private long wcsstr(long hay, long needle) {
        int[] h = wstring(hay), n = wstring(needle);
        outer:
        for (int i = 0; i + n.length <= h.length; i++) {
            for (int j = 0; j < n.length; j++) if (h[i + j] != n[j]) continue outer;
            return hay + 4L * i;
        }
        return 0;
    }

    private long span(long s, long set, boolean accept) {
        int[] w = wstring(s), chars = wstring(set);
        int i = 0;
        for (; i < w.length; i++) {
            boolean in = false;
            for (int c : chars) in |= c == w[i];
            if (in != accept) break;
        }
        return i;
    }

    // ---- UTF-8 <-> UTF-32 with bionic's mbstate_t ----

    /** The caller's mbstate_t, or this library's private one when the caller passed NULL. */
    private long state(long ps) {
        if (ps != 0) return ps;
        if (privateState == 0) privateState = process.heap().calloc(1, 8);
        return privateState;
    }

    private int bytesSoFar(long ps) {
        byte[] seq = mem().read(ps, 3);
        return seq[2] != 0 ? 3 : seq[1] != 0 ? 2 : seq[0] != 0 ? 1 : 0;
    }

    private long illegal(long ps) {
        mem().writeLong(ps, 0);
        process.setErrno(Errno.EILSEQ);
        return ILLEGAL;
    }

    /** mbrtowc/mbrtoc32: bytes used (0 for NUL), -2 for an incomplete sequence kept in ps, -1 with EILSEQ. */
    long mbrtowc(long pwc, long s, long n, long ps) {
        if (mem().readByte(ps + 3) != 0) {
            mem().writeLong(ps, 0);
            process.setErrno(Errno.EINVAL);
            return ILLEGAL;
        }
        if (s == 0) {
            return bytesSoFar(ps) == 0 ? 0 : illegal(ps);
        }
        if (n == 0) return INCOMPLETE;
        int have = bytesSoFar(ps);
        int first = mem().readByte(s) & 0xff;
        if (have == 0 && first < 0x80) {
            if (pwc != 0) mem().writeInt(pwc, first);
            return first != 0 ? 1 : 0;
        }
        int lead = have > 0 ? mem().readByte(ps) & 0xff : first;
        int length = sequenceLength(lead);
        if (length == 0) return illegal(ps);
        int wanted = length - have;
        int take = (int) Math.min(wanted, n);
        byte[] in = mem().read(s, take);
        for (int i = 0; i < take; i++) {
            if ((have + i) > 0 && (in[i] & 0xc0) != 0x80) return illegal(ps);
            mem().writeByte(ps + have + i, in[i]);
        }
        if (take < wanted) return INCOMPLETE;
        int c = decode(mem().read(ps, length));
        if (c < 0) return illegal(ps);
        if (pwc != 0) mem().writeInt(pwc, c);
        mem().writeLong(ps, 0);
        return c == 0 ? 0 : wanted;
    }

    /** The length of a UTF-8 sequence from its lead byte: 1 for ASCII, 2-4, or 0 for a byte that cannot lead. */
    static int sequenceLength(int lead) {
        return lead < 0x80 ? 1 : (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : (lead & 0xf8) == 0xf0 ? 4 : 0;
    }

    /** One complete UTF-8 sequence to its code point, with mbrtowc's checks; -1 when it is no character. */
    static int decode(byte[] seq) {
        int lead = seq[0] & 0xff;
        int length = sequenceLength(lead);
        if (length == 1) return seq.length == 1 ? lead : -1;
        if (length != seq.length) return -1;
        int c = lead & (0x7f >> length);
        for (int i = 1; i < length; i++) {
            if ((seq[i] & 0xc0) != 0x80) return -1;
            c = c << 6 | (seq[i] & 0x3f);
        }
        int lowerBound = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        return c < lowerBound || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ? -1 : c;
    }

    /** The UTF-8 bytes of one wide character (bionic encodes up to 0x1fffff), or null when it has none. */
    static byte[] encode(int c) {
        if ((c & ~0x7f) == 0) return new byte[] {(byte) c};
        int length = (c & ~0x7ff) == 0 ? 2 : (c & ~0xffff) == 0 ? 3 : (c & ~0x1fffff) == 0 ? 4 : 0;
        if (length == 0) return null;
        byte[] b = new byte[length];
        for (int i = length - 1; i > 0; i--) {
            b[i] = (byte) ((c & 0x3f) | 0x80);
            c >>= 6;
        }
        b[0] = (byte) (c | (length == 2 ? 0xc0 : length == 3 ? 0xe0 : 0xf0));
        return b;
    }

    private long wcrtomb(long s, int c, long ps) {
        long st = state(ps);
        if (s == 0) {
            mem().writeLong(st, 0);
            return 1;
        }
        if (c == 0) {
            mem().writeByte(s, 0);
            mem().writeLong(st, 0);
            return 1;
        }
        if (bytesSoFar(st) != 0) return illegal(st);
        byte[] b = encode(c);
        if (b == null) {
            process.setErrno(Errno.EILSEQ);
            return ILLEGAL;
        }
        mem().write(s, b);
        return b.length;
    }

    /** mbsnrtowcs: at most nms bytes of *src into at most len wide characters (counting only when dst is NULL). */
    private long mbsrtowcs(long dst, long srcPtr, long nms, long len, long st) {
        long src = mem().readLong(srcPtr);
        long scratch = wideScratch();
        long count = 0, used = 0;
        while (dst == 0 || count < len) {
            long r = mbrtowc(dst == 0 ? 0 : scratch, src + used, Math.min(4, nms - used), st);
            if (r == ILLEGAL) {
                if (dst != 0) mem().writeLong(srcPtr, src + used);
                return ILLEGAL;
            }
            if (r == INCOMPLETE) {
                if (nms - used >= 4) return illegal(st);
                break;
            }
            if (r == 0) {
                if (dst != 0) {
                    mem().writeInt(dst + 4 * count, 0);
                    mem().writeLong(srcPtr, 0);
                }
                return count;
            }
            if (dst != 0) mem().writeInt(dst + 4 * count, mem().readInt(scratch));
            used += r;
            count++;
            if (used >= nms) break;
        }
        mem().writeLong(st, 0);
        if (dst != 0) mem().writeLong(srcPtr, src + used);
        return count;
    }

    /** wcsnrtombs: at most nwc wide characters of *src into at most len bytes (counting only when dst is NULL). */
    private long wcsrtombs(long dst, long srcPtr, long nwc, long len) {
        long src = mem().readLong(srcPtr);
        long count = 0;
        for (long i = 0; i < nwc; i++) {
            int c = mem().readInt(src + 4 * i);
            if (c == 0) {
                if (dst != 0) {
                    if (count >= len) {
                        mem().writeLong(srcPtr, src + 4 * i);
                        return count;
                    }
                    mem().writeByte(dst + count, 0);
                    mem().writeLong(srcPtr, 0);
                }
                return count;
            }
            byte[] b = encode(c);
            if (b == null) {
                if (dst != 0) mem().writeLong(srcPtr, src + 4 * i);
                process.setErrno(Errno.EILSEQ);
                return ILLEGAL;
            }
            if (dst != 0) {
                if (count + b.length > len) {
                    mem().writeLong(srcPtr, src + 4 * i);
                    return count;
                }
                mem().write(dst + count, b);
            }
            count += b.length;
        }
        if (dst != 0) mem().writeLong(srcPtr, src + 4 * nwc);
        return count;
    }

    private long wideScratch() {
        if (wideScratch == 0) wideScratch = process.heap().calloc(1, 8);
        return wideScratch;
    }

    /** mbstowcs/wcstombs: the r-variant on a copy of the source pointer (slot) with a fresh mbstate_t (slot + 8). */
    private long viaPointer(long src, java.util.function.LongUnaryOperator conversion) {
        long slot = process.heap().calloc(1, 16);
        if (slot == 0) {
            process.setErrno(Errno.ENOMEM);
            return ILLEGAL;
        }
        mem().writeLong(slot, src);
        long r = conversion.applyAsLong(slot);
        process.heap().free(slot);
        return r;
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
