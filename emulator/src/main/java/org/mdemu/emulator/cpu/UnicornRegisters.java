package org.mdemu.emulator.cpu;

import org.mdemu.guest.machine.CpuRegisters;
import unicorn.Arm64Const;
import unicorn.Unicorn;

/**
 * Register access through the binding's byte-array calls: about 4x cheaper than its boxing variant, and the
 * boxing variant crashes the JVM on 128-bit registers.
 */
final class UnicornRegisters implements CpuRegisters {
    private final Unicorn uc;

    UnicornRegisters(Unicorn uc) {
        this.uc = uc;
    }

    private long read(int reg) {
        byte[] b = uc.reg_read(reg, 8);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24
                | (b[4] & 0xffL) << 32 | (b[5] & 0xffL) << 40 | (b[6] & 0xffL) << 48 | (b[7] & 0xffL) << 56;
    }

    private void write(int reg, long v) {
        uc.reg_write(reg, bytes(v, 0, 8));
    }

    private static byte[] bytes(long low, long high, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < 8; i++) b[i] = (byte) (low >>> (8 * i));
        for (int i = 8; i < n; i++) b[i] = (byte) (high >>> (8 * (i - 8)));
        return b;
    }

    private static int xReg(int n) {
        if (n < 0 || n > 30) throw new IllegalArgumentException("x" + n);
        if (n <= 28) return Arm64Const.UC_ARM64_REG_X0 + n;
        return n == 29 ? Arm64Const.UC_ARM64_REG_X29 : Arm64Const.UC_ARM64_REG_X30;
    }

    @Override public long x(int n) { return read(xReg(n)); }
    @Override public void setX(int n, long value) { write(xReg(n), value); }
    @Override public long sp() { return read(Arm64Const.UC_ARM64_REG_SP); }
    @Override public void setSp(long value) { write(Arm64Const.UC_ARM64_REG_SP, value); }
    @Override public long pc() { return read(Arm64Const.UC_ARM64_REG_PC); }
    @Override public void setPc(long value) { write(Arm64Const.UC_ARM64_REG_PC, value); }
    @Override public long tpidr() { return read(Arm64Const.UC_ARM64_REG_TPIDR_EL0); }
    @Override public void setTpidr(long value) { write(Arm64Const.UC_ARM64_REG_TPIDR_EL0, value); }
    @Override public long d64(int n) { return read(Arm64Const.UC_ARM64_REG_D0 + n); }

    @Override
    public void setD64(int n, long bits) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, bytes(bits, 0, 16));
    }

    @Override
    public long[] q(int n) {
        byte[] b = uc.reg_read(Arm64Const.UC_ARM64_REG_Q0 + n, 16);
        long lo = 0, hi = 0;
        for (int i = 7; i >= 0; i--) lo = lo << 8 | (b[i] & 0xff);
        for (int i = 15; i >= 8; i--) hi = hi << 8 | (b[i] & 0xff);
        return new long[] {lo, hi};
    }

    @Override
    public void setQ(int n, long low, long high) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, bytes(low, high, 16));
    }

    @Override public long nzcv() { return read(Arm64Const.UC_ARM64_REG_NZCV); }
}
