package org.mdemu.guest.bionic;

import java.util.function.IntPredicate;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * wctype.h as bionic answers it: ASCII through the ctype rules, everything else by Unicode properties (what bionic
 * asks its built-in ICU4X tables), with wctype_t 1..12 and wctrans_t 1 (tolower) and 2 (toupper).
 */
public final class WideClasses implements LibrarySection {
    private static final Support UNICODE = Support.full("Unicode properties, as bionic answers through ICU4X");

    private final GuestProcess process;

    public WideClasses(GuestProcess process) {
        this.process = process;
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
        WideClasses::isGraph,
        Character::isLowerCase,
        c -> isGraph(c) || Character.getType(c) == Character.SPACE_SEPARATOR,
        c -> switch (Character.getType(c)) {
            case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        },
        WideClasses::isWhiteSpace,
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

    @Override
    public void declare(LibraryTable t) {
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
}
