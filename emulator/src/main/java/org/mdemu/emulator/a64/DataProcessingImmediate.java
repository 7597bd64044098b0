package org.mdemu.emulator.a64;

/** The A64 data processing (immediate): ADD/SUB/ADDS/SUBS immediate, MOVZ/MOVN/MOVK, logical immediate, bitfield (SBFM/BFM/UBFM), EXTR, ADR/ADRP. */
final class DataProcessingImmediate {
    private DataProcessingImmediate() {}

    static long execute(CpuState s, int insn, long pc) {
        throw A64Fault.undefined(insn);
    }
}
