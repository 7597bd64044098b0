package org.mdemu.guest.debug;

/**
 * The registers of one guest thread as a debugger reads and writes them: x0-x30, sp, pc, cpsr (the NZCV flags; EL0
 * with every other PSTATE bit clear), v0-v31 as low and high 64-bit halves, fpsr and fpcr (-1: the engine cannot
 * reach them).
 */
public record RegisterFile(long[] x, long sp, long pc, long cpsr, long[] vLow, long[] vHigh, long fpsr, long fpcr) {
    public RegisterFile {
        if (x.length != 31 || vLow.length != 32 || vHigh.length != 32) throw new IllegalArgumentException("register counts");
    }

    public RegisterFile withPc(long newPc) {
        return new RegisterFile(x, sp, newPc, cpsr, vLow, vHigh, fpsr, fpcr);
    }
}
