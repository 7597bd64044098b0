package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;

/**
 * The {@code _l} variants bionic implements by ignoring their locale_t argument (its locales differ only in
 * MB_CUR_MAX): each row runs the plain function's handler, whose arguments come first in the same registers.
 * Declared after the sections that provide the plain functions.
 */
public final class LocaleVariants implements LibrarySection {
    private static final String[][] VARIANTS = {{"strftime_l", "strftime"}};

    @Override
    public void declare(LibraryTable t) {
        for (String[] v : VARIANTS) {
            GuestSymbol plain = t.lookup(v[1]);
            if (plain == null || !(plain.implementation() instanceof GuestSymbol.JavaFunction fn)) {
                throw new IllegalStateException(v[0] + " needs " + v[1] + " declared first");
            }
            Support support = plain.support().note().isEmpty() ? Support.full("the locale is ignored, as in bionic")
                    : new Support(plain.support().level(), plain.support().note() + "; the locale is ignored");
            t.function(v[0], support, fn.handler());
        }
    }
}
