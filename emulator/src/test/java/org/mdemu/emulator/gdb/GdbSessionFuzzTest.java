package org.mdemu.emulator.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.mdemu.guest.debug.GuestDebugger;

/**
 * Whatever a client sends, the session answers in packets and returns when the bytes end: no exception escapes the
 * packet reader or a command's parser, and every reply is a well-formed packet. The debugger has
 * no process here, so every command runs its parsing and answers an error where it would need a stopped process.
 */
class GdbSessionFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesFromAClientGetRepliesAndNeverEscape(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GuestDebugger debugger = new GuestDebugger();
        GdbSession session = new GdbSession(debugger, new ByteArrayInputStream(input), out, () -> { }, 0);
        session.serve();
        // Every reply is a whole packet: '$', payload, '#', two hex digits (acks may stand between them).
        String replies = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("[+-]*\\$[^$#]*#[0-9a-f]{2}", "");
        assertThat(replies.replace("+", "").replace("-", "")).isEmpty();
    }
}
