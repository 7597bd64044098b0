package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Prot;

/**
 * LDP/STP of W, X, S, D and Q registers, LDPSW, LDNP/STNP, with signed offset, pre- and post-index. The whole range
 * is checked before the first store; registers are written after both loads. CONSTRAINED UNPREDICTABLE cases as
 * Unicorn 2 (QEMU) has them: LDP with Rt == Rt2 leaves the first loaded value in a general register and the
 * second in a vector register, writeback onto a loaded register
 * leaves the address, a store with writeback stores the values from before the instruction.
 */
final class LoadStorePair {
    private LoadStorePair() {}

    static long execute(CpuState s, int insn, long pc) {
        int opc = insn >>> 30, mode = (insn >>> 23) & 3;
        boolean simd = (insn & (1 << 26)) != 0, load = (insn & (1 << 22)) != 0;
        int scale;
        boolean signed = false;
        if (simd) {
            if (opc == 3) throw A64Fault.undefined(insn);
            scale = 2 + opc;
        } else {
            switch (opc) {
                case 0 -> scale = 2;
                case 2 -> scale = 3;
                case 1 -> {
                    // LDPSW; STGP (MTE) and LDNP/STNP with opc 01 are not instructions here.
                    if (!load || mode == 0) throw A64Fault.undefined(insn);
                    scale = 2;
                    signed = true;
                }
                default -> throw A64Fault.undefined(insn);
            }
        }
        int t = insn & 31, t2 = (insn >>> 10) & 31, n = (insn >>> 5) & 31;
        long base = s.xsp(n);
        long offset = (long) ((insn << 10) >> 25) << scale;
        long address = mode == 1 ? base : base + offset;
        int bytes = 1 << scale;
        PagedMemory m = s.memory;
        if (load) {
            if (simd) {
                if (scale == 4) {
                    long a0 = m.load64(address), a1 = m.load64(address + 8);
                    long b0 = m.load64(address + 16), b1 = m.load64(address + 24);
                    s.setV(t, a0, a1);
                    s.setV(t2, b0, b1);
                } else {
                    long a = LoadStoreRegister.load(m, address, scale);
                    long b = LoadStoreRegister.load(m, address + bytes, scale);
                    s.setD(t, a);
                    s.setD(t2, b);
                }
            } else {
                long a, b;
                if (signed) {
                    a = LoadStoreRegister.loadSigned(m, address, 2);
                    b = LoadStoreRegister.loadSigned(m, address + 4, 2);
                } else {
                    a = LoadStoreRegister.load(m, address, scale);
                    b = LoadStoreRegister.load(m, address + bytes, scale);
                }
                s.setXzr(t2, b);
                s.setXzr(t, a);
            }
        } else {
            m.checkAccess(address, 2 * bytes, Prot.WRITE);
            if (simd) {
                if (scale == 4) {
                    long a0 = s.v[2 * t], a1 = s.v[2 * t + 1], b0 = s.v[2 * t2], b1 = s.v[2 * t2 + 1];
                    LoadStoreRegister.storeQ(m, address, a0, a1);
                    LoadStoreRegister.storeQ(m, address + 16, b0, b1);
                } else {
                    long a = s.v[2 * t], b = s.v[2 * t2];
                    LoadStoreRegister.store(m, address, scale, a);
                    LoadStoreRegister.store(m, address + bytes, scale, b);
                }
            } else {
                long a = s.xzr(t), b = s.xzr(t2);
                LoadStoreRegister.store(m, address, scale, a);
                LoadStoreRegister.store(m, address + bytes, scale, b);
            }
        }
        if (mode == 1 || mode == 3) s.setXsp(n, base + offset);
        return pc + 4;
    }
}
