package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signal handlers, masks, the alternate stack and the setjmp family, checked from inside the guest. */
class SignalsTest {
    @TempDir
    Path instances;

    @Test
    void handlersMasksAltStackAndSiglongjmpRecoveryWorkInTheGuest() throws Exception {
        FixtureRun r = FixtureRun.run(instances, "signals", "libsignals.so");
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok SIGSEGV handler recovers with siglongjmp")
                .contains("ok a second fault recovers too")
                .contains("ok siglongjmp restores the signal mask")
                .contains("ok raise runs the handler before returning")
                .contains("ok registers survive the handler")
                .contains("ok unblocking delivers it before sigprocmask returns, with siginfo")
                .contains("ok SA_ONSTACK handlers run on the alternate stack")
                .contains("ok pthread_kill runs the handler on the target thread")
                .contains("ok a signal interrupts nanosleep in another thread with EINTR")
                .contains("ok a signal without SA_RESTART ends a blocking pipe read with EINTR")
                .contains("ok a blocking read restarts after an SA_RESTART handler and returns the data written later")
                .contains("ok poll fails with EINTR even after an SA_RESTART handler")
                .contains("ok ppoll delivers a signal its mask unblocks and fails with EINTR")
                .contains("ok the thread's own mask is back after ppoll's handler")
                .contains("ok a signal runs its handler during pthread_mutex_lock, which then goes on waiting and takes the mutex")
                .contains("ok a signal runs its handler during pthread_cond_wait (a spurious wake-up), and the wait loop goes on")
                .contains("ok a signal runs its handler during pthread_join, which then goes on and returns the thread's value")
                .contains("ok writing to a closed pipe raises SIGPIPE and fails with EPIPE")
                .contains("ok with SIGPIPE ignored the write only fails")
                .contains("ok longjmp(env, 0) returns 1 from setjmp")
                .contains("signals failures=0");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
