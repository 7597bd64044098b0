package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Machine;

class Unicorn2CpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return UnicornMachine.unicorn2();
    }
}
