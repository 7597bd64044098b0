package org.mdemu.guest.kernel;

import java.util.List;

/** The process's virtual address space: which ranges are mapped, with what protection, and for what. */
public interface MemoryManager {
    /** mmap semantics; returns the address or -errno. */
    long mmap(long address, long length, int prot, int flags, int fd, long offset);

    long munmap(long address, long length);

    long mprotect(long address, long length, int prot);

    /**
     * Maps a fresh anonymous region for the runtime's own use (loader segments, stacks, heap arenas), naming it as
     * /proc/self/maps would; returns its address. Throws {@link OutOfMemoryError}-like {@code GuestOutOfMemory} when
     * the VM's memory limit would be exceeded.
     */
    long mapAnonymous(long length, long alignment, int prot, String name);

    /** Maps at a fixed address chosen by the caller (replacing what was there). */
    void mapFixed(long address, long length, int prot, String name);

    /** Renames part of a mapping (e.g. a loaded library's segments get the library's path). */
    void name(long address, long length, String name);

    List<Mapping> mappings();

    /** The last ranges munmap removed (at most a few, newest last), for a tombstone's "use after munmap" cause. */
    default List<Mapping> recentlyUnmapped() {
        return List.of();
    }

    /** Bytes currently mapped, counted against the VM's memory limit. */
    long mappedBytes();

    /** The most bytes ever mapped at once (VmHWM, ru_maxrss). */
    default long peakMappedBytes() {
        return mappedBytes();
    }

    /**
     * One mapping. maxProt is what mprotect may grant (the kernel's VM_MAY* bits): a shared mapping of a file opened
     * read-only may never become writable.
     */
    record Mapping(long start, long end, int prot, String name, int maxProt) {
        public Mapping(long start, long end, int prot, String name) {
            this(start, end, prot, name, org.mdemu.guest.machine.Prot.RWX);
        }

        public boolean contains(long address) {
            return address >= start && address < end;
        }

        /** The same mapping over another range, protection or name, keeping what it may become. */
        public Mapping with(long newStart, long newEnd, int newProt, String newName) {
            return new Mapping(newStart, newEnd, newProt, newName, maxProt);
        }
    }
}
