package org.mdemu.guest.abi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.testing.FakeProcess;

/** long double variadic arguments: whole q registers, 16-byte va_list register slots, 16-aligned stack slots. */
class LongDoubleVarArgsTest {
    private final FakeProcess process = new FakeProcess();

    @Test
    void registerArgumentsTakeTheWholeQRegisterThenAlignedStackSlots() {
        for (int i = 0; i < 8; i++) process.regs.setQ(i, i, 100 + i);
        long sp = process.regs.sp();
        process.memory.writeLong(sp, 0xdead);
        process.memory.writeLong(sp + 16, 7);
        process.memory.writeLong(sp + 24, 8);
        VarArgs va = new CallFrame(process.regs, process.memory).varargs(8, 7);
        assertThat(va.nextLongDouble()).containsExactly(7L, 107L);
        assertThat(va.nextLong()).as("the first variadic integer past x7, on the stack").isEqualTo(0xdead);
        assertThat(va.nextLongDouble()).as("16-byte aligned after it").containsExactly(7L, 8L);
    }

    @Test
    void vaListReadsSavedVectorRegistersThenTheStack() {
        long vrTop = process.alloc(64) + 64;
        long stack = process.alloc(64) + 8;
        process.memory.writeLong(vrTop - 32, 1);
        process.memory.writeLong(vrTop - 24, 2);
        process.memory.writeLong(vrTop - 16, 3);
        process.memory.writeLong(vrTop - 8, 4);
        process.memory.writeLong((stack + 15) & ~15L, 5);
        process.memory.writeLong(((stack + 15) & ~15L) + 8, 6);
        long va = process.alloc(32);
        process.memory.writeLong(va, stack);
        process.memory.writeLong(va + 16, vrTop);
        process.memory.writeInt(va + 28, -32);
        VarArgs args = new CallFrame(process.regs, process.memory).vaList(va);
        assertThat(args.nextLongDouble()).containsExactly(1L, 2L);
        assertThat(args.nextLongDouble()).containsExactly(3L, 4L);
        assertThat(args.nextLongDouble()).containsExactly(5L, 6L);
        assertThat(process.memory.readLong(va)).isEqualTo(((stack + 15) & ~15L) + 16);
    }
}
