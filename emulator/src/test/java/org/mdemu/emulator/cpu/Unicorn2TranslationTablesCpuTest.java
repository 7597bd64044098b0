package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Machine;

/** The CPU contract on Unicorn 2 with page permissions in the MMU's translation tables (-Dmdemu.unicorn2.mmu=true). */
class Unicorn2TranslationTablesCpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return UnicornMachine.unicorn2(true);
    }

    @Override
    boolean checksExclusiveAlignment() {
        return true;
    }
}
