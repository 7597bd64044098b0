package org.mdemu.guest.bionic;

import org.mdemu.guest.kernel.sched.StopPoints;
import org.mdemu.guest.machine.GuestMemory;
import org.mdemu.guest.machine.Prot;

/**
 * Bulk work on guest memory ranges whose length the guest chooses (memmove, memchr, memrchr, memcmp, swab and their
 * wide forms): done in bounded chunks, so no call makes a host array as large as its length (gigabytes for a payload
 * that asks), with a {@link StopPoints stop point} per chunk. A length is a size_t: negative means past 2^63, which
 * faults where the accessible memory ends. Copies check both whole ranges first, so a fault leaves the destination
 * untouched and names the first refused byte, as before they were chunked; searches and comparisons read only as far
 * as they get, as the device's loads do.
 */
final class GuestBlocks {
    static final int CHUNK = 1 << 16;

    private GuestBlocks() {}

    private static long checked(long n) {
        return n < 0 ? Long.MAX_VALUE : n;
    }

    /** memmove: n bytes from src to dst, correct for overlapping ranges. */
    static void move(GuestMemory mem, long dst, long src, long n) {
        if (n == 0) return;
        mem.check(src, checked(n), Prot.READ);
        mem.check(dst, checked(n), Prot.WRITE);
        byte[] chunk = new byte[(int) Math.min(n, CHUNK)];
        boolean backwards = Long.compareUnsigned(dst - src, n) < 0 && dst != src;
        for (long done = 0; done < n; done += chunk.length) {
            StopPoints.check();
            int k = (int) Math.min(chunk.length, n - done);
            long offset = backwards ? n - done - k : done;
            mem.read(src + offset, chunk, 0, k);
            mem.write(dst + offset, chunk, 0, k);
        }
    }

    /** swab: n bytes (n even) from src to dst with each pair swapped. */
    static void swapPairs(GuestMemory mem, long src, long dst, long n) {
        mem.check(src, n, Prot.READ);
        mem.check(dst, n, Prot.WRITE);
        byte[] chunk = new byte[(int) Math.min(n, CHUNK)];
        for (long done = 0; done < n; done += chunk.length) {
            StopPoints.check();
            int k = (int) Math.min(chunk.length, n - done);
            mem.read(src + done, chunk, 0, k);
            for (int i = 0; i + 1 < k; i += 2) {
                byte x = chunk[i];
                chunk[i] = chunk[i + 1];
                chunk[i + 1] = x;
            }
            mem.write(dst + done, chunk, 0, k);
        }
    }

    /** memchr: the first byte c among n at s, or 0. */
    static long indexOf(GuestMemory mem, long s, int c, long n) {
        byte[] chunk = new byte[(int) Math.min(checked(n), CHUNK)];
        for (long done = 0; Long.compareUnsigned(done, n) < 0; done += chunk.length) {
            StopPoints.check();
            int k = (int) Math.min(chunk.length, Long.compareUnsigned(n - done, chunk.length) < 0 ? n - done : chunk.length);
            mem.read(s + done, chunk, 0, k);
            for (int i = 0; i < k; i++) if (chunk[i] == (byte) c) return s + done + i;
        }
        return 0;
    }

    /** memrchr: the last byte c among n at s, or 0; the whole range must be readable, as before. */
    static long lastIndexOf(GuestMemory mem, long s, int c, long n) {
        if (n == 0) return 0;
        mem.check(s, checked(n), Prot.READ);
        byte[] chunk = new byte[(int) Math.min(n, CHUNK)];
        for (long left = n; left > 0; ) {
            StopPoints.check();
            int k = (int) Math.min(chunk.length, left);
            left -= k;
            mem.read(s + left, chunk, 0, k);
            for (int i = k - 1; i >= 0; i--) if (chunk[i] == (byte) c) return s + left + i;
        }
        return 0;
    }

    /** memcmp: the difference of the first unequal bytes (as unsigned), or 0. */
    static long compare(GuestMemory mem, long a, long b, long n) {
        byte[] x = new byte[(int) Math.min(checked(n), CHUNK)], y = new byte[x.length];
        for (long done = 0; Long.compareUnsigned(done, n) < 0; done += x.length) {
            StopPoints.check();
            int k = (int) Math.min(x.length, Long.compareUnsigned(n - done, x.length) < 0 ? n - done : x.length);
            mem.read(a + done, x, 0, k);
            mem.read(b + done, y, 0, k);
            for (int i = 0; i < k; i++) {
                int d = (x[i] & 0xff) - (y[i] & 0xff);
                if (d != 0) return d;
            }
        }
        return 0;
    }
}
