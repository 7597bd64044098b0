package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.CpuRegisters;
import unicorn.Arm64Const;

/** The register file through the engine's register calls, one JNI call per register. */
final class UnicornRegisters implements CpuRegisters {
    private final Aarch64Engine uc;

    UnicornRegisters(Aarch64Engine uc) {
        this.uc = uc;
    }

    private static byte[] bytes(long low, long high) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (low >>> (8 * i));
            b[i + 8] = (byte) (high >>> (8 * i));
        }
        return b;
    }

    private static int xReg(int n) {
        if (n < 0 || n > 30) throw new IllegalArgumentException("x" + n);
        if (n <= 28) return Arm64Const.UC_ARM64_REG_X0 + n;
        return n == 29 ? Arm64Const.UC_ARM64_REG_X29 : Arm64Const.UC_ARM64_REG_X30;
    }

    @Override public long x(int n) { return uc.regRead(xReg(n)); }
    @Override public void setX(int n, long value) { uc.regWrite(xReg(n), value); }
    @Override public long sp() { return uc.regRead(Arm64Const.UC_ARM64_REG_SP); }
    @Override public void setSp(long value) { uc.regWrite(Arm64Const.UC_ARM64_REG_SP, value); }
    @Override public long pc() { return uc.regRead(Arm64Const.UC_ARM64_REG_PC); }
    @Override public void setPc(long value) { uc.regWrite(Arm64Const.UC_ARM64_REG_PC, value); }
    @Override public long tpidr() { return uc.regRead(Arm64Const.UC_ARM64_REG_TPIDR_EL0); }
    @Override public void setTpidr(long value) { uc.regWrite(Arm64Const.UC_ARM64_REG_TPIDR_EL0, value); }
    @Override public long d64(int n) { return uc.regRead(Arm64Const.UC_ARM64_REG_D0 + n); }

    @Override
    public void setD64(int n, long bits) {
        uc.regWrite128(Arm64Const.UC_ARM64_REG_Q0 + n, bytes(bits, 0));
    }

    @Override
    public long[] q(int n) {
        byte[] b = uc.regRead128(Arm64Const.UC_ARM64_REG_Q0 + n);
        long lo = 0, hi = 0;
        for (int i = 7; i >= 0; i--) lo = lo << 8 | (b[i] & 0xff);
        for (int i = 15; i >= 8; i--) hi = hi << 8 | (b[i] & 0xff);
        return new long[] {lo, hi};
    }

    @Override
    public void setQ(int n, long low, long high) {
        uc.regWrite128(Arm64Const.UC_ARM64_REG_Q0 + n, bytes(low, high));
    }

    @Override public long nzcv() { return uc.regRead(Arm64Const.UC_ARM64_REG_NZCV); }
    @Override public void setNzcv(long value) { uc.regWrite(Arm64Const.UC_ARM64_REG_NZCV, value); }
    @Override public long fpcr() { return uc.fpcr(); }
    @Override public void setFpcr(long value) { uc.setFpcr(value); }
    @Override public long fpsr() { return uc.fpsr(); }
    @Override public void setFpsr(long value) { uc.setFpsr(value); }
}
