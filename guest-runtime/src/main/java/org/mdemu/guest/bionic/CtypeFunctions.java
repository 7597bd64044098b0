package org.mdemu.guest.bionic;

import java.util.function.IntPredicate;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * ctype.h. bionic classifies ASCII only (bytes 0x80-0xff are in no class, as in its "C" tables), with the _l variants
 * ignoring the locale, and still exports {@code _ctype_}: a pointer to OpenBSD's 1 + 256 entry class table that old
 * NDK headers indexed directly.
 */
public final class CtypeFunctions implements LibrarySection {
    /** The _ctype_ class bits (ctype.h's _CTYPE_U, _L, _D, _S, _P, _C, _X, _B). */
    static final int U = 0x01, L = 0x02, D = 0x04, S = 0x08, P = 0x10, C = 0x20, X = 0x40, B = 0x80;

    private final GuestProcess process;

    public CtypeFunctions(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        classify(t, "isalnum", c -> isAlpha(c) || isDigit(c));
        classify(t, "isalpha", CtypeFunctions::isAlpha);
        classify(t, "isblank", c -> c == ' ' || c == '\t');
        classify(t, "iscntrl", c -> (c >= 0 && c < 0x20) || c == 0x7f);
        classify(t, "isdigit", CtypeFunctions::isDigit);
        classify(t, "isgraph", c -> c > 0x20 && c < 0x7f);
        classify(t, "islower", c -> c >= 'a' && c <= 'z');
        classify(t, "isprint", c -> c >= 0x20 && c < 0x7f);
        classify(t, "ispunct", c -> c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c));
        classify(t, "isspace", c -> c == ' ' || (c >= '\t' && c <= '\r'));
        classify(t, "isupper", c -> c >= 'A' && c <= 'Z');
        classify(t, "isxdigit", c -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        t.function("isascii", f -> f.ret((f.i32(0) & ~0x7f) == 0));
        t.function("toascii", f -> f.ret(f.i32(0) & 0x7f));
        for (String suffix : new String[] {"", "_l"}) {
            t.function("tolower" + suffix, f -> f.ret(toLower(f.i32(0))));
            t.function("toupper" + suffix, f -> f.ret(toUpper(f.i32(0))));
        }
        t.function("_tolower", f -> f.ret(f.i32(0) | 0x20));
        t.function("_toupper", f -> f.ret(f.i32(0) & ~0x20));
        t.data("_ctype_", "LIBC", 8, 8, Support.FULL, address -> {
            long table = process.heap().calloc(1, 257);
            process.memory().write(table + 1, classTable());
            process.memory().writeLong(address, table);
        });
    }

    private static void classify(LibraryTable t, String name, IntPredicate test) {
        t.function(name, f -> f.ret(test.test(f.i32(0))));
        t.function(name + "_l", f -> f.ret(test.test(f.i32(0))));
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    static int toUpper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }

    /** The 256 class bytes of the C locale (the table's entry 0, for EOF, is 0). */
    static byte[] classTable() {
        byte[] b = new byte[256];
        for (int c = 0; c < 128; c++) {
            int bits = 0;
            if (c < 0x20 || c == 0x7f) bits |= C;
            if (c == ' ' || (c >= '\t' && c <= '\r')) bits |= S;
            if (c == ' ') bits |= B;
            if (c >= 'A' && c <= 'Z') bits |= U;
            if (c >= 'a' && c <= 'z') bits |= L;
            if (isDigit(c)) bits |= D;
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= X;
            if (c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c)) bits |= P;
            b[c] = (byte) bits;
        }
        return b;
    }
}
