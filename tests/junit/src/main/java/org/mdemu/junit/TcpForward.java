package org.mdemu.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.mdemu.virtualmachine.VirtualMachine;
import org.mdemu.virtualmachine.VirtualMachineException;
import org.mdemu.vsock.VsockAddress;
import org.mdemu.vsock.VsockFabric;
import org.mdemu.vsock.VsockTcpForwarder;

/**
 * A vsock port the payload listens on, reachable as a TCP port on 127.0.0.1 (what {@code run-app --forward} does),
 * for tests that drive the payload with a TCP client. Closed with its VM at the latest.
 */
public final class TcpForward implements AutoCloseable {
    private final VsockTcpForwarder forwarder;
    private final int guestPort;

    private TcpForward(VsockTcpForwarder forwarder, int guestPort) {
        this.forwarder = forwarder;
        this.guestPort = guestPort;
    }

    static TcpForward open(VirtualMachine vm, int guestPort) throws IOException, VirtualMachineException {
        VsockTcpForwarder f = VsockTcpForwarder.guestToTcp(VsockFabric.shared().host(),
                new VsockAddress(vm.getVsockCid(), guestPort), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TcpForward(f, guestPort);
    }

    /** The TCP port on 127.0.0.1 (chosen freely, so parallel tests never collide). */
    public int port() {
        return forwarder.tcpAddress().getPort();
    }

    public InetSocketAddress address() {
        return forwarder.tcpAddress();
    }

    public int guestPort() {
        return guestPort;
    }

    @Override
    public void close() {
        forwarder.close();
    }

    @Override
    public String toString() {
        return "127.0.0.1:" + port() + " -> vsock port " + guestPort;
    }
}
