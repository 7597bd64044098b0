package org.mdemu.guest.kernel.memory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The free address ranges between floor and ceiling, and the top-down search for room that mmap makes (Linux's
 * {@code unmapped_area_topdown}). Walking the mappings from the ceiling down costs time in the number of mappings
 * above the room found, so n small mmaps placed one below the other cost O(n^2) (issue 16: 20 000 mmaps). Linux keeps
 * the largest gap of each subtree in its VMA tree; here the free ranges are also indexed by power-of-two size class,
 * so that a search looks at the highest range of each class that surely fits and scans only the classes where a range
 * may be too small: O(log n) per map and unmap for the shapes payloads make.
 */
final class UnmappedAreas {
    private static final long PAGE = 4096;
    private final long floor, ceiling;
    /** Free ranges, start -> end (exclusive), disjoint and not adjacent. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    /** The same ranges by size class: class k holds those of 2^k to 2^(k+1) - 1 bytes. */
    @SuppressWarnings("unchecked")
    private final TreeMap<Long, Long>[] bySize = new TreeMap[64];

    UnmappedAreas(long floor, long ceiling) {
        this(floor, ceiling, true);
    }

    private UnmappedAreas(long floor, long ceiling, boolean allFree) {
        this.floor = floor;
        this.ceiling = ceiling;
        for (int k = 0; k < bySize.length; k++) bySize[k] = new TreeMap<>();
        if (allFree && floor < ceiling) put(floor, ceiling);
    }

    /** A copy with the same free ranges (a forked process's address space). */
    UnmappedAreas copy() {
        UnmappedAreas c = new UnmappedAreas(floor, ceiling, false);
        for (Map.Entry<Long, Long> e : free.entrySet()) c.put(e.getKey(), e.getValue());
        return c;
    }

    /** [start, end) is mapped now (the part of it between floor and ceiling). */
    void take(long start, long end) {
        start = Math.max(start, floor);
        end = Math.min(end, ceiling);
        if (start >= end) return;
        Map.Entry<Long, Long> before = free.floorEntry(start);
        long from = before != null && before.getValue() > start ? before.getKey() : start;
        for (long s : new java.util.ArrayList<>(free.subMap(from, true, end, false).keySet())) {
            long e = free.get(s);
            remove(s, e);
            if (s < start) put(s, start);
            if (e > end) put(end, e);
        }
    }

    /** [start, end) is unmapped now; it joins the free ranges next to it. */
    void release(long start, long end) {
        start = Math.max(start, floor);
        end = Math.min(end, ceiling);
        if (start >= end) return;
        take(start, end);
        Map.Entry<Long, Long> below = free.lowerEntry(start);
        if (below != null && below.getValue() == start) {
            start = below.getKey();
            remove(below.getKey(), below.getValue());
        }
        Long aboveEnd = free.get(end);
        if (aboveEnd != null) {
            remove(end, aboveEnd);
            end = aboveEnd;
        }
        put(start, end);
    }

    /** The highest address aligned to align (a power of two, at least a page) with size free bytes, or -1. */
    long topDown(long size, long align) {
        if (size <= 0) return -1;
        long best = -1;
        // From this class up every range holds size bytes at any alignment; below it a range may be too small.
        int sure = sizeClass(Math.min(Long.MAX_VALUE / 2, size + align - PAGE)) + 1;
        for (int k = bySize.length - 1; k >= sizeClass(size); k--) {
            for (Map.Entry<Long, Long> r : bySize[k].descendingMap().entrySet()) {
                if (r.getValue() - size <= best) break;
                long at = (r.getValue() - size) & -align;
                if (at >= r.getKey()) {
                    best = at;
                    break;
                }
                if (k >= sure) break;
            }
        }
        return best;
    }

    private void put(long start, long end) {
        free.put(start, end);
        bySize[sizeClass(end - start)].put(start, end);
    }

    private void remove(long start, long end) {
        free.remove(start);
        bySize[sizeClass(end - start)].remove(start);
    }

    private static int sizeClass(long size) {
        return 63 - Long.numberOfLeadingZeros(size);
    }
}
