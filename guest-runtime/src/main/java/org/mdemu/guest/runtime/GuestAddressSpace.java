package org.mdemu.guest.runtime;

import org.mdemu.guest.kernel.MemoryManager;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;
import org.mdemu.loader.link.AddressSpace;

/**
 * The dynamic linker's view of the guest address space: reservations go through the kernel's memory manager, and
 * the loader writes as the kernel does, whatever the protection of the pages (segments, relocations, RELRO).
 */
final class GuestAddressSpace implements AddressSpace {
    private final MemoryManager mm;
    private final GuestMemory memory;

    GuestAddressSpace(MemoryManager mm, GuestMemory memory) {
        this.mm = mm;
        this.memory = memory.privileged();
    }

    @Override
    public long reserve(long size, long alignment, String name) {
        return mm.mapAnonymous(size, Math.max(alignment, GuestMemory.PAGE_SIZE), Prot.RW, name);
    }

    @Override
    public void release(long address, long size) {
        mm.munmap(address, size);
    }

    @Override
    public void write(long address, byte[] data, int offset, int length) {
        memory.write(address, data, offset, length);
    }

    @Override
    public byte[] read(long address, int length) {
        return memory.read(address, length);
    }

    @Override
    public long readLong(long address) {
        return memory.readLong(address);
    }

    @Override
    public void writeLong(long address, long value) {
        memory.writeLong(address, value);
    }

    @Override
    public void protect(long address, long size, int prot) {
        long result = mm.mprotect(address, size, prot);
        if (result < 0) {
            throw new IllegalStateException(String.format("mprotect(0x%x, 0x%x, %s) failed with errno %d",
                    address, size, Prot.describe(prot), -result));
        }
    }
}
