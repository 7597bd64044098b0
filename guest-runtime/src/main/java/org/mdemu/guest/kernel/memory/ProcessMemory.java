package org.mdemu.guest.kernel.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * The payload process's address space: a sorted map of mappings over the machine's memory, new ranges chosen
 * top-down below a ceiling (as Linux's mmap does), and every mapped byte counted against the VM's memory size.
 */
public final class ProcessMemory implements MemoryManager {
    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
            MAP_FIXED_NOREPLACE = 0x100000;
    private static final long PAGE = GuestMemory.PAGE_SIZE;

    private final GuestMemory memory;
    private final long floor;
    private final long ceiling;
    private final long limitBytes;
    private final TreeMap<Long, Mapping> mappings = new TreeMap<>();
    private long mappedBytes;
    private long peakMappedBytes;

    /**
     * @param floor lowest address handed out (the first 64 KiB stay unmapped so NULL-ish pointers fault)
     * @param ceiling addresses are handed out below this
     * @param limitBytes the VM's memory size
     */
    public ProcessMemory(GuestMemory memory, long floor, long ceiling, long limitBytes) {
        this.memory = memory;
        this.floor = floor;
        this.ceiling = ceiling;
        this.limitBytes = limitBytes;
    }

    @Override
    public synchronized long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        if (length <= 0 || (address & (PAGE - 1)) != 0) return -Errno.EINVAL;
        if ((flags & MAP_ANONYMOUS) == 0) return -Errno.ENODEV;
        long size = roundUp(length);
        try {
            if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
                if ((flags & MAP_FIXED_NOREPLACE) != 0 && overlaps(address, size)) return -Errno.EEXIST;
                mapFixed(address, size, prot, "[anon]");
                return address;
            }
            return mapAnonymous(size, PAGE, prot, "[anon]");
        } catch (GuestOutOfMemoryException e) {
            return -Errno.ENOMEM;
        }
    }

    @Override
    public synchronized long munmap(long address, long length) {
        if ((address & (PAGE - 1)) != 0 || length <= 0) return -Errno.EINVAL;
        long end = address + roundUp(length);
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            if (m.start() < address) mappings.put(m.start(), new Mapping(m.start(), address, m.prot(), m.name()));
            if (m.end() > end) mappings.put(end, new Mapping(end, m.end(), m.prot(), m.name()));
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            memory.unmap(from, to - from);
            mappedBytes -= to - from;
        }
        return 0;
    }

    @Override
    public synchronized long mprotect(long address, long length, int prot) {
        if ((address & (PAGE - 1)) != 0) return -Errno.EINVAL;
        long end = address + roundUp(length);
        if (!covered(address, end)) return -Errno.ENOMEM;
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            if (m.start() < from) mappings.put(m.start(), new Mapping(m.start(), from, m.prot(), m.name()));
            mappings.put(from, new Mapping(from, to, prot, m.name()));
            if (m.end() > to) mappings.put(to, new Mapping(to, m.end(), m.prot(), m.name()));
        }
        memory.protect(address, end - address, hardware(prot));
        return 0;
    }

    @Override
    public synchronized long mapAnonymous(long length, long alignment, int prot, String name) {
        long size = roundUp(length);
        long align = Math.max(PAGE, alignment);
        long candidate = (ceiling - size) & -align;
        for (Mapping m : mappings.descendingMap().values()) {
            if (m.end() <= candidate) break;
            if (m.start() < candidate + size) candidate = (m.start() - size) & -align;
        }
        if (candidate < floor) throw new GuestOutOfMemoryException("guest address space exhausted mapping " + name);
        mapFixed(candidate, size, prot, name);
        return candidate;
    }

    @Override
    public synchronized void mapFixed(long address, long length, int prot, String name) {
        long size = roundUp(length);
        long replaced = 0;
        for (Mapping m : overlapping(address, address + size)) {
            replaced += Math.min(m.end(), address + size) - Math.max(m.start(), address);
        }
        if (mappedBytes - replaced + size > limitBytes) {
            throw new GuestOutOfMemoryException(String.format("mapping %d KiB for %s would exceed the VM memory size"
                    + " of %d MiB (%d KiB in use)", size >> 10, name, limitBytes >> 20, mappedBytes >> 10));
        }
        if (replaced > 0) munmap(address, size);
        memory.map(address, size, hardware(prot));
        mappings.put(address, new Mapping(address, address + size, prot, name));
        mappedBytes += size;
        peakMappedBytes = Math.max(peakMappedBytes, mappedBytes);
    }

    @Override
    public synchronized void name(long address, long length, String name) {
        long end = address + roundUp(length);
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            if (m.start() < from) mappings.put(m.start(), new Mapping(m.start(), from, m.prot(), m.name()));
            mappings.put(from, new Mapping(from, to, m.prot(), name));
            if (m.end() > to) mappings.put(to, new Mapping(to, m.end(), m.prot(), m.name()));
        }
    }

    @Override
    public synchronized List<Mapping> mappings() {
        return new ArrayList<>(mappings.values());
    }

    @Override
    public synchronized long mappedBytes() {
        return mappedBytes;
    }

    @Override
    public synchronized long peakMappedBytes() {
        return peakMappedBytes;
    }

    public static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;

    /**
     * mremap: shrinks in place, grows in place when the pages after the mapping are free, else moves (with
     * MREMAP_MAYMOVE) keeping contents, protection and name; MREMAP_FIXED moves to the given address.
     */
    public synchronized long mremap(long oldAddress, long oldLength, long newLength, int flags, long newAddress) {
        if ((oldAddress & (PAGE - 1)) != 0 || newLength <= 0 || (flags & ~7) != 0) return -Errno.EINVAL;
        if ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) return -Errno.EINVAL;
        long oldSize = roundUp(oldLength), newSize = roundUp(newLength);
        Mapping m = mappingAt(oldAddress);
        if (m == null || oldAddress + oldSize > m.end() || oldSize == 0) return -Errno.EFAULT;
        try {
            if ((flags & MREMAP_FIXED) != 0) {
                if ((newAddress & (PAGE - 1)) != 0) return -Errno.EINVAL;
                if (newAddress < oldAddress + oldSize && oldAddress < newAddress + newSize) return -Errno.EINVAL;
                return move(m, oldAddress, oldSize, newSize, newAddress);
            }
            if (newSize <= oldSize) {
                if (newSize < oldSize) munmap(oldAddress + newSize, oldSize - newSize);
                return oldAddress;
            }
            long tail = oldAddress + oldSize;
            if (tail == m.end() && tail + (newSize - oldSize) <= ceiling && !overlaps(tail, oldAddress + newSize)) {
                mapFixed(tail, newSize - oldSize, m.prot(), m.name());
                return oldAddress;
            }
            if ((flags & MREMAP_MAYMOVE) == 0) return -Errno.ENOMEM;
            return move(m, oldAddress, oldSize, newSize, -1);
        } catch (GuestOutOfMemoryException e) {
            return -Errno.ENOMEM;
        }
    }

    private long move(Mapping m, long oldAddress, long oldSize, long newSize, long fixedAddress) {
        long target = fixedAddress >= 0 ? fixedAddress : mapAnonymous(newSize, PAGE, m.prot(), m.name());
        if (fixedAddress >= 0) mapFixed(target, newSize, m.prot(), m.name());
        long copy = Math.min(oldSize, newSize);
        byte[] chunk = new byte[(int) Math.min(copy, 1 << 20)];
        for (long done = 0; done < copy; done += chunk.length) {
            int n = (int) Math.min(chunk.length, copy - done);
            memory.privileged().read(oldAddress + done, chunk, 0, n);
            memory.privileged().write(target + done, chunk, 0, n);
        }
        munmap(oldAddress, oldSize);
        return target;
    }

    /** Whether every page of [address, address + length) is mapped. */
    public synchronized boolean isMapped(long address, long length) {
        return covered(address, address + roundUp(Math.max(length, 1)));
    }

    /** The mapping containing address, or null. */
    public synchronized Mapping mappingAt(long address) {
        Map.Entry<Long, Mapping> e = mappings.floorEntry(address);
        return e != null && e.getValue().contains(address) ? e.getValue() : null;
    }

    private boolean overlaps(long start, long end) {
        return !overlapping(start, end).isEmpty();
    }

    private boolean covered(long start, long end) {
        long at = start;
        for (Mapping m : overlapping(start, end)) {
            if (m.start() > at) return false;
            at = m.end();
        }
        return at >= end;
    }

    private List<Mapping> overlapping(long start, long end) {
        List<Mapping> result = new ArrayList<>();
        Map.Entry<Long, Mapping> first = mappings.floorEntry(start);
        long from = first != null && first.getValue().end() > start ? first.getKey() : start;
        for (Mapping m : mappings.subMap(from, true, end, false).values()) {
            if (m.end() > start && m.start() < end) result.add(m);
        }
        return result;
    }

    /** arm64 page tables cannot express write-only: Linux maps PROT_WRITE readable too. */
    private static int hardware(int prot) {
        return (prot & Prot.WRITE) != 0 ? prot | Prot.READ : prot;
    }

    private static long roundUp(long n) {
        return (n + PAGE - 1) & -PAGE;
    }
}
