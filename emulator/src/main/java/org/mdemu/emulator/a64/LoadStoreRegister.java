package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Prot;

/**
 * LDR/STR of one register, integer and FP/SIMD, in every addressing mode: unsigned scaled immediate, unscaled
 * immediate (LDUR/STUR), pre- and post-index, unprivileged (LDTR/STTR, as ordinary accesses at EL0), register offset
 * (LSL/UXTW/SXTW/SXTX), PC-relative literal; every size and sign extension; PRFM/PRFUM as no-ops that never fault.
 *
 * <p>Writeback with Rn == Rt (CONSTRAINED UNPREDICTABLE) behaves as Unicorn 2 (QEMU) does: a store stores the
 * register's value from before the instruction, a load writes the loaded value and then the written-back address,
 * so Rn ends with the address (the ARM ARM's Constraint_UNKNOWN for the loaded register).
 */
final class LoadStoreRegister {
    private LoadStoreRegister() {}

    /** What size:V:opc asks for. */
    static final int STORE = 0, LOAD = 1, LOAD_SIGNED_X = 2, LOAD_SIGNED_W = 3, PREFETCH = 4, FP_STORE = 5, FP_LOAD = 6;
    private static final int UNALLOCATED = -1;

    /** The kind of access of an encoding's size (31:30), V (26) and opc (23:22) fields, or UNALLOCATED. */
    static int kind(int insn) {
        int size = insn >>> 30, opc = (insn >>> 22) & 3;
        if ((insn & (1 << 26)) != 0) {
            if (opc >= 2 && size != 0) return UNALLOCATED;
            return (opc & 1) == 0 ? FP_STORE : FP_LOAD;
        }
        return switch (opc) {
            case 0 -> STORE;
            case 1 -> LOAD;
            case 2 -> size == 3 ? PREFETCH : LOAD_SIGNED_X;
            default -> size <= 1 ? LOAD_SIGNED_W : UNALLOCATED;
        };
    }

    /** log2 of the access size in bytes: 0-3, 4 for a Q register. */
    static int scale(int insn) {
        int size = insn >>> 30;
        return (insn & (1 << 26)) != 0 && (insn & (1 << 23)) != 0 ? 4 : size;
    }

    /** LDR/STR/PRFM (unsigned immediate): the 12-bit offset scaled by the access size. */
    static long unsignedImmediate(CpuState s, int insn, long pc) {
        int kind = kind(insn);
        if (kind == UNALLOCATED) throw A64Fault.undefined(insn);
        if (kind == PREFETCH) return pc + 4;
        int n = (insn >>> 5) & 31;
        long address = s.xsp(n) + ((long) ((insn >>> 10) & 0xfff) << scale(insn));
        access(s, insn, kind, address);
        return pc + 4;
    }

    /** Unscaled (LDUR/STUR/PRFUM), post-index, unprivileged (LDTR/STTR) and pre-index: a signed 9-bit offset. */
    static long immediate9(CpuState s, int insn, long pc) {
        int kind = kind(insn);
        int mode = (insn >>> 10) & 3;
        if (kind == UNALLOCATED) throw A64Fault.undefined(insn);
        if (kind == PREFETCH) {
            if (mode == 0) return pc + 4;
            throw A64Fault.undefined(insn);
        }
        if (mode == 2 && (kind == FP_STORE || kind == FP_LOAD)) throw A64Fault.undefined(insn);
        int n = (insn >>> 5) & 31;
        long base = s.xsp(n);
        long offset = (insn << 11) >> 23;
        if (mode == 1) {
            access(s, insn, kind, base);
            s.setXsp(n, base + offset);
        } else if (mode == 3) {
            access(s, insn, kind, base + offset);
            s.setXsp(n, base + offset);
        } else {
            access(s, insn, kind, base + offset);
        }
        return pc + 4;
    }

    /** Register offset: Xm or Wm extended (UXTW, LSL, SXTW, SXTX) and shifted by the access size if S is set. */
    static long registerOffset(CpuState s, int insn, long pc) {
        int option = (insn >>> 13) & 7;
        if ((option & 2) == 0) throw A64Fault.undefined(insn);
        int kind = kind(insn);
        if (kind == UNALLOCATED) throw A64Fault.undefined(insn);
        if (kind == PREFETCH) return pc + 4;
        int shift = (insn & (1 << 12)) != 0 ? scale(insn) : 0;
        long address = s.xsp((insn >>> 5) & 31) + (extendOffset(s.xzr((insn >>> 16) & 31), option) << shift);
        access(s, insn, kind, address);
        return pc + 4;
    }

    /** The index register of a register-offset access, extended as option (bits 15:13, option<1> set) says. */
    static long extendOffset(long m, int option) {
        return switch (option) {
            case 0b010 -> m & 0xffffffffL;
            case 0b110 -> (int) m;
            default -> m;
        };
    }

    /** LDR (literal) of W, X, S, D, Q, LDRSW (literal), PRFM (literal): pc plus a signed 19-bit word offset. */
    static long literal(CpuState s, int insn, long pc) {
        int opc = insn >>> 30, t = insn & 31;
        long address = pc + ((long) ((insn << 8) >> 13) << 2);
        PagedMemory m = s.memory;
        if ((insn & (1 << 26)) != 0) {
            switch (opc) {
                case 0 -> s.setD(t, m.load32(address) & 0xffffffffL);
                case 1 -> s.setD(t, m.load64(address));
                case 2 -> {
                    long low = m.load64(address), high = m.load64(address + 8);
                    s.setV(t, low, high);
                }
                default -> throw A64Fault.undefined(insn);
            }
        } else {
            switch (opc) {
                case 0 -> s.setXzr(t, m.load32(address) & 0xffffffffL);
                case 1 -> s.setXzr(t, m.load64(address));
                case 2 -> s.setXzr(t, m.load32(address));
                default -> { } // PRFM (literal)
            }
        }
        return pc + 4;
    }

    /** Performs the access of kind at address for the encoding's Rt and size; registers written only on success. */
    private static void access(CpuState s, int insn, int kind, long address) {
        int t = insn & 31, size = insn >>> 30;
        PagedMemory m = s.memory;
        switch (kind) {
            case STORE -> store(m, address, size, s.xzr(t));
            case LOAD -> s.setXzr(t, load(m, address, size));
            case LOAD_SIGNED_X -> s.setXzr(t, loadSigned(m, address, size));
            case LOAD_SIGNED_W -> s.setXzr(t, loadSigned(m, address, size) & 0xffffffffL);
            case FP_STORE -> {
                if (scale(insn) == 4) storeQ(m, address, s.v[2 * t], s.v[2 * t + 1]);
                else store(m, address, size, s.v[2 * t]);
            }
            default -> {
                if (scale(insn) == 4) {
                    long low = m.load64(address), high = m.load64(address + 8);
                    s.setV(t, low, high);
                } else {
                    s.setD(t, load(m, address, size));
                }
            }
        }
    }

    /** Loads 1 << size bytes (size 0-3), zero-extended. */
    static long load(PagedMemory m, long address, int size) {
        return switch (size) {
            case 0 -> m.load8(address);
            case 1 -> m.load16(address);
            case 2 -> m.load32(address) & 0xffffffffL;
            default -> m.load64(address);
        };
    }

    /** Loads 1 << size bytes (size 0-3), sign-extended to 64 bits. */
    static long loadSigned(PagedMemory m, long address, int size) {
        return switch (size) {
            case 0 -> (byte) m.load8(address);
            case 1 -> (short) m.load16(address);
            case 2 -> m.load32(address);
            default -> m.load64(address);
        };
    }

    /** Stores the low 1 << size bytes (size 0-3) of value. */
    static void store(PagedMemory m, long address, int size, long value) {
        switch (size) {
            case 0 -> m.store8(address, (int) value);
            case 1 -> m.store16(address, (int) value);
            case 2 -> m.store32(address, (int) value);
            default -> m.store64(address, value);
        }
    }

    /** Stores 16 bytes, low half first; faults before storing anything if any byte is not writable. */
    static void storeQ(PagedMemory m, long address, long low, long high) {
        m.checkAccess(address, 16, Prot.WRITE);
        m.store64(address, low);
        m.store64(address + 8, high);
    }
}
