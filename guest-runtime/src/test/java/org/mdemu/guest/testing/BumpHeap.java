package org.mdemu.guest.testing;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.GuestHeap;

/** A heap for unit tests: allocates from the fake process's scratch area and never reuses memory. */
public final class BumpHeap implements GuestHeap {
    private final FakeProcess process;
    private final Map<Long, Long> sizes = new HashMap<>();

    public BumpHeap(FakeProcess process) {
        this.process = process;
    }

    /** Installs a bump heap as the process's heap and returns it. */
    public static BumpHeap on(FakeProcess process) {
        BumpHeap heap = new BumpHeap(process);
        process.heap = heap;
        return heap;
    }

    @Override
    public long malloc(long size) {
        if (size < 0 || size + 16 > process.scratchLeft()) return 0; // out of memory, as malloc answers
        long p = process.alloc((int) Math.max(size, 1));
        sizes.put(p, size);
        return p;
    }

    @Override
    public long calloc(long count, long size) {
        return malloc(count * size);
    }

    @Override
    public long realloc(long pointer, long size) {
        long p = malloc(size);
        if (p == 0) return 0;
        if (pointer != 0) {
            long old = sizes.getOrDefault(pointer, 0L);
            process.memory().write(p, process.memory().read(pointer, (int) Math.min(old, size)));
        }
        return p;
    }

    @Override
    public void free(long pointer) {
        sizes.remove(pointer);
    }

    @Override
    public long memalign(long alignment, long size) {
        return malloc(size);
    }

    @Override
    public long usableSize(long pointer) {
        return sizes.getOrDefault(pointer, 0L);
    }
}
