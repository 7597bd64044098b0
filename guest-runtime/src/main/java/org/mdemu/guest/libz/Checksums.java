package org.mdemu.guest.libz;

import org.mdemu.guest.abi.LibrarySection;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.abi.Support;
import org.mdemu.guest.kernel.GuestProcess;

/**
 * crc32 and adler32 with their combine functions and get_crc_table. Written here because java.util.zip's CRC32 and
 * Adler32 cannot continue from a checksum the guest hands in.
 */
final class Checksums implements LibrarySection {
    private static final long POLY = 0xedb88320L;
    private static final long BASE = 65521;
    static final int[] CRC_TABLE = new int[256];
    private static final long[] X2N = new long[32];

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? POLY ^ (c >>> 1) : c >>> 1;
            CRC_TABLE[n] = (int) c;
        }
        long p = 1L << 30;  // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) X2N[n] = p = multModP(p, p);
    }

    private final GuestProcess process;
    private long crcTable;

    Checksums(GuestProcess process) {
        this.process = process;
    }

    @Override
    public void declare(LibraryTable t) {
        t.function("crc32", f -> f.ret(f.ptr(1) == 0 ? 0 : crc32(f.i64(0), read(f.ptr(1), f.u32(2)))));
        t.function("crc32_z", "ZLIB_1.2.9", Support.FULL, f -> f.ret(f.ptr(1) == 0 ? 0 : crc32(f.i64(0), read(f.ptr(1), f.i64(2)))));
        t.function("adler32", f -> f.ret(f.ptr(1) == 0 ? 1 : adler32(f.i64(0), read(f.ptr(1), f.u32(2)))));
        t.function("adler32_z", "ZLIB_1.2.9", Support.FULL, f -> f.ret(f.ptr(1) == 0 ? 1 : adler32(f.i64(0), read(f.ptr(1), f.i64(2)))));
        t.function("crc32_combine", "ZLIB_1.2.2", Support.FULL, f -> f.ret(crc32Combine(f.i64(0), f.i64(1), f.i64(2))));
        t.function("crc32_combine64", "ZLIB_1.2.3.3", Support.FULL, f -> f.ret(crc32Combine(f.i64(0), f.i64(1), f.i64(2))));
        t.function("adler32_combine", "ZLIB_1.2.2", Support.FULL, f -> f.ret(adler32Combine(f.i64(0), f.i64(1), f.i64(2))));
        t.function("adler32_combine64", "ZLIB_1.2.3.3", Support.FULL, f -> f.ret(adler32Combine(f.i64(0), f.i64(1), f.i64(2))));
        t.function("get_crc_table", f -> f.ret(crcTable()));
    }

    /** The input bytes; a range the guest cannot read faults (SIGSEGV) as zlib's own loop would, before any work. */
    private byte[] read(long address, long length) {
        process.memory().check(address, length, org.mdemu.guest.machine.Prot.READ);
        return process.memory().read(address, (int) length);
    }

    private long crcTable() {
        if (crcTable == 0) {
            crcTable = process.heap().malloc(4 * 256);
            for (int i = 0; i < 256; i++) process.memory().writeInt(crcTable + 4L * i, CRC_TABLE[i]);
        }
        return crcTable;
    }

    static long crc32(long crc, byte[] data) {
        return crc32(crc, data, 0, data.length);
    }

    static long crc32(long crc, byte[] data, int offset, int length) {
        int c = ~(int) crc;
        for (int i = offset; i < offset + length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        return ~c & 0xffffffffL;
    }

    static long adler32(long adler, byte[] data) {
        long a = adler & 0xffff, b = (adler >>> 16) & 0xffff;
        for (byte x : data) {
            a = (a + (x & 0xff)) % BASE;
            b = (b + a) % BASE;
        }
        return (b << 16) | a;
    }

    /** a(x) * b(x) modulo the CRC-32 polynomial, both reflected. */
    private static long multModP(long a, long b) {
        long m = 1L << 31, p = 0;
        for (;;) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) break;
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }

    /** x^(n * 2^k) modulo the polynomial. */
    private static long x2nModP(long n, int k) {
        long p = 1L << 31;  // x^0
        while (n != 0) {
            if ((n & 1) != 0) p = multModP(X2N[k & 31], p);
            n >>>= 1;
            k++;
        }
        return p;
    }

    static long crc32Combine(long crc1, long crc2, long len2) {
        if (len2 < 0) return 0;
        return (multModP(x2nModP(len2, 3), crc1 & 0xffffffffL) ^ (crc2 & 0xffffffffL)) & 0xffffffffL;
    }

    static long adler32Combine(long adler1, long adler2, long len2) {
        if (len2 < 0) return 0xffffffffL;
        long rem = len2 % BASE;
        long sum1 = adler1 & 0xffff;
        long sum2 = (rem * sum1) % BASE;
        sum1 += (adler2 & 0xffff) + BASE - 1;
        sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + BASE - rem;
        if (sum1 >= BASE) sum1 -= BASE;
        if (sum1 >= BASE) sum1 -= BASE;
        if (sum2 >= (BASE << 1)) sum2 -= (BASE << 1);
        if (sum2 >= BASE) sum2 -= BASE;
        return sum1 | (sum2 << 16);
    }
}
