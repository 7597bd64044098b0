package org.mdemu.guest.bionic;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.kernel.GuestHeap;
import org.mdemu.guest.kernel.GuestProcess;
import org.mdemu.guest.machine.GuestMemory;

/**
 * What the libc sections added for issue 12 share: the process's memory and heap, errno, and strings the guest
 * keeps (static buffers, constant tables) allocated once per process.
 */
abstract class GuestSection implements LibrarySection {
    protected final GuestProcess process;
    private final Map<String, Long> constants = new HashMap<>();

    GuestSection(GuestProcess process) {
        this.process = process;
    }

    protected GuestMemory mem() {
        return process.memory();
    }

    protected GuestHeap heap() {
        return process.heap();
    }

    /** Sets errno and returns -1, libc's failure convention. */
    protected long fail(int errno) {
        process.setErrno(errno);
        return -1;
    }

    /** Sets errno and returns NULL. */
    protected long failNull(int errno) {
        process.setErrno(errno);
        return 0;
    }

    protected int errno() {
        return mem().readInt(process.currentThread().errnoAddress());
    }

    /** A NUL-terminated constant string kept for the life of the process (never freed, never written by libc). */
    protected long constant(String text) {
        return constants.computeIfAbsent(text, t -> {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            long p = heap().malloc(b.length + 1L);
            mem().write(p, java.util.Arrays.copyOf(b, b.length + 1));
            return p;
        });
    }

    /** A buffer of the given size kept for the life of the process under a name (libc's static buffers). */
    protected long staticBuffer(String name, int size) {
        return constants.computeIfAbsent("\0buffer:" + name, n -> heap().calloc(1, size));
    }

    /** bytes plus a NUL written at address. */
    protected void writeBytesZ(long address, byte[] bytes) {
        mem().write(address, java.util.Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** A malloc'ed NUL-terminated copy, or 0 with ENOMEM. */
    protected long mallocString(byte[] bytes) {
        long p = heap().malloc(bytes.length + 1L);
        if (p == 0) return failNull(org.mdemu.guest.kernel.Errno.ENOMEM);
        writeBytesZ(p, bytes);
        return p;
    }

    protected long mallocString(String text) {
        return mallocString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The NUL-terminated bytes at address (NULL reads as null). */
    /**
     * The bytes of the C string the function reads: as bionic's code dereferences it, NULL (or any bad pointer) is a
     * fault at that address, which the caller gets as SIGSEGV.
     */
    protected byte[] cbytes(long address) {
        return mem().readCBytes(address);
    }

    /** A C string the function accepts as NULL (then null). */
    protected byte[] optionalCbytes(long address) {
        return address == 0 ? null : mem().readCBytes(address);
    }

    protected static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    protected static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    protected int u8(long address) {
        return mem().readByte(address) & 0xff;
    }
}
