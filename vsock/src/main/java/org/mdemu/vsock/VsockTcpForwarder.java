package org.mdemu.vsock;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bridges vsock and TCP on the host with Netty, one event-loop thread per forwarder:
 * <ul>
 *   <li>{@link #guestToTcp}: a TCP server on a local address; each TCP client gets a vsock connection from the
 *   host (CID 2) to a guest port (what {@code run-app --forward GUEST_PORT[:TCP_PORT]} sets up).</li>
 *   <li>{@link #hostToTcp}: a host vsock port (CID 2) the guest can connect to; each connection is carried on to a
 *   TCP address ({@code --forward-host VSOCK_PORT:TCP_PORT}).</li>
 * </ul>
 * Backpressure end to end: TCP is read only when the vsock buffer has room (auto-read off), vsock is drained only
 * while the TCP channel is writable. Closing the forwarder closes its server or listener and every bridged
 * connection.
 */
public final class VsockTcpForwarder implements AutoCloseable {
    private final EventLoopGroup group;
    private final String description;
    private final Set<TcpBridge> bridges = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private Channel server;
    private VsockListener listener;
    private InetSocketAddress tcpAddress;

    private VsockTcpForwarder(String description) {
        this.description = description;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("mdemu-vsock-forward", true));
    }

    /**
     * Listens for TCP on bind (port 0: any free port, see {@link #tcpAddress()}) and connects each client to the
     * guest's vsock address through the host device. A client whose guest port has no listener is closed at once.
     */
    public static VsockTcpForwarder guestToTcp(VsockDevice host, VsockAddress guest, InetSocketAddress bind)
            throws IOException {
        VsockTcpForwarder f = new VsockTcpForwarder("tcp " + bind + " -> " + guest);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(f.group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            VsockConnection c;
                            try {
                                c = host.connect(guest);
                            } catch (VsockException e) {
                                ch.close();
                                return;
                            }
                            f.attach(ch, c);
                        }
                    });
            ChannelFuture bound = b.bind(bind).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IOException("cannot listen on TCP " + bind + " to forward " + guest + ": "
                        + bound.cause().getMessage(), bound.cause());
            }
            f.server = bound.channel();
            f.tcpAddress = (InetSocketAddress) f.server.localAddress();
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * Listens on a vsock port of the host device; each guest connection is carried to the TCP target. When the
     * target refuses, the guest's connection is reset.
     */
    public static VsockTcpForwarder hostToTcp(VsockDevice host, int vsockPort, InetSocketAddress target)
            throws VsockException {
        VsockTcpForwarder f = new VsockTcpForwarder("vsock port " + vsockPort + " -> tcp " + target);
        try {
            f.listener = host.listen(vsockPort, 128);
        } catch (VsockException e) {
            f.close();
            throw e;
        }
        f.tcpAddress = target;
        Bootstrap b = new Bootstrap()
                .group(f.group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                    }
                });
        VsockListener l = f.listener;
        l.setListener(() -> f.group.execute(() -> {
            VsockConnection c;
            while ((c = l.poll()) != null) {
                VsockConnection accepted = c;
                b.connect(target).addListener((ChannelFuture done) -> {
                    if (done.isSuccess()) f.attach(done.channel(), accepted);
                    else accepted.reset();
                });
            }
        }));
        return f;
    }

    private void attach(Channel ch, VsockConnection c) {
        TcpBridge bridge = new TcpBridge(c, bridges::remove);
        bridges.add(bridge);
        channels.add(ch);
        ch.closeFuture().addListener(done -> channels.remove(ch));
        ch.pipeline().addLast(bridge);
    }

    /** The TCP address: where the server listens (guestToTcp) or where connections go (hostToTcp). */
    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    /** Connections being bridged now. */
    public int activeConnections() {
        return bridges.size();
    }

    @Override
    public void close() {
        if (listener != null) listener.close();
        if (server != null) server.close().awaitUninterruptibly();
        for (Channel ch : channels) ch.close().awaitUninterruptibly();
        for (TcpBridge b : bridges) b.vsock().reset();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Override
    public String toString() {
        return "vsock forwarder " + description;
    }
}
