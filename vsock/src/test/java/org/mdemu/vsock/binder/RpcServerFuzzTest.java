package org.mdemu.vsock.binder;

import android.os.Binder;
import android.os.IBinder;
import android.os.Parcel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile client: whatever bytes arrive on a connection, the server ends that connection (and at most its
 * session) with a log line and returns; no exception escapes to the thread serving it. The committed inputs include
 * a whole well-formed session (header, init, GET_ROOT, a call), which the fuzzer mutates from.
 */
class RpcServerFuzzTest {
    private static final String DESCRIPTOR = "org.mdemu.test.IFuzz";

    /** The served object: checks the token, adds two ints, echoes a string. */
    private static Binder root() {
        return new Binder(DESCRIPTOR) {
            @Override
            protected boolean onTransact(int code, Parcel data, Parcel reply, int flags) {
                data.enforceInterface(DESCRIPTOR);
                reply.writeNoException();
                reply.writeInt(data.readInt() + data.readInt());
                reply.writeString(data.readString());
                return true;
            }
        };
    }

    @FuzzTest(maxDuration = "60s")
    void hostileConnectionBytesEndOnlyThatConnection(byte[] bytes) {
        List<String> log = new ArrayList<>();
        RpcServer server = new RpcServer(root(), 1, log::add);
        server.serveConnection(RpcTransport.of(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream(), () -> { }));
        server.shutdown();
    }

    /** A well-formed session as a client sends it: the seed the committed inputs start from. */
    static byte[] wellFormedSession() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new RpcWire.ConnectionHeader(RpcWire.PROTOCOL_VERSION, 0, RpcWire.FD_TRANSPORT_NONE, 0).encode());
        out.write(RpcWire.connectionInit());
        out.write(RpcWire.transaction(0, RpcWire.SPECIAL_GET_ROOT, 0, 0, new byte[0], 0));
        Parcel call = Parcel.obtain();
        call.writeInterfaceToken(DESCRIPTOR);
        call.writeInt(40);
        call.writeInt(2);
        call.writeString("fuzz");
        byte[] data = call.marshall();
        out.write(RpcWire.transaction(RpcWire.address(0, 0), IBinder.FIRST_CALL_TRANSACTION, 0, 0, data, data.length));
        out.write(RpcWire.decStrong(RpcWire.address(0, 0), 1));
        return out.toByteArray();
    }

    /** Regenerates the seed: run with -Dmdemu.writeFuzzSeeds=DIR. */
    @org.junit.jupiter.api.Test
    void wellFormedSeedIsServedWithoutComplaint() throws IOException {
        byte[] seed = wellFormedSession();
        String dir = System.getProperty("mdemu.writeFuzzSeeds");
        if (dir != null) Files.write(Path.of(dir, "well-formed-session"), seed);
        List<String> log = new ArrayList<>();
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        new RpcServer(root(), 1, log::add).serveConnection(
                RpcTransport.of(new ByteArrayInputStream(seed), replies, () -> { }));
        assertThat(replies.size()).as("the server answered the session").isGreaterThan(RpcWire.NEW_SESSION_RESPONSE_SIZE);
    }
}
