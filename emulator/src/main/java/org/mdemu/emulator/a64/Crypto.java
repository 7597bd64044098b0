package org.mdemu.emulator.a64;

/**
 * The crypto extensions the engine reports in AT_HWCAP: AES, SHA1, SHA2 (SHA-256) and PMULL/PMULL2 of 64-bit lanes.
 * SHA512, SHA3, SM3 and SM4 (the 11001110 space) are not reported and are undefined.
 */
final class Crypto {
    private Crypto() {}

    /** Executes insn and returns true if it is one of this group's encodings; false leaves it to the next owner. */
    static boolean tryExecute(CpuState s, int insn) {
        if ((insn & 0xff3e0c00) == 0x4e280800) {
            aes(s, insn);
            return true;
        }
        if ((insn & 0xff208c00) == 0x5e000000) {
            shaThreeRegister(s, insn);
            return true;
        }
        if ((insn & 0xff3e0c00) == 0x5e280800) {
            shaTwoRegister(s, insn);
            return true;
        }
        if ((insn & 0xbfe0fc00) == 0x0ee0e000) {
            pmull64(s, insn);
            return true;
        }
        if ((insn & 0xff000000) == 0xce000000) throw A64Fault.undefined(insn); // SHA512, SHA3, SM3, SM4
        return false;
    }

    /** AESE, AESD, AESMC, AESIMC: 01001110 size 10100 opcode 10 Rn Rd. */
    static void aes(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, opcode = (insn >>> 12) & 31;
        if ((insn & 0x00c00000) != 0 || opcode < 0b00100 || opcode > 0b00111) throw A64Fault.undefined(insn);
        long[] v = s.v;
        long lo, hi;
        switch (opcode) {
            case 0b00100 -> { // AESE
                long a = v[2 * rd] ^ v[2 * rn], b = v[2 * rd + 1] ^ v[2 * rn + 1];
                lo = Aes.subBytesShiftRows(a, b, false);
                hi = Aes.subBytesShiftRows(a, b, true);
            }
            case 0b00101 -> { // AESD
                long a = v[2 * rd] ^ v[2 * rn], b = v[2 * rd + 1] ^ v[2 * rn + 1];
                lo = Aes.invSubBytesShiftRows(a, b, false);
                hi = Aes.invSubBytesShiftRows(a, b, true);
            }
            case 0b00110 -> { // AESMC
                lo = Aes.mixColumns(v[2 * rn]);
                hi = Aes.mixColumns(v[2 * rn + 1]);
            }
            default -> { // AESIMC
                lo = Aes.invMixColumns(v[2 * rn]);
                hi = Aes.invMixColumns(v[2 * rn + 1]);
            }
        }
        v[2 * rd] = lo;
        v[2 * rd + 1] = hi;
    }

    /** SHA1C/P/M, SHA1SU0, SHA256H/H2, SHA256SU1: 01011110 size 0 Rm 0 opcode 00 Rn Rd. */
    static void shaThreeRegister(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, opcode = (insn >>> 12) & 7, rm = (insn >>> 16) & 31;
        if ((insn & 0x00c00000) != 0 || opcode == 7) throw A64Fault.undefined(insn);
        long[] v = s.v;
        switch (opcode) {
            case 0, 1, 2 -> Sha.sha1Hash(v, rd, rn, rm, opcode);
            case 3 -> Sha.sha1ScheduleUpdate0(v, rd, rn, rm);
            case 4 -> Sha.sha256Hash(v, rd, rn, rm, true);
            case 5 -> Sha.sha256Hash(v, rd, rn, rm, false);
            default -> Sha.sha256ScheduleUpdate1(v, rd, rn, rm);
        }
    }

    /** SHA1H, SHA1SU1, SHA256SU0: 01011110 size 10100 opcode 10 Rn Rd. */
    static void shaTwoRegister(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, opcode = (insn >>> 12) & 31;
        if ((insn & 0x00c00000) != 0 || opcode > 2) throw A64Fault.undefined(insn);
        long[] v = s.v;
        switch (opcode) {
            case 0 -> Sha.sha1FixedRotate(v, rd, rn);
            case 1 -> Sha.sha1ScheduleUpdate1(v, rd, rn);
            default -> Sha.sha256ScheduleUpdate0(v, rd, rn);
        }
    }

    /** PMULL/PMULL2 Vd.1Q, Vn.1D/2D, Vm.1D/2D: the 128-bit carry-less product of the low (Q 0) or high D lanes. */
    static void pmull64(CpuState s, int insn) {
        int rd = insn & 31, rn = (insn >>> 5) & 31, rm = (insn >>> 16) & 31, half = (insn >>> 30) & 1;
        long a = s.v[2 * rn + half], b = s.v[2 * rm + half];
        s.v[2 * rd] = PolynomialMultiply.low(a, b);
        s.v[2 * rd + 1] = PolynomialMultiply.high(a, b);
    }
}
