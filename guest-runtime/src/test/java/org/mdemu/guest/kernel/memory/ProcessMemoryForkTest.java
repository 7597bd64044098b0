package org.mdemu.guest.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;

/** fork's copy of an address space: same mappings, protections, names, contents and break; then independent. */
class ProcessMemoryForkTest {
    private final FakeMemory parentMemory = new FakeMemory();
    private final ProcessMemory parent = new ProcessMemory(parentMemory, 0x10000, 0x10000000, 64 << 20);

    @Test
    void childHasTheSameMappingsProtectionsAndContents() {
        long rw = parent.mapAnonymous(3 * 4096, 4096, Prot.RW, "data");
        long ro = parent.mapAnonymous(4096, 4096, Prot.RW, "table");
        parentMemory.write(rw + 5000, new byte[] {1, 2, 3});
        parentMemory.write(ro, new byte[] {9});
        parent.mprotect(ro, 4096, Prot.READ);
        long brk = parent.brk(0x4000_0000L + 10_000);

        FakeMemory childMemory = new FakeMemory();
        ProcessMemory child = parent.forkInto(childMemory);

        assertThat(child.mappings()).isEqualTo(parent.mappings());
        assertThat(child.mappedBytes()).isEqualTo(parent.mappedBytes());
        assertThat(child.brk(0)).isEqualTo(brk);
        assertThat(childMemory.read(rw + 5000, 3)).containsExactly(1, 2, 3);
        assertThat(childMemory.read(ro, 1)).containsExactly(9);
        assertThat(childMemory.protectionOf(ro)).isEqualTo(Prot.READ);
        assertThat(childMemory.read(rw, 16)).containsOnly(0);
    }

    @Test
    void writesAfterForkStayInTheirOwnProcess() {
        long a = parent.mapAnonymous(4096, 4096, Prot.RW, "data");
        parentMemory.write(a, new byte[] {7});
        FakeMemory childMemory = new FakeMemory();
        ProcessMemory child = parent.forkInto(childMemory);
        childMemory.write(a, new byte[] {8});
        parentMemory.write(a + 1, new byte[] {6});
        assertThat(parentMemory.read(a, 2)).containsExactly(7, 6);
        assertThat(childMemory.read(a, 2)).containsExactly(8, 0);
        child.munmap(a, 4096);
        assertThat(parent.isMapped(a, 4096)).isTrue();
        assertThat(parentMemory.isMapped(a, 4096)).isTrue();
    }
}
