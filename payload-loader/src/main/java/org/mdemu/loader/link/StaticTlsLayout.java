package org.mdemu.loader.link;

/**
 * bionic's static TLS block on arm64 (variant 1): the thread pointer points at the TCB, whose non-negative slots
 * fill the first 8 words; each module of the initial load set follows at the next offset aligned to its PT_TLS
 * alignment, in load order (StaticTlsLayout::reserve_solib_segment). Offsets are from the thread pointer.
 */
public final class StaticTlsLayout {
    /** Bytes of TCB slots at and after the thread pointer (bionic's 8 words, MAX_TLS_SLOT + 1). */
    public static final long TCB_SIZE = 64;

    private long end = TCB_SIZE;
    private long alignment = 16;

    /** Reserves a module's block and returns its offset from the thread pointer. */
    public long reserve(long size, long align) {
        long a = Math.max(1, align);
        if (Long.bitCount(a) != 1) throw new IllegalArgumentException("TLS alignment " + align + " is not a power of 2");
        long offset = (end + a - 1) & -a;
        end = offset + size;
        alignment = Math.max(alignment, a);
        return offset;
    }

    /** Bytes from the thread pointer to the end of the last module's block. */
    public long size() {
        return end;
    }

    /** The alignment the thread pointer itself must have for every module's block to be aligned. */
    public long alignment() {
        return alignment;
    }
}
