package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.CpuRegisters;

/** The register file of {@link CpuState} as the guest kernel sees it. */
final class JavaRegisters implements CpuRegisters {
    private final CpuState s;

    JavaRegisters(CpuState s) {
        this.s = s;
    }

    @Override public long x(int n) { return s.x[checkGeneral(n)]; }
    @Override public void setX(int n, long value) { s.x[checkGeneral(n)] = value; }
    @Override public long sp() { return s.x[CpuState.SP]; }
    @Override public void setSp(long value) { s.x[CpuState.SP] = value; }
    @Override public long pc() { return s.pc; }
    @Override public void setPc(long value) { s.pc = value; }
    @Override public long tpidr() { return s.tpidr; }
    @Override public void setTpidr(long value) { s.tpidr = value; }
    @Override public long d64(int n) { return s.v[2 * checkVector(n)]; }
    @Override public void setD64(int n, long bits) { s.setD(checkVector(n), bits); }
    @Override public long[] q(int n) { return new long[] {s.v[2 * checkVector(n)], s.v[2 * n + 1]}; }
    @Override public void setQ(int n, long low, long high) { s.setV(checkVector(n), low, high); }
    @Override public long nzcv() { return s.nzcv; }
    @Override public void setNzcv(long value) { s.nzcv = value & 0xf0000000L; }
    @Override public long fpcr() { return s.fpcr & 0xffffffffL; }
    @Override public void setFpcr(long value) { s.fpcr = (int) value & SystemInstructions.FPCR_WRITABLE; }
    @Override public long fpsr() { return s.fpsr & 0xffffffffL; }
    @Override public void setFpsr(long value) { s.fpsr = (int) value & SystemInstructions.FPSR_WRITABLE; }

    private static int checkGeneral(int n) {
        if (n < 0 || n > 30) throw new IllegalArgumentException("no general register x" + n);
        return n;
    }

    private static int checkVector(int n) {
        if (n < 0 || n > 31) throw new IllegalArgumentException("no vector register v" + n);
        return n;
    }
}
