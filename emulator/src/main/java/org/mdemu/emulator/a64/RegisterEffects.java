package org.mdemu.emulator.a64;

/**
 * What an FP/SIMD instruction does to the state translated code keeps in locals, decided from its encoding at
 * translation time: the general registers it may read and may write (bit r: Xr, bit 31: SP where the encoding reads
 * it as SP; XZR is left out) and whether it reads or writes NZCV. Such an instruction never branches and never raises
 * an event; a store may write the region's own code. {@link #of} answers null for every other instruction (the
 * translator then writes back and reloads everything around it).
 *
 * <p>The sets may be larger than what a particular encoding does (unallocated encodings fault and write nothing), never
 * smaller. Owners: {@link ScalarFp} (FCMP/FCCMP/FCSEL, conversions to and from general registers, FMOV general),
 * {@link SimdMoves} (DUP/INS general, UMOV/SMOV), {@link LoadStoreRegister}, {@link LoadStorePair},
 * {@link SimdStructures}; everything else of the FP/SIMD data processing space touches V registers, FPCR and FPSR
 * only.
 */
final class RegisterEffects {
    /** The static entry that executes the instruction. */
    static final int SCALAR_FP = 0, SIMD = 1, LOADS_STORES = 2;

    final int entry;
    final int reads, writes;
    final boolean readsFlags, writesFlags, stores;

    private RegisterEffects(int entry, int reads, int writes, boolean readsFlags, boolean writesFlags, boolean stores) {
        this.entry = entry;
        this.reads = reads;
        this.writes = writes;
        this.readsFlags = readsFlags;
        this.writesFlags = writesFlags;
        this.stores = stores;
    }

    private static final RegisterEffects PURE_SIMD = new RegisterEffects(SIMD, 0, 0, false, false, false),
            PURE_SCALAR_FP = new RegisterEffects(SCALAR_FP, 0, 0, false, false, false);

    /** Bit r for general register r read or written as XZR (31: none). */
    private static int zr(int r) {
        return r == 31 ? 0 : 1 << r;
    }

    private static int sp(int r) {
        return 1 << r;
    }

    /** The effects of insn, or null if it is not an FP/SIMD data processing instruction or FP/SIMD load/store. */
    static RegisterEffects of(int insn) {
        int op0 = (insn >>> 25) & 0xf;
        if ((op0 & 7) == 0b111) return dataProcessing(insn);
        if ((op0 & 0b0101) == 0b0100 && (insn & (1 << 26)) != 0) return loadStore(insn);
        return null;
    }

    private static RegisterEffects dataProcessing(int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31;
        if ((insn & 0x5e000000) == 0x1e000000) {
            if ((insn & (1 << 24)) != 0) return PURE_SCALAR_FP; // FMADD...
            if ((insn & (1 << 21)) == 0) { // conversion between FP and fixed point: SCVTF/UCVTF from, FCVTZ* to general
                return (insn & (1 << 17)) != 0 ? scalar(zr(rn), 0, false, false) : scalar(0, zr(rd), false, false);
            }
            switch ((insn >>> 10) & 3) {
                case 1: // FCCMP, FCCMPE
                    return scalar(0, 0, true, true);
                case 3: // FCSEL
                    return scalar(0, 0, true, false);
                case 2: // data processing (2 source)
                    return PURE_SCALAR_FP;
                default:
                    if ((insn & (1 << 12)) != 0) return PURE_SCALAR_FP; // FMOV (immediate)
                    if ((insn & (1 << 13)) != 0) return scalar(0, 0, false, true); // FCMP, FCMPE
                    if ((insn & (1 << 14)) != 0) return PURE_SCALAR_FP; // data processing (1 source)
                    // Conversion between FP and integer: SCVTF/UCVTF (opcode 01x), FMOV from general (111) read Rn;
                    // FCVT*, FMOV to general (110) write Rd. Both, conservatively, for the unallocated rest.
                    int opcode = (insn >>> 16) & 7;
                    boolean fromGeneral = opcode == 2 || opcode == 3 || opcode == 7;
                    return scalar(fromGeneral ? zr(rn) : 0, fromGeneral ? 0 : zr(rd), false, false);
            }
        }
        if ((insn & 0xbfe08400) == 0x0e000400) { // Advanced SIMD copy with op 0
            int imm4 = (insn >>> 11) & 15;
            if (imm4 == 0b0001 || imm4 == 0b0011) return new RegisterEffects(SIMD, zr(rn), 0, false, false, false);
            if (imm4 == 0b0101 || imm4 == 0b0111) return new RegisterEffects(SIMD, 0, zr(rd), false, false, false);
        }
        return PURE_SIMD;
    }

    private static RegisterEffects scalar(int reads, int writes, boolean readsFlags, boolean writesFlags) {
        return new RegisterEffects(SCALAR_FP, reads, writes, readsFlags, writesFlags, false);
    }

    /** Loads and stores of SIMD&FP registers (V, bit 26, set): the base, an index register, writeback of the base. */
    private static RegisterEffects loadStore(int insn) {
        int rn = (insn >>> 5) & 31, rm = (insn >>> 16) & 31;
        boolean load = (insn & (1 << 22)) != 0;
        int reads, writes = 0;
        switch ((insn >>> 28) & 3) {
            case 0b00: // Advanced SIMD structures: L is bit 22; post-index (bit 23) adds Rm or the size to Rn
                reads = sp(rn) | zr(rm);
                if ((insn & (1 << 23)) != 0) writes = sp(rn);
                break;
            case 0b01: // LDR (literal)
                return new RegisterEffects(LOADS_STORES, 0, 0, false, false, false);
            case 0b10: { // pairs: modes 01 post-index, 11 pre-index write the base back
                int mode = (insn >>> 23) & 3;
                reads = sp(rn);
                if (mode == 1 || mode == 3) writes = sp(rn);
                break;
            }
            default: {
                reads = sp(rn);
                if ((insn & (1 << 24)) != 0) break; // unsigned immediate
                if ((insn & (1 << 21)) != 0) { // register offset (and the unallocated rest of op 1)
                    reads |= zr(rm);
                    break;
                }
                int mode = (insn >>> 10) & 3;
                if (mode == 1 || mode == 3) writes = sp(rn);
            }
        }
        // A V-register store has opc<0> = 0 in the register forms, L = 0 in pairs and structures: bit 22 either way.
        return new RegisterEffects(LOADS_STORES, reads, writes, false, false, !load);
    }
}
