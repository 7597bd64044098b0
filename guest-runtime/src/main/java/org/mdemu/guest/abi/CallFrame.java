package org.mdemu.guest.abi;

import org.mdemu.guest.machine.CpuRegisters;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The arguments and result of one call from guest code into a Java-implemented function, decoded per AAPCS64:
 * integer/pointer arguments in x0..x7 then the stack, floating-point arguments in v0..v7 then the stack.
 * Handlers read their arguments by position and class, so the decoding lives here and nowhere else.
 */
public final class CallFrame {
    private final CpuRegisters regs;
    private final GuestMemory memory;

    public CallFrame(CpuRegisters regs, GuestMemory memory) {
        this.regs = regs;
        this.memory = memory;
    }

    public CpuRegisters registers() {
        return regs;
    }

    public GuestMemory memory() {
        return memory;
    }

    /** Integer-class argument number i (counting only integer-class arguments). */
    public long i64(int i) {
        if (i < 8) return regs.x(i);
        return memory.readLong(regs.sp() + 8L * (i - 8));
    }

    public int i32(int i) {
        return (int) i64(i);
    }

    public long u32(int i) {
        return i64(i) & 0xffffffffL;
    }

    public long ptr(int i) {
        return i64(i);
    }

    /** The NUL-terminated UTF-8 string that integer argument i points to, or null for a NULL pointer. */
    public String cstr(int i) {
        long p = ptr(i);
        return p == 0 ? null : memory.readCString(p);
    }

    /** FP-class argument number i (counting only FP-class arguments); no stack spill is supported past v7. */
    public double f64(int i) {
        return regs.d(i);
    }

    public float f32(int i) {
        return regs.s(i);
    }

    /** Variadic arguments after the given number of fixed integer-class and FP-class parameters. */
    public VarArgs varargs(int fixedIntegerArgs, int fixedFpArgs) {
        return new RegisterVarArgs(regs, memory, fixedIntegerArgs, fixedFpArgs);
    }

    /** Variadic arguments held in an AAPCS64 {@code va_list} at the given guest address. */
    public VarArgs vaList(long vaListAddress) {
        return new VaListVarArgs(memory, vaListAddress);
    }

    public void ret(long value) {
        regs.setX(0, value);
    }

    public void ret(boolean value) {
        regs.setX(0, value ? 1 : 0);
    }

    public void retDouble(double value) {
        regs.setD(0, value);
    }

    public void retFloat(float value) {
        regs.setS(0, value);
    }
}
