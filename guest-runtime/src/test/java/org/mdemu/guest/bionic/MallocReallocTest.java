package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.memory.ProcessMemory;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.testing.FakeMemory;

/** realloc moves a block's contents in bounded chunks (GuestBlocks), never through one host array of its size. */
class MallocReallocTest {
    /** The guest memory, recording the longest single read or write made through it. */
    private static final class Recording implements GuestMemory {
        final FakeMemory inner = new FakeMemory();
        int longest;

        @Override public void map(long address, long size, int prot) { inner.map(address, size, prot); }
        @Override public void unmap(long address, long size) { inner.unmap(address, size); }
        @Override public void protect(long address, long size, int prot) { inner.protect(address, size, prot); }
        @Override public boolean isMapped(long address, long size) { return inner.isMapped(address, size); }
        @Override public int protection(long address) { return inner.protection(address); }
        @Override public void check(long address, long length, int access) { inner.check(address, length, access); }
        @Override public GuestMemory privileged() { return inner.privileged(); }

        @Override
        public void read(long address, byte[] dst, int offset, int length) {
            longest = Math.max(longest, length);
            inner.read(address, dst, offset, length);
        }

        @Override
        public void write(long address, byte[] src, int offset, int length) {
            longest = Math.max(longest, length);
            inner.write(address, src, offset, length);
        }
    }

    @Test
    void growingABlockOfFourMebibytesKeepsItsBytesAndCopiesThemInChunks() {
        Recording memory = new Recording();
        ProcessMemory mm = new ProcessMemory(memory, 0x10000, 1L << 36, 1L << 30);
        Malloc heap = new Malloc(mm, memory, message -> { throw new AssertionError(message); });
        int size = 4 << 20;
        long block = heap.malloc(size);
        byte[] contents = new byte[size];
        new Random(3).nextBytes(contents);
        for (int at = 0; at < size; at += GuestBlocks.CHUNK) {
            memory.inner.write(block + at, contents, at, GuestBlocks.CHUNK);
        }
        long grown = heap.realloc(block, 3L * size);
        assertThat(grown).isNotZero().isNotEqualTo(block);
        assertThat(memory.longest).isLessThanOrEqualTo(GuestBlocks.CHUNK);
        byte[] moved = new byte[size];
        memory.inner.read(grown, moved, 0, size);
        assertThat(moved).isEqualTo(contents);
    }
}
