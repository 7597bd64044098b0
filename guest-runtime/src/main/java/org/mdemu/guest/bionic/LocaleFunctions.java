package org.mdemu.guest.bionic;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * locale.h, langinfo.h and nl_types.h as bionic has them: only "C"/"POSIX" and UTF-8 locales ("C.UTF-8", "en_US.UTF-8", and ""
 * which means C.UTF-8). A locale_t is a heap object holding MB_CUR_MAX (1 or 4); LC_GLOBAL_LOCALE is (locale_t) -1.
 * Multibyte conversion is UTF-8 whatever the locale, as in bionic.
 */
public final class LocaleFunctions implements LibrarySection {
    static final int LC_CTYPE = 0, LC_ALL = 6, LC_IDENTIFICATION = 12;
    static final int LC_ALL_MASK = ((1 << (LC_IDENTIFICATION + 1)) - 1) & ~(1 << LC_ALL);
    static final long LC_GLOBAL_LOCALE = -1L;
    private static final Set<String> SUPPORTED = Set.of("", "C", "C.UTF-8", "en_US.UTF-8", "POSIX");
    /** struct lconv on LP64: ten char* fields, then fourteen char fields. */
    private static final int SIZEOF_LCONV = 96;
    private static final int CHAR_MAX = 255;
    private static final String[] LANGINFO = new String[56];

    static {
        String[] fixed = {null, null, "%F %T %z", "%F", "%T", "%I:%M:%S %p", "AM", "PM", "Sunday", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "January",
            "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "", "", "",
            "", "", ".", "", "^[yY]", "^[nN]", ""};
        System.arraycopy(fixed, 0, LANGINFO, 0, fixed.length);
    }

    private final GuestProcess process;
    private boolean globalUtf8 = true;
    private long threadLocale;
    private final Map<String, Long> strings = new HashMap<>();
    private long lconv;

    public LocaleFunctions(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("setlocale", f -> f.ret(setlocale(f.i32(0), f.cstr(1))));
        t.function("localeconv", f -> f.ret(localeconv()));
        t.function("newlocale", f -> f.ret(newlocale(f.i32(0), f.cstr(1))));
        t.function("duplocale", f -> f.ret(allocate(mbCurMax(f.ptr(0)))));
        t.function("freelocale", f -> process.heap().free(f.ptr(0)));
        t.function("uselocale", Support.full("one locale per process: the payload runs single-threaded"), f -> {
            long old = threadLocale == 0 ? LC_GLOBAL_LOCALE : threadLocale;
            if (f.ptr(0) != 0) threadLocale = f.ptr(0);
            f.ret(old);
        });
        t.function("__ctype_get_mb_cur_max", f -> f.ret(mbCurMax(threadLocale == 0 ? LC_GLOBAL_LOCALE : threadLocale)));
        t.function("nl_langinfo", "LIBC_O", Support.FULL, f -> f.ret(langinfo(f.i32(0))));
        t.function("nl_langinfo_l", "LIBC_O", Support.FULL, f -> f.ret(langinfo(f.i32(0))));
        // nl_types.h: bionic has no message catalogs; catgets hands back the default message.
        t.function("catopen", "LIBC_O", Support.FULL, f -> f.ret(-1L));
        t.function("catgets", "LIBC_O", Support.FULL, f -> f.ret(f.ptr(3)));
        t.function("catclose", "LIBC_O", Support.FULL, f -> {
            process.setErrno(Errno.EBADF);
            f.ret(-1);
        });
    }

    /** MB_CUR_MAX of a locale_t: 4 for UTF-8 locales, 1 for C/POSIX. */
    long mbCurMax(long locale) {
        if (locale == LC_GLOBAL_LOCALE) return globalUtf8 ? 4 : 1;
        return process.memory().readLong(locale);
    }

    private static boolean isUtf8(String name) {
        return name.isEmpty() || name.contains("UTF-8");
    }

    private long setlocale(int category, String name) {
        if (category < LC_CTYPE || category > LC_IDENTIFICATION) {
            process.setErrno(Errno.EINVAL);
            return 0;
        }
        if (name != null) {
            if (!SUPPORTED.contains(name)) {
                process.setErrno(Errno.ENOENT);
                return 0;
            }
            globalUtf8 = isUtf8(name);
        }
        return string(globalUtf8 ? "C.UTF-8" : "C");
    }

    private long newlocale(int mask, String name) {
        if ((mask & ~LC_ALL_MASK) != 0 || name == null) {
            process.setErrno(Errno.EINVAL);
            return 0;
        }
        if (!SUPPORTED.contains(name)) {
            process.setErrno(Errno.ENOENT);
            return 0;
        }
        return allocate(isUtf8(name) ? 4 : 1);
    }

    private long allocate(long mbCurMax) {
        long p = process.heap().malloc(8);
        if (p == 0) {
            process.setErrno(Errno.ENOMEM);
            return 0;
        }
        process.memory().writeLong(p, mbCurMax);
        return p;
    }

    private long localeconv() {
        if (lconv != 0) return lconv;
        lconv = process.heap().calloc(1, SIZEOF_LCONV);
        process.memory().writeLong(lconv, string("."));
        for (int i = 1; i < 10; i++) process.memory().writeLong(lconv + 8L * i, string(""));
        for (int i = 0; i < 14; i++) process.memory().writeByte(lconv + 80 + i, CHAR_MAX);
        return lconv;
    }

    private long langinfo(int item) {
        if (item == 1) return string(mbCurMax(threadLocale == 0 ? LC_GLOBAL_LOCALE : threadLocale) == 1 ? "ASCII" : "UTF-8");
        String s = item >= 0 && item < LANGINFO.length && LANGINFO[item] != null ? LANGINFO[item] : "";
        return string(s);
    }

    /** Constant strings live once on the guest heap, like bionic's string literals. */
    private long string(String s) {
        return strings.computeIfAbsent(s, k -> {
            byte[] b = k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long p = process.heap().malloc(b.length + 1L);
            process.memory().write(p, java.util.Arrays.copyOf(b, b.length + 1));
            return p;
        });
    }
}
