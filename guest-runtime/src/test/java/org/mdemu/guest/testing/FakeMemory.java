package org.mdemu.guest.testing;

import java.util.HashMap;
import java.util.Map;
import org.mdemu.guest.machine.ProtectedMemory;

/**
 * Page-granular guest memory backed by Java arrays, for unit tests of guest-runtime code without a CPU. Accesses are
 * checked against page protections as on the real machine.
 */
public final class FakeMemory extends ProtectedMemory {
    private final Map<Long, byte[]> pages = new HashMap<>();

    @Override
    protected void mapPages(long address, long size, int prot) {
        for (long p = address; p < address + size; p += PAGE_SIZE) pages.put(p, new byte[PAGE_SIZE]);
    }

    @Override
    protected void unmapPages(long address, long size) {
        for (long p = address; p < address + size; p += PAGE_SIZE) pages.remove(p);
    }

    @Override
    protected void protectPages(long address, long size, int prot) {
    }

    public int protectionOf(long address) {
        return protection(address);
    }

    @Override
    protected void readBytes(long address, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; ) {
            long a = address + i;
            byte[] page = pages.get(a & -PAGE_SIZE);
            int in = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(length - i, PAGE_SIZE - in);
            System.arraycopy(page, in, dst, offset + i, n);
            i += n;
        }
    }

    @Override
    protected void writeBytes(long address, byte[] src, int offset, int length) {
        for (int i = 0; i < length; ) {
            long a = address + i;
            byte[] page = pages.get(a & -PAGE_SIZE);
            int in = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(length - i, PAGE_SIZE - in);
            System.arraycopy(src, offset + i, page, in, n);
            i += n;
        }
    }
}
