package org.mdemu.guest.bionic;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The guest heap. Block sizes and free lists live in Java, not in guest memory, so a guest buffer overrun cannot
 * corrupt the allocator (bionic's scudo also keeps metadata away from user data). Small blocks come from 1 MiB
 * arenas in 16-byte size classes; blocks of 128 KiB and more get their own mapping, unmapped on free.
 */
public final class Malloc implements GuestHeap {
    private static final long ARENA = 1 << 20;
    private static final long LARGE = 128 << 10;

    private final MemoryManager mm;
    private final GuestMemory memory;
    private final Map<Long, Long> blockSizes = new HashMap<>();
    private final Map<Long, ArrayDeque<Long>> freeBySize = new HashMap<>();
    private final Map<Long, Long> largeBlocks = new HashMap<>();
    private long arenaNext;
    private long arenaEnd;
    private final InvalidFree invalidFree;
    /** Bytes mapped for arenas (large blocks are counted from largeBlocks). */
    private long arenaBytes;
    /** Usable bytes of the blocks in use. */
    private long allocatedBytes;
    /** android_mallopt(M_SET_ALLOCATION_LIMIT_BYTES): 0 for none. */
    private long limit;
    /** mallopt(M_BIONIC_ZERO_INIT): blocks are handed out zeroed. */
    private boolean zeroFill;
    /** Per size class (rounded size; large blocks as 0): allocations and frees so far. */
    private final Map<Long, long[]> counts = new java.util.TreeMap<>();

    /** What to do on a free of a pointer malloc never returned (bionic aborts the process). */
    @FunctionalInterface
    public interface InvalidFree {
        void report(String message);
    }

    public Malloc(MemoryManager mm, GuestMemory memory, InvalidFree invalidFree) {
        this.mm = mm;
        this.memory = memory;
        this.invalidFree = invalidFree;
    }

    @Override
    public synchronized long malloc(long size) {
        if (size < 0) return 0;
        long rounded = Math.max(16, (size + 15) & ~15L);
        if (limit != 0 && allocatedBytes + rounded > limit) return 0;
        long p = allocate(rounded);
        if (p != 0) {
            allocatedBytes += usableSize(p);
            counts.computeIfAbsent(rounded >= LARGE ? 0L : rounded, k -> new long[2])[0]++;
            if (zeroFill) zero(p, usableSize(p));
        }
        return p;
    }

    private long allocate(long rounded) {
        try {
            if (rounded >= LARGE) {
                long address = mm.mapAnonymous(rounded, 4096, Prot.RW, "[anon:libc_malloc]");
                largeBlocks.put(address, rounded);
                return address;
            }
            ArrayDeque<Long> free = freeBySize.get(rounded);
            if (free != null && !free.isEmpty()) {
                long address = free.pop();
                blockSizes.put(address, rounded);
                return address;
            }
            if (arenaNext + rounded > arenaEnd) {
                arenaNext = mm.mapAnonymous(ARENA, 4096, Prot.RW, "[anon:libc_malloc]");
                arenaEnd = arenaNext + ARENA;
                arenaBytes += ARENA;
            }
            long address = arenaNext;
            arenaNext += rounded;
            blockSizes.put(address, rounded);
            return address;
        } catch (GuestOutOfMemoryException e) {
            return 0;
        }
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > Long.MAX_VALUE / size)) return 0;
        long total = count * size;
        long p = malloc(total);
        if (p != 0) zero(p, usableSize(p));
        return p;
    }

    @Override
    public synchronized long realloc(long pointer, long size) {
        if (pointer == 0) return malloc(size);
        if (size == 0) {
            free(pointer);
            return 0;
        }
        long old = usableSize(pointer);
        if (old == 0) {
            invalidFree.report(String.format("realloc(): invalid pointer 0x%x", pointer));
            return 0;
        }
        if (size <= old) return pointer;
        long fresh = malloc(size);
        if (fresh == 0) return 0;
        GuestBlocks.move(memory, fresh, pointer, old); // in chunks: a block may be larger than a host array
        free(pointer);
        return fresh;
    }

    @Override
    public synchronized void free(long pointer) {
        if (pointer == 0) return;
        Long large = largeBlocks.remove(pointer);
        if (large != null) {
            allocatedBytes -= large;
            counts.computeIfAbsent(0L, k -> new long[2])[1]++;
            mm.munmap(pointer, large);
            return;
        }
        Long size = blockSizes.remove(pointer);
        if (size == null) {
            invalidFree.report(String.format("free(): invalid pointer 0x%x (not allocated, or freed twice)", pointer));
            return;
        }
        allocatedBytes -= size;
        counts.computeIfAbsent(size, k -> new long[2])[1]++;
        freeBySize.computeIfAbsent(size, k -> new ArrayDeque<>()).push(pointer);
    }

    @Override
    public synchronized long memalign(long alignment, long size) {
        if (alignment <= 16) return malloc(size);
        // Over-allocate, then keep the aligned block; the unused head stays allocated for simplicity.
        long p = malloc(size + alignment);
        if (p == 0) return 0;
        long aligned = (p + alignment - 1) & -alignment;
        if (aligned == p) return p;
        long total = usableSize(p);
        allocatedBytes -= aligned - p;
        if (largeBlocks.containsKey(p)) {
            largeBlocks.put(aligned, largeBlocks.remove(p) - (aligned - p));
        } else {
            blockSizes.remove(p);
            blockSizes.put(aligned, total - (aligned - p));
        }
        return aligned;
    }

    @Override
    public synchronized long usableSize(long pointer) {
        Long s = blockSizes.get(pointer);
        if (s != null) return s;
        Long l = largeBlocks.get(pointer);
        return l == null ? 0 : l;
    }

    /** What mallinfo, malloc_info and malloc_iterate report: the heap at one moment. */
    public record Statistics(long mappedBytes, long allocatedBytes, long freeBytes,
                             java.util.NavigableMap<Long, Long> blocks, Map<Long, long[]> countsBySize) {}

    public synchronized Statistics statistics() {
        long large = 0;
        for (long l : largeBlocks.values()) large += l;
        long free = 0;
        for (Map.Entry<Long, ArrayDeque<Long>> e : freeBySize.entrySet()) free += e.getKey() * e.getValue().size();
        java.util.NavigableMap<Long, Long> blocks = new java.util.TreeMap<>(blockSizes);
        blocks.putAll(largeBlocks);
        Map<Long, long[]> copy = new java.util.TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        return new Statistics(arenaBytes + large, allocatedBytes, free + (arenaEnd - arenaNext), blocks, copy);
    }

    /** android_mallopt(M_SET_ALLOCATION_LIMIT_BYTES): allocations that would pass limit bytes in use fail. */
    public synchronized void setLimit(long limit) {
        this.limit = limit;
    }

    /** mallopt(M_BIONIC_ZERO_INIT). */
    public synchronized void setZeroFill(boolean zeroFill) {
        this.zeroFill = zeroFill;
    }

    private void zero(long address, long length) {
        byte[] z = new byte[(int) Math.min(length, 1 << 16)];
        for (long done = 0; done < length; done += z.length) {
            memory.write(address + done, z, 0, (int) Math.min(z.length, length - done));
        }
    }
}
