package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Prot;

/**
 * Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 multiple structures (LD1/ST1 of 1-4 registers), single
 * structure to or from one lane, LD1R-LD4R (load and replicate); 64- and 128-bit arrangements; no offset, or
 * post-index by the transfer size (Rm = 31) or by Xm. The whole range is checked before the first access, so no
 * register or byte changes when the instruction faults.
 */
final class SimdStructures {
    private SimdStructures() {}

    static long execute(CpuState s, int insn, long pc) {
        boolean postIndex = (insn & (1 << 23)) != 0;
        int m = (insn >>> 16) & 31;
        // Without post-index, bits 20:16 are zero.
        if (!postIndex && m != 0) throw A64Fault.undefined(insn);
        return (insn & (1 << 24)) == 0 ? multiple(s, insn, pc, postIndex, m) : single(s, insn, pc, postIndex, m);
    }

    private static long multiple(CpuState s, int insn, long pc, boolean postIndex, int m) {
        if ((insn & (1 << 21)) != 0) throw A64Fault.undefined(insn);
        int opcode = (insn >>> 12) & 0xf, size = (insn >>> 10) & 3;
        boolean q = (insn & (1 << 30)) != 0, load = (insn & (1 << 22)) != 0;
        int rpt, selem;
        switch (opcode) {
            case 0b0000 -> { rpt = 1; selem = 4; }
            case 0b0010 -> { rpt = 4; selem = 1; }
            case 0b0100 -> { rpt = 1; selem = 3; }
            case 0b0110 -> { rpt = 3; selem = 1; }
            case 0b0111 -> { rpt = 1; selem = 1; }
            case 0b1000 -> { rpt = 1; selem = 2; }
            case 0b1010 -> { rpt = 2; selem = 1; }
            default -> throw A64Fault.undefined(insn);
        }
        if (size == 3 && !q && selem != 1) throw A64Fault.undefined(insn);
        int n = (insn >>> 5) & 31, t = insn & 31;
        int ebytes = 1 << size, elements = (q ? 16 : 8) >> size;
        int total = rpt * selem * (q ? 16 : 8);
        long address = s.xsp(n);
        PagedMemory mem = s.memory;
        mem.checkAccess(address, total, load ? Prot.READ : Prot.WRITE);
        if (load && !q) {
            // A 64-bit arrangement clears the upper halves of every register written.
            for (int r = 0; r < rpt * selem; r++) s.v[2 * ((t + r) & 31) + 1] = 0;
        }
        long offs = 0;
        for (int r = 0; r < rpt; r++) {
            for (int e = 0; e < elements; e++) {
                int tt = (t + r) & 31;
                for (int k = 0; k < selem; k++) {
                    if (load) SimdLanes.setElement(s.v, tt, e, size, LoadStoreRegister.load(mem, address + offs, size));
                    else LoadStoreRegister.store(mem, address + offs, size, SimdLanes.element(s.v, tt, e, size));
                    offs += ebytes;
                    tt = (tt + 1) & 31;
                }
            }
        }
        if (postIndex) s.setXsp(n, address + (m == 31 ? total : s.xzr(m)));
        return pc + 4;
    }

    private static long single(CpuState s, int insn, long pc, boolean postIndex, int m) {
        int opcode = (insn >>> 13) & 7, size = (insn >>> 10) & 3;
        boolean q = (insn & (1 << 30)) != 0, load = (insn & (1 << 22)) != 0, sBit = (insn & (1 << 12)) != 0;
        int selem = ((opcode & 1) << 1 | (insn >>> 21) & 1) + 1;
        int scale = opcode >>> 1, index = 0;
        boolean replicate = false;
        int qs = (q ? 2 : 0) | (sBit ? 1 : 0);
        switch (scale) {
            case 3 -> {
                if (!load || sBit) throw A64Fault.undefined(insn);
                scale = size;
                replicate = true;
            }
            case 0 -> index = qs << 2 | size;
            case 1 -> {
                if ((size & 1) != 0) throw A64Fault.undefined(insn);
                index = qs << 1 | size >>> 1;
            }
            default -> {
                if ((size & 2) != 0) throw A64Fault.undefined(insn);
                if ((size & 1) == 0) {
                    index = qs;
                } else {
                    if (sBit) throw A64Fault.undefined(insn);
                    index = q ? 1 : 0;
                    scale = 3;
                }
            }
        }
        int n = (insn >>> 5) & 31, t = insn & 31;
        int ebytes = 1 << scale, total = selem * ebytes;
        long address = s.xsp(n);
        PagedMemory mem = s.memory;
        mem.checkAccess(address, total, load ? Prot.READ : Prot.WRITE);
        for (int k = 0; k < selem; k++) {
            int tt = (t + k) & 31;
            long a = address + (long) k * ebytes;
            if (replicate) {
                long bits = SimdLanes.replicate(LoadStoreRegister.load(mem, a, scale), scale);
                s.setV(tt, bits, q ? bits : 0);
            } else if (load) {
                SimdLanes.setElement(s.v, tt, index, scale, LoadStoreRegister.load(mem, a, scale));
            } else {
                LoadStoreRegister.store(mem, a, scale, SimdLanes.element(s.v, tt, index, scale));
            }
        }
        if (postIndex) s.setXsp(n, address + (m == 31 ? total : s.xzr(m)));
        return pc + 4;
    }
}
