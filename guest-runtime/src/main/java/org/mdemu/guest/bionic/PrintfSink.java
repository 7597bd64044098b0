package org.mdemu.guest.bionic;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Where printf's output goes, as bionic's vfprintf hands it to a FILE: in order, in bounded chunks. Padding and
 * zero-fill arrive as counts ({@link #repeat}), so a width near INT_MAX costs a count, not a gigabyte of bytes. A
 * sink may keep only a prefix (snprintf's buffer) and count the rest, which is what snprintf returns.
 */
public final class PrintfSink {
    /** The largest piece handed to a destination at once; also what a sink buffers. */
    static final int CHUNK = 1 << 16;

    /** Receives the kept bytes in order. Returns 0, or the errno of a failed write (formatting then stops). */
    @FunctionalInterface
    public interface Destination {
        int accept(byte[] b, int off, int len);
    }

    private final Destination destination;
    private final long keep;
    private byte[] buffer = new byte[0];
    private int buffered;
    private long count;
    private long delivered;
    private int errno;

    private PrintfSink(Destination destination, long keep) {
        this.destination = destination;
        this.keep = keep;
    }

    /** Every byte reaches the destination. */
    public static PrintfSink to(Destination destination) {
        return new PrintfSink(destination, Long.MAX_VALUE);
    }

    /** The first keep bytes reach the destination; the rest are only counted (snprintf's buffer). */
    public static PrintfSink keeping(long keep, Destination destination) {
        return new PrintfSink(destination, Math.max(0, keep));
    }

    /** A sink keeping the first limit bytes in memory, for callers that format a bounded line (logs, gzprintf). */
    public static Kept kept(int limit) {
        return new Kept(limit);
    }

    /** Appends len bytes of b; false once the destination has failed. */
    public boolean write(byte[] b, int off, int len) {
        if (errno != 0) return false;
        count += len;
        int wanted = (int) Math.min(len, keepable());
        for (int done = 0; done < wanted; ) {
            int n = Math.min(wanted - done, room());
            System.arraycopy(b, off + done, buffer, buffered, n);
            buffered += n;
            done += n;
            if (buffered == CHUNK && !flush()) return false;
        }
        return true;
    }

    /** Appends n copies of c (n may be near or past INT_MAX); only the kept part is ever materialised. */
    public boolean repeat(byte c, long n) {
        if (errno != 0) return false;
        if (n <= 0) return true;
        count += n;
        long wanted = Math.min(n, keepable());
        while (wanted > 0) {
            int k = (int) Math.min(wanted, room());
            Arrays.fill(buffer, buffered, buffered + k, c);
            buffered += k;
            wanted -= k;
            if (buffered == CHUNK && !flush()) return false;
        }
        return true;
    }

    /** Hands the buffered bytes to the destination; false (and {@link #errno()} set) when it failed. */
    public boolean flush() {
        if (errno != 0) return false;
        if (buffered == 0) return true;
        int e = destination.accept(buffer, 0, buffered);
        delivered += buffered;
        buffered = 0;
        if (e != 0) errno = e;
        return e == 0;
    }

    /** Bytes produced so far, kept or not: printf's count (and %n's). */
    public long count() {
        return count;
    }

    /** Bytes kept (delivered or buffered). */
    public long keptCount() {
        return delivered + buffered;
    }

    /** The errno of the failed destination, or 0. */
    public int errno() {
        return errno;
    }

    private long keepable() {
        return keep - delivered - buffered;
    }

    /**
     * Space left in the buffer, which grows (up to a chunk, then is flushed whenever full) only as output arrives:
     * short lines stay cheap.
     */
    private int room() {
        if (buffered == buffer.length) buffer = Arrays.copyOf(buffer, Math.min(CHUNK, Math.max(64, buffer.length * 2)));
        return buffer.length - buffered;
    }

    /** A sink keeping a bounded prefix in memory. */
    public static final class Kept {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintfSink sink;

        private Kept(int limit) {
            sink = PrintfSink.keeping(limit, (b, off, len) -> {
                bytes.write(b, off, len);
                return 0;
            });
        }

        public PrintfSink sink() {
            return sink;
        }

        /** The kept prefix. */
        public byte[] bytes() {
            sink.flush();
            return bytes.toByteArray();
        }
    }
}
