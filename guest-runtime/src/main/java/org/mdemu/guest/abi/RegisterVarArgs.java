package org.mdemu.guest.abi;

import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/** Variadic arguments of a direct call: remaining x/v registers, then 8-byte stack slots shared by both classes. */
final class RegisterVarArgs implements VarArgs {
    private final CpuRegisters regs;
    private final GuestMemory memory;
    private int nextGpr;
    private int nextFpr;
    private long stack;

    RegisterVarArgs(CpuRegisters regs, GuestMemory memory, int fixedGpr, int fixedFpr) {
        this.regs = regs;
        this.memory = memory;
        this.nextGpr = fixedGpr;
        this.nextFpr = fixedFpr;
        this.stack = regs.sp() + 8L * Math.max(0, fixedGpr - 8);
    }

    @Override
    public long nextLong() {
        if (nextGpr < 8) return regs.x(nextGpr++);
        long v = memory.readLong(stack);
        stack += 8;
        return v;
    }

    @Override
    public double nextDouble() {
        if (nextFpr < 8) return regs.d(nextFpr++);
        double v = Double.longBitsToDouble(memory.readLong(stack));
        stack += 8;
        return v;
    }

    @Override
    public long[] nextLongDouble() {
        if (nextFpr < 8) return regs.q(nextFpr++);
        stack = (stack + 15) & ~15L;
        long[] v = {memory.readLong(stack), memory.readLong(stack + 8)};
        stack += 16;
        return v;
    }
}
