package org.mdemu.vsock;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Joins one TCP connection (a Netty channel with auto-read off) and one vsock connection, both ways, holding at
 * most one TCP read in flight: TCP bytes are read only when the previous ones fit into the vsock buffer, and vsock
 * bytes are taken only while the TCP channel is writable. Half-closes travel both ways; a reset on either side
 * closes the other.
 */
final class TcpBridge extends ChannelInboundHandlerAdapter {
    private static final int CHUNK = 64 * 1024;

    private final VsockConnection vsock;
    private final Consumer<TcpBridge> onEnd;
    private final byte[] chunk = new byte[CHUNK];
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private ChannelHandlerContext ctx;
    private ByteBuf pending;
    private boolean tcpInputEnded, vsockInputEnded, ended;

    TcpBridge(VsockConnection vsock, Consumer<TcpBridge> onEnd) {
        this.vsock = vsock;
        this.onEnd = onEnd;
    }

    VsockConnection vsock() {
        return vsock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) start(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (this.ctx != null) return;
        this.ctx = ctx;
        vsock.setListener(this::schedulePump);
        ctx.read();
    }

    private void schedulePump() {
        ChannelHandlerContext c = ctx;
        if (c != null && pumpQueued.compareAndSet(false, true)) c.executor().execute(this::pump);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        // One read() may deliver several buffers; they queue up behind each other.
        pending = pending == null ? b : ctx.alloc().compositeBuffer().addComponents(true, pending, b);
        pump();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            tcpInputEnded = true;
            pump();
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Moves what can move, on the channel's event loop. */
    private void pump() {
        pumpQueued.set(false);
        if (ended) return;
        if (vsock.isReset()) {
            end();
            return;
        }
        toVsock();
        if (!ended) toTcp();
        if (!ended && tcpInputEnded && pending == null && vsockInputEnded) end();
    }

    private void toVsock() {
        while (pending != null) {
            int len = Math.min(pending.readableBytes(), CHUNK);
            if (len == 0) {
                pending.release();
                pending = null;
                if (tcpInputEnded) vsock.shutdownOutput();
                else ctx.read();
                return;
            }
            pending.getBytes(pending.readerIndex(), chunk, 0, len);
            int n = vsock.tryWrite(chunk, 0, len);
            if (n < 0) {
                end();
                return;
            }
            if (n == 0) return;
            pending.skipBytes(n);
        }
        if (tcpInputEnded && !vsock.outputShutdown()) vsock.shutdownOutput();
    }

    private void toTcp() {
        boolean wrote = false;
        while (!vsockInputEnded && ctx.channel().isWritable()) {
            int n = vsock.tryRead(chunk, 0, CHUNK);
            if (n > 0) {
                ctx.write(ctx.alloc().buffer(n).writeBytes(chunk, 0, n));
                wrote = true;
            } else if (n == VsockConnection.EOF) {
                vsockInputEnded = true;
                ctx.flush();
                wrote = false;
                ((SocketChannel) ctx.channel()).shutdownOutput();
            } else if (n == VsockConnection.RESET) {
                end();
                return;
            } else {
                break;
            }
        }
        if (wrote) ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end();
    }

    private void end() {
        if (ended) return;
        ended = true;
        if (pending != null) {
            pending.release();
            pending = null;
        }
        vsock.setListener(null);
        vsock.close();
        ctx.close();
        onEnd.accept(this);
    }
}
