package org.mdemu.emulator.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mdemu.guest.machine.CpuExit;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * Watchpoints on a Unicorn engine, by page protection: a page holding a watched range loses, in the engine only, the
 * permission of the watched access, so the access faults before it happens. A fault that touches a watched range is
 * the watchpoint; any other access to such a page is replayed as one instruction with the page's own protection.
 * The guest's view of protections ({@link UnicornMemory}) is untouched, and host accesses never fault on them.
 *
 * <p>Neither binding exposes QEMU's watchpoints, and a memory hook cannot stop exactly before the access it reports
 * (the engine lets the instruction complete), so protections are the one exact mechanism the engines share.
 */
final class UnicornWatchpoints {
    record Watch(long address, long length, int access) {
        boolean overlaps(long at, long size, int kind) {
            return (access & kind) != 0 && at < address + length && address < at + Math.max(1, size);
        }
    }

    private final Aarch64Engine uc;
    private final UnicornMemory memory;
    private final List<Watch> watches = new ArrayList<>();
    /** Pages whose engine protection is reduced: page number -> the access removed. */
    private final Map<Long, Integer> guarded = new HashMap<>();

    UnicornWatchpoints(Aarch64Engine uc, UnicornMemory memory) {
        this.uc = uc;
        this.memory = memory;
    }

    synchronized void add(long address, long length, int access) {
        if (length <= 0 || (access & Prot.RW) == 0) throw new IllegalArgumentException("empty watchpoint");
        watches.add(new Watch(address, length, access & Prot.RW));
        reguard(address, length);
    }

    synchronized boolean remove(long address, long length, int access) {
        boolean removed = watches.remove(new Watch(address, length, access & Prot.RW));
        if (removed) reguard(address, length);
        return removed;
    }

    synchronized boolean isEmpty() {
        return watches.isEmpty();
    }

    /** The guest changed protections or mappings in the range: the engine's reduced ones follow. */
    synchronized void reguard(long address, long length) {
        long first = address >>> 12, last = (address + Math.max(1, length) - 1) >>> 12;
        for (long page = first; page <= last; page++) {
            int removed = 0;
            long start = page << 12;
            for (Watch w : watches) if (w.overlaps(start, GuestMemory.PAGE_SIZE, Prot.RW)) removed |= w.access();
            int prot = memory.protection(start);
            if (prot < 0 || memory.isAbsent(start)) {
                guarded.remove(page);
                continue;
            }
            if (removed == 0) {
                if (guarded.remove(page) != null) uc.memProtect(start, GuestMemory.PAGE_SIZE, prot);
            } else {
                guarded.put(page, removed);
                uc.memProtect(start, GuestMemory.PAGE_SIZE, prot & ~removed);
            }
        }
    }

    /** Whether a protection fault at address may be ours: its page is guarded. */
    synchronized boolean guards(long address) {
        return guarded.containsKey(address >>> 12);
    }

    /** The watchpoint a faulting access of size bytes hits, or null when it touches no watched byte. */
    synchronized CpuExit.Watchpoint hit(long pc, long address, int size, int access) {
        for (Watch w : watches) {
            if (w.overlaps(address, size, access)) return new CpuExit.Watchpoint(pc, Math.max(address, w.address()), access);
        }
        return null;
    }

    /** Runs the one instruction at pc with the page's own protection, then guards it again. */
    synchronized void stepUnguarded(long pc, long address) {
        long start = address & -GuestMemory.PAGE_SIZE;
        int prot = memory.protection(start);
        uc.memProtect(start, GuestMemory.PAGE_SIZE, prot);
        try {
            uc.emuStart(pc, 0, 1);
        } finally {
            reguard(start, GuestMemory.PAGE_SIZE);
        }
    }
}
