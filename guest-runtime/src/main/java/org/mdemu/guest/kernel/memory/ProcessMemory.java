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
    /**
     * The first address above user space: Microdroid's kernel (android14-6.1, microdroid_defconfig) keeps arm64's
     * default of 39-bit virtual addresses with 4 KiB pages.
     */
    public static final long TASK_SIZE = 1L << 39;
    /** The lowest address a mapping may take: vm.mmap_min_addr, CONFIG_DEFAULT_MMAP_MIN_ADDR of microdroid_defconfig. */
    public static final long MMAP_MIN_ADDR = 32 << 10;
    private static final long PAGE = GuestMemory.PAGE_SIZE;

    private final GuestMemory memory;
    private final long floor;
    private final long ceiling;
    private final long limitBytes;
    private final TreeMap<Long, Mapping> mappings = new TreeMap<>();
    /** The room between floor and ceiling, for placing new mappings without walking the others. */
    private UnmappedAreas unmappedAreas;
    /** RLIMIT_AS as the process has set it (negative: RLIM_INFINITY). */
    private java.util.function.LongSupplier addressSpaceLimit = () -> -1;
    /** Where the break starts (brk(2)'s start_brk) and where it is. */
    private final long brkStart;
    private long brk;
    private long mappedBytes;
    private long peakMappedBytes;

    /**
     * @param floor lowest address handed out (the first 64 KiB stay unmapped so NULL-ish pointers fault)
     * @param ceiling addresses are handed out below this
     * @param limitBytes the VM's memory size
     */
    public ProcessMemory(GuestMemory memory, long floor, long ceiling, long limitBytes) {
        this(memory, floor, ceiling, limitBytes, BRK_START);
    }

    private ProcessMemory(GuestMemory memory, long floor, long ceiling, long limitBytes, long brkStart) {
        this.memory = memory;
        this.floor = floor;
        this.ceiling = ceiling;
        this.limitBytes = limitBytes;
        this.brkStart = brkStart;
        this.brk = brkStart;
        this.unmappedAreas = new UnmappedAreas(floor, ceiling);
    }

    /** Low in the address space, where nothing else is placed (mappings are made top-down from the ceiling). */
    private static final long BRK_START = 0x4000_0000L;

    /** The process's RLIMIT_AS, read at each mapping (a negative value is RLIM_INFINITY). */
    public void setAddressSpaceLimit(java.util.function.LongSupplier limit) {
        this.addressSpaceLimit = limit;
    }

    /**
     * brk: the break moves to the requested address if the pages between are free and within the limits, and stays
     * where it is otherwise (or below where it started); returns the break, as the syscall does.
     */
    public synchronized long brk(long requested) {
        if (Long.compareUnsigned(requested, brkStart) < 0) return brk;
        long newEnd = roundUp(requested), oldEnd = roundUp(brk);
        if (newEnd == 0 || Long.compareUnsigned(newEnd, TASK_SIZE) > 0) return brk;
        if (newEnd < oldEnd) {
            munmap(newEnd, oldEnd - newEnd);
        } else if (newEnd > oldEnd) {
            // As the kernel: the new pages and a guard page after them must be free.
            if (overlaps(oldEnd, newEnd + PAGE)) return brk;
            try {
                mapFixed(oldEnd, newEnd - oldEnd, Prot.RW, "[heap]");
            } catch (GuestOutOfMemoryException e) {
                return brk;
            }
        }
        brk = requested;
        return brk;
    }

    /**
     * fork's copy of the address space on another machine's memory: every mapping at the same place with the same
     * protection, limits, name and contents, the break where it is. Pages that hold only zeros are not written (the
     * new machine's pages start zeroed), so untouched memory costs nothing to copy.
     */
    public synchronized ProcessMemory forkInto(GuestMemory target) {
        ProcessMemory child = new ProcessMemory(target, floor, ceiling, limitBytes, brkStart);
        child.brk = brk;
        child.mappedBytes = mappedBytes;
        child.peakMappedBytes = mappedBytes;
        child.unmappedAreas = unmappedAreas.copy();
        GuestMemory from = memory.privileged(), to = target.privileged();
        byte[] chunk = new byte[1 << 20];
        for (Mapping m : mappings.values()) {
            child.mappings.put(m.start(), m);
            target.map(m.start(), m.end() - m.start(), hardware(m.prot()));
            for (long at = m.start(); at < m.end(); at += chunk.length) {
                int n = (int) Math.min(chunk.length, m.end() - at);
                from.read(at, chunk, 0, n);
                for (int page = 0; page < n; page += (int) PAGE) {
                    if (!zero(chunk, page, (int) PAGE)) {
                        int last = page + (int) PAGE;
                        while (last < n && !zero(chunk, last, (int) PAGE)) last += (int) PAGE;
                        to.write(at + page, chunk, page, last - page);
                        page = last - (int) PAGE;
                    }
                }
            }
        }
        return child;
    }

    private static boolean zero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) if (b[i] != 0) return false;
        return true;
    }

    /** Lowers what mprotect may grant over the range (VM_MAY* bits), e.g. no writing for a read-only file's pages. */
    public synchronized void restrict(long address, long length, int maxProt) {
        long end = address + roundUp(length);
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            if (m.start() < from) mappings.put(m.start(), m.with(m.start(), from, m.prot(), m.name()));
            mappings.put(from, new Mapping(from, to, m.prot(), m.name(), m.maxProt() & maxProt));
            if (m.end() > to) mappings.put(to, m.with(to, m.end(), m.prot(), m.name()));
        }
    }

    public static final int MAP_TYPE = 0x0f, MAP_SHARED_VALIDATE = 0x03, MAP_HUGETLB = 0x40000;
    /** The flags every file mapping understands (the kernel's LEGACY_MAP_MASK); others only with MAP_SHARED_VALIDATE. */
    public static final int LEGACY_MAP_MASK = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | 0x0800 | 0x1000
            | 0x4000000 | 0x0100 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000 | MAP_HUGETLB;

    /**
     * The checks of do_mmap that do not depend on the file, in the kernel's order: an empty or too long length, a
     * misaligned or out-of-range MAP_FIXED address (ENOMEM above TASK_SIZE, EPERM below mmap_min_addr), huge pages
     * (there are none). Returns 0 when the request may go on, else -errno.
     */
    public static long checkMapRequest(long address, long length, int flags) {
        if ((flags & MAP_HUGETLB) != 0) return -Errno.EINVAL;
        if (length == 0) return -Errno.EINVAL;
        long size = (length + PAGE - 1) & -PAGE;
        if (size == 0 || Long.compareUnsigned(size, TASK_SIZE) > 0) return -Errno.ENOMEM;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((address & (PAGE - 1)) != 0) return -Errno.EINVAL;
            if (Long.compareUnsigned(address, TASK_SIZE - size) > 0) return -Errno.ENOMEM;
            if (address < MMAP_MIN_ADDR) return -Errno.EPERM;
        }
        return 0;
    }

    /** Anonymous mmap (MAP_SHARED or MAP_PRIVATE, which are alike for the one process); a hint is not followed. */
    @Override
    public synchronized long mmap(long address, long length, int prot, int flags, int fd, long offset) {
        long refused = checkMapRequest(address, length, flags);
        if (refused != 0) return refused;
        int type = flags & MAP_TYPE;
        if ((flags & MAP_ANONYMOUS) == 0) return -Errno.ENODEV;
        if (type != MAP_SHARED && type != MAP_PRIVATE) return -Errno.EINVAL;
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

    /** munmap: EINVAL for a misaligned start, an empty length or a range reaching past user space. */
    @Override
    public synchronized long munmap(long address, long length) {
        if ((address & (PAGE - 1)) != 0 || Long.compareUnsigned(address, TASK_SIZE) > 0
                || Long.compareUnsigned(length, TASK_SIZE - address) > 0) {
            return -Errno.EINVAL;
        }
        if (roundUp(length) == 0) return -Errno.EINVAL;
        long end = address + roundUp(length);
        for (Mapping m : overlapping(address, end)) {
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            try {
                memory.unmap(from, to - from);
            } catch (GuestOutOfMemoryException e) {
                return -Errno.ENOMEM; // splitting a mapping past the map count, as Linux past vm.max_map_count
            }
            mappings.remove(m.start());
            if (m.start() < address) mappings.put(m.start(), m.with(m.start(), address, m.prot(), m.name()));
            if (m.end() > end) mappings.put(end, m.with(end, m.end(), m.prot(), m.name()));
            unmappedAreas.release(from, to);
            mappedBytes -= to - from;
            if (unmapped.size() == UNMAPPED_KEPT) unmapped.removeFirst();
            unmapped.addLast(m.with(from, to, m.prot(), m.name()));
        }
        return 0;
    }

    private static final int UNMAPPED_KEPT = 16;
    private final java.util.ArrayDeque<Mapping> unmapped = new java.util.ArrayDeque<>();

    @Override
    public synchronized List<Mapping> recentlyUnmapped() {
        return new ArrayList<>(unmapped);
    }

    /** PROT_SEM, PROT_BTI, PROT_MTE, PROT_GROWSDOWN, PROT_GROWSUP: accepted as arm64 Linux accepts them. */
    private static final int PROT_ACCEPTED = Prot.RWX | 0x8 | 0x10 | 0x20 | 0x01000000 | 0x02000000;

    /**
     * mprotect as the kernel checks it: a misaligned start or unknown bits EINVAL, nothing to do for a zero length,
     * ENOMEM for a range that wraps or has holes, EACCES for a permission the mapping may not get (a shared mapping
     * of a file opened read-only never becomes writable).
     */
    @Override
    public synchronized long mprotect(long address, long length, int prot) {
        if ((address & (PAGE - 1)) != 0 || (prot & ~PROT_ACCEPTED) != 0) return -Errno.EINVAL;
        if (length == 0) return 0;
        long end = address + roundUp(length);
        if (roundUp(length) == 0 || Long.compareUnsigned(end, address) <= 0) return -Errno.ENOMEM;
        prot &= Prot.RWX;
        if (!covered(address, end)) return -Errno.ENOMEM;
        for (Mapping m : overlapping(address, end)) if ((prot & ~m.maxProt()) != 0) return -Errno.EACCES;
        try {
            memory.protect(address, end - address, hardware(prot));
        } catch (GuestOutOfMemoryException e) {
            return -Errno.ENOMEM; // splitting a mapping past the map count, as Linux past vm.max_map_count
        }
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            if (m.start() < from) mappings.put(m.start(), m.with(m.start(), from, m.prot(), m.name()));
            mappings.put(from, m.with(from, to, prot, m.name()));
            if (m.end() > to) mappings.put(to, m.with(to, m.end(), m.prot(), m.name()));
        }
        return 0;
    }

    @Override
    public synchronized long mapAnonymous(long length, long alignment, int prot, String name) {
        long size = roundUp(length);
        // An empty, negative (a size_t past 2^63) or wrapped length fits nowhere, as mmap's ENOMEM/EINVAL says.
        if (size <= 0 || size > ceiling - floor) {
            throw new GuestOutOfMemoryException(String.format("no room for 0x%x bytes for %s", length, name));
        }
        long candidate = unmappedAreas.topDown(size, Math.max(PAGE, Long.highestOneBit(alignment)));
        if (candidate < floor) throw new GuestOutOfMemoryException("guest address space exhausted mapping " + name);
        mapFixed(candidate, size, prot, name);
        return candidate;
    }

    @Override
    public synchronized void mapFixed(long address, long length, int prot, String name) {
        long size = roundUp(length);
        if (size <= 0 || address < 0 || Long.compareUnsigned(address + size, TASK_SIZE) > 0 || address + size < address) {
            throw new GuestOutOfMemoryException(String.format("no room for 0x%x bytes at 0x%x for %s", length, address, name));
        }
        long replaced = 0;
        for (Mapping m : overlapping(address, address + size)) {
            replaced += Math.min(m.end(), address + size) - Math.max(m.start(), address);
        }
        if (mappedBytes - replaced + size > limitBytes) {
            throw new GuestOutOfMemoryException(String.format("mapping %d KiB for %s would exceed the VM memory size"
                    + " of %d MiB (%d KiB in use)", size >> 10, name, limitBytes >> 20, mappedBytes >> 10));
        }
        long rlimit = addressSpaceLimit.getAsLong();
        if (rlimit >= 0 && mappedBytes - replaced + size > rlimit) {
            throw new GuestOutOfMemoryException(String.format("mapping %d KiB for %s would exceed RLIMIT_AS (%d KiB)",
                    size >> 10, name, rlimit >> 10));
        }
        if (replaced > 0 && munmap(address, size) != 0) {
            throw new GuestOutOfMemoryException(String.format("cannot replace the mappings at 0x%x for %s", address, name));
        }
        memory.map(address, size, hardware(prot));
        mappings.put(address, new Mapping(address, address + size, prot, name));
        unmappedAreas.take(address, address + size);
        mappedBytes += size;
        peakMappedBytes = Math.max(peakMappedBytes, mappedBytes);
    }

    @Override
    public synchronized void name(long address, long length, String name) {
        long end = address + roundUp(length);
        for (Mapping m : overlapping(address, end)) {
            mappings.remove(m.start());
            long from = Math.max(m.start(), address), to = Math.min(m.end(), end);
            if (m.start() < from) mappings.put(m.start(), m.with(m.start(), from, m.prot(), m.name()));
            mappings.put(from, m.with(from, to, m.prot(), name));
            if (m.end() > to) mappings.put(to, m.with(to, m.end(), m.prot(), m.name()));
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

    /** Whether mappings cover [start, end) without a hole; both ends unsigned, as the syscalls' addresses are. */
    private boolean covered(long start, long end) {
        if (Long.compareUnsigned(end, start) <= 0) return false; // wrapped past 2^64
        long at = start;
        for (Mapping m : overlapping(start, end)) {
            if (m.start() > at) return false;
            at = m.end();
        }
        return Long.compareUnsigned(at, end) >= 0;
    }

    /**
     * The mappings overlapping [start, end), both ends unsigned (a guest length past 2^63 puts end there): every
     * mapping lies below TASK_SIZE, so a range starting above it meets none, and one ending above it ends, for
     * the lookup, at the largest key. An empty or wrapped range meets none.
     */
    private List<Mapping> overlapping(long start, long end) {
        if (Long.compareUnsigned(start, TASK_SIZE) >= 0 || Long.compareUnsigned(end, start) <= 0) return List.of();
        if (Long.compareUnsigned(end, TASK_SIZE) > 0) end = TASK_SIZE;
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
