package org.mdemu.emulator.a64;

import static org.mdemu.emulator.a64.SimdLanes.byteAt;
import static org.mdemu.emulator.a64.SimdLanes.element;
import static org.mdemu.emulator.a64.SimdLanes.lowestSetBit;
import static org.mdemu.emulator.a64.SimdLanes.replicate;
import static org.mdemu.emulator.a64.SimdLanes.setElement;
import static org.mdemu.emulator.a64.SimdLanes.sext;

/**
 * Advanced SIMD data movement: DUP/INS/UMOV/SMOV (copy), UZP/ZIP/TRN (permute), EXT, TBL/TBX, and the modified
 * immediate group (MOVI, MVNI, ORR, BIC; FMOV immediate is {@link SimdFp}'s).
 */
final class SimdMoves {
    private SimdMoves() {}

    /** Executes insn and returns true if it is one of this group's encodings; false leaves it to the next owner. */
    static boolean tryExecute(CpuState s, int insn) {
        if ((insn & 0x9fe08400) == 0x0e000400) {
            copy(s, insn);
            return true;
        }
        if ((insn & 0xdfe08400) == 0x5e000400) {
            scalarCopy(s, insn);
            return true;
        }
        if ((insn & 0xbf208c00) == 0x0e000000) {
            tableLookup(s, insn);
            return true;
        }
        if ((insn & 0xbf208c00) == 0x0e000800) {
            permute(s, insn);
            return true;
        }
        if ((insn & 0xbf208400) == 0x2e000000) {
            extract(s, insn);
            return true;
        }
        if ((insn & 0x9ff80400) == 0x0f000400) return SimdModifiedImmediate.tryExecute(s, insn);
        return false;
    }

    /** Advanced SIMD copy: 0 Q op 01110000 imm5 0 imm4 1 Rn Rd. */
    static void copy(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, imm4 = (insn >>> 11) & 15, imm5 = (insn >>> 16) & 31;
        boolean q = (insn & (1 << 30)) != 0, op = (insn & (1 << 29)) != 0;
        int size = lowestSetBit(imm5);
        if (size > 3) throw A64Fault.undefined(insn);
        int index = imm5 >>> (size + 1);
        long[] v = s.v;
        if (op) {
            if (!q) throw A64Fault.undefined(insn);
            // INS (element): imm4 bits below the element size are ignored.
            long e = element(v, rn, imm4 >>> size, size);
            setElement(v, rd, index, size, e);
            return;
        }
        switch (imm4) {
            case 0b0000 -> { // DUP (element)
                if (size == 3 && !q) throw A64Fault.undefined(insn);
                long r = replicate(element(v, rn, index, size), size);
                v[2 * rd] = r;
                v[2 * rd + 1] = q ? r : 0;
            }
            case 0b0001 -> { // DUP (general)
                if (size == 3 && !q) throw A64Fault.undefined(insn);
                long r = replicate(s.xzr(rn), size);
                v[2 * rd] = r;
                v[2 * rd + 1] = q ? r : 0;
            }
            case 0b0011 -> { // INS (general)
                if (!q) throw A64Fault.undefined(insn);
                setElement(v, rd, index, size, s.xzr(rn));
            }
            case 0b0101 -> { // SMOV: B/H to W, B/H/S to X
                if (size > 2 || (size == 2 && !q)) throw A64Fault.undefined(insn);
                long r = sext(element(v, rn, index, size), 8 << size);
                if (q) s.setXzr(rd, r);
                else s.setWzr(rd, (int) r);
            }
            case 0b0111 -> { // UMOV: B/H/S to W, D to X
                if (q ? size != 3 : size == 3) throw A64Fault.undefined(insn);
                s.setXzr(rd, element(v, rn, index, size));
            }
            default -> throw A64Fault.undefined(insn);
        }
    }

    /** Advanced SIMD scalar copy: 01 op 11110000 imm5 0 imm4 1 Rn Rd; only DUP (element), alias MOV (scalar). */
    static void scalarCopy(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, imm4 = (insn >>> 11) & 15, imm5 = (insn >>> 16) & 31;
        int size = lowestSetBit(imm5);
        if ((insn & (1 << 29)) != 0 || imm4 != 0 || size > 3) throw A64Fault.undefined(insn);
        s.setD(rd, element(s.v, rn, imm5 >>> (size + 1), size));
    }

    /** TBL/TBX: 0 Q 001110 op2 0 Rm 0 len op 00 Rn Rd; table registers wrap modulo 32. */
    static void tableLookup(CpuState s, int insn) {
        if ((insn & 0x00c00000) != 0) throw A64Fault.undefined(insn);
        int rd = insn & 31, rn = (insn >>> 5) & 31, rm = (insn >>> 16) & 31, len = (insn >>> 13) & 3;
        boolean q = (insn & (1 << 30)) != 0, tbx = (insn & (1 << 12)) != 0;
        long[] v = s.v;
        int tableBytes = 16 * (len + 1);
        long lo = lookup(v, rn, tableBytes, v[2 * rm], tbx ? v[2 * rd] : 0);
        long hi = q ? lookup(v, rn, tableBytes, v[2 * rm + 1], tbx ? v[2 * rd + 1] : 0) : 0;
        v[2 * rd] = lo;
        v[2 * rd + 1] = hi;
    }

    /** Eight table lookups: each byte of indices selects a table byte, or keeps the byte of otherwise when out of range. */
    static long lookup(long[] v, int rn, int tableBytes, long indices, long otherwise) {
        long result = 0;
        for (int i = 0; i < 8; i++) {
            int index = (int) (indices >>> (8 * i)) & 0xff;
            long b = index < tableBytes
                    ? byteAt(v, (rn + (index >>> 4)) & 31, index & 15)
                    : (otherwise >>> (8 * i)) & 0xff;
            result |= b << (8 * i);
        }
        return result;
    }

    /** UZP1/UZP2/ZIP1/ZIP2/TRN1/TRN2: 0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd. */
    static void permute(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, opcode = (insn >>> 12) & 7, rm = (insn >>> 16) & 31;
        int size = (insn >>> 22) & 3;
        boolean q = (insn & (1 << 30)) != 0;
        if ((opcode & 3) == 0 || (size == 3 && !q)) throw A64Fault.undefined(insn);
        int elements = (q ? 128 : 64) >>> (size + 3);
        int part = opcode >>> 2;
        long[] v = s.v;
        long lo = 0, hi = 0;
        for (int i = 0; i < elements; i++) {
            long e;
            switch (opcode & 3) {
                case 1 -> { // UZP: even (part 0) or odd (part 1) elements of Vm:Vn
                    int j = 2 * i + part;
                    e = j < elements ? element(v, rn, j, size) : element(v, rm, j - elements, size);
                }
                case 2 -> { // TRN
                    int j = (i & ~1) + part;
                    e = element(v, (i & 1) == 0 ? rn : rm, j, size);
                }
                default -> { // ZIP: lower (part 0) or upper (part 1) halves interleaved
                    int j = part * elements / 2 + (i >>> 1);
                    e = element(v, (i & 1) == 0 ? rn : rm, j, size);
                }
            }
            int bit = i << (size + 3);
            if (bit < 64) lo |= e << bit;
            else hi |= e << (bit - 64);
        }
        v[2 * rd] = lo;
        v[2 * rd + 1] = hi;
    }

    /** EXT: 0 Q 101110 op2 0 Rm 0 imm4 0 Rn Rd; bytes imm4.. of Vm:Vn. */
    static void extract(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, imm4 = (insn >>> 11) & 15, rm = (insn >>> 16) & 31;
        boolean q = (insn & (1 << 30)) != 0;
        if ((insn & 0x00c00000) != 0 || (!q && imm4 >= 8)) throw A64Fault.undefined(insn);
        long[] v = s.v;
        if (!q) {
            long n = v[2 * rn], m = v[2 * rm];
            s.setD(rd, imm4 == 0 ? n : (n >>> (8 * imm4)) | (m << (64 - 8 * imm4)));
            return;
        }
        long w0 = v[2 * rn], w1 = v[2 * rn + 1], w2 = v[2 * rm], w3 = v[2 * rm + 1];
        long lo, hi;
        if (imm4 >= 8) {
            w0 = w1;
            w1 = w2;
            w2 = w3;
        }
        int shift = 8 * (imm4 & 7);
        if (shift == 0) {
            lo = w0;
            hi = w1;
        } else {
            lo = (w0 >>> shift) | (w1 << (64 - shift));
            hi = (w1 >>> shift) | (w2 << (64 - shift));
        }
        v[2 * rd] = lo;
        v[2 * rd + 1] = hi;
    }
}
