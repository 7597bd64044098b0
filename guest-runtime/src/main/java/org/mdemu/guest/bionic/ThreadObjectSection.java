package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.ThreadControl;
import org.mdemu.guest.machine.GuestMemory;

/** A libc section whose rows work on guest synchronization objects through the process's threads and memory. */
abstract class ThreadObjectSection implements LibrarySection {
    protected final GuestProcess process;

    ThreadObjectSection(GuestProcess process) {
        this.process = process;
    }

    protected GuestMemory mem() {
        return process.memory();
    }

    protected ThreadControl threads() {
        return process.threads();
    }
}
