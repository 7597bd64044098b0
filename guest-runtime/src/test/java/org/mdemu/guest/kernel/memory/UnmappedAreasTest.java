package org.mdemu.guest.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;

class UnmappedAreasTest {
    private static final long PAGE = 4096, FLOOR = 16 * PAGE, CEILING = 4096 * PAGE;

    /** The highest aligned room by a walk over every page from the ceiling down: what the index must find. */
    private static long naiveTopDown(BitSet used, long size, long align) {
        for (long at = (CEILING - size) & -align; at >= FLOOR; at -= align) {
            int first = (int) (at / PAGE), pages = (int) (size / PAGE);
            int next = used.nextSetBit(first);
            if (next < 0 || next >= first + pages) return at;
        }
        return -1;
    }

    @Test
    void findsTheHighestAlignedRoomAsAWalkOverAllPagesWould() {
        Random random = new Random(16);
        for (int round = 0; round < 20; round++) {
            UnmappedAreas areas = new UnmappedAreas(FLOOR, CEILING);
            BitSet used = new BitSet();
            for (int op = 0; op < 2000; op++) {
                long start = (random.nextInt((int) (CEILING / PAGE) + 8)) * PAGE;
                long end = start + (1 + random.nextInt(random.nextBoolean() ? 4 : 200)) * PAGE;
                int first = (int) (Math.min(Math.max(start, FLOOR), CEILING) / PAGE);
                int last = (int) (Math.max(Math.min(end, CEILING), FLOOR) / PAGE);
                if (random.nextInt(3) == 0) {
                    areas.release(start, end);
                    if (first < last) used.clear(first, last);
                } else {
                    areas.take(start, end);
                    if (first < last) used.set(first, last);
                }
                long size = (1 + random.nextInt(random.nextBoolean() ? 8 : 600)) * PAGE;
                long align = PAGE << random.nextInt(random.nextInt(4) == 0 ? 6 : 1);
                assertThat(areas.topDown(size, align)).as("round %d op %d: %d bytes aligned to %d", round, op, size, align)
                        .isEqualTo(naiveTopDown(used, size, align));
            }
        }
    }

    /** 20 000 one-page mmaps then their munmaps: each placement looked at every mapping above it before (O(n^2)). */
    @Test
    void twentyThousandSmallMappingsArePlacedBelowEachOtherAndFreedAgain() {
        ProcessMemory mm = new ProcessMemory(new FakeMemory(), 0x10000, 1L << 36, 1L << 30);
        long[] at = new long[20_000];
        for (int i = 0; i < at.length; i++) {
            at[i] = mm.mmap(0, PAGE, Prot.RW, ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS, -1, 0);
            assertThat(at[i]).isEqualTo((1L << 36) - (i + 1) * PAGE);
        }
        for (int i = 0; i < at.length; i += 2) assertThat(mm.munmap(at[i], PAGE)).isZero();
        // The holes are one page each: a two-page mapping goes below all of them, a one-page one into the highest.
        assertThat(mm.mmap(0, 2 * PAGE, Prot.RW, ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS, -1, 0))
                .isEqualTo((1L << 36) - 20_002 * PAGE);
        assertThat(mm.mmap(0, PAGE, Prot.RW, ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS, -1, 0))
                .isEqualTo(at[0]);
        for (int i = 1; i < at.length; i += 2) assertThat(mm.munmap(at[i], PAGE)).isZero();
        assertThat(mm.mappings()).hasSize(2);
    }
}
