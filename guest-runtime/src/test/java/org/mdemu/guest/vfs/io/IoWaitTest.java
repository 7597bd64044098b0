package org.mdemu.guest.vfs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.testing.FakeThreads;

class IoWaitTest {
    private final FakeThreads threads = new FakeThreads();
    private final IoWait io = new IoWait(threads.scheduler());

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChangeBetweenLookingAtAFileAndWaitingOnItEndsTheWaitAtOnce() throws Exception {
        GuestThread t = threads.join();
        try {
            PollWaiters file = new PollWaiters(threads.scheduler());
            List<PollWaiters> sources = List.of(file);
            long[] seen = IoWait.generations(sources);
            // A host thread changes the file after the guest looked at it but before it registered: nobody to wake.
            CompletableFuture.runAsync(file::changed).get(5, TimeUnit.SECONDS);
            assertThat(io.awaitChange(sources, seen, Long.MAX_VALUE)).isTrue();
            assertThat(file.size()).isZero();
        } finally {
            threads.leave(t);
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withoutAChangeTheWaitLastsUntilItsDeadline() {
        GuestThread t = threads.join();
        try {
            PollWaiters file = new PollWaiters(threads.scheduler());
            List<PollWaiters> sources = List.of(file);
            long start = System.nanoTime();
            assertThat(io.awaitChange(sources, IoWait.generations(sources), start + 50_000_000L)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
            assertThat(io.awaitUntil(() -> false, file, io.deadlineAfter(20_000_000L))).isFalse();
        } finally {
            threads.leave(t);
        }
    }
}
