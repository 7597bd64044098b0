package org.mdemu.emulator.cpu;

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
 */
final class UnicornMemory extends ProtectedMemory {
    private final Aarch64Engine uc;
    private UnicornWatchpoints watchpoints;

    UnicornMemory(Aarch64Engine uc) {
        this.uc = uc;
    }

    void setWatchpoints(UnicornWatchpoints watchpoints) {
        this.watchpoints = watchpoints;
    }

    @Override
    protected void mapPages(long address, long size, int prot) {
        try {
            uc.memMap(address, size, prot);
        } catch (UnicornException e) {
            throw new GuestFault(address, "cannot map 0x" + Long.toHexString(size) + " bytes (" + e.getMessage() + ")");
        }
    }

    @Override
    protected void unmapPages(long address, long size) {
        dropTranslations(address, size);
        uc.memUnmap(address, size);
    }

    @Override
    protected void protectPages(long address, long size, int prot) {
        try {
            uc.memProtect(address, size, prot);
        } catch (UnicornException e) {
            throw new GuestFault(address, "cannot protect 0x" + Long.toHexString(size) + " bytes (" + e.getMessage() + ")");
        }
        if ((prot & Prot.EXEC) == 0) dropTranslations(address, size);
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
        System.arraycopy(uc.memRead(address, length), 0, dst, offset, length);
    }

    @Override
    protected void writeBytes(long address, byte[] src, int offset, int length) {
        uc.memWrite(address, offset == 0 && length == src.length ? src
                : java.util.Arrays.copyOfRange(src, offset, offset + length));
    }

    @Override
    public byte[] read(long address, int length) {
        if (length == 0) return new byte[0];
        check(address, length < 0 ? -1L : length, Prot.READ);
        return uc.memRead(address, length);
    }
}
