package org.mdemu.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.Machine;
import org.mdemu.guest.machine.Prot;

class Unicorn1CpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return new UnicornMachine();
    }

    /** QEMU 2's translation of LDXR/STXR, which Unicorn 1 carries, does not check alignment: a known gap. */
    @Override
    boolean checksExclusiveAlignment() {
        return false;
    }

    /**
     * Unicorn 1 aborts the whole process at its 1021st memory region (QEMU 2's section limit): a map or a split past
     * its limit is refused before the engine sees it. Reservations cost no region and are still taken.
     */
    @Test
    void regionsPastWhatTheEngineHoldsAreRefusedInsteadOfAbortingTheJvm() {
        try (UnicornMachine machine = new UnicornMachine()) {
            long base = 0x1000_0000L;
            int mapped = 0;
            while (true) {
                long at = base + mapped * 0x2000L;
                try {
                    machine.memory().map(at, 4096, Prot.RW);
                } catch (GuestOutOfMemoryException full) {
                    break;
                }
                mapped++;
                assertThat(mapped).isLessThanOrEqualTo(1000);
            }
            assertThat(mapped).isBetween(990, 1000);
            machine.memory().map(0x7000_0000L, 3 * 4096, Prot.NONE);
            assertThatThrownBy(() -> machine.memory().protect(0x7000_0000L + 4096, 4096, Prot.RW))
                    .isInstanceOf(GuestOutOfMemoryException.class);
            machine.memory().unmap(base, 4096);
            machine.memory().protect(0x7000_0000L + 4096, 4096, Prot.RW);
            machine.memory().write(0x7000_0000L + 4096, new byte[] {1});
        }
    }
}
