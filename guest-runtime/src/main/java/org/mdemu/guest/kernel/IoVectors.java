package org.mdemu.guest.kernel;

import java.io.ByteArrayOutputStream;
import org.mdemu.guest.machine.GuestMemory;

/**
 * struct iovec arrays ({void* base; size_t len}, 16 bytes each) taken as one buffer: what readv/writev and
 * sendmsg/recvmsg do on pipes and sockets, where the vector is a single read or write (a datagram lands whole).
 */
final class IoVectors {
    static final int MAX_COUNT = 1024, MAX_BYTES = 1 << 24;

    private IoVectors() {
    }

    /** The bytes of all vectors in order, at most MAX_BYTES; EINVAL for a bad count or a negative length. */
    static byte[] gather(GuestMemory mem, long iov, long count) {
        if (count < 0 || count > MAX_COUNT) throw new ErrnoException(Errno.EINVAL);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count && all.size() < MAX_BYTES; i++) {
            long base = mem.readLong(iov + 16L * i), len = mem.readLong(iov + 16L * i + 8);
            if (len < 0) throw new ErrnoException(Errno.EINVAL);
            all.writeBytes(mem.read(base, (int) Math.min(len, MAX_BYTES - all.size())));
        }
        return all.toByteArray();
    }

    /** A buffer as long as all vectors together (at most MAX_BYTES), to receive into and then {@link #scatter}. */
    static byte[] buffer(GuestMemory mem, long iov, long count) {
        if (count < 0 || count > MAX_COUNT) throw new ErrnoException(Errno.EINVAL);
        long length = 0;
        for (int i = 0; i < count; i++) length += mem.readLong(iov + 16L * i + 8);
        if (length < 0) throw new ErrnoException(Errno.EINVAL);
        return new byte[(int) Math.min(length, MAX_BYTES)];
    }

    /** Spreads the first n bytes over the vectors in order. */
    static void scatter(GuestMemory mem, long iov, long count, byte[] data, long n) {
        long done = 0;
        for (int i = 0; i < count && done < n; i++) {
            long base = mem.readLong(iov + 16L * i), len = mem.readLong(iov + 16L * i + 8);
            int part = (int) Math.min(len, n - done);
            mem.write(base, data, (int) done, part);
            done += part;
        }
    }
}
