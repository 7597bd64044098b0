package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Cpu;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Machine;

/**
 * An AArch64 machine on mdemu's own Java engine: no native code, memory in the JVM (a page gets its bytes at its
 * first store, so reservations and untouched stacks cost nothing; see {@link PagedMemory}), one CPU that guest threads
 * share by contexts or several cores that run them at once (on every JDK: pages allow hardware atomics).
 */
public final class JavaMachine implements Machine {
    private static final long HWCAP_FP = 1L << 0, HWCAP_ASIMD = 1L << 1, HWCAP_AES = 1L << 3, HWCAP_PMULL = 1L << 4,
            HWCAP_SHA1 = 1L << 5, HWCAP_SHA2 = 1L << 6, HWCAP_CRC32 = 1L << 7, HWCAP_ATOMICS = 1L << 8;
    /**
     * AT_HWCAP: what the engine executes beyond ARMv8.0's base: FP, ASIMD, AES, PMULL, SHA1, SHA2, CRC32 and the LSE
     * atomics, as Unicorn 2's machine advertises (the contract test's everyAdvertisedHwcapIsExecuted proves it).
     */
    static final long HWCAP = HWCAP_FP | HWCAP_ASIMD | HWCAP_AES | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2
            | HWCAP_CRC32 | HWCAP_ATOMICS;

    private final PagedMemory memory = new PagedMemory();
    /** One CPU whose registers guest threads swap in and out, or the cores of several vCPUs. */
    private final JavaCpu cpu;
    private final JavaCores cores;

    /** Why this engine cannot run on this JVM as configured (e.g. -Dmdemu.pages), or null when it can. */
    public static String unavailableReason() {
        return PagedMemory.UNUSABLE;
    }

    /** A machine of one vCPU. */
    public JavaMachine() {
        this(1);
    }

    /** A machine of the given number of vCPUs: with more than one, its CPU is a {@link org.mdemu.guest.machine.MultiCoreCpu}. */
    public JavaMachine(int vcpus) {
        if (vcpus < 1) throw new IllegalArgumentException("a machine has at least one vCPU, not " + vcpus);
        String refused = unavailableReason();
        if (refused != null) throw new IllegalStateException(refused);
        this.cpu = vcpus == 1 ? new JavaCpu(memory, HWCAP) : null;
        this.cores = vcpus == 1 ? null : new JavaCores(memory, vcpus);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public Cpu cpu() {
        return cpu != null ? cpu : cores;
    }

    /** A machine of the same engine with nothing mapped: a forked child's (one vCPU: see docs/ARCHITECTURE.md). */
    @Override
    public Machine sibling() {
        return new JavaMachine();
    }

    /** Runs refuse afterwards; the guest's pages are unmapped, so the memory they took is free at the next GC. */
    @Override
    public void close() {
        if (cpu != null) cpu.close();
        else cores.close();
        memory.release();
    }
}
