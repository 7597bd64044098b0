package org.mdemu.loader.link;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mdemu.loader.elf.ElfException;

/**
 * Damaged libraries given to the linker: loading one either works or fails with a {@link LinkException} or
 * {@link ElfException} naming it. The linker never touches memory outside what it reserved (the address space here
 * refuses any such access, as guest memory would fault), and a library asking for more memory than the VM has is
 * refused by the reservation, as the guest's memory manager refuses it.
 */
class LinkingFuzzTest {
    /** The guest's memory limit, scaled down: reservations beyond it are refused like GuestOutOfMemoryException. */
    private static final long LIMIT = 64L << 20;

    static final class OutOfGuestMemory extends RuntimeException {
        OutOfGuestMemory(String message) {
            super(message);
        }
    }

    /** Reserved ranges only; anything else is an access the real guest memory would fault on. */
    static final class StrictSpace implements AddressSpace {
        private final TreeMap<Long, Long> ranges = new TreeMap<>();
        private final Map<Long, byte[]> pages = new HashMap<>();
        private long next = 0x7000_0000L, reserved;

        @Override
        public long reserve(long size, long alignment, String name) {
            if (size <= 0 || size > LIMIT - reserved) throw new OutOfGuestMemory("reserving " + size + " bytes for " + name);
            long align = Math.max(alignment, 4096);
            if (Long.bitCount(align) != 1 || align > (1L << 30)) throw new OutOfGuestMemory("alignment " + alignment);
            long base = (next + align - 1) & -align;
            next = base + size + 0x10000;
            reserved += size;
            ranges.put(base, base + size);
            return base;
        }

        @Override
        public void release(long address, long size) {
            ranges.remove(address);
        }

        private byte[] page(long address, int length) {
            Map.Entry<Long, Long> r = ranges.floorEntry(address);
            if (r == null || length < 0 || address + length > r.getValue() || address + length < address) {
                throw new IllegalStateException(String.format("access to 0x%x (+%d) outside every reservation",
                        address, length));
            }
            return null;
        }

        @Override
        public void write(long address, byte[] data, int offset, int length) {
            page(address, length);
            for (int i = 0; i < length; i++) {
                long a = address + i;
                pages.computeIfAbsent(a & -4096L, k -> new byte[4096])[(int) (a & 4095)] = data[offset + i];
            }
        }

        @Override
        public byte[] read(long address, int length) {
            page(address, length);
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                byte[] p = pages.get((address + i) & -4096L);
                b[i] = p == null ? 0 : p[(int) ((address + i) & 4095)];
            }
            return b;
        }

        @Override
        public void protect(long address, long size, int prot) {
            page(address, (int) Math.min(size, Integer.MAX_VALUE));
        }
    }

    /** Every system library defines every name, under any version. */
    private static final SymbolSource SYSTEM = new SymbolSource() {
        @Override
        public String soname() {
            return "libc.so";
        }

        @Override
        public ResolvedSymbol lookup(String name, String version) {
            return new ResolvedSymbol(name, 0x1000_0000L + (name.hashCode() & 0xfff0), 8, true, false, this);
        }
    };

    @FuzzTest(maxDuration = "60s")
    void damagedLibrariesFailToLinkWithClearErrorsOnly(byte[] bytes) {
        StrictSpace space = new StrictSpace();
        DynamicLinker linker = new DynamicLinker(space, soname -> SYSTEM, n -> n.equals("libfuzz.so") ? bytes : null,
                "/mnt/apk/lib/arm64-v8a/", (fn, args) -> 0, 3);
        try {
            linker.load("libfuzz.so", new ArrayList<>());
        } catch (LinkException | ElfException | OutOfGuestMemory expected) {
            // refused with the library named
        }
    }
}
