package org.mdemu.guest.bionic;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.kernel.IoCalls;
import org.mdemu.guest.kernel.LinuxKernel;

/** A libc section whose rows call the kernel's I/O operations and return in libc's -1/errno convention. */
abstract class IoSection implements LibrarySection {
    protected final GuestProcess process;
    protected final LinuxKernel kernel;

    IoSection(GuestProcess process, LinuxKernel kernel) {
        this.process = process;
        this.kernel = kernel;
    }

    protected IoCalls io() {
        return kernel.io();
    }

    protected long libc(long result) {
        return process.libcResult(result);
    }
}
