package org.mdemu.emulator.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits the bytes a GDB client sends into the remote serial protocol's units: acknowledgements ({@code +}/{@code -}),
 * the interrupt byte (0x03) and packets ({@code $data#cs}, with {@code }}-escapes and run-length encoding undone).
 * A packet with a wrong checksum is reported as {@link Unit.Corrupt} (answered with {@code -}); one longer than the
 * limit is skipped to its end and reported as {@link Unit.TooLong}. Bytes outside packets are ignored, as gdbserver
 * ignores them.
 */
final class RspReader {
    sealed interface Unit {
        record Packet(byte[] data) implements Unit {}

        record Interrupt() implements Unit {}

        record Ack(boolean positive) implements Unit {}

        record Corrupt() implements Unit {}

        record TooLong() implements Unit {}
    }

    private final InputStream in;
    private final int limit;

    RspReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next unit, or null at the end of the stream. */
    Unit next() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) return null;
            switch (b) {
                case '+': return new Unit.Ack(true);
                case '-': return new Unit.Ack(false);
                case 3: return new Unit.Interrupt();
                case '$': return packet();
                default: // noise between packets
            }
        }
    }

    private Unit packet() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int sum = 0;
        boolean tooLong = false;
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) return null;
            if (b == '#') break;
            if (b == '$') {
                // A new packet starts inside this one: the client gave up on the first.
                data.reset();
                sum = 0;
                tooLong = false;
                previous = -1;
                continue;
            }
            sum += b;
            if (b == '}') {
                int e = in.read();
                if (e < 0) return null;
                sum += e;
                previous = e ^ 0x20;
                if (!tooLong) data.write(previous);
            } else if (b == '*' && previous >= 0) {
                int n = in.read();
                if (n < 0) return null;
                sum += n;
                int repeat = n - 29;
                for (int i = 0; i < repeat && !tooLong; i++) data.write(previous);
            } else {
                previous = b;
                if (!tooLong) data.write(b);
            }
            if (data.size() > limit) {
                tooLong = true;
                data.reset();
            }
        }
        int hi = in.read(), lo = in.read();
        if (hi < 0 || lo < 0) return null;
        if (tooLong) return new Unit.TooLong();
        int expected = (hex(hi) << 4) | hex(lo);
        if (hex(hi) < 0 || hex(lo) < 0 || expected != (sum & 0xff)) return new Unit.Corrupt();
        return new Unit.Packet(data.toByteArray());
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
