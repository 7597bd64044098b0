package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

class StringFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    /** Stands for the process ending: crash() never returns to the guest. */
    static final class Aborted extends RuntimeException {
        final int signal;

        Aborted(int signal, String reason) {
            super(reason);
            this.signal = signal;
        }
    }

    StringFunctionsTest() {
        BumpHeap.on(process);
        process.control = new ProcessControl() {
            @Override public void exit(int status) { throw new AssertionError("exit " + status); }
            @Override public void crash(int signal, String reason) { throw new Aborted(signal, reason); }
        };
        libc.declare(new StringFunctions(process));
    }

    private long call(String name, long... args) {
        return process.call(libc, name, args);
    }

    @Test
    void strtokSkipsRunsOfDelimitersAndStrsepKeepsEmptyFields() {
        long s = process.cstring(",,a,b,,c");
        long delims = process.cstring(",");
        assertThat(process.readCString(call("strtok", s, delims))).isEqualTo("a");
        assertThat(process.readCString(call("strtok", 0, delims))).isEqualTo("b");
        assertThat(process.readCString(call("strtok", 0, delims))).isEqualTo("c");
        assertThat(call("strtok", 0, delims)).isZero();
        long t = process.cstring("x,,y");
        long cursor = process.alloc(8);
        process.memory().writeLong(cursor, t);
        assertThat(process.readCString(call("strsep", cursor, delims))).isEqualTo("x");
        assertThat(process.readCString(call("strsep", cursor, delims))).isEmpty();
        assertThat(process.readCString(call("strsep", cursor, delims))).isEqualTo("y");
        assertThat(process.memory().readLong(cursor)).isZero();
        assertThat(call("strsep", cursor, delims)).isZero();
    }

    @Test
    void strlcpyAndStrlcatTruncateWithANulAndReturnTheWantedLength() {
        long d = process.alloc(8);
        process.memory().write(d, "ZZZZZZZZ".getBytes());
        assertThat(call("strlcpy", d, process.cstring("abcdefghij"), 4)).isEqualTo(10);
        assertThat(process.readCString(d)).isEqualTo("abc");
        assertThat(call("strlcat", d, process.cstring("xyz"), 5)).isEqualTo(6);
        assertThat(process.readCString(d)).isEqualTo("abcx");
        assertThat(call("strlcat", d, process.cstring("q"), 3)).as("no NUL within size").isEqualTo(4);
    }

    @Test
    void strerrorRIsTheXsiVersionWithErange() {
        long buf = process.alloc(64);
        assertThat(call("strerror_r", 13, buf, 64)).isZero();
        assertThat(process.readCString(buf)).isEqualTo("Permission denied");
        assertThat(call("strerror_r", 13, buf, 5)).isEqualTo(34);
        assertThat(process.readCString(buf)).isEqualTo("Perm");
        assertThat(call("__gnu_strerror_r", 4000, buf, 64)).isEqualTo(buf);
        assertThat(process.readCString(buf)).isEqualTo("Unknown error 4000");
    }

    @Test
    void strsignalUsesBionicTextsIncludingItsSigsysQuirk() {
        assertThat(process.readCString(call("strsignal", 6))).isEqualTo("Aborted");
        assertThat(process.readCString(call("strsignal", 5))).isEqualTo("Trap");
        assertThat(process.readCString(call("strsignal", 31))).isEqualTo("Unknown signal 31");
        assertThat(process.readCString(call("strsignal", 64))).isEqualTo("Real-time signal 22");
    }

    @Test
    void searchesFindTheRightOccurrence() {
        long s = process.cstring("Hello hello");
        assertThat(call("strcasestr", s, process.cstring("LLO H"))).isEqualTo(s + 2);
        assertThat(call("memrchr", s, 'l', 11)).isEqualTo(s + 9);
        assertThat(call("memmem", s, 11, process.cstring("hel"), 3)).isEqualTo(s + 6);
        assertThat(call("memmem", s, 11, s, 0)).isEqualTo(s);
        assertThat(call("strpbrk", s, process.cstring("xyz"))).isZero();
        assertThat(call("strchrnul", s, 'z')).isEqualTo(s + 11);
        assertThat(call("strncasecmp", process.cstring("ABC"), process.cstring("abd"), 2)).isZero();
    }

    @Test
    void fortifiedCopiesAbortWithBionicsMessages() {
        long d = process.alloc(16);
        assertThatThrownBy(() -> call("__memcpy_chk", d, process.cstring("12345678"), 8, 4))
                .isInstanceOf(Aborted.class).hasMessage("FORTIFY: memcpy: prevented 8-byte write into 4-byte buffer");
        assertThatThrownBy(() -> call("__strcpy_chk", d, process.cstring("abcd"), 4))
                .hasMessage("FORTIFY: strcpy: prevented write past end of 4-byte buffer");
        process.memory().write(d, "ab\0".getBytes());
        assertThatThrownBy(() -> call("__strcat_chk", d, process.cstring("cd"), 4))
                .hasMessage("FORTIFY: strcat: prevented write past end of 4-byte buffer");
        assertThatThrownBy(() -> call("__strncat_chk", d, process.cstring("cdef"), 3, 4))
                .hasMessage("FORTIFY: strncat: prevented write past end of buffer");
        assertThatThrownBy(() -> call("__strlen_chk", process.cstring("abcd"), 4))
                .hasMessage("FORTIFY: strlen: detected read past end of buffer");
        assertThatThrownBy(() -> call("__strncpy_chk2", d, process.cstring("abcdef"), 6, 16, 3))
                .hasMessage("FORTIFY: strncpy: detected read past end of 3-byte buffer");
        assertThatThrownBy(() -> call("__strchr_chk", process.cstring("abcd"), 'z', 3))
                .hasMessage("FORTIFY: strchr: prevented read past end of buffer");
        assertThatThrownBy(() -> call("__memchr_chk", d, 'z', 8, 4))
                .hasMessage("FORTIFY: memchr: prevented 8-byte read from 4-byte buffer");
    }

    @Test
    void fortifiedCopiesWithinBoundsBehaveLikeThePlainFunctions() {
        long d = process.alloc(16);
        assertThat(call("__strncpy_chk", d, process.cstring("ab"), 4, 16)).isEqualTo(d);
        assertThat(process.readCString(d)).isEqualTo("ab");
        assertThat(call("__stpcpy_chk", d, process.cstring("xyz"), 16)).isEqualTo(d + 3);
        assertThat(call("__strncat_chk", d, process.cstring("12345"), 2, 16)).isEqualTo(d);
        assertThat(process.readCString(d)).isEqualTo("xyz12");
        assertThat(call("__stpncpy_chk2", d, process.cstring("pq"), 5, 16, 3)).isEqualTo(d + 2);
        assertThat(process.memory().read(d, 5)).containsExactly('p', 'q', 0, 0, 0);
    }
}
