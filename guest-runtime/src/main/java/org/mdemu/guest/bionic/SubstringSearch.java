package org.mdemu.guest.bionic;

import java.util.function.IntUnaryOperator;
import org.mdemu.guest.kernel.sched.StopPoints;
import org.mdemu.guest.machine.GuestMemory;

/**
 * Substring search in linear time and constant extra space, for strstr, strcasestr, memmem and wcsstr: the Two-Way
 * algorithm of Crochemore and Perrin ("Two-way string-matching", J. ACM 38(3), 1991), which bionic's memmem and
 * strstr use too (from musl/FreeBSD). The haystack is read from guest memory in chunks as the search advances, so a
 * haystack of gigabytes needs no host array of its size, a match returns without reading further, and a haystack
 * running into unreadable memory faults exactly there, as the device's loads would. Hand-written because no library
 * search (String.indexOf, the JDK's or Guava's) works over memory read piecewise with {@link StopPoints} in its loop.
 *
 * <p>The needle is held whole (its units are compared in both directions); the haystack window holds the units
 * from the current candidate position on.
 */
final class SubstringSearch {
    private SubstringSearch() {}

    /** A sequence of units compared for equality: bytes (0..255) or wide characters. */
    interface Units {
        int length();

        int unit(int i);
    }

    /** The haystack as the search reads it: units by index, -1 past its end; indices below a released one are gone. */
    abstract static class Haystack {
        abstract int unit(long i);

        /** The search will not look below index i again. */
        abstract void release(long i);
    }

    /** The index of the first occurrence of needle (not empty) in hay, or -1. */
    static long find(Units needle, Haystack hay) {
        int m = needle.length();
        long[] forward = maximalSuffix(needle, false), backward = maximalSuffix(needle, true);
        int ell;
        int period;
        if (forward[0] > backward[0]) {
            ell = (int) forward[0];
            period = (int) forward[1];
        } else {
            ell = (int) backward[0];
            period = (int) backward[1];
        }
        boolean periodic = true;
        for (int i = 0; i <= ell && periodic; i++) periodic = period + i < m && needle.unit(i) == needle.unit(period + i);
        long iteration = 0;
        if (periodic) {
            // The needle is a prefix of its period's powers: after a full right-part match, the part of the left
            // half already known to match (memory) is not compared again.
            long j = 0;
            int memory = -1;
            while (hay.unit(j + m - 1) >= 0) {
                StopPoints.poll(iteration++);
                hay.release(j);
                int i = Math.max(ell, memory) + 1;
                while (i < m && needle.unit(i) == hay.unit(i + j)) i++;
                if (i >= m) {
                    i = ell;
                    while (i > memory && needle.unit(i) == hay.unit(i + j)) i--;
                    if (i <= memory) return j;
                    j += period;
                    memory = m - period - 1;
                } else {
                    j += i - ell;
                    memory = -1;
                }
            }
        } else {
            long shift = Math.max(ell + 1, m - ell - 1) + 1;
            long j = 0;
            while (hay.unit(j + m - 1) >= 0) {
                StopPoints.poll(iteration++);
                hay.release(j);
                int i = ell + 1;
                while (i < m && needle.unit(i) == hay.unit(i + j)) i++;
                if (i >= m) {
                    i = ell;
                    while (i >= 0 && needle.unit(i) == hay.unit(i + j)) i--;
                    if (i < 0) return j;
                    j += shift;
                } else {
                    j += i - ell;
                }
            }
        }
        return -1;
    }

    /**
     * The start (minus one) of the needle's maximal suffix under the unit order, or under the reversed order, and the
     * period of that suffix: {position, period}.
     */
    private static long[] maximalSuffix(Units x, boolean reversed) {
        int m = x.length();
        int ms = -1, j = 0, k = 1, p = 1;
        while (j + k < m) {
            StopPoints.poll(j + k);
            int a = x.unit(j + k), b = x.unit(ms + k);
            int order = reversed ? Integer.compare(b, a) : Integer.compare(a, b);
            if (order < 0) {
                j += k;
                k = 1;
                p = j - ms;
            } else if (order == 0) {
                if (k != p) {
                    k++;
                } else {
                    j += p;
                    k = 1;
                }
            } else {
                ms = j;
                j = ms + 1;
                k = p = 1;
            }
        }
        return new long[] {ms, p};
    }

    static Units bytes(byte[] b) {
        return new Units() {
            @Override public int length() { return b.length; }
            @Override public int unit(int i) { return b[i] & 0xff; }
        };
    }

    static Units ints(int[] w) {
        return new Units() {
            @Override public int length() { return w.length; }
            @Override public int unit(int i) { return w[i]; }
        };
    }

    /**
     * A haystack of units of unitSize bytes (1 or 4, little-endian) at base: count units, or (count negative) up to
     * the first zero unit, as a C string; each unit mapped through map (ASCII folding for strcasestr).
     */
    static Haystack inMemory(GuestMemory memory, long base, int unitSize, long count, IntUnaryOperator map) {
        return new MemoryHaystack(memory, base, unitSize, count, map);
    }

    /**
     * The haystack's units from the released index on, refilled a chunk at a time from guest memory. Bytes are kept
     * as bytes (a haystack window as long as a needle of a gigabyte stays a gigabyte), wide characters as ints. The
     * window is compacted only when full and then keeps at least half of it free, so each unit is moved O(1) times.
     */
    private static final class MemoryHaystack extends Haystack {
        private static final int CHUNK = 1 << 16;
        private final GuestMemory memory;
        private final long base;
        private final int unitSize;
        private final IntUnaryOperator map;
        private final boolean cString;
        /** Units the haystack has, once known (the terminator seen, or the count given); else Long.MAX_VALUE. */
        private long end;
        private byte[] bytes;
        private int[] wide;
        /** Index of the window's first unit, and how many units the window holds. */
        private long start;
        private int held;
        private long released;

        MemoryHaystack(GuestMemory memory, long base, int unitSize, long count, IntUnaryOperator map) {
            this.memory = memory;
            this.base = base;
            this.unitSize = unitSize;
            this.map = map;
            this.cString = count < 0;
            this.end = count < 0 ? Long.MAX_VALUE : count;
            if (unitSize == 1) bytes = new byte[1024]; else wide = new int[1024];
        }

        @Override
        int unit(long i) {
            while (i >= start + held) {
                if (start + held >= end) return -1;
                fill();
            }
            int at = (int) (i - start);
            return unitSize == 1 ? bytes[at] & 0xff : wide[at];
        }

        @Override
        void release(long i) {
            released = Math.max(released, i);
        }

        private boolean readable(long address) {
            int prot = memory.protection(address);
            return prot >= 0 && (prot & org.mdemu.guest.machine.Prot.READ) != 0;
        }

        private int capacity() {
            return unitSize == 1 ? bytes.length : wide.length;
        }

        /** Room for units more: drops released units and grows so that at least half the window stays free. */
        private void makeRoom(int units) {
            if (held + units <= capacity()) return;
            int drop = (int) Math.min(held, Math.max(0, released - start));
            int live = held - drop;
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity(), 2L * (live + units)));
            if (unitSize == 1) {
                byte[] to = size == bytes.length ? bytes : new byte[size];
                System.arraycopy(bytes, drop, to, 0, live);
                bytes = to;
            } else {
                int[] to = size == wide.length ? wide : new int[size];
                System.arraycopy(wide, drop, to, 0, live);
                wide = to;
            }
            start += drop;
            held = live;
        }

        /**
         * Reads the next piece. Only pages known readable are read ahead, so a search ending before unreadable memory
         * (a C string's terminator, a match) never faults, and one running into it faults at its first byte.
         */
        private void fill() {
            long next = start + held;
            long address = base + next * unitSize;
            long limit = Math.min(CHUNK, end - next) * unitSize;
            long page = GuestMemory.PAGE_SIZE;
            long readable = page - (address & (page - 1));
            while (readable < limit && readable(address + readable)) readable += page;
            long bytesToRead = Math.min(limit, readable);
            int units = (int) Math.max(1, bytesToRead / unitSize);
            makeRoom(units);
            byte[] b = memory.read(address, units * unitSize);
            for (int u = 0; u < units; u++) {
                int v = unitSize == 1 ? b[u] & 0xff : (b[4 * u] & 0xff) | (b[4 * u + 1] & 0xff) << 8
                        | (b[4 * u + 2] & 0xff) << 16 | b[4 * u + 3] << 24;
                if (cString && v == 0) {
                    end = next + u;
                    return;
                }
                v = map.applyAsInt(v);
                if (unitSize == 1) bytes[held++] = (byte) v; else wide[held++] = v;
            }
        }
    }
}
