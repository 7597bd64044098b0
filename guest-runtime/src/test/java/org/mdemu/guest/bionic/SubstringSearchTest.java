package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

/**
 * The Two-Way search behind strstr, strcasestr, memmem and wcsstr: the same answers as a naive search (small
 * alphabets make periodic needles common), linear on the inputs that made the naive one quadratic, and reading the
 * haystack only as far as it goes (a match before unreadable memory is found; no match faults at its first byte).
 */
class SubstringSearchTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    SubstringSearchTest() {
        BumpHeap.on(process);
        libc.declare(new StringFunctions(process));
        libc.declare(new WideCharFunctions(process, new PrintfFormatter(process.memory(), () -> "")));
    }

    private long call(String name, long... args) {
        return process.call(libc, name, args);
    }

    private static int naive(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A haystack over an array that fails any look below the released index, as the chunked window would. */
    private static SubstringSearch.Haystack array(byte[] hay) {
        return new SubstringSearch.Haystack() {
            long released;

            @Override
            int unit(long i) {
                assertThat(i).as("looked below the released index").isGreaterThanOrEqualTo(released);
                return i < hay.length ? hay[(int) i] & 0xff : -1;
            }

            @Override
            void release(long i) {
                assertThat(i).isGreaterThanOrEqualTo(released);
                released = i;
            }
        };
    }

    private static byte[] random(Random r, int length, int alphabet) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) ('a' + r.nextInt(alphabet));
        return b;
    }

    @Test
    void findsWhatANaiveSearchFinds() {
        Random r = new Random(16);
        for (int round = 0; round < 20_000; round++) {
            int alphabet = 1 + r.nextInt(3);
            byte[] needle = random(r, 1 + r.nextInt(12), alphabet);
            byte[] hay = random(r, r.nextInt(80), alphabet);
            if (r.nextBoolean() && hay.length >= needle.length) {
                System.arraycopy(needle, 0, hay, r.nextInt(hay.length - needle.length + 1), needle.length);
            }
            long expected = naive(hay, needle);
            assertThat(SubstringSearch.find(SubstringSearch.bytes(needle), array(hay)))
                    .as("%s in %s", new String(needle), new String(hay)).isEqualTo(expected);
        }
    }

    @Test
    void theRowsFindTheFirstOccurrenceAsAGuestAddress() {
        long hay = process.cstring("xxabcabcabd--ABCABD");
        assertThat(call("strstr", hay, process.cstring("abcabd"))).isEqualTo(hay + 5);
        assertThat(call("strstr", hay, process.cstring("abcabe"))).isZero();
        assertThat(call("strstr", hay, process.cstring(""))).isEqualTo(hay);
        assertThat(call("strcasestr", hay, process.cstring("D--abc"))).isEqualTo(hay + 10);
        assertThat(call("memmem", hay, 11, process.cstring("abd"), 3)).isEqualTo(hay + 8);
        assertThat(call("memmem", hay, 10, process.cstring("abd"), 3)).as("past the given length").isZero();
        long wide = process.alloc(64), needle = process.alloc(16);
        int[] text = {'x', 'y', 0x1F600, 'x', 0x1F600, 'z', 0};
        for (int i = 0; i < text.length; i++) process.memory().writeInt(wide + 4L * i, text[i]);
        process.memory().writeInt(needle, 0x1F600);
        process.memory().writeInt(needle + 4, 'z');
        process.memory().writeInt(needle + 8, 0);
        assertThat(call("wcsstr", wide, needle)).isEqualTo(wide + 16);
    }

    /** 8 MiB of 'a' searched for 4 MiB of 'a' then 'b' (LongRowsTest's row): hours when naive, linear now. */
    @Test
    void aNeedleThatAlmostMatchesEverywhereCostsLinearTime() {
        int hayLength = 8 << 20, needleLength = 4 << 20;
        long region = 0x10_000_000L;
        process.memory().map(region, 20 << 20, Prot.RW);
        byte[] hay = new byte[hayLength + 1];
        Arrays.fill(hay, 0, hayLength, (byte) 'a');
        process.memory().write(region, hay);
        byte[] needle = new byte[needleLength + 1];
        Arrays.fill(needle, 0, needleLength - 1, (byte) 'a');
        needle[needleLength - 1] = 'b';
        process.memory().write(region + (12 << 20), needle);
        assertThat(call("strstr", region, region + (12 << 20))).isZero();
        process.memory().write(region + hayLength - 1, new byte[] {'b'});
        assertThat(call("strstr", region, region + (12 << 20))).isEqualTo(region + hayLength - needleLength);
    }

    @Test
    void theHaystackIsReadOnlyAsFarAsTheSearchGoes() {
        long page = 0x20_000_000L;
        process.memory().map(page, 2 * 4096, Prot.RW);
        byte[] text = new byte[2 * 4096];
        Arrays.fill(text, (byte) 'q');
        byte[] found = "needle".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(found, 0, text, 5000, found.length);
        process.memory().write(page, text); // no NUL before the unmapped page that follows
        assertThat(call("strstr", page, process.cstring("needle"))).isEqualTo(page + 5000);
        assertThat(call("memmem", page, 1L << 40, process.cstring("needle"), 6)).isEqualTo(page + 5000);
        assertThatThrownBy(() -> call("strstr", page, process.cstring("absent")))
                .isInstanceOfSatisfying(GuestFault.class, f -> assertThat(f.address()).isEqualTo(page + 2 * 4096));
        assertThatThrownBy(() -> call("memmem", page, 1L << 40, process.cstring("absent"), 6))
                .isInstanceOfSatisfying(GuestFault.class, f -> assertThat(f.address()).isEqualTo(page + 2 * 4096));
    }
}
