package org.mdemu.vsock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VsockFabricTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    private final VsockFabric fabric = new VsockFabric(64 * 1024);

    @Test
    void guestsGetIncreasingCidsFromThreeAndTheHostIsTwo() {
        assertThat(fabric.attachGuest().cid()).isEqualTo(3);
        assertThat(fabric.attachGuest().cid()).isEqualTo(4);
        assertThat(fabric.host().cid()).isEqualTo(2);
    }

    @Test
    void hostConnectsToAGuestListenerAndBytesFlowBothWays() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1234, 4);
        VsockConnection host = fabric.host().connect(new VsockAddress(guest.cid(), 1234));
        VsockConnection accepted = l.accept(5, TimeUnit.SECONDS);
        assertThat(accepted.peerAddress()).isEqualTo(host.localAddress());
        assertThat(accepted.localAddress()).isEqualTo(new VsockAddress(guest.cid(), 1234));
        host.getOutputStream().write("ping".getBytes());
        byte[] b = new byte[4];
        assertThat(accepted.getInputStream().readNBytes(b, 0, 4)).isEqualTo(4);
        assertThat(new String(b)).isEqualTo("ping");
        accepted.getOutputStream().write("pong".getBytes());
        accepted.close();
        InputStream in = host.getInputStream();
        assertThat(new String(in.readAllBytes())).isEqualTo("pong");
        assertThat(in.read()).isEqualTo(-1);
        assertThatThrownBy(() -> host.getOutputStream().write(1)).isInstanceOf(VsockException.class)
                .hasMessageContaining("Broken pipe");
    }

    @Test
    void aPortNobodyListensOnIsRefusedAndABoundPortIsInUse() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        assertThatThrownBy(() -> fabric.host().connect(new VsockAddress(guest.cid(), 9)))
                .isInstanceOf(VsockException.class).hasMessageContaining("nobody listens on vsock:" + guest.cid() + ":9")
                .satisfies(e -> assertThat(((VsockException) e).reason()).isEqualTo(VsockException.Reason.CONNECTION_REFUSED));
        guest.listen(9, 1);
        assertThatThrownBy(() -> guest.listen(9, 1)).isInstanceOf(VsockException.class)
                .satisfies(e -> assertThat(((VsockException) e).reason()).isEqualTo(VsockException.Reason.ADDRESS_IN_USE));
        assertThatThrownBy(() -> guest.bind(9)).isInstanceOf(VsockException.class);
    }

    @Test
    void guestsCannotReachEachOtherButReachTheHostAndThemselves() throws Exception {
        VsockDevice a = fabric.attachGuest(), b = fabric.attachGuest();
        b.listen(5, 1);
        assertThatThrownBy(() -> a.connect(new VsockAddress(b.cid(), 5))).isInstanceOf(VsockException.class)
                .satisfies(e -> assertThat(((VsockException) e).reason()).isEqualTo(VsockException.Reason.NETWORK_UNREACHABLE));
        fabric.host().listen(77, 1);
        assertThat(a.connect(new VsockAddress(VsockAddress.CID_HOST, 77)).peerAddress().cid()).isEqualTo(2);
        a.listen(6, 1);
        assertThat(a.connect(new VsockAddress(VsockAddress.CID_LOCAL, 6)).peerAddress().cid()).isEqualTo(a.cid());
    }

    @Test
    void aFullBacklogRefusesAndAcceptingMakesRoom() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1, 2);
        VsockAddress to = new VsockAddress(guest.cid(), 1);
        fabric.host().connect(to);
        fabric.host().connect(to);
        assertThatThrownBy(() -> fabric.host().connect(to)).hasMessageContaining("backlog");
        assertThat(l.poll()).isNotNull();
        assertThat(fabric.host().connect(to)).isNotNull();
    }

    @Test
    void aReaderThatNeverReadsStopsTheWriterAtTheBufferCapacity() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        guest.listen(1, 1);
        VsockConnection c = fabric.host().connect(new VsockAddress(guest.cid(), 1));
        byte[] mb = new byte[1 << 20];
        assertThat(c.tryWrite(mb, 0, mb.length)).isEqualTo(64 * 1024);
        assertThat(c.tryWrite(mb, 0, mb.length)).isEqualTo(VsockConnection.WOULD_BLOCK);
        assertThat(c.writeSpace()).isZero();
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                c.getOutputStream().write(mb);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, OWN_THREAD);
        Thread.sleep(200);
        assertThat(blocked).isNotDone();
        assertThat(c.unreadByPeer()).isEqualTo(64 * 1024);
        c.reset();
        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(VsockException.class)
                .hasRootCauseMessage("Connection reset: " + c);
    }

    @Test
    void closingAGuestDeviceResetsItsConnectionsAndFreesItsCid() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1, 1);
        VsockConnection host = fabric.host().connect(new VsockAddress(guest.cid(), 1));
        VsockConnection g = l.accept();
        g.getOutputStream().write(42);
        guest.close();
        assertThat(host.isReset()).isTrue();
        assertThatThrownBy(() -> host.getInputStream().read()).isInstanceOf(VsockException.class)
                .hasMessageContaining("Connection reset");
        assertThat(fabric.device(guest.cid())).isNull();
        assertThat(guest.openConnections()).isZero();
        assertThatThrownBy(() -> fabric.host().connect(new VsockAddress(guest.cid(), 1)))
                .hasMessageContaining("not reachable");
    }

    @Test
    void shutdownOutputIsEndOfStreamForThePeerWhileTheOtherDirectionStaysOpen() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1, 1);
        VsockConnection host = fabric.host().connect(new VsockAddress(guest.cid(), 1));
        VsockConnection g = l.accept();
        host.getOutputStream().write(7);
        host.shutdownOutput();
        assertThat(g.getInputStream().read()).isEqualTo(7);
        assertThat(g.getInputStream().read()).isEqualTo(-1);
        OutputStream back = g.getOutputStream();
        back.write(8);
        assertThat(host.getInputStream().read()).isEqualTo(8);
    }

    @Test
    void aReadTimeoutEndsAWaitingReadAndLeavesTheConnectionUsable() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1, 1);
        VsockConnection host = fabric.host().connect(new VsockAddress(guest.cid(), 1));
        host.setReadTimeout(50);
        assertThatThrownBy(() -> host.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class)
                .hasMessageContaining("50 ms");
        l.accept().getOutputStream().write(3);
        assertThat(host.getInputStream().read()).isEqualTo(3);
    }

    @Test
    void ephemeralPortsAreFreedWhenConnectionsClose() throws Exception {
        VsockDevice guest = fabric.attachGuest();
        VsockListener l = guest.listen(1, 1);
        VsockConnection c = guest.connect(new VsockAddress(VsockAddress.CID_LOCAL, 1));
        int port = c.localAddress().port();
        assertThat(guest.isBound(port)).isTrue();
        c.close();
        l.poll().close();
        assertThat(guest.isBound(port)).isFalse();
        assertThat(guest.openConnections()).isZero();
    }
}
