package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Machine;

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
}
