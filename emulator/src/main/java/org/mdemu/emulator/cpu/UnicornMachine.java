package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Machine;
import unicorn.Arm64Const;
import unicorn.Unicorn;
import unicorn.UnicornConst;

/** An AArch64 machine on Unicorn 1: one CPU (guest threads share it by context switching) and its memory. */
public final class UnicornMachine implements Machine {
    private static final long CPACR_FPEN_EL0_EL1 = 3L << 20;

    private final Unicorn uc;
    private final UnicornMemory memory;
    private final UnicornCpu cpu;
    private boolean closed;

    public UnicornMachine() {
        this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        // Unicorn 1 starts with FP/SIMD disabled; every NDK binary uses it (va_list setup saves q registers).
        uc.reg_write(Arm64Const.UC_ARM64_REG_CPACR_EL1, CPACR_FPEN_EL0_EL1);
        this.memory = new UnicornMemory(uc);
        this.cpu = new UnicornCpu(uc);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Cpu cpu() {
        return cpu;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        uc.closeAll();
    }
}
