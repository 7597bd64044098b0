package org.mdemu.vsock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VsockTcpForwarderTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    private final VsockFabric fabric = new VsockFabric(64 * 1024);
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Echoes every connection of the listener on its own thread until end of stream. */
    private static void echo(VsockListener l) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    VsockConnection c = l.accept();
                    Thread worker = new Thread(() -> {
                        try (c) {
                            c.getInputStream().transferTo(c.getOutputStream());
                            c.shutdownOutput();
                        } catch (Exception ignored) {
                            // reset
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                }
            } catch (Exception closed) {
                // listener closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void tcpClientsReachAGuestPortAndTwoMegabytesComeBackIntact() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        echo(guest.listen(80, 8));
        try (VsockTcpForwarder f = VsockTcpForwarder.guestToTcp(fabric.host(), new VsockAddress(guest.cid(), 80),
                ANY_LOOPBACK_PORT);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.tcpAddress().getPort())) {
            byte[] data = new byte[2 << 20];
            new Random(1).nextBytes(data);
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OWN_THREAD);
            byte[] back = s.getInputStream().readAllBytes();
            send.get(30, TimeUnit.SECONDS);
            assertThat(back.length).isEqualTo(data.length);
            assertThat(Arrays.equals(back, data)).isTrue();
        }
    }

    @Test
    void aGuestThatNeverReadsStopsTheTcpClientInsteadOfFillingHostMemory() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener never = guest.listen(81, 8);
        try (VsockTcpForwarder f = VsockTcpForwarder.guestToTcp(fabric.host(), new VsockAddress(guest.cid(), 81),
                ANY_LOOPBACK_PORT);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.tcpAddress().getPort())) {
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    while (true) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (Exception closed) {
                    // socket closed at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            long previous = -1;
            for (int i = 0; i < 50 && sent.get() != previous; i++) {
                previous = sent.get();
                Thread.sleep(100);
            }
            // The writer stalls: the vsock buffer (64 KiB here) plus the kernel's TCP buffers, nothing more.
            assertThat(sent.get()).isEqualTo(previous).isLessThan(64L << 20);
            VsockConnection g = never.poll();
            assertThat(g).isNotNull();
            assertThat(g.available()).isEqualTo(64 * 1024);
            // Reading on the guest side lets the rest through.
            byte[] sink = new byte[1 << 16];
            long drained = 0;
            InputStream in = g.getInputStream();
            long target = previous + (1 << 20);
            while (drained < target) drained += in.read(sink);
            assertThat(sent.get()).isGreaterThan(previous);
        }
    }

    @Test
    void guestConnectionsToAHostPortAreCarriedToATcpServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             VsockTcpForwarder f = VsockTcpForwarder.hostToTcp(fabric.host(), 9000,
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
            VsockDevice guest = fabric.attachGuest();
            VsockConnection c = guest.connect(new VsockAddress(VsockAddress.CID_HOST, 9000));
            c.getOutputStream().write("to tcp".getBytes());
            c.shutdownOutput();
            try (Socket s = server.accept()) {
                assertThat(new String(s.getInputStream().readAllBytes())).isEqualTo("to tcp");
                s.getOutputStream().write("to vsock".getBytes());
            }
            assertThat(new String(c.getInputStream().readAllBytes())).isEqualTo("to vsock");
            c.close();
        }
    }

    @Test
    void aRefusedTcpTargetResetsTheGuestConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (VsockTcpForwarder f = VsockTcpForwarder.hostToTcp(fabric.host(), 9001,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort))) {
            VsockConnection c = fabric.attachGuest().connect(new VsockAddress(VsockAddress.CID_HOST, 9001));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!c.isReset() && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(c.isReset()).isTrue();
        }
    }
}
