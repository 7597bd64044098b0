package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.MemoryManager;

/**
 * Stacks and thread blocks of ended threads, kept for the next pthread_create of the same size, as glibc's stack
 * cache does (bionic unmaps them). On the Unicorn 2 engine a stack's guard page costs about a millisecond to
 * protect (the engine splits and copies the region) and an unmap flushes translated code, so reuse makes thread
 * creation several times faster. Regions are handed back as they were left, not cleared, as glibc hands back
 * cached stacks; at most {@link #LIMIT} bytes are kept, beyond that regions are unmapped.
 */
final class ThreadAreaCache {
    static final long LIMIT = 32L << 20;

    private record Shape(long size, long guard) {}

    private final Map<Shape, ArrayDeque<Long>> free = new HashMap<>();
    private long kept;

    /** A kept region of this total size whose first {@code guard} bytes are PROT_NONE, or 0 if none is kept. */
    synchronized long take(long size, long guard) {
        ArrayDeque<Long> regions = free.get(new Shape(size, guard));
        Long region = regions == null ? null : regions.pollLast();
        if (region == null) return 0;
        kept -= size;
        return region;
    }

    /** Keeps an ended thread's region, or unmaps it when the cache is full. */
    synchronized void release(MemoryManager mm, long region, long size, long guard) {
        if (kept + size > LIMIT) {
            mm.munmap(region, size);
            return;
        }
        free.computeIfAbsent(new Shape(size, guard), s -> new ArrayDeque<>()).addLast(region);
        kept += size;
    }
}
