package org.mdemu.emulator.a64;

/**
 * The A64 loads and stores: the "Loads and Stores" encoding group (op0 bits 31:28, op1 bit 26, op2 bits 24:23, op3
 * bits 21:16, op4 bits 11:10) routed to the classes that own each form. Everything this engine does not execute
 * (MTE, RCpc LDAPR/LDAPUR, LOR, PAC-authenticated loads, MOPS, LS64) is undefined.
 */
final class LoadsStores {
    private LoadsStores() {}

    static long execute(CpuState s, int insn, long pc) {
        int op0 = insn >>> 28;
        boolean simd = (insn & (1 << 26)) != 0;
        boolean op2High = (insn & (1 << 24)) != 0;
        switch (op0 & 3) {
            case 0b00:
                if (simd) {
                    if ((op0 & 0b1011) == 0) return SimdStructures.execute(s, insn, pc);
                    throw A64Fault.undefined(insn);
                }
                // op2 = 1x: memory tags (MTE) or unallocated.
                if (op2High) throw A64Fault.undefined(insn);
                return Exclusives.execute(s, insn, pc);
            case 0b01:
                // op2 = 1x: LDAPUR/STLUR (RCpc 2) and memory copy/set (MOPS): not executed.
                if (op2High) throw A64Fault.undefined(insn);
                return LoadStoreRegister.literal(s, insn, pc);
            case 0b10:
                return LoadStorePair.execute(s, insn, pc);
            default:
                if (op2High) return LoadStoreRegister.unsignedImmediate(s, insn, pc);
                if ((insn & (1 << 21)) == 0) return LoadStoreRegister.immediate9(s, insn, pc);
                switch ((insn >>> 10) & 3) {
                    case 0b00:
                        return Atomics.memoryOperation(s, insn, pc);
                    case 0b10:
                        return LoadStoreRegister.registerOffset(s, insn, pc);
                    default:
                        // LDRAA/LDRAB: pointer authentication is not implemented.
                        throw A64Fault.undefined(insn);
                }
        }
    }
}
