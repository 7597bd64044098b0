package org.mdemu.guest.vfs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.GuestThread;
import org.mdemu.guest.testing.FakeThreads;

class IoWaitTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

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
            CompletableFuture.runAsync(file::changed, OWN_THREAD).get(5, TimeUnit.SECONDS);
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

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSignalForTheWaitingThreadEndsTheWaitAsInterrupted() throws Exception {
        GuestThread t = threads.join();
        try {
            PollWaiters file = new PollWaiters(threads.scheduler());
            List<PollWaiters> sources = List.of(file);
            CompletableFuture<Void> signal = CompletableFuture.runAsync(() -> {
                while (t.blockedOn == null) Thread.onSpinWait();
                t.pendingSignals |= 1L << (14 - 1);
                threads.scheduler().interrupt(t);
            }, OWN_THREAD);
            assertThatThrownBy(() -> io.awaitChange(sources, IoWait.generations(sources), Long.MAX_VALUE))
                    .isInstanceOf(IoWait.Interrupted.class);
            signal.get(5, TimeUnit.SECONDS);
            assertThat(io.interruptedResult(0, true)).isEqualTo(-Errno.EINTR);
            assertThat(t.restartInterruptedCall).as("marked for restart").isTrue();
            t.restartInterruptedCall = false;
            assertThat(io.interruptedResult(0, false)).isEqualTo(-Errno.EINTR);
            assertThat(t.restartInterruptedCall).as("a call with a timeout is not restarted").isFalse();
            assertThat(io.interruptedResult(300, true)).as("what was already moved").isEqualTo(300);
            assertThat(t.restartInterruptedCall).isFalse();
        } finally {
            t.pendingSignals = 0;
            threads.leave(t);
        }
    }
}
