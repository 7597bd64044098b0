package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.virtualmachine.CpuEngine;

/** Pipes, eventfds, socket pairs, timerfds and poll/select/epoll between guest threads, end to end. */
class IoTest {
    @TempDir
    Path instances;

    @ParameterizedTest
    @EnumSource(CpuEngine.class)
    void pipesEventfdsSocketPairsTimerfdsAndReadinessWaitsPassTheInGuestChecksOnEveryEngine(CpuEngine engine)
            throws Exception {
        FixtureRun r = FixtureRun.run(instances, "io_suite", "libio_suite.so", engine);
        assertThat(r.console()).doesNotContain("FAIL")
                .contains("ok blocking pipe read wakes when another thread writes")
                .contains("ok read after every writer closed is EOF")
                .contains("ok empty non-blocking pipe read is EAGAIN")
                .contains("ok pipe capacity is 64 KiB")
                .contains("ok write with no reader is EPIPE")
                .contains("ok readv gathers what is there without waiting")
                .contains("ok dup2 onto a descriptor makes it the pipe's write end")
                .contains("ok F_DUPFD_CLOEXEC picks a descriptor at or above the floor, close-on-exec")
                .contains("ok poll on an empty pipe times out")
                .contains("ok poll reports a readable pipe and a writable end")
                .contains("ok select finds the readable pipe")
                .contains("ok eventfd read takes the whole count")
                .contains("ok semaphore eventfd counts down by one")
                .contains("ok epoll_wait times out with nothing ready")
                .contains("ok epoll_wait wakes for another thread's eventfd write")
                .contains("ok epoll_wait reports both ready descriptors")
                .contains("ok timerfd fires twice")
                .contains("ok poll wakes for a timerfd expiry")
                .contains("ok socketpair echo between threads")
                .contains("ok shutdown ends the peer's reads, and its close gives EOF")
                .contains("ok datagram pair keeps messages apart")
                .contains("ok sendmsg sends its vectors as one datagram and recvmsg receives it")
                .contains("ok edge-triggered epoll reports each new write once")
                .contains("io failures=0");
        assertThat(r.callback().events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }
}
