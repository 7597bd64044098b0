package org.mdemu.emulator.gdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.mdemu.guest.debug.DebugListener;
import org.mdemu.guest.debug.GuestDebugger;
import org.mdemu.guest.debug.StopEvent;

/**
 * A GDB remote server for one VM's payload process (AVF's {@code vm run-app --gdb PORT}): listens on
 * 127.0.0.1:PORT, serves one client at a time and refuses a second one with an error packet naming the reason. The
 * payload stops before its first instruction and waits for a client; a client that goes away leaves it running.
 */
public final class GdbServer implements AutoCloseable {
    private final GuestDebugger debugger = new GuestDebugger();
    private final ServerSocket socket;
    private final Runnable kill;
    private final Consumer<String> notices;
    private final Thread acceptor;
    private volatile GdbSession session;
    private volatile boolean closed;

    /**
     * Listens on 127.0.0.1:port (0 picks a free one). kill ends the VM (gdb's {@code k}); notices receives one-line
     * messages for the user (client connected, refused, gone).
     */
    public GdbServer(int port, Runnable kill, Consumer<String> notices) throws IOException {
        this.kill = kill;
        this.notices = notices;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        debugger.setListener(new Relay());
        acceptor = new Thread(this::accept, "mdemu-gdb-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The debugger to hand to the guest (MicrodroidBoot.setDebugger). */
    public GuestDebugger debugger() {
        return debugger;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            if (session != null) {
                refuse(client);
                continue;
            }
            Thread t = new Thread(() -> serve(client), "mdemu-gdb-client");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A second client gets an error reply to its first packet and is disconnected; the first one keeps its session. */
    private void refuse(Socket client) {
        notices.accept("gdb: refused a client from " + client.getRemoteSocketAddress()
                + ": another debugger is attached (one at a time)");
        try (client; OutputStream out = client.getOutputStream()) {
            String reply = "E.another debugger is attached to this VM";
            int sum = 0;
            for (byte b : reply.getBytes(StandardCharsets.US_ASCII)) sum += b;
            out.write(("+$" + reply + String.format("#%02x", sum & 0xff)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // it went away by itself
        }
    }

    private void serve(Socket client) {
        synchronized (this) {
            if (session != null) {
                refuse(client);
                return;
            }
            try {
                client.setTcpNoDelay(true);
                session = new GdbSession(debugger, new BufferedInputStream(client.getInputStream()),
                        new BufferedOutputStream(client.getOutputStream()), kill, Long.MAX_VALUE);
            } catch (IOException e) {
                return;
            }
        }
        debugger.clientConnected();
        notices.accept("gdb: client connected from " + client.getRemoteSocketAddress());
        try (client) {
            session.serve();
        } catch (IOException e) {
            // the client vanished: the session left the payload running
        } finally {
            session = null;
            if (!debugger.ended()) notices.accept("gdb: client gone; the payload runs on");
        }
    }

    /** Stops listening; a connected client is disconnected and the payload runs on. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Passes the guest's events to the session of the moment, if any. */
    private final class Relay implements DebugListener {
        @Override
        public void stopped(StopEvent event) {
            GdbSession s = session;
            if (s != null) s.stopped(event);
        }

        @Override
        public void processEnded(boolean signalled, int code) {
            GdbSession s = session;
            if (s != null) s.processEnded(signalled, code);
            close();
        }
    }
}
