package org.mdemu.emulator.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.machine.ProtectedMemory;
import unicorn.UnicornException;

/**
 * Guest memory held by a Unicorn-family engine. The Java-side page table ({@link ProtectedMemory}) checks every host
 * access, so that none with a bad range reaches native code, holds the guest's protections (the engine's may be
 * reduced by a debugger's watchpoints), and tells which pages may hold translated code: the engine drops those
 * translations when such pages are unmapped or lose their execute permission, so that the CPU faults on the next
 * fetch or sees the new bytes.
 *
 * <p>Pages mapped PROT_NONE and never given access since are <em>absent</em>: the page table knows them, the engine
 * does not. Each engine mapping is a QEMU RAM block, and on Unicorn 2 every new block costs a search over all the
 * others and a protection split copies its block, so a reservation (a thread's guard pages, an allocator's PROT_NONE
 * arena carved up by mprotect) costs no engine mapping until part of it becomes accessible, and then exactly that part
 * is mapped, without splitting anything. An access by the CPU to an absent page reaches the engine as unmapped;
 * {@link UnicornCpu} reports it as the protection fault it is (SEGV_ACCERR, as Linux for a PROT_NONE VMA). Absent
 * pages hold zeros; the kernel's privileged writes there map them in the engine first.
 */
final class UnicornMemory extends ProtectedMemory {
    private final Aarch64Engine uc;
    private UnicornWatchpoints watchpoints;
    /** Absent ranges, start -> end, page-aligned and disjoint. Changed by the CPU holder, read by any host thread. */
    private final NavigableMap<Long, Long> absent = new ConcurrentSkipListMap<>();

    UnicornMemory(Aarch64Engine uc) {
        this.uc = uc;
    }

    void setWatchpoints(UnicornWatchpoints watchpoints) {
        this.watchpoints = watchpoints;
    }

    /** Whether the page holding address is mapped for the guest but not in the engine (a PROT_NONE reservation). */
    boolean isAbsent(long address) {
        return anyAbsent(address, 1);
    }

    @Override
    protected void mapPages(long address, long size, int prot) {
        if (prot == Prot.NONE) {
            absent.put(address, address + size);
            return;
        }
        reserveRegions(1);
        engineMap(address, size, prot);
    }

    /** Regions the engine gains by unmapping (or changing the protection of) the engine-held runs: splits. */
    private int splits(List<long[]> runs, boolean unmap) {
        if (uc.regionLimit() == Integer.MAX_VALUE) return 0;
        long[] regions = uc.regions();
        int added = 0;
        for (long[] run : runs) {
            if (run[2] != 0) continue;
            long a = run[0], b = run[0] + run[1];
            for (int i = 0; i < regions.length; i += 2) {
                long s = regions[i], e = regions[i + 1];
                if (e <= a || s >= b) continue;
                added += (s < a ? 1 : 0) + (e > b ? 1 : 0) - (unmap ? 1 : 0);
            }
        }
        return added;
    }

    /**
     * Refuses, before anything changes, a change that could take the engine past the regions it holds safely (Unicorn
     * 1 aborts the process beyond about a thousand): the kernel answers ENOMEM, as Linux does past vm.max_map_count.
     */
    private void reserveRegions(int added) {
        int limit = uc.regionLimit();
        if (limit == Integer.MAX_VALUE || added <= 0) return;
        int count = uc.regions().length / 2;
        if (count + added > limit) {
            throw new GuestOutOfMemoryException(String.format("the engine holds %d memory regions and takes at most %d",
                    count, limit));
        }
    }

    private void engineMap(long address, long size, int prot) {
        try {
            uc.memMap(address, size, prot);
        } catch (UnicornException e) {
            throw new GuestFault(address, "cannot map 0x" + Long.toHexString(size) + " bytes (" + e.getMessage() + ")");
        }
    }

    @Override
    protected void unmapPages(long address, long size) {
        List<long[]> runs = runs(address, size);
        reserveRegions(splits(runs, true));
        for (long[] run : runs) {
            if (run[2] != 0) {
                forgetAbsent(run[0], run[0] + run[1]);
            } else {
                dropTranslations(run[0], run[1]);
                uc.memUnmap(run[0], run[1]);
            }
        }
    }

    @Override
    protected void protectPages(long address, long size, int prot) {
        List<long[]> runs = runs(address, size);
        // An absent range granted access becomes a region of its own.
        reserveRegions(splits(runs, false) + (int) runs.stream().filter(r -> r[2] != 0 && prot != Prot.NONE).count());
        for (long[] run : runs) {
            if (run[2] != 0) {
                if (prot == Prot.NONE) continue;
                engineMap(run[0], run[1], prot);
                forgetAbsent(run[0], run[0] + run[1]);
                continue;
            }
            try {
                uc.memProtect(run[0], run[1], prot);
            } catch (UnicornException e) {
                throw new GuestFault(run[0], "cannot protect 0x" + Long.toHexString(run[1]) + " bytes ("
                        + e.getMessage() + ")");
            }
            if ((prot & Prot.EXEC) == 0) dropTranslations(run[0], run[1]);
        }
    }

    /** After the page table changed: watched pages get their reduced engine protection back. */
    @Override
    protected void changed(long address, long size) {
        if (watchpoints != null) watchpoints.reguard(address, size);
    }

    /** Drops the engine's translations of the pages of the range that have been executable. */
    private void dropTranslations(long address, long size) {
        long end = address + size;
        for (long p = address; p < end; p += PAGE_SIZE) {
            if (!wasExecutable(p)) continue;
            long q = p;
            while (q < end && wasExecutable(q)) q += PAGE_SIZE;
            uc.dropTranslations(p, q - p);
            p = q;
        }
    }

    @Override
    protected void readBytes(long address, byte[] dst, int offset, int length) {
        if (!anyAbsent(address, length)) {
            System.arraycopy(uc.memRead(address, length), 0, dst, offset, length);
            return;
        }
        for (long[] run : runs(address, length)) {
            int at = offset + (int) (run[0] - address), n = (int) run[1];
            if (run[2] != 0) {
                java.util.Arrays.fill(dst, at, at + n, (byte) 0);
            } else {
                System.arraycopy(uc.memRead(run[0], n), 0, dst, at, n);
            }
        }
    }

    @Override
    protected void writeBytes(long address, byte[] src, int offset, int length) {
        if (anyAbsent(address, length)) {
            // Only the kernel writes here (absent pages are PROT_NONE): the pages become the engine's, still PROT_NONE.
            long first = address & -PAGE_SIZE, end = (address + length + PAGE_SIZE - 1) & -PAGE_SIZE;
            List<long[]> runs = runs(first, end - first);
            reserveRegions((int) runs.stream().filter(r -> r[2] != 0).count());
            for (long[] run : runs) {
                if (run[2] == 0) continue;
                engineMap(run[0], run[1], Prot.NONE);
                forgetAbsent(run[0], run[0] + run[1]);
            }
        }
        uc.memWrite(address, offset == 0 && length == src.length ? src
                : java.util.Arrays.copyOfRange(src, offset, offset + length));
    }

    @Override
    public byte[] read(long address, int length) {
        if (length == 0) return new byte[0];
        check(address, length < 0 ? -1L : length, Prot.READ);
        return uc.memRead(address, length);
    }

    /** Whether any byte of [address, address + length) is absent: one lookup, as the ranges are disjoint. */
    private boolean anyAbsent(long address, long length) {
        if (absent.isEmpty()) return false;
        Map.Entry<Long, Long> last = absent.lowerEntry(address + length);
        return last != null && last.getValue() > address;
    }

    /** [address, address + length) cut into runs {start, length, absent ? 1 : 0}, in address order. */
    private List<long[]> runs(long address, long length) {
        List<long[]> runs = new ArrayList<>();
        long end = address + length, at = address;
        Map.Entry<Long, Long> before = absent.floorEntry(address);
        long from = before != null && before.getValue() > address ? before.getKey() : address;
        for (Map.Entry<Long, Long> r : absent.subMap(from, true, end, false).entrySet()) {
            long s = Math.max(r.getKey(), address), e = Math.min(r.getValue(), end);
            if (e <= s) continue;
            if (s > at) runs.add(new long[] {at, s - at, 0});
            runs.add(new long[] {s, e - s, 1});
            at = e;
        }
        if (at < end) runs.add(new long[] {at, end - at, 0});
        return runs;
    }

    /** [start, end) is no longer absent (unmapped, or now in the engine); the rest of its ranges stay absent. */
    private void forgetAbsent(long start, long end) {
        Map.Entry<Long, Long> before = absent.floorEntry(start);
        long from = before != null && before.getValue() > start ? before.getKey() : start;
        for (Map.Entry<Long, Long> r : new ArrayList<>(absent.subMap(from, true, end, false).entrySet())) {
            absent.remove(r.getKey());
            if (r.getKey() < start) absent.put(r.getKey(), start);
            if (r.getValue() > end) absent.put(end, r.getValue());
        }
    }
}
