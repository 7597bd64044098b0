package org.mdemu.virtualmachine;

import java.util.Locale;
import org.mdemu.emulator.a64.JavaMachine;
import org.mdemu.emulator.cpu.UnicornMachine;
import org.mdemu.guest.machine.Machine;

/**
 * The CPU emulator a VM runs on (an mdemu addition to the AVF API). All pass the same CPU contract test; they
 * differ in speed, in the optional instructions they execute (see AT_HWCAP) and in whether another thread can pause
 * them exactly.
 */
public enum CpuEngine {
    /**
     * Unicorn 1.0.14 (QEMU 2.x TCG): fast stores, slow floating point. Like Unicorn 2, it cannot be paused from
     * another thread, so several guest threads are sliced by exact instruction budgets, which cost this engine more
     * than Unicorn 2.
     */
    UNICORN1,
    /**
     * Unicorn 2 (QEMU 5 TCG): faster than Unicorn 1 on compute, and executes the crypto and CRC32 instructions; the
     * oracle the Java engine is tested against.
     */
    UNICORN2,
    /**
     * mdemu's own AArch64 engine in pure Java ({@code org.mdemu.emulator.a64}): no native code, guest memory on the
     * Java heap (pages allocated when first written), stops from any thread exact between two instructions, and
     * debugger breakpoints and watchpoints without patching guest code. It executes ARMv8.0 with FP, Advanced SIMD,
     * AES, PMULL, SHA1, SHA2, CRC32 and the LSE atomics (AT_HWCAP advertises exactly these); every other encoding is
     * an undefined instruction (SIGILL), as on a CPU without the feature. The default: faster than the Unicorn engines on
     * compute, stores and host calls, guest threads in parallel on several vCPUs, and nothing native to load.
     */
    JAVA;

    /** The system property that chooses the engine of configs that do not set one, e.g. {@code -Dmdemu.cpu.engine=unicorn2}. */
    public static final String PROPERTY = "mdemu.cpu.engine";

    /** The engine used when a config does not choose one: the {@link #PROPERTY} system property, else Java. */
    public static CpuEngine defaultEngine() {
        String chosen = System.getProperty(PROPERTY);
        return chosen == null || chosen.isBlank() ? JAVA : parse(chosen);
    }

    /** The engine named by its lower-case name ({@code unicorn1}, {@code unicorn2}, {@code java}). */
    public static CpuEngine parse(String name) {
        for (CpuEngine e : values()) {
            if (e.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) return e;
        }
        throw new IllegalArgumentException("unknown CPU engine '" + name + "' (expected unicorn1, unicorn2 or java)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why this engine cannot run here (a setting the JVM cannot honour), or null when it can. */
    String unavailableReason() {
        return this == JAVA ? JavaMachine.unavailableReason() : null;
    }

    /**
     * A machine for a VM of the given vCPUs. Only this engine runs guest threads in parallel; the Unicorn engines run
     * them one at a time on one CPU (the guest still sees every vCPU in sysconf and /proc/cpuinfo).
     */
    Machine newMachine(int vcpus) {
        return switch (this) {
            case UNICORN1 -> new UnicornMachine();
            case UNICORN2 -> UnicornMachine.unicorn2();
            case JAVA -> new JavaMachine(vcpus);
        };
    }
}
