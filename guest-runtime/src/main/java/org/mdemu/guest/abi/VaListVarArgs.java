package org.mdemu.guest.abi;

import org.mdemu.guest.machine.GuestMemory;

/**
 * Walks an AAPCS64 {@code va_list}: {void *stack; void *gr_top; void *vr_top; int gr_offs; int vr_offs}.
 * Negative offsets index the saved register areas below gr_top/vr_top; once they reach 0 the stack is used.
 * The va_list in guest memory is updated as arguments are consumed, as va_arg would.
 */
final class VaListVarArgs implements VarArgs {
    private final GuestMemory memory;
    private final long va;

    VaListVarArgs(GuestMemory memory, long vaListAddress) {
        this.memory = memory;
        this.va = vaListAddress;
    }

    @Override
    public long nextLong() {
        int grOffs = memory.readInt(va + 24);
        if (grOffs < 0) {
            long grTop = memory.readLong(va + 8);
            memory.writeInt(va + 24, grOffs + 8);
            return memory.readLong(grTop + grOffs);
        }
        return fromStack();
    }

    @Override
    public double nextDouble() {
        int vrOffs = memory.readInt(va + 28);
        if (vrOffs < 0) {
            long vrTop = memory.readLong(va + 16);
            memory.writeInt(va + 28, vrOffs + 16);
            return Double.longBitsToDouble(memory.readLong(vrTop + vrOffs));
        }
        return Double.longBitsToDouble(fromStack());
    }

    @Override
    public long[] nextLongDouble() {
        int vrOffs = memory.readInt(va + 28);
        long at;
        if (vrOffs < 0) {
            at = memory.readLong(va + 16) + vrOffs;
            memory.writeInt(va + 28, vrOffs + 16);
        } else {
            at = (memory.readLong(va) + 15) & ~15L;
            memory.writeLong(va, at + 16);
        }
        return new long[] {memory.readLong(at), memory.readLong(at + 8)};
    }

    private long fromStack() {
        long stack = memory.readLong(va);
        memory.writeLong(va, stack + 8);
        return memory.readLong(stack);
    }
}
