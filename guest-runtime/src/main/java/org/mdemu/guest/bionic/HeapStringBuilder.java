package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.machine.GuestMemory;

/**
 * A string growing in the guest's heap, as bionic's asprintf and swprintf grow theirs (a malloc'd string FILE,
 * starting at 128 bytes): output larger than the heap can hold fails with ENOMEM, as on a device, and nothing is
 * held on the Java side beyond one chunk. Growth doubles (bionic grows to the page-rounded need; only
 * malloc_usable_size could tell) and copies a chunk at a time rather than through realloc's one-array copy.
 */
final class HeapStringBuilder implements PrintfSink.Destination {
    private static final int INITIAL_SIZE = 128;

    private final GuestHeap heap;
    private final GuestMemory memory;
    private long address;
    private long capacity;
    private long length;

    private HeapStringBuilder(GuestHeap heap, GuestMemory memory) {
        this.heap = heap;
        this.memory = memory;
    }

    /** A new empty string, or null when the first 128 bytes cannot be allocated. */
    static HeapStringBuilder allocate(GuestHeap heap, GuestMemory memory) {
        HeapStringBuilder s = new HeapStringBuilder(heap, memory);
        s.address = heap.malloc(INITIAL_SIZE);
        s.capacity = INITIAL_SIZE;
        return s.address == 0 ? null : s;
    }

    @Override
    public int accept(byte[] b, int off, int len) {
        long need = length + len + 1; // room for the NUL
        if (need > capacity && !grow(need)) return Errno.ENOMEM;
        memory.write(address + length, b, off, len);
        length += len;
        return 0;
    }

    private boolean grow(long need) {
        long size = Math.max(need, capacity > Long.MAX_VALUE / 2 ? need : capacity * 2);
        long fresh = heap.malloc(size);
        if (fresh == 0 && size > need) {
            size = need;
            fresh = heap.malloc(size);
        }
        if (fresh == 0) return false;
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(PrintfSink.CHUNK, length - done);
            memory.write(fresh + done, memory.read(address + done, n));
            done += n;
        }
        heap.free(address);
        address = fresh;
        capacity = size;
        return true;
    }

    /** Writes the NUL and returns the string's address (the caller now owns it). */
    long finish() {
        memory.writeByte(address + length, 0);
        return address;
    }

    void free() {
        heap.free(address);
    }

    long address() {
        return address;
    }

    long length() {
        return length;
    }
}
