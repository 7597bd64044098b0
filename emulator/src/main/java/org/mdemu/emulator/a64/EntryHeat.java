package org.mdemu.emulator.a64;

/**
 * How often the instruction loop missed a translation at each pc: direct-mapped counters (pcs sharing a slot share a
 * count, which only makes a region a little early), so counting costs no allocation.
 */
final class EntryHeat {
    private static final int SLOTS = 1 << 12;
    private final int[] counts = new int[SLOTS];
    private final int threshold;

    EntryHeat(int threshold) {
        this.threshold = threshold;
    }

    /** Counts one miss at pc; true (and the count restarts) when pc became hot. */
    boolean hot(long pc) {
        int i = (int) (pc >>> 2) & (SLOTS - 1);
        if (++counts[i] < threshold) return false;
        counts[i] = 0;
        return true;
    }
}
