package org.mdemu.guest.testing;

import org.mdemu.guest.machine.CpuRegisters;

/** A register file held in arrays, for calling Java-implemented guest functions from unit tests. */
public final class FakeRegisters implements CpuRegisters {
    private final long[] x = new long[31];
    private final long[] vLow = new long[32];
    private final long[] vHigh = new long[32];
    private long sp, pc, tpidr, fpcr, fpsr;

    @Override public long x(int n) { return x[n]; }
    @Override public void setX(int n, long value) { x[n] = value; }
    @Override public long sp() { return sp; }
    @Override public void setSp(long value) { sp = value; }
    @Override public long pc() { return pc; }
    @Override public void setPc(long value) { pc = value; }
    @Override public long tpidr() { return tpidr; }
    @Override public void setTpidr(long value) { tpidr = value; }
    @Override public long d64(int n) { return vLow[n]; }
    @Override public void setD64(int n, long bits) { vLow[n] = bits; vHigh[n] = 0; }
    @Override public long[] q(int n) { return new long[] {vLow[n], vHigh[n]}; }
    @Override public void setQ(int n, long low, long high) { vLow[n] = low; vHigh[n] = high; }
    @Override public long nzcv() { return 0; }
    @Override public void setNzcv(long value) { }
    @Override public long fpcr() { return fpcr; }
    @Override public void setFpcr(long value) { fpcr = value; }
    @Override public long fpsr() { return fpsr; }
    @Override public void setFpsr(long value) { fpsr = value; }
}
