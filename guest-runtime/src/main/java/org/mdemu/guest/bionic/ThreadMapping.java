package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.Prot;

/**
 * A thread's primary mapping as bionic's __allocate_thread_mapping lays it out: from the bottom, the stack guard
 * (PROT_NONE), the stack, the thread's block (pthread_internal_t and the static TLS, here a {@link ThreadBlock}) and
 * one guard page (PROT_NONE). As bionic does, the whole range is mapped PROT_NONE and the middle made read-write, so
 * /proc/self/maps shows the two guards around one read-write range, which the thread names
 * {@code [anon:stack_and_tls:TID]}. The guards are reservations the engine never holds, so a thread costs the
 * engine one mapping and no split.
 */
record ThreadMapping(long base, Shape shape) {
    static final long PAGE = 4096, TOP_GUARD = PAGE;

    /** Guard below the stack, stack, and thread block sizes, each a whole number of pages. */
    record Shape(long guard, long stack, long block) {
        long size() {
            return guard + stack + block + TOP_GUARD;
        }
    }

    /**
     * The shape for a stack of at least stackSize bytes (0 for a caller-supplied stack, which gets only the block
     * between guard pages, as bionic) and a block of blockSize bytes aligned to blockAlignment.
     */
    static Shape shape(long stackSize, long guard, long blockSize, long blockAlignment) {
        long blockOffset = alignUp(guard + alignUp(stackSize, PAGE), blockAlignment);
        return new Shape(guard, blockOffset - guard, blockSize);
    }

    /** Maps a new thread mapping of this shape: PROT_NONE, then everything between the guards read-write. */
    static ThreadMapping map(MemoryManager mm, Shape shape, long blockAlignment) {
        long base = mm.mapAnonymous(shape.size(), Math.max(PAGE, blockAlignment), Prot.NONE, "");
        long refused = mm.mprotect(base + shape.guard(), shape.stack() + shape.block(), Prot.RW);
        if (refused != 0) {
            mm.munmap(base, shape.size());
            throw new GuestOutOfMemoryException("no thread mapping: mprotect answered " + refused);
        }
        return new ThreadMapping(base, shape);
    }

    long stackBase() {
        return base + shape.guard();
    }

    /** Where the stack ends and the thread block starts. */
    long blockBase() {
        return stackBase() + shape.stack();
    }

    /** Names the read-write part as bionic's __set_stack_and_tls_vma_name does for a thread other than main. */
    void name(MemoryManager mm, int tid) {
        mm.name(stackBase(), shape.stack() + shape.block(), "[anon:stack_and_tls:" + tid + "]");
    }

    private static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }
}
