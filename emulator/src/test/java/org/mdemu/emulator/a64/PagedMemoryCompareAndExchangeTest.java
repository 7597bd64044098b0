package org.mdemu.emulator.a64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.machine.CpuExit.FaultKind;
import org.mdemu.guest.machine.Prot;

/**
 * {@link PagedMemory#compareAndExchange} and {@link PagedMemory#loadVolatile}: results of every size, neighbours of
 * narrow exchanges kept, and a store's checks (first store, permission, watchpoints, code watcher) even when the
 * comparison fails.
 */
class PagedMemoryCompareAndExchangeTest {
    private static final long A = 0x7f00_0000_0000L;
    private final PagedMemory memory = new PagedMemory();

    @AfterEach
    void release() {
        memory.release();
    }

    @Test
    void exchangesOnlyWhenTheBytesMatchAndReturnsThemZeroExtended() {
        memory.map(A, 0x1000, Prot.RW);
        memory.store64(A, 0x8899aabbccddeeffL);
        memory.store64(A + 8, 0x0011223344556677L);
        assertThat(memory.compareAndExchange(A, 8, 1, 2)).as("failed: witness").isEqualTo(0x8899aabbccddeeffL);
        assertThat(memory.compareAndExchange(A, 8, 0x8899aabbccddeeffL, 5)).isEqualTo(0x8899aabbccddeeffL);
        assertThat(memory.load64(A)).isEqualTo(5);
        assertThat(memory.compareAndExchange(A + 12, 4, 0, 7)).isEqualTo(0x00112233L);
        assertThat(memory.compareAndExchange(A + 12, 4, 0x00112233L, 0xfedcba98L)).isEqualTo(0x00112233L);
        assertThat(memory.load64(A + 8)).isEqualTo(0xfedcba98_44556677L);
        assertThat(memory.loadVolatile(A + 12, 4)).isEqualTo(0xfedcba98L);
        assertThat(memory.loadVolatile(A + 8, 8)).isEqualTo(0xfedcba98_44556677L);
        assertThat(memory.loadVolatile(A + 14, 2)).isEqualTo(0xfedcL);
        assertThat(memory.loadVolatile(A + 15, 1)).isEqualTo(0xfeL);
    }

    /** Every byte and halfword position in a word: only its own bytes change, high bits of the operands ignored. */
    @Test
    void bytesAndHalfwordsLeaveTheirNeighbours() {
        memory.map(A, 0x1000, Prot.RW);
        for (int size = 1; size <= 2; size++) {
            for (int at = 0; at < 4; at += size) {
                memory.store64(A, 0x0706050403020100L);
                long mask = size == 1 ? 0xff : 0xffff;
                long old = memory.load64(A) >>> 8 * at & mask;
                assertThat(memory.compareAndExchange(A + at, size, old ^ 1, 0)).as("fails").isEqualTo(old);
                assertThat(memory.load64(A)).isEqualTo(0x0706050403020100L);
                assertThat(memory.compareAndExchange(A + at, size, old | ~mask, -1L)).isEqualTo(old);
                long expected = 0x0706050403020100L | mask << 8 * at;
                assertThat(memory.load64(A)).as("size %d at %d", size, at).isEqualTo(expected);
            }
        }
    }

    @Test
    void aFreshPageGetsItsOwnBytesAndTheSharedZerosStayZero() {
        memory.map(A, 0x2000, Prot.RW);
        assertThat(memory.compareAndExchange(A + 0x10, 8, 1, 2)).as("failed on a fresh page").isZero();
        assertThat(memory.page(A).hasBytes()).as("a store's first-store allocation").isTrue();
        assertThat(memory.page(A + 0x1000).hasBytes()).isFalse();
        assertThat(memory.compareAndExchange(A + 0x10, 8, 0, 42)).isZero();
        assertThat(memory.compareAndExchange(A + 0x11, 1, 0, 9)).isZero();
        assertThat(memory.load64(A + 0x10)).isEqualTo(0x92a);
        assertThat(memory.load64(A + 0x1010)).as("the other page: still zeros").isZero();
        PagedMemory other = new PagedMemory();
        try {
            other.map(A, 0x1000, Prot.RW);
            assertThat(other.load64(A + 0x10)).as("another memory's untouched page").isZero();
        } finally {
            other.release();
        }
    }

    @Test
    void faultsAsAStoreWouldEvenWhenTheComparisonWouldFail() {
        memory.map(A, 0x1000, Prot.READ);
        A64Fault prot = catchThrowableOfType(() -> memory.compareAndExchange(A + 8, 8, 1, 2), A64Fault.class);
        assertThat(prot.kind()).isEqualTo(FaultKind.WRITE_PROT);
        assertThat(prot.address()).isEqualTo(A + 8);
        A64Fault unmapped = catchThrowableOfType(() -> memory.compareAndExchange(A + 0x1000, 4, 0, 2), A64Fault.class);
        assertThat(unmapped.kind()).isEqualTo(FaultKind.WRITE_UNMAPPED);
        assertThatThrownBy(() -> memory.compareAndExchange(A + 2, 4, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> memory.loadVolatile(A + 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void watchpointsAndTheCodeWatcherSeeItAsAStore() {
        memory.map(A, 0x2000, Prot.RWX);
        memory.store64(A + 0x100, 7);
        memory.addWatch(A + 0x104, 2, Prot.WRITE);
        A64Fault hit = catchThrowableOfType(() -> memory.compareAndExchange(A + 0x100, 8, 7, 9), A64Fault.class);
        assertThat(hit.watchedAccess()).isEqualTo(Prot.WRITE);
        assertThat(hit.address()).isEqualTo(A + 0x104);
        assertThat(memory.load64(A + 0x100)).isEqualTo(7);
        assertThat(memory.compareAndExchange(A + 0x100, 2, 7, 8)).as("beside the watched bytes")
                .isEqualTo(7);
        List<String> told = new ArrayList<>();
        memory.setCodeWatcher((address, length) -> told.add(String.format("%x+%d old %d", address, length,
                memory.privileged().readLong(A + 0x1010))));
        memory.markCode(A + 0x1000);
        memory.compareAndExchange(A + 0x1010, 8, 0, 3);
        assertThat(told).containsExactly(String.format("%x+8 old 0", A + 0x1010));
        assertThat(memory.load64(A + 0x1010)).isEqualTo(3);
    }
}
