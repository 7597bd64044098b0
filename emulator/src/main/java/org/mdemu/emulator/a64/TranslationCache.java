package org.mdemu.emulator.a64;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * The translations of one machine's memory, found by entry pc (a direct-mapped table in front of a map) and by the
 * pages they were decoded from. Bounded: past {@link #maxRegions} regions the whole cache is dropped (the simplest
 * eviction that keeps no stale region reachable); dropped regions' hidden classes are then collectable.
 */
final class TranslationCache implements PagedMemory.CodeWatcher {
    private static final int FAST_SLOTS = 1 << 12;
    private final PagedMemory memory;
    private final int maxRegions;
    private final TranslatedRegion[] fast = new TranslatedRegion[FAST_SLOTS];
    private final HashMap<Long, TranslatedRegion> byEntry = new HashMap<>();
    private final HashMap<Long, ArrayList<TranslatedRegion>> byPage = new HashMap<>();
    private long flushes, invalidations;

    TranslationCache(PagedMemory memory, int maxRegions) {
        this.memory = memory;
        this.maxRegions = maxRegions;
    }

    private static int slot(long pc) {
        return (int) (pc >>> 2) & (FAST_SLOTS - 1);
    }

    /** The region entered at pc through the direct-mapped table only (the per-instruction path), or null. */
    TranslatedRegion lookupFast(long pc) {
        TranslatedRegion r = fast[slot(pc)];
        return r != null && r.entry == pc ? r : null;
    }

    /** The region entered at pc, put back in the direct-mapped table if another entry had taken its slot. */
    synchronized TranslatedRegion lookup(long pc) {
        TranslatedRegion r = byEntry.get(pc);
        if (r != null) fast[slot(pc)] = r;
        return r;
    }

    synchronized void add(TranslatedRegion r) {
        TranslatedRegion old = byEntry.get(r.entry);
        if (old != null) drop(old);
        if (byEntry.size() >= maxRegions) flush();
        byEntry.put(r.entry, r);
        fast[slot(r.entry)] = r;
        for (long p = r.firstPage(); p <= r.lastPage(); p++) {
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
            memory.markCode(p << PagedMemory.PAGE_SHIFT);
        }
    }

    synchronized int size() {
        return byEntry.size();
    }

    synchronized long flushes() {
        return flushes;
    }

    synchronized long invalidations() {
        return invalidations;
    }

    /** Drops every region. */
    synchronized void flush() {
        flushes++;
        for (TranslatedRegion r : new ArrayList<>(byEntry.values())) drop(r);
    }

    /** A store, unmap or loss of PROT_EXEC is about to reach [address, address + length): drop its regions first. */
    @Override
    public synchronized void codeWritten(long address, int length) {
        long last = (address + Math.max(length, 1) - 1) >>> PagedMemory.PAGE_SHIFT;
        for (long p = address >>> PagedMemory.PAGE_SHIFT; p <= last; p++) {
            ArrayList<TranslatedRegion> list = byPage.get(p);
            if (list != null) {
                for (TranslatedRegion r : new ArrayList<>(list)) {
                    invalidations++;
                    drop(r);
                }
            }
            unmarkIfEmpty(p);
        }
    }

    private void drop(TranslatedRegion r) {
        r.invalid = true;
        if (byEntry.get(r.entry) == r) byEntry.remove(r.entry);
        int i = slot(r.entry);
        if (fast[i] == r) fast[i] = null;
        for (long p = r.firstPage(); p <= r.lastPage(); p++) {
            ArrayList<TranslatedRegion> list = byPage.get(p);
            if (list != null) list.remove(r);
            unmarkIfEmpty(p);
        }
    }

    /** A page no region comes from any more stops calling the watcher on every store. */
    private void unmarkIfEmpty(long page) {
        ArrayList<TranslatedRegion> list = byPage.get(page);
        if (list != null && !list.isEmpty()) return;
        byPage.remove(page);
        memory.unmarkCode(page << PagedMemory.PAGE_SHIFT);
    }
}
