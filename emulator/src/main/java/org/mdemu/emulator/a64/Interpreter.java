package org.mdemu.emulator.a64;

/**
 * Executes one A64 instruction: the top-level decode of the ARM ARM's "A64 instruction set encoding" table (op0,
 * bits 28:25), handing each encoding group to the class that owns its semantics. Every group method has the same
 * shape: {@code static long execute(CpuState s, int insn, long pc)} returns the address of the next instruction and
 * throws {@link A64Fault} (registers untouched) when the instruction faults or is not an instruction this engine
 * executes.
 */
public final class Interpreter {
    private Interpreter() {}

    public static long execute(CpuState s, int insn, long pc) {
        switch ((insn >>> 25) & 0xf) {
            case 0b1000, 0b1001:
                return DataProcessingImmediate.execute(s, insn, pc);
            case 0b1010, 0b1011:
                return BranchesSystem.execute(s, insn, pc);
            case 0b0100, 0b0110, 0b1100, 0b1110:
                return LoadsStores.execute(s, insn, pc);
            case 0b0101, 0b1101:
                return DataProcessingRegister.execute(s, insn, pc);
            case 0b0111, 0b1111:
                // Scalar floating point (M 0 S 1111x ...) vs. Advanced SIMD and crypto (the rest of the space).
                if ((insn & 0x5e000000) == 0x1e000000) return ScalarFp.execute(s, insn, pc);
                return Simd.execute(s, insn, pc);
            default:
                // 0000 reserved (UDF), 0001 unallocated, 0010 SVE, 0011 unallocated: SIGILL.
                throw A64Fault.undefined(insn);
        }
    }
}
