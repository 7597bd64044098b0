package org.mdemu.emulator.a64;

/** The crypto extensions the engine reports in AT_HWCAP: AES, SHA1, SHA2 (SHA-256) and PMULL/PMULL2 of 64-bit lanes. */
final class Crypto {
    private Crypto() {}

    /** Executes insn and returns true if it is one of this group's encodings; false leaves it to the next owner. */
    static boolean tryExecute(CpuState s, int insn) {
        return false;
    }
}
