package org.mdemu.emulator.a64;

/** The A64 loads and stores: every addressing mode of LDR/STR (integer and FP/SIMD), pairs, exclusives, acquire/release, LSE atomics, literal loads, PRFM, Advanced SIMD structure loads and stores (LD1-4, ST1-4, LD1R-LD4R, single lanes). */
final class LoadsStores {
    private LoadsStores() {}

    static long execute(CpuState s, int insn, long pc) {
        throw A64Fault.undefined(insn);
    }
}
