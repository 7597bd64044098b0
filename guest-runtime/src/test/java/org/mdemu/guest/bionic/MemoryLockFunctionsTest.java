package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeProcess;

class MemoryLockFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final ProcessMemory mm = new ProcessMemory(process.memory, 0x10000000L, 0x20000000L, 1 << 24);

    MemoryLockFunctionsTest() {
        process.mm = mm;
        libc.declare(new MemoryLockFunctions(process));
    }

    @Test
    void lockingMappedPagesSucceedsEvenAcrossAdjacentMappingsAndGuardPages() {
        long a = mm.mapAnonymous(4 * 4096, 4096, Prot.RW, "region");
        assertThat(mm.mprotect(a, 4096, Prot.NONE)).isZero(); // a guard page, as sodium_malloc makes
        assertThat(process.call(libc, "mlock", a + 100, 3 * 4096)).isZero();
        assertThat(process.call(libc, "munlock", a + 100, 3 * 4096)).isZero();
        assertThat(process.call(libc, "mlock2", a, 4 * 4096, MemoryLockFunctions.MLOCK_ONFAULT)).isZero();
    }

    @Test
    void aRangeWithAnUnmappedPageFailsWithEnomem() {
        long a = mm.mapAnonymous(3 * 4096, 4096, Prot.RW, "region");
        assertThat(mm.munmap(a + 4096, 4096)).isZero();
        assertThat(process.call(libc, "mlock", a, 3 * 4096)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(process.call(libc, "munlock", a + 4095, 2)).isEqualTo(-1); // widened to the unmapped page
        assertThat(process.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(process.call(libc, "mlock", a, 4096)).isZero();
        assertThat(process.call(libc, "mlock", 0x30000000L, 4096)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.ENOMEM);
    }

    @Test
    void emptyRangesSucceedAndWrappingRangesAreInvalid() {
        assertThat(process.call(libc, "mlock", 0x30000000L, 0)).isZero();
        assertThat(process.call(libc, "mlock", 0x30000000L, -4096L)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void unknownFlagsAreInvalid() {
        long a = mm.mapAnonymous(4096, 4096, Prot.RW, "region");
        assertThat(process.call(libc, "mlock2", a, 4096, 2)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
        assertThat(process.call(libc, "mlockall", MemoryLockFunctions.MCL_CURRENT | MemoryLockFunctions.MCL_FUTURE)).isZero();
        assertThat(process.call(libc, "mlockall", MemoryLockFunctions.MCL_CURRENT | MemoryLockFunctions.MCL_ONFAULT)).isZero();
        for (int bad : new int[] {0, MemoryLockFunctions.MCL_ONFAULT, 8}) {
            process.memory.writeInt(FakeProcess.ERRNO, 0);
            assertThat(process.call(libc, "mlockall", bad)).as("flags %d", bad).isEqualTo(-1);
            assertThat(process.errno()).isEqualTo(Errno.EINVAL);
        }
        assertThat(process.call(libc, "munlockall")).isZero();
    }
}
