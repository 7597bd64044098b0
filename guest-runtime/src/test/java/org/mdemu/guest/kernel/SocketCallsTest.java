package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.testing.FakeThreads;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;
import org.mdemu.guest.vfs.io.PollEvents;
import org.mdemu.guest.vfs.io.VsockSocket;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockConnection;
import org.mdemu.vsock.VsockDevice;
import org.mdemu.vsock.VsockFabric;

/** AF_VSOCK sockets of a guest whose peer is a host thread: wake-ups from outside the guest, addresses, errors. */
class SocketCallsTest {
    /** Blocking helpers get threads of their own: in the common pool they could starve each other. */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    private final FakeProcess process = new FakeProcess();
    private final FakeThreads threads = new FakeThreads();
    private final VsockFabric fabric = new VsockFabric(64 * 1024);
    private final VsockDevice device = fabric.attachGuest();
    private FileTable files;
    private IoCalls io;
    private SocketCalls sockets;
    private GuestThread main;

    @BeforeEach
    void setUp() {
        OpenFile console = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(new GuestFileSystem(100), console, console, console);
        process.threads = threads;
        io = new IoCalls(process, files);
        sockets = new SocketCalls(process, files, io);
        sockets.attachVsock(device);
        main = threads.join();
    }

    @AfterEach
    void tearDown() {
        threads.leave(main);
    }

    private long address(int cid, int port) {
        long a = process.alloc(16);
        process.memory.writeShort(a, (short) VsockSocket.AF_VSOCK);
        process.memory.writeInt(a + 4, port);
        process.memory.writeInt(a + 8, cid);
        return a;
    }

    private int listeningSocket(int port) {
        int fd = (int) sockets.socket(VsockSocket.AF_VSOCK, 1, 0);
        assertThat(sockets.bind(fd, address(VsockAddress.CID_ANY, port), 16)).isZero();
        assertThat(sockets.listen(fd, 4)).isZero();
        return fd;
    }

    @Test
    void withoutADeviceAfVsockIsNotSupported() {
        SocketCalls none = new SocketCalls(process, files, io);
        assertThat(none.socket(VsockSocket.AF_VSOCK, 1, 0)).isEqualTo(-Errno.EAFNOSUPPORT);
    }

    @Test
    void getsocknameWritesStructSockaddrVmAndTruncatesToTheBuffer() {
        int fd = listeningSocket(5000);
        long name = process.alloc(16), length = process.alloc(4);
        process.memory.writeInt(length, 16);
        assertThat(sockets.getsockname(fd, name, length)).isZero();
        assertThat(process.memory.readShort(name) & 0xffff).isEqualTo(40);
        assertThat(process.memory.readShort(name + 2)).isZero();
        assertThat(process.memory.readInt(name + 4)).isEqualTo(5000);
        assertThat(process.memory.readInt(name + 8)).isEqualTo(VsockAddress.CID_ANY);
        assertThat(process.memory.readInt(name + 12)).isZero();
        process.memory.writeInt(length, 4);
        process.memory.writeInt(name + 4, 77);
        assertThat(sockets.getsockname(fd, name, length)).isZero();
        assertThat(process.memory.readInt(length)).isEqualTo(16);
        assertThat(process.memory.readInt(name + 4)).isEqualTo(77);
        assertThat(sockets.getsockname(0, name, length)).isEqualTo(-Errno.ENOTSOCK);
        assertThat(sockets.getsockname(99, name, length)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void aGuestThreadBlockedInAcceptWakesWhenAHostThreadConnects() throws Exception {
        int fd = listeningSocket(5001);
        CompletableFuture<VsockConnection> host = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(30);
                return fabric.host().connect(new VsockAddress(device.cid(), 5001));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, OWN_THREAD);
        long peer = process.alloc(16), length = process.alloc(4);
        process.memory.writeInt(length, 16);
        long accepted = sockets.accept4(fd, peer, length, FileTable.O_CLOEXEC);
        assertThat(accepted).isGreaterThan(fd);
        assertThat(process.memory.readInt(peer + 8)).isEqualTo(VsockAddress.CID_HOST);
        assertThat(process.memory.readInt(peer + 4)).isEqualTo(host.get(5, TimeUnit.SECONDS).localAddress().port());
    }

    @Test
    @Timeout(60)
    void blockingReadsAndPollsWakeForEachOfTwoThousandHostWrites() throws Exception {
        int fd = listeningSocket(5002);
        VsockConnection host = fabric.host().connect(new VsockAddress(device.cid(), 5002));
        int conn = (int) sockets.accept4(fd, 0, 0, 0);
        int rounds = 2000;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    host.getOutputStream().write(i & 0xff);
                    if (host.getInputStream().read() != (i & 0xff)) throw new IllegalStateException("echo " + i);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, OWN_THREAD);
        long pollfd = process.alloc(8);
        byte[] one = new byte[1];
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                process.memory.writeInt(pollfd, conn);
                process.memory.writeShort(pollfd + 4, (short) PollEvents.POLLIN);
                assertThat(io.poll(pollfd, 1, Long.MAX_VALUE)).isEqualTo(1);
            }
            assertThat(files.read(conn, one, 0, 1)).isEqualTo(1);
            assertThat(files.write(conn, one, 0, 1)).isEqualTo(1);
        }
        writer.get(30, TimeUnit.SECONDS);
        host.close();
        assertThat(files.read(conn, one, 0, 1)).isZero();
    }

    @Test
    void hostResetIsEconnresetAndPollSaysErrorAndHangUp() {
        int fd = listeningSocket(5003);
        VsockConnection host;
        try {
            host = fabric.host().connect(new VsockAddress(device.cid(), 5003));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int conn = (int) sockets.accept4(fd, 0, 0, 0);
        host.reset();
        VsockSocket s = (VsockSocket) files.get(conn);
        assertThat(s.readyEvents() & (PollEvents.POLLERR | PollEvents.POLLHUP))
                .isEqualTo(PollEvents.POLLERR | PollEvents.POLLHUP);
        assertThat(files.read(conn, new byte[4], 0, 4)).isEqualTo(-Errno.ECONNRESET);
        assertThat(files.write(conn, new byte[4], 0, 4)).isEqualTo(-Errno.ECONNRESET);
    }

    @Test
    void closingTheDescriptorsFreesThePortsAndTheHostReadsEndOfStream() throws Exception {
        int fd = listeningSocket(5004);
        VsockConnection host = fabric.host().connect(new VsockAddress(device.cid(), 5004));
        int conn = (int) sockets.accept4(fd, 0, 0, 0);
        files.closeAll();
        assertThat(host.getInputStream().read()).isEqualTo(-1);
        assertThat(device.isBound(5004)).isFalse();
        assertThat(device.openConnections()).isZero();
        assertThat(conn).isGreaterThan(fd);
    }
}
