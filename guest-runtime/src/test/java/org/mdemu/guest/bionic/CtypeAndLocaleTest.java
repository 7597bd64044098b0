package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.GuestSymbol;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class CtypeAndLocaleTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    CtypeAndLocaleTest() {
        BumpHeap.on(process);
        libc.declare(new CtypeFunctions(process), new LocaleFunctions(process));
    }

    @Test
    void ctypeTableAgreesWithTheFunctionsForEveryByte() {
        long slot = process.alloc(8);
        ((GuestSymbol.DataObject) libc.lookup("_ctype_").implementation()).initializer().initialize(slot);
        long table = process.memory().readLong(slot);
        assertThat(process.memory().readByte(table)).as("entry for EOF").isZero();
        for (int c = 0; c < 256; c++) {
            int bits = process.memory().readByte(table + 1 + c) & 0xff;
            assertThat((bits & CtypeFunctions.U) != 0).as("class U of %d", c).isEqualTo(process.call(libc, "isupper", c) == 1);
            assertThat((bits & CtypeFunctions.L) != 0).as("class L of %d", c).isEqualTo(process.call(libc, "islower", c) == 1);
            assertThat((bits & CtypeFunctions.D) != 0).as("class D of %d", c).isEqualTo(process.call(libc, "isdigit", c) == 1);
            assertThat((bits & CtypeFunctions.S) != 0).as("class S of %d", c).isEqualTo(process.call(libc, "isspace", c) == 1);
            assertThat((bits & CtypeFunctions.P) != 0).as("class P of %d", c).isEqualTo(process.call(libc, "ispunct", c) == 1);
            assertThat((bits & CtypeFunctions.C) != 0).as("class C of %d", c).isEqualTo(process.call(libc, "iscntrl", c) == 1);
            assertThat((bits & (CtypeFunctions.X | CtypeFunctions.D)) != 0).as("class X of %d", c).isEqualTo(process.call(libc, "isxdigit", c) == 1);
        }
        assertThat(process.memory().readByte(table + 1 + ' ') & 0xff).isEqualTo(CtypeFunctions.S | CtypeFunctions.B);
    }

    @Test
    void ctypeIsAsciiOnlyAndEofSafe() {
        assertThat(process.call(libc, "isalpha", 0xe9)).isZero();
        assertThat(process.call(libc, "isalpha_l", 'x', 0)).isEqualTo(1);
        assertThat((int) process.call(libc, "toupper", -1)).isEqualTo(-1);
        assertThat(process.call(libc, "toupper_l", 'b', 0)).isEqualTo('B');
    }

    @Test
    void onlyCPosixAndUtf8LocalesExist() {
        assertThat(process.readCString(process.call(libc, "setlocale", 6, 0))).isEqualTo("C.UTF-8");
        assertThat(process.call(libc, "setlocale", 6, process.cstring("de_DE.UTF-8"))).isZero();
        assertThat(process.errno()).isEqualTo(2);
        assertThat(process.call(libc, "setlocale", 13, 0)).isZero();
        assertThat(process.errno()).isEqualTo(22);
        assertThat(process.readCString(process.call(libc, "setlocale", 0, process.cstring("POSIX")))).isEqualTo("C");
        assertThat(process.call(libc, "__ctype_get_mb_cur_max")).isEqualTo(1);
        assertThat(process.readCString(process.call(libc, "nl_langinfo", 1))).isEqualTo("ASCII");
        assertThat(process.readCString(process.call(libc, "setlocale", 0, process.cstring("en_US.UTF-8")))).isEqualTo("C.UTF-8");
        assertThat(process.call(libc, "__ctype_get_mb_cur_max")).isEqualTo(4);
    }

    @Test
    void newlocaleValidatesMaskAndNameAndUselocaleSwitchesMbCurMax() {
        assertThat(process.call(libc, "newlocale", 1 << 6, process.cstring("C"), 0)).isZero();
        assertThat(process.errno()).isEqualTo(22);
        assertThat(process.call(libc, "newlocale", 1, process.cstring("xx"), 0)).isZero();
        assertThat(process.errno()).isEqualTo(2);
        long c = process.call(libc, "newlocale", 1, process.cstring("C"), 0);
        assertThat(process.call(libc, "uselocale", c)).isEqualTo(-1L);
        assertThat(process.call(libc, "__ctype_get_mb_cur_max")).isEqualTo(1);
        assertThat(process.call(libc, "uselocale", 0)).isEqualTo(c);
        long lconv = process.call(libc, "localeconv");
        assertThat(process.readCString(process.memory().readLong(lconv))).isEqualTo(".");
        assertThat(process.memory().readByte(lconv + 80) & 0xff).isEqualTo(255);
    }
}
