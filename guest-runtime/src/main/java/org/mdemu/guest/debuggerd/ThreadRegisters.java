package org.mdemu.guest.debuggerd;

import org.mdemu.guest.machine.CpuRegisters;

/** One thread's general registers as debuggerd reads them: x0..x30, sp, pc and pstate (the NZCV flags). */
public record ThreadRegisters(long[] x, long sp, long pc, long pstate) {
    public ThreadRegisters {
        if (x.length != 31) throw new IllegalArgumentException("x0..x30 expected, got " + x.length);
        x = x.clone();
    }

    /** The registers now on the CPU. */
    public static ThreadRegisters of(CpuRegisters r) {
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) x[i] = r.x(i);
        return new ThreadRegisters(x, r.sp(), r.pc(), r.nzcv() & 0xf000_0000L);
    }

    @Override
    public long[] x() {
        return x.clone();
    }

    public long x(int n) {
        return x[n];
    }
}
