package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.vsock.VsockConnection;

/** Guest AF_VSOCK sockets and the host side of vsock, end to end with the vsock_suite payload. */
class VsockTest {
    @TempDir
    Path instances;

    @Test
    void hostConnectsToTheGuestEchoServerAndTheInGuestSocketChecksPass() throws Exception {
        String console;
        try (VsockPayload p = VsockPayload.start(instances)) {
            try (VsockConnection c = p.vm.connectVsock(VsockPayload.ECHO_PORT)) {
                BufferedReader in = VsockPayload.reader(c);
                assertThat(VsockPayload.exchange(c, in, "hello vsock")).isEqualTo("kcosv olleh");
                assertThat(VsockPayload.exchange(c, in, "")).isEqualTo("");
                assertThat(VsockPayload.exchange(c, in, "shutdown")).isNull();
            }
            p.callback.awaitStopped();
            console = p.consoleAfterStop();
        }
        assertThat(console).doesNotContain("FAIL").contains("vsock checks: 0 failures")
                .contains("ok bounded buffer: EAGAIN after 256 KiB").contains("shutting down");
    }
}
