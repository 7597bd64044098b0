package org.mdemu.guest.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;

class ProcessMemoryTest {
    private final FakeMemory memory = new FakeMemory();
    private final ProcessMemory mm = new ProcessMemory(memory, 0x10000, 0x10000000, 1 << 20);

    @Test
    void mappingsAreTopDownAlignedAndNamed() {
        long a = mm.mapAnonymous(4096, 4096, Prot.RW, "first");
        long b = mm.mapAnonymous(8192, 65536, Prot.RX, "second");
        assertThat(a).isEqualTo(0x10000000 - 4096);
        assertThat(b % 65536).isZero();
        assertThat(b + 8192).isLessThanOrEqualTo(a);
        assertThat(mm.mappings()).extracting(m -> m.name()).containsExactly("second", "first");
        assertThat(memory.isMapped(b, 8192)).isTrue();
    }

    @Test
    void partialMunmapAndMprotectSplitMappings() {
        long a = mm.mapAnonymous(4 * 4096, 4096, Prot.RW, "region");
        assertThat(mm.mprotect(a + 4096, 4096, Prot.READ)).isZero();
        assertThat(mm.munmap(a + 2 * 4096, 4096)).isZero();
        assertThat(mm.mappings()).extracting(m -> m.start() - a, m -> m.end() - a, m -> m.prot())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 4096L, Prot.RW),
                        org.assertj.core.groups.Tuple.tuple(4096L, 8192L, Prot.READ),
                        org.assertj.core.groups.Tuple.tuple(12288L, 16384L, Prot.RW));
        assertThat(memory.isMapped(a + 2 * 4096, 1)).isFalse();
        assertThat(memory.protectionOf(a + 4096)).isEqualTo(Prot.READ);
        assertThat(mm.mappedBytes()).isEqualTo(3 * 4096);
    }

    @Test
    void theVmMemorySizeIsEnforced() {
        assertThat(mm.mmap(0, 2 << 20, Prot.RW, ProcessMemory.MAP_PRIVATE | ProcessMemory.MAP_ANONYMOUS, -1, 0))
                .isEqualTo(-Errno.ENOMEM);
        assertThatThrownBy(() -> mm.mapAnonymous(2 << 20, 4096, Prot.RW, "big"))
                .isInstanceOf(GuestOutOfMemoryException.class).hasMessageContaining("big").hasMessageContaining("1 MiB");
        assertThat(mm.mprotect(0x20000, 4096, Prot.READ)).isEqualTo(-Errno.ENOMEM);
    }

    /** RowFuzzTest's finding: mprotect(0, 0x7fffffffffffffff) ended the VM with "fromKey > toKey". */
    @Test
    void rangesReachingPastTwoToTheSixtyThreeAreHolesNotErrors() {
        long a = mm.mapAnonymous(4096, 4096, Prot.RW, "a");
        assertThat(mm.mprotect(0, Long.MAX_VALUE, Prot.READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(mm.mprotect(a, Long.MAX_VALUE, Prot.READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(mm.mprotect(a, -4096L, Prot.READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(mm.mprotect(0x8000000000000000L, 4096, Prot.READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(mm.isMapped(a, Long.MAX_VALUE)).isFalse();
        assertThat(mm.isMapped(0xfffffffffffff000L, 4096)).isFalse();
        assertThat(mm.mprotect(a, 4096, Prot.READ)).isZero();
    }

    @Test
    void mremapGrowsInPlaceWhenFreeElseMovesKeepingContentsAndShrinksInPlace() {
        long a = mm.mapAnonymous(4096, 4096, Prot.RW, "grow");
        memory.write(a, new byte[] {42});
        long above = mm.mapAnonymous(4096, 4096, Prot.READ, "blocker");
        assertThat(above).isEqualTo(a - 4096);
        long b = mm.mapAnonymous(4096, 4096, Prot.RW, "moving");
        memory.write(b, new byte[] {7});
        assertThat(mm.mremap(b, 4096, 3 * 4096, 0, 0)).isEqualTo(-Errno.ENOMEM);
        long moved = mm.mremap(b, 4096, 3 * 4096, ProcessMemory.MREMAP_MAYMOVE, 0);
        assertThat(moved).isNotEqualTo(b).isPositive();
        assertThat(memory.read(moved, 1)[0]).isEqualTo((byte) 7);
        assertThat(memory.isMapped(b, 1)).isFalse();
        assertThat(mm.mappingAt(moved).name()).isEqualTo("moving");
        assertThat(mm.mremap(moved, 3 * 4096, 4096, 0, 0)).isEqualTo(moved);
        assertThat(memory.isMapped(moved + 4096, 1)).isFalse();
        assertThat(mm.mremap(moved, 4096, 2 * 4096, 0, 0)).isEqualTo(moved);
        assertThat(mm.mremap(a + 1, 4096, 8192, ProcessMemory.MREMAP_MAYMOVE, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(mm.mremap(0x5000, 4096, 8192, ProcessMemory.MREMAP_MAYMOVE, 0)).isEqualTo(-Errno.EFAULT);
        assertThat(mm.isMapped(a, 4096)).isTrue();
        assertThat(mm.isMapped(b, 4096)).isFalse();
    }

    @Test
    void thePeakOfMappedBytesOutlivesTheMappings() {
        long a = mm.mapAnonymous(8 * 4096, 4096, Prot.RW, "burst");
        mm.munmap(a, 8 * 4096);
        mm.mapAnonymous(4096, 4096, Prot.RW, "small");
        assertThat(mm.mappedBytes()).isEqualTo(4096);
        assertThat(mm.peakMappedBytes()).isEqualTo(8 * 4096);
    }
}
