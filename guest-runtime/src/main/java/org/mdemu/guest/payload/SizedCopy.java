package org.mdemu.guest.payload;

import java.util.Arrays;
import org.mdemu.guest.machine.GuestMemory;

/**
 * The size rule of libvm_payload's output buffers: with size 0 nothing is written (data may be NULL), a smaller
 * buffer gets the value truncated to its size, and the call returns the value's full size either way.
 */
final class SizedCopy {
    private SizedCopy() {}

    static long to(GuestMemory memory, long data, long size, byte[] value) {
        if (size != 0) {
            memory.write(data, Arrays.copyOf(value, Long.compareUnsigned(size, value.length) < 0 ? (int) size : value.length));
        }
        return value.length;
    }
}
