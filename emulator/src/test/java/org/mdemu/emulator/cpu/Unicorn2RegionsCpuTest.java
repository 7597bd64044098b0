package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Machine;

/** The CPU contract on Unicorn 2 with one engine region per mapping and no MMU (-Dmdemu.unicorn2.mmu=false). */
class Unicorn2RegionsCpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return UnicornMachine.unicorn2(false);
    }

    @Override
    boolean checksExclusiveAlignment() {
        return true;
    }
}
