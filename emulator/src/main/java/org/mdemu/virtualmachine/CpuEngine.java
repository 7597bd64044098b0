package org.mdemu.virtualmachine;

import java.util.Locale;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.Machine;

/**
 * The CPU emulator a VM runs on (an mdemu addition to the AVF API). Both pass the same CPU contract test; they
 * differ in speed and in the optional instructions they execute (see AT_HWCAP).
 */
public enum CpuEngine {
    /**
     * Unicorn 1.0.14 (QEMU 2.x TCG): fast stores, slow floating point. Like Unicorn 2, it cannot be paused from
     * another thread, so several guest threads are sliced by exact instruction budgets, which cost this engine more
     * than Unicorn 2.
     */
    UNICORN1,
    /** Unicorn 2 (QEMU 5 TCG): several times faster on compute, and executes the crypto and CRC32 instructions. */
    UNICORN2;

    /** The system property that chooses the engine of configs that do not set one, e.g. {@code -Dmdemu.cpu.engine=unicorn2}. */
    public static final String PROPERTY = "mdemu.cpu.engine";

    /** The engine used when a config does not choose one: the {@link #PROPERTY} system property, else Unicorn 2. */
    public static CpuEngine defaultEngine() {
        String chosen = System.getProperty(PROPERTY);
        return chosen == null || chosen.isBlank() ? UNICORN2 : parse(chosen);
    }

    /** The engine named by its lower-case name ({@code unicorn1}, {@code unicorn2}). */
    public static CpuEngine parse(String name) {
        for (CpuEngine e : values()) {
            if (e.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) return e;
        }
        throw new IllegalArgumentException("unknown CPU engine '" + name + "' (expected unicorn1 or unicorn2)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Machine newMachine() {
        return this == UNICORN2 ? UnicornMachine.unicorn2() : new UnicornMachine();
    }
}
