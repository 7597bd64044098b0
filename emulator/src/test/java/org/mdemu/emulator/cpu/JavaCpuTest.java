package org.mdemu.emulator.cpu;

import org.mdemu.emulator.a64.JavaMachine;
import org.mdemu.guest.machine.Machine;

/** The CPU contract on mdemu's own Java engine. */
class JavaCpuTest extends CpuContractTest {
    @Override
    Machine newMachine() {
        return new JavaMachine();
    }

    @Override
    boolean checksExclusiveAlignment() {
        return true;
    }
}
