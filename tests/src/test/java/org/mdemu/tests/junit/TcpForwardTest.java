package org.mdemu.tests.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdemu.junit.MdemuAssertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.TcpForward;

/** A test driving a payload over TCP through PayloadVm.forwardTcp, run-app --forward's bridge. */
@MdemuTest
class TcpForwardTest {
    /** The vsock_suite payload answers each line on this port reversed, and exits on "shutdown". */
    static final int ECHO_PORT = 5678;

    @Payload(apk = "fixtures/apks/vsock_suite.apk", binary = "libvsock_suite.so", waitFor = Payload.WaitFor.READY)
    PayloadVm vm;

    @Test
    void aTcpClientTalksToTheGuestThroughTheForwardWhichClosesWithTheVm() throws Exception {
        TcpForward forward = vm.forwardTcp(ECHO_PORT);
        assertThat(forward.guestPort()).isEqualTo(ECHO_PORT);
        assertThat(forward.address().getAddress().isLoopbackAddress()).isTrue();
        try (Socket s = new Socket(forward.address().getAddress(), forward.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("hello world\nabc\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("dlrow olleh");
            assertThat(in.readLine()).isEqualTo("cba");
        }
        try (Socket s = new Socket(forward.address().getAddress(), forward.port())) {
            s.getOutputStream().write("shutdown\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            assertThat(vm.awaitStop(Duration.ofSeconds(60))).exitedWith(0);
        }
        vm.close();
        assertThatThrownBy(() -> new Socket(forward.address().getAddress(), forward.port()).close())
                .isInstanceOf(ConnectException.class);
    }
}
