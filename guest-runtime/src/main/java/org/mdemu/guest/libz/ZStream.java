package org.mdemu.guest.libz;

import org.mdemu.guest.machine.GuestMemory;

/**
 * The public fields of zlib's z_stream on LP64, read from and written back to the guest's struct, where zlib's ABI
 * keeps them: next_in 0, avail_in 8, total_in 16, next_out 24, avail_out 32, total_out 40, msg 48, state 56,
 * zalloc 64, zfree 72, opaque 80, data_type 88, adler 96, reserved 104; 112 bytes.
 */
final class ZStream {
    static final int SIZE = 112;
    static final int NEXT_IN = 0, AVAIL_IN = 8, TOTAL_IN = 16, NEXT_OUT = 24, AVAIL_OUT = 32, TOTAL_OUT = 40, MSG = 48,
            STATE = 56, DATA_TYPE = 88, ADLER = 96;

    private final GuestMemory memory;
    final long address;
    final long nextIn, nextOut, state;
    final int availIn, availOut;

    ZStream(GuestMemory memory, long address) {
        this.memory = memory;
        this.address = address;
        nextIn = memory.readLong(address + NEXT_IN);
        availIn = memory.readInt(address + AVAIL_IN);
        nextOut = memory.readLong(address + NEXT_OUT);
        availOut = memory.readInt(address + AVAIL_OUT);
        state = memory.readLong(address + STATE);
    }

    /** The input zlib may read (avail_in bytes at next_in). */
    byte[] input() {
        return availIn == 0 ? new byte[0] : memory.read(nextIn, availIn);
    }

    /** Moves the stream past consumed input and produced output, as zlib does after each call. */
    void advance(int consumed, byte[] output, int produced) {
        if (produced > 0) memory.write(nextOut, output, 0, produced);
        memory.writeLong(address + NEXT_IN, nextIn + consumed);
        memory.writeInt(address + AVAIL_IN, availIn - consumed);
        memory.writeLong(address + TOTAL_IN, memory.readLong(address + TOTAL_IN) + consumed);
        memory.writeLong(address + NEXT_OUT, nextOut + produced);
        memory.writeInt(address + AVAIL_OUT, availOut - produced);
        memory.writeLong(address + TOTAL_OUT, memory.readLong(address + TOTAL_OUT) + produced);
    }

    void setAdler(long value) {
        memory.writeLong(address + ADLER, value & 0xffffffffL);
    }

    void setMessage(long cString) {
        memory.writeLong(address + MSG, cString);
    }

    /** What deflateInit/inflateInit set: totals zero, no message, the state handle; zalloc/zfree stay the caller's. */
    static void initialise(GuestMemory memory, long address, long state) {
        memory.writeLong(address + TOTAL_IN, 0);
        memory.writeLong(address + TOTAL_OUT, 0);
        memory.writeLong(address + MSG, 0);
        memory.writeLong(address + STATE, state);
        memory.writeInt(address + DATA_TYPE, 2);  // Z_UNKNOWN
    }
}
