package org.mdemu.guest.machine;

import java.nio.charset.StandardCharsets;

/**
 * The guest's address space as the hardware holds it: mapping, protection and access. Accesses from Java go through
 * the same permission check as the CPU's own ({@link PageProtections#check}): a read needs a readable page, a write a
 * writable one, and a refused access throws {@link GuestFault} at its first refused byte, before anything is copied.
 * So a system call touching a bad buffer answers EFAULT and a library function raises the guest's SIGSEGV, as on a
 * device. What the kernel itself writes regardless of protection (the loader's segments and relocations, RELRO,
 * the trap gate, file contents behind a read-only mapping, crash reports) goes through {@link #privileged()}.
 */
public interface GuestMemory {
    int PAGE_SIZE = 4096;

    void map(long address, long size, int prot);

    void unmap(long address, long size);

    void protect(long address, long size, int prot);

    /** Whether every byte of [address, address+size) is mapped. */
    boolean isMapped(long address, long size);

    /** The protection ({@link Prot} bits) of the page holding address, or -1 if nothing is mapped there. */
    int protection(long address);

    /**
     * Throws {@link GuestFault} unless every byte of [address, address + length) allows the access ({@link Prot#READ}
     * or {@link Prot#WRITE}): for work on ranges too large to copy at once, checked before any of it is done.
     */
    void check(long address, long length, int access);

    /** Reads length bytes; the pages must be readable. */
    void read(long address, byte[] dst, int offset, int length);

    /** Writes length bytes; the pages must be writable. */
    void write(long address, byte[] src, int offset, int length);

    /**
     * The same memory as the kernel reaches it, regardless of page protection (unmapped addresses still fault): for
     * the loader, the trap gate, file mappings and crash reports. Never for an access the guest asked for.
     */
    GuestMemory privileged();

    /**
     * Stores count (a size_t: negative is past 2^63) copies of value, as a loop of stores would: the whole range is
     * checked first, then filled a chunk at a time, so no count allocates more than a chunk.
     */
    default void fill(long address, long count, byte value) {
        if (count == 0) return;
        check(address, count, Prot.WRITE);
        byte[] chunk = new byte[(int) Math.min(count, 1 << 16)];
        java.util.Arrays.fill(chunk, value);
        for (long done = 0; done < count; done += chunk.length) {
            write(address + done, chunk, 0, (int) Math.min(chunk.length, count - done));
        }
    }

    /** Reads length bytes into a new array, allocated only once the range is known to be readable. */
    default byte[] read(long address, int length) {
        check(address, length < 0 ? -1L : length, Prot.READ);
        byte[] b = new byte[length];
        read(address, b, 0, length);
        return b;
    }

    default void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    default byte readByte(long address) {
        return read(address, 1)[0];
    }

    default int readInt(long address) {
        byte[] b = read(address, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    default long readLong(long address) {
        byte[] b = read(address, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[i] & 0xff);
        return v;
    }

    default short readShort(long address) {
        byte[] b = read(address, 2);
        return (short) ((b[0] & 0xff) | (b[1] & 0xff) << 8);
    }

    default void writeByte(long address, int v) {
        write(address, new byte[] {(byte) v});
    }

    default void writeShort(long address, int v) {
        write(address, new byte[] {(byte) v, (byte) (v >> 8)});
    }

    default void writeInt(long address, int v) {
        write(address, new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    default void writeLong(long address, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        write(address, b);
    }

    /**
     * Length of the NUL-terminated string at address, scanning at most max bytes (returns max if no NUL). A negative
     * max is a size_t past Integer.MAX_VALUE, which C callers use for "no limit": the scan stops at the NUL or faults.
     */
    default int strlen(long address, int max) {
        if (max < 0) max = Integer.MAX_VALUE;
        int done = 0;
        while (done < max) {
            long a = address + done;
            // Read page by page so a string ending just before an unmapped page does not fault.
            int n = (int) Math.min(max - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
            byte[] b = read(a, n);
            for (int i = 0; i < n; i++) if (b[i] == 0) return done + i;
            done += n;
        }
        return max;
    }

    /** The NUL-terminated string at address, decoded as UTF-8 (modified bytes are replaced). */
    default String readCString(long address) {
        return new String(readCBytes(address), StandardCharsets.UTF_8);
    }

    default byte[] readCBytes(long address) {
        return read(address, strlen(address, 1 << 24));
    }

    /** Writes s as UTF-8 followed by NUL; returns the number of bytes written including the NUL. */
    default int writeCString(long address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        write(address, z);
        return z.length;
    }
}
