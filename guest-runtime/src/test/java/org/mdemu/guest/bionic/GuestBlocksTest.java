package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

/**
 * The count-driven rows work in 64 KiB chunks ({@link GuestBlocks}): results across chunk boundaries and overlaps are
 * those of the one-array versions, and a range running into unmapped memory faults at its first byte before
 * anything is copied.
 */
class GuestBlocksTest {
    private static final long REGION = 0x40_000_000L, SIZE = 1 << 20;
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final byte[] original = new byte[(int) SIZE];

    GuestBlocksTest() {
        BumpHeap.on(process);
        libc.declare(new StringFunctions(process));
        libc.declare(new WideCharFunctions(process, new PrintfFormatter(process.memory(), () -> "")));
        process.memory().map(REGION, SIZE, Prot.RW);
        new Random(5).nextBytes(original);
        process.memory().write(REGION, original);
    }

    private long call(String name, long... args) {
        return process.call(libc, name, args);
    }

    private byte[] region() {
        return process.memory().read(REGION, (int) SIZE);
    }

    @Test
    void overlappingMovesOverManyChunksCopyAsIfThroughABuffer() {
        int n = 300_000;
        call("__memmove_chk", REGION + 1000, REGION, n, -1);
        byte[] expected = original.clone();
        System.arraycopy(original, 0, expected, 1000, n);
        assertThat(region()).isEqualTo(expected);
        call("wmemmove", REGION, REGION + 4000, n / 4);
        System.arraycopy(expected.clone(), 4000, expected, 0, n);
        assertThat(region()).isEqualTo(expected);
    }

    @Test
    void searchesAndComparisonsFindTheRightByteAcrossChunks() {
        byte[] b = new byte[(int) SIZE];
        process.memory().write(REGION, b);
        process.memory().write(REGION + 70_000, new byte[] {7});
        process.memory().write(REGION + 900_000, new byte[] {7});
        assertThat(call("memrchr", REGION, 7, SIZE)).isEqualTo(REGION + 900_000);
        assertThat(call("memrchr", REGION, 7, 900_000)).isEqualTo(REGION + 70_000);
        assertThat(call("__memchr_chk", REGION + 70_001, 7, SIZE - 70_001, -1)).isEqualTo(REGION + 900_000);
        process.memory().writeInt(REGION + 4 * 100_000, 0x1F600);
        assertThat(call("wmemchr", REGION, 0x1F600, SIZE / 4)).isEqualTo(REGION + 4 * 100_000);
        assertThat(call("wmemcmp", REGION, REGION + 4, 150_000)).isNegative();
        assertThat(call("wmemcmp", REGION, REGION, SIZE / 4)).isZero();
    }

    @Test
    void swabSwapsEveryPairOfAMegabyte() {
        long to = REGION + 2 * SIZE;
        process.memory().map(to, SIZE, Prot.RW);
        call("swab", REGION, to, SIZE);
        byte[] swapped = process.memory().read(to, (int) SIZE);
        for (int i = 0; i < SIZE; i += 2) {
            assertThat(new byte[] {swapped[i], swapped[i + 1]}).isEqualTo(new byte[] {original[i + 1], original[i]});
        }
    }

    @Test
    void aCopyRunningIntoUnmappedMemoryFaultsThereAndWritesNothing() {
        assertThatThrownBy(() -> call("wmemmove", REGION, REGION + SIZE - 4096, 2048))
                .isInstanceOfSatisfying(GuestFault.class, f -> assertThat(f.address()).isEqualTo(REGION + SIZE));
        assertThatThrownBy(() -> call("wmemmove", REGION + SIZE - 4, REGION, -1L))
                .isInstanceOfSatisfying(GuestFault.class, f -> assertThat(f.address()).isEqualTo(REGION + SIZE));
        assertThat(region()).isEqualTo(original);
    }
}
