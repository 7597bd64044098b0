package org.mdemu.emulator.a64;

/** The A64 data processing (register): logical and add/sub shifted/extended register, ADC/SBC, CCMP/CCMN, CSEL family, 1- and 2-source (RBIT, REV, CLZ, CLS, UDIV/SDIV, shifts by register, CRC32), 3-source (MADD/MSUB, SMADDL/UMADDL, SMULH/UMULH). */
final class DataProcessingRegister {
    private DataProcessingRegister() {}

    static long execute(CpuState s, int insn, long pc) {
        throw A64Fault.undefined(insn);
    }
}
