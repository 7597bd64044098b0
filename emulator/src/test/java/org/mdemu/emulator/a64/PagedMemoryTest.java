package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.memory.GuestOutOfMemoryException;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.GuestFault;
import org.mdemu.guest.machine.Prot;

/** The CPU side of {@link PagedMemory}: its page cache, first-store allocation, code watching and watchpoints. */
class PagedMemoryTest {
    private static final long A = 0x7f00_0000_0000L;
    private final PagedMemory memory = new PagedMemory();

    /** Released, so that no collected memory of this class changes the JVM-wide count under another test. */
    @AfterEach
    void release() {
        memory.release();
    }

    @Test
    void untouchedPagesReadAsZerosAndGetTheirBytesAtTheFirstStore() {
        memory.map(A, 0x4000, Prot.RW);
        assertThat(memory.load64(A + 0x1ff8)).isZero();
        assertThat(memory.page(A + 0x1000).hasBytes()).as("shared zeros until written").isFalse();
        memory.store32(A + 0x1004, 0x12345678);
        assertThat(memory.load64(A + 0x1000)).isEqualTo(0x12345678_00000000L);
        assertThat(memory.page(A + 0x1000).hasBytes()).isTrue();
        assertThat(memory.page(A).hasBytes()).isFalse();
        assertThat(memory.load64(A)).isZero();
        memory.privileged().write(A + 0x2010, new byte[] {1, 2});
        assertThat(memory.load16(A + 0x2010)).isEqualTo(0x0201);
        assertThat(memory.read(A + 0x3000, 16)).containsOnly(0);
    }

    @Test
    void cachedPagesSeeUnmapProtectAndRemapAtOnce() {
        memory.map(A, 0x1000, Prot.RW);
        memory.store64(A + 8, 42);
        assertThat(memory.load64(A + 8)).isEqualTo(42);
        memory.protect(A, 0x1000, Prot.READ);
        assertThat(fault(() -> memory.store64(A + 8, 1)).kind()).isEqualTo(FaultKind.WRITE_PROT);
        assertThat(memory.load64(A + 8)).isEqualTo(42);
        memory.protect(A, 0x1000, Prot.NONE);
        assertThat(fault(() -> memory.load8(A)).kind()).isEqualTo(FaultKind.READ_PROT);
        memory.unmap(A, 0x1000);
        A64Fault unmapped = fault(() -> memory.load64(A + 8));
        assertThat(unmapped.kind()).isEqualTo(FaultKind.READ_UNMAPPED);
        assertThat(unmapped.address()).isEqualTo(A + 8);
        memory.map(A, 0x1000, Prot.RX);
        assertThat(memory.load64(A + 8)).as("a new page, not the cached one").isZero();
        assertThat(memory.fetch(A + 8)).isZero();
        assertThat(fault(() -> memory.store8(A, 1)).kind()).isEqualTo(FaultKind.WRITE_PROT);
    }

    /** Pages whose numbers share a cache slot (256 pages apart) each read their own bytes. */
    @Test
    void pagesSharingACacheSlotKeepTheirOwnBytes() {
        for (int i = 0; i < 8; i++) {
            long page = A + i * 256L * 4096;
            memory.map(page, 0x1000, Prot.RW);
            memory.store64(page, i);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 8; i++) assertThat(memory.load64(A + i * 256L * 4096)).isEqualTo(i);
        }
        assertThat(fault(() -> memory.load8(1L << 48)).kind()).isEqualTo(FaultKind.READ_UNMAPPED);
        assertThat(fault(() -> memory.load8(-1L)).kind()).isEqualTo(FaultKind.READ_UNMAPPED);
    }

    /**
     * Another thread maps, unmaps and remaps a page (new bytes each time) while this one reads it through the cache:
     * every read sees either a fault or the bytes of a page that was mapped at some time, never bytes of no page.
     */
    @Test
    void mappingsChangedByAnotherThreadNeverLeaveAStalePage() throws Exception {
        memory.map(A, 0x1000, Prot.RW);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        memory.privileged().writeLong(A, 1);
        Thread mapper = new Thread(() -> {
            try {
                for (long g = 2; g < 3000; g++) {
                    memory.unmap(A, 0x1000);
                    memory.map(A, 0x1000, Prot.RW);
                    memory.privileged().writeLong(A, g);
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.set(true);
            }
        });
        mapper.start();
        int reads = 0;
        while (!done.get()) {
            try {
                long v = memory.load64(A);
                assertThat(v).isBetween(0L, 2999L);
            } catch (A64Fault f) {
                assertThat(f.kind()).isEqualTo(FaultKind.READ_UNMAPPED);
            }
            reads++;
        }
        mapper.join();
        assertThat(failure.get()).isNull();
        assertThat(memory.load64(A)).as("after %d reads", reads).isEqualTo(2999);
    }

    @Test
    void storesToCodePagesTellTheCodeWatcherFirst() {
        memory.map(A, 0x2000, Prot.RWX);
        memory.store64(A + 0x10, 1);
        List<String> told = new ArrayList<>();
        memory.setCodeWatcher((address, length) -> told.add(String.format("%x+%d old %d", address, length,
                memory.privileged().readLong(A + 0x10))));
        memory.markCode(A);
        memory.store64(A + 0x10, 2);
        memory.store8(A + 0x1000, 3); // another page: not code
        memory.privileged().write(A + 0x10, new byte[] {5});
        assertThat(told).containsExactly(String.format("%x+8 old 1", A + 0x10), String.format("%x+1 old 2", A + 0x10));
        told.clear();
        memory.map(A, 0x1000, Prot.RX); // mapped over without an unmap first
        assertThat(told).containsExactly(String.format("%x+4096 old 5", A));
    }

    /** An access crossing into a page that refuses it faults at that page before any byte changes. */
    @Test
    void accessesAcrossPagesCheckBothBeforeStoring() {
        memory.map(A, 0x2000, Prot.RW);
        memory.protect(A + 0x1000, 0x1000, Prot.READ);
        memory.store64(A + 0xff8, -1);
        A64Fault f = fault(() -> memory.store64(A + 0xffc, 0));
        assertThat(f.kind()).isEqualTo(FaultKind.WRITE_PROT);
        assertThat(f.address()).isEqualTo(A + 0x1000);
        assertThat(memory.load64(A + 0xff8)).isEqualTo(-1);
        assertThat(memory.load64(A + 0xffc)).isEqualTo(0xffffffffL);
        assertThat(fault(() -> memory.checkAccess(A + 0xff0, 64, Prot.WRITE)).address()).isEqualTo(A + 0x1000);
        memory.checkAccess(A + 0xff0, 64, Prot.READ);
    }

    /** Only accesses overlapping the watched range stop, before they take effect; the kernel's never do. */
    @Test
    void watchpointsStopOnlyAccessesToTheWatchedBytes() {
        memory.map(A, 0x2000, Prot.RW);
        memory.store64(A + 0x100, 7);
        memory.addWatch(A + 0x104, 2, Prot.WRITE);
        memory.store64(A + 0x108, 1);
        memory.store32(A + 0x100, 1);
        assertThat(memory.load64(A + 0x100)).as("reads are not watched").isEqualTo(1);
        A64Fault hit = fault(() -> memory.store64(A + 0x100, 9));
        assertThat(hit.watchedAccess()).isEqualTo(Prot.WRITE);
        assertThat(hit.address()).isEqualTo(A + 0x104);
        assertThat(memory.load64(A + 0x100)).isEqualTo(1);
        assertThat(fault(() -> memory.checkAccess(A + 0xf0, 64, Prot.WRITE)).address()).isEqualTo(A + 0x104);
        memory.privileged().writeLong(A + 0x100, 3);
        memory.writeLong(A + 0x100, 4);
        memory.addWatch(A + 0x1ffe, 4, Prot.READ | Prot.WRITE);
        A64Fault read = fault(() -> memory.load64(A + 0x1ff8));
        assertThat(read.watchedAccess()).isEqualTo(Prot.READ);
        assertThat(read.address()).isEqualTo(A + 0x1ffe);
        assertThat(memory.removeWatch(A + 0x104, 2, Prot.WRITE)).isTrue();
        assertThat(memory.removeWatch(A + 0x104, 2, Prot.WRITE)).isFalse();
        memory.store64(A + 0x100, 9);
        assertThat(memory.load64(A + 0x100)).isEqualTo(9);
        memory.unmap(A + 0x1000, 0x1000);
        memory.map(A + 0x1000, 0x1000, Prot.RW);
        assertThat(fault(() -> memory.load8(A + 0x1fff)).watchedAccess()).as("a page mapped in a watched range")
                .isEqualTo(Prot.READ);
        memory.removeWatch(A + 0x1ffe, 4, Prot.READ | Prot.WRITE);
        assertThat(memory.load8(A + 0x1fff)).isZero();
    }

    /**
     * Pages count against the JVM-wide bound when they get bytes, and stop counting when unmapped or released; a
     * store past the bound is a GuestOutOfMemoryException (the kernel's writes too), and nothing else changes.
     */
    @Test
    void pagesWithBytesAreBoundedOverTheWholeJvm() {
        long before = PagedMemory.pagesWithBytes();
        long limit = PagedMemory.pageLimit;
        try {
            memory.map(A, 0x10000, Prot.RW);
            memory.load64(A + 0x3000);
            assertThat(PagedMemory.pagesWithBytes()).as("reads allocate nothing").isEqualTo(before);
            memory.store8(A, 1);
            memory.store8(A + 0x1000, 1);
            memory.privileged().write(A + 0x2000, new byte[] {1});
            assertThat(PagedMemory.pagesWithBytes()).isEqualTo(before + 3);
            assertThat(memory.ownPages()).isEqualTo(3);
            PagedMemory.pageLimit = before + 4;
            memory.store8(A + 0x3000, 1);
            assertThatThrownBy(() -> memory.store8(A + 0x4000, 1)).isInstanceOf(GuestOutOfMemoryException.class)
                    .hasMessageContaining(PagedMemory.DIRECT ? "direct memory" : "Java heap");
            assertThatThrownBy(() -> memory.privileged().write(A + 0x5000, new byte[] {1}))
                    .isInstanceOf(GuestOutOfMemoryException.class);
            assertThat(memory.load8(A + 0x4000)).isZero();
            memory.store8(A + 0x3001, 2);
            memory.unmap(A, 0x2000);
            assertThat(PagedMemory.pagesWithBytes()).isEqualTo(before + 2);
            assertThat(memory.ownPages()).isEqualTo(2);
            memory.store8(A + 0x4000, 1);
            memory.release();
            assertThat(memory.ownPages()).isZero();
            assertThat(PagedMemory.pagesWithBytes()).isEqualTo(before);
            assertThat(fault(() -> memory.load8(A + 0x4000)).kind()).isEqualTo(FaultKind.READ_UNMAPPED);
            assertThatThrownBy(() -> memory.read(A + 0x4000, 1)).isInstanceOf(GuestFault.class).hasMessageContaining("closed");
        } finally {
            PagedMemory.pageLimit = limit;
        }
    }

    /**
     * Pages' bytes live where {@link PagedMemory#DIRECT} says: direct pages take the JVM's direct memory at their
     * first store and give it back once their memory is released and collected (the buffers' cleaners); heap pages
     * take none.
     */
    @Test
    void directPagesTakeDirectMemoryAndGiveItBackWhenReleased() throws InterruptedException {
        long before = directMemoryUsed();
        PagedMemory other = new PagedMemory();
        other.map(A, 256L << 12, Prot.RW);
        for (int i = 0; i < 256; i++) other.store8(A + ((long) i << 12), 1);
        long grown = directMemoryUsed() - before;
        if (PagedMemory.DIRECT) assertThat(grown).as("256 direct pages").isGreaterThanOrEqualTo(256L << 12);
        else assertThat(grown).as("heap pages take no direct memory").isLessThan(64L << 10);
        other.release();
        other = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (directMemoryUsed() - before >= 64L << 10 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(directMemoryUsed() - before).as("direct memory after release and a collection")
                .isLessThan(64L << 10);
    }

    private static long directMemoryUsed() {
        for (java.lang.management.BufferPoolMXBean pool
                : java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) return pool.getMemoryUsed();
        }
        throw new AssertionError("no direct buffer pool");
    }

    private static A64Fault fault(Runnable access) {
        A64Fault f = catchThrowableOfType(access::run, A64Fault.class);
        assertThat(f).as("a fault").isNotNull();
        return f;
    }
}
