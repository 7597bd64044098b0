package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuestClockTest {
    @Test
    void aVirtualClockStartsAtTheFixedEpochAndMovesOnlyWhenCharged() throws Exception {
        GuestClock clock = GuestClock.virtual();
        assertThat(clock.monotonicNanos()).isZero();
        assertThat(clock.realtimeNanos()).isEqualTo(GuestClock.VIRTUAL_EPOCH_SECONDS * 1_000_000_000L);
        Thread.sleep(5);
        assertThat(clock.monotonicNanos()).as("host time passing").isZero();
        clock.advance(GuestClock.TRAP_NANOS);
        clock.advance(GuestClock.SLICE_NANOS);
        assertThat(clock.monotonicNanos()).isEqualTo(1_001_000L);
        assertThat(clock.realtimeNanos() - clock.monotonicNanos())
                .isEqualTo(GuestClock.VIRTUAL_EPOCH_SECONDS * 1_000_000_000L);
        assertThat(clock.asRealtimeClock().instant()).isEqualTo(Instant.parse("2024-01-01T00:00:00.001001Z"));
    }

    @Test
    void aVirtualClockJumpsForwardToADeadlineButNeverBack() {
        GuestClock clock = GuestClock.virtual();
        clock.advance(500);
        long deadline = clock.deadlineAfter(2, 0);
        assertThat(deadline).isEqualTo(2_000_000_500L);
        clock.advanceTo(deadline);
        assertThat(clock.now()).isEqualTo(deadline);
        clock.advanceTo(7);
        assertThat(clock.now()).isEqualTo(deadline);
        assertThat(clock.deadlineAt(GuestClock.REALTIME, GuestClock.VIRTUAL_EPOCH_SECONDS + 3, 0))
                .as("an absolute realtime deadline on the virtual scale").isEqualTo(3_000_000_000L);
    }

    @Test
    void aHostClockIgnoresChargesAndFollowsHostTime() throws Exception {
        GuestClock clock = new GuestClock();
        long before = clock.monotonicNanos();
        clock.advance(3_600_000_000_000L);
        Thread.sleep(2);
        assertThat(clock.monotonicNanos() - before).isBetween(1_000_000L, 3_600_000_000_000L);
        assertThat(Math.abs(clock.realtimeNanos() / 1_000_000L - System.currentTimeMillis())).isLessThan(1000);
    }
}
