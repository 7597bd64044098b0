package org.mdemu.guest.testing;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.GuestMemory;

/** Page-granular guest memory backed by Java arrays, for unit tests of guest-runtime code without a CPU. */
public final class FakeMemory implements GuestMemory {
    private final Map<Long, byte[]> pages = new HashMap<>();
    private final Map<Long, Integer> prots = new HashMap<>();

    @Override
    public void map(long address, long size, int prot) {
        for (long p = address & -PAGE_SIZE; p < address + size; p += PAGE_SIZE) {
            pages.putIfAbsent(p, new byte[PAGE_SIZE]);
            prots.put(p, prot);
        }
    }

    @Override
    public void unmap(long address, long size) {
        for (long p = address & -PAGE_SIZE; p < address + size; p += PAGE_SIZE) {
            pages.remove(p);
            prots.remove(p);
        }
    }

    @Override
    public void protect(long address, long size, int prot) {
        for (long p = address & -PAGE_SIZE; p < address + size; p += PAGE_SIZE) prots.put(p, prot);
    }

    @Override
    public boolean isMapped(long address, long size) {
        for (long p = address & -PAGE_SIZE; p < address + size; p += PAGE_SIZE) if (!pages.containsKey(p)) return false;
        return true;
    }

    public int protectionOf(long address) {
        return prots.getOrDefault(address & -PAGE_SIZE, -1);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; ) {
            long a = address + i;
            byte[] page = page(a);
            int in = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(length - i, PAGE_SIZE - in);
            System.arraycopy(page, in, dst, offset + i, n);
            i += n;
        }
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        for (int i = 0; i < length; ) {
            long a = address + i;
            byte[] page = page(a);
            int in = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(length - i, PAGE_SIZE - in);
            System.arraycopy(src, offset + i, page, in, n);
            i += n;
        }
    }

    private byte[] page(long address) {
        byte[] p = pages.get(address & -PAGE_SIZE);
        if (p == null) throw new GuestFault(address, "unmapped access");
        return p;
    }
}
