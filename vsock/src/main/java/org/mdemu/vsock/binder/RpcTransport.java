package org.mdemu.vsock.binder;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One blocking, ordered byte stream carrying an RPC binder connection: a vsock connection, a TCP socket, a pipe.
 * Only one thread uses a transport at a time (the session hands connections out exclusively).
 */
public interface RpcTransport extends Closeable {
    /** Reads exactly len bytes; {@link java.io.EOFException} when the peer closed first. */
    void readFully(byte[] b, int off, int len) throws IOException;

    /** Writes all len bytes. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Closes the stream; a thread blocked in read or write on it fails with an IOException. Idempotent. */
    @Override
    void close();

    /**
     * A number both ends of the underlying connection share (a vsock connection's id), or 0 when unknown; tracing
     * uses it to join a transaction's two sides.
     */
    default long connectionId() {
        return 0;
    }

    /** Whether this end opened the connection (meaningful when {@link #connectionId} is not 0). */
    default boolean connectingEnd() {
        return false;
    }

    /** This transport, reporting the given connection id and end. */
    default RpcTransport identified(long connectionId, boolean connectingEnd) {
        RpcTransport t = this;
        return new RpcTransport() {
            @Override public void readFully(byte[] b, int off, int len) throws IOException { t.readFully(b, off, len); }
            @Override public void write(byte[] b, int off, int len) throws IOException { t.write(b, off, len); }
            @Override public void close() { t.close(); }
            @Override public long connectionId() { return connectionId; }
            @Override public boolean connectingEnd() { return connectingEnd; }
        };
    }

    static RpcTransport of(InputStream in, OutputStream out, Closeable resource) {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        return new RpcTransport() {
            @Override
            public void readFully(byte[] b, int off, int len) throws IOException {
                data.readFully(b, off, len);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                out.flush();
            }

            @Override
            public void close() {
                try {
                    resource.close();
                } catch (IOException ignored) {
                    // closing a broken stream
                }
            }
        };
    }

    static RpcTransport of(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return of(socket.getInputStream(), socket.getOutputStream(), socket);
    }
}
