package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Machine;

class Unicorn1CpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return new UnicornMachine();
    }
}
