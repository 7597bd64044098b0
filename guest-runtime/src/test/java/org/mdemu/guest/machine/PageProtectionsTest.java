package org.mdemu.guest.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The one check every host access to guest memory goes through, at the edges of its ranges. */
class PageProtectionsTest {
    private final PageProtections pages = new PageProtections();

    PageProtectionsTest() {
        pages.set(0x10000, 0x2000, Prot.RW);
        pages.set(0x12000, 0x1000, Prot.READ);
    }

    @Test
    void aLengthPastTwoToTheSixtyThreeFaultsWhereTheAccessibleMemoryEnds() {
        GuestFault f = catchThrowableOfType(() -> pages.check(0x10000, -1, Prot.READ), GuestFault.class);
        assertThat(f.address()).isEqualTo(0x13000);
        GuestFault w = catchThrowableOfType(() -> pages.check(0x10000, Long.MIN_VALUE, Prot.WRITE), GuestFault.class);
        assertThat(w.address()).isEqualTo(0x12000);
        assertThat(w.protectionViolation()).isTrue();
    }

    @Test
    void rangesThatWrapOrLeaveUserSpaceFault() {
        GuestFault f = catchThrowableOfType(() -> pages.check(0x12fff, Long.MAX_VALUE, Prot.READ), GuestFault.class);
        assertThat(f.address()).isEqualTo(0x13000);
        GuestFault high = catchThrowableOfType(() -> pages.check(-4096, 16, Prot.READ), GuestFault.class);
        assertThat(high.address()).isEqualTo(-4096);
        pages.check(0x10000, 0, Prot.WRITE);
        pages.check(0x10000, 0x3000, Prot.READ);
    }
}
