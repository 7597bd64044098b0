package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;

/** Signal handlers, masks, the alternate stack and the setjmp family, checked from inside the guest. */
@MdemuTest
class SignalsTest {
    @Test
    void handlersMasksAltStackAndSiglongjmpRecoveryWorkInTheGuest(
            @Payload(apk = Apks.DIR + "signals.apk", binary = "libsignals.so") PayloadVm vm) throws Exception {
        VmStop r = vm.awaitStop(RUN);
        assertThat(r).console().doesNotContainLineContaining("FAIL")
                .containsLineContaining("ok SIGSEGV handler recovers with siglongjmp")
                .containsLineContaining("ok a second fault recovers too")
                .containsLineContaining("ok siglongjmp restores the signal mask")
                .containsLineContaining("ok raise runs the handler before returning")
                .containsLineContaining("ok registers survive the handler")
                .containsLineContaining("ok unblocking delivers it before sigprocmask returns, with siginfo")
                .containsLineContaining("ok SA_ONSTACK handlers run on the alternate stack")
                .containsLineContaining("ok pthread_kill runs the handler on the target thread")
                .containsLineContaining("ok a signal interrupts nanosleep in another thread with EINTR")
                .containsLineContaining("ok a signal without SA_RESTART ends a blocking pipe read with EINTR")
                .containsLineContaining("ok a blocking read restarts after an SA_RESTART handler and returns the data written later")
                .containsLineContaining("ok poll fails with EINTR even after an SA_RESTART handler")
                .containsLineContaining("ok ppoll delivers a signal its mask unblocks and fails with EINTR")
                .containsLineContaining("ok the thread's own mask is back after ppoll's handler")
                .containsLineContaining("ok a signal runs its handler during pthread_mutex_lock, which then goes on waiting and takes the mutex")
                .containsLineContaining("ok a signal runs its handler during pthread_cond_wait (a spurious wake-up), and the wait loop goes on")
                .containsLineContaining("ok a signal runs its handler during pthread_join, which then goes on and returns the thread's value")
                .containsLineContaining("ok writing to a closed pipe raises SIGPIPE and fails with EPIPE")
                .containsLineContaining("ok with SIGPIPE ignored the write only fails")
                .containsLineContaining("ok longjmp(env, 0) returns 1 from setjmp")
                .containsLineContaining("signals failures=0");
        assertThat(r).exitedWith(0);
    }
}
