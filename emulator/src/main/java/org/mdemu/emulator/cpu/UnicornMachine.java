package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Machine;

/**
 * An AArch64 machine on a Unicorn-family engine: one CPU (guest threads share it by context switching) and its
 * memory.
 */
public final class UnicornMachine implements Machine {
    private static final long HWCAP_FP = 1L << 0, HWCAP_ASIMD = 1L << 1, HWCAP_AES = 1L << 3, HWCAP_PMULL = 1L << 4,
            HWCAP_SHA1 = 1L << 5, HWCAP_SHA2 = 1L << 6, HWCAP_CRC32 = 1L << 7, HWCAP_ATOMICS = 1L << 8;

    private final Aarch64Engine uc;
    private final UnicornMemory memory;
    private final UnicornCpu cpu;
    private final java.util.function.Supplier<UnicornMachine> sameEngine;
    private boolean closed;

    /** A machine on Unicorn 1. */
    public UnicornMachine() {
        // Unicorn 1 executes FP and ASIMD; its crypto/CRC translation is not advertised.
        this(new Unicorn1Engine(), HWCAP_FP | HWCAP_ASIMD, UnicornMachine::new);
    }

    private UnicornMachine(Aarch64Engine engine, long hwcap, java.util.function.Supplier<UnicornMachine> sameEngine) {
        this.uc = engine;
        this.sameEngine = sameEngine;
        this.memory = new UnicornMemory(engine);
        this.cpu = new UnicornCpu(engine, hwcap, memory);
    }

    /**
     * A machine on Unicorn 2. The binding selects QEMU's "max" CPU (ARMv8.x with most extensions); advertised are
     * the ones the contract test runs: AES, PMULL, SHA1, SHA2, CRC32 and the LSE atomics. Page permissions live in
     * the MMU's translation tables unless {@code -Dmdemu.unicorn2.mmu=false} asks for one engine region per mapping.
     */
    public static UnicornMachine unicorn2() {
        return unicorn2(Unicorn2Engine.translationTablesChosen());
    }

    /** A machine on Unicorn 2 whose page permissions live in the MMU's translation tables, or in engine regions. */
    static UnicornMachine unicorn2(boolean translationTables) {
        return new UnicornMachine(new Unicorn2Engine(translationTables), HWCAP_FP | HWCAP_ASIMD | HWCAP_AES
                | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2 | HWCAP_CRC32 | HWCAP_ATOMICS,
                () -> unicorn2(translationTables));
    }

    /** The engine under this machine (tests look inside it). */
    Aarch64Engine engine() {
        return uc;
    }

    /** Another engine instance of the same Unicorn version: a child process's own CPU and memory. */
    @Override
    public Machine sibling() {
        return sameEngine.get();
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
        cpu.closeEngine();
    }
}
