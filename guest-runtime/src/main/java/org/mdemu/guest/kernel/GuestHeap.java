package org.mdemu.guest.kernel;

/** The guest's malloc heap (bionic's allocator role). Addresses are guest addresses; 0 means failure/NULL. */
public interface GuestHeap {
    long malloc(long size);

    long calloc(long count, long size);

    long realloc(long pointer, long size);

    void free(long pointer);

    /** Returns 0 or an errno (posix_memalign's convention); on success *out receives the block. */
    long memalign(long alignment, long size);

    long usableSize(long pointer);
}
