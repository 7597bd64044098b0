package org.mdemu.emulator.a64;

/**
 * The Advanced SIMD and crypto encoding space (vector and scalar forms). Each owner claims its encodings in turn:
 * floating point ({@link SimdFp}), data movement (copy, permute, extract, table lookup, modified immediate:
 * {@link SimdMoves}), the crypto extensions ({@link Crypto}), then integer arithmetic ({@link SimdInteger}), which
 * answers undefined for whatever is left.
 */
final class Simd {
    private Simd() {}

    static long execute(CpuState s, int insn, long pc) {
        if (SimdFp.tryExecute(s, insn) || SimdMoves.tryExecute(s, insn) || Crypto.tryExecute(s, insn)) return pc + 4;
        SimdInteger.execute(s, insn);
        return pc + 4;
    }
}
