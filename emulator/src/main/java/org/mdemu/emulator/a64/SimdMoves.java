package org.mdemu.emulator.a64;

/**
 * Advanced SIMD data movement: DUP/INS/UMOV/SMOV (copy), UZP/ZIP/TRN (permute), EXT, TBL/TBX, and the modified
 * immediate group (MOVI, MVNI, ORR, BIC; FMOV immediate is {@link SimdFp}'s).
 */
final class SimdMoves {
    private SimdMoves() {}

    /** Executes insn and returns true if it is one of this group's encodings; false leaves it to the next owner. */
    static boolean tryExecute(CpuState s, int insn) {
        return false;
    }
}
