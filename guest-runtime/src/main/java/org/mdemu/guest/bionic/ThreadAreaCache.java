package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.MemoryManager;

/**
 * Thread mappings of ended threads (guard, stack, thread block, top guard: {@link ThreadMapping}), kept for the next
 * pthread_create of the same shape, as glibc's stack cache does (bionic unmaps them). On the Unicorn engines every
 * mapping the engine holds costs a search over all the others when it is made and an unmap flushes translated code,
 * so reuse makes thread creation several times faster. Stacks are handed back as they were left, not cleared, as
 * glibc hands back cached stacks (the thread block is cleared by its next owner); at most {@link #LIMIT} bytes are
 * kept, beyond that mappings are unmapped.
 */
final class ThreadAreaCache {
    static final long LIMIT = 32L << 20;

    private final Map<ThreadMapping.Shape, ArrayDeque<Long>> free = new HashMap<>();
    private long kept;

    /** The base of a kept mapping of this shape, or 0 if none is kept. */
    synchronized long take(ThreadMapping.Shape shape) {
        ArrayDeque<Long> regions = free.get(shape);
        Long region = regions == null ? null : regions.pollLast();
        if (region == null) return 0;
        kept -= shape.size();
        return region;
    }

    /** Keeps an ended thread's mapping, or unmaps it when the cache is full. */
    synchronized void release(MemoryManager mm, ThreadMapping mapping) {
        ThreadMapping.Shape shape = mapping.shape();
        if (kept + shape.size() > LIMIT) {
            mm.munmap(mapping.base(), shape.size());
            return;
        }
        free.computeIfAbsent(shape, s -> new ArrayDeque<>()).addLast(mapping.base());
        kept += shape.size();
    }
}
