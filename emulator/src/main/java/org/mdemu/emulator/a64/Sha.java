package org.mdemu.emulator.a64;

/**
 * The SHA-1 and SHA-256 steps of the crypto extension (the ARM ARM's SHA1C/P/M, SHA1SU0/1, SHA1H, SHA256H/H2,
 * SHA256SU0/1), reading and writing the vector register file directly: word e of Vn is bits 32e+31:32e.
 */
final class Sha {
    private Sha() {}

    private static int word(long[] v, int n, int e) {
        return (int) (v[2 * n + (e >>> 1)] >>> ((e & 1) << 5));
    }

    private static void setWords(long[] v, int d, int w0, int w1, int w2, int w3) {
        v[2 * d] = (w0 & 0xffffffffL) | (long) w1 << 32;
        v[2 * d + 1] = (w2 & 0xffffffffL) | (long) w3 << 32;
    }

    static int choose(int x, int y, int z) {
        return ((y ^ z) & x) ^ z;
    }

    static int majority(int x, int y, int z) {
        return (x & y) | ((x | y) & z);
    }

    /** SHA1C (function 0, choose), SHA1P (1, parity), SHA1M (2, majority): Qd updated by four rounds. */
    static void sha1Hash(long[] v, int d, int n, int m, int function) {
        int x0 = word(v, d, 0), x1 = word(v, d, 1), x2 = word(v, d, 2), x3 = word(v, d, 3);
        int y = word(v, n, 0);
        int w0 = word(v, m, 0), w1 = word(v, m, 1), w2 = word(v, m, 2), w3 = word(v, m, 3);
        for (int e = 0; e < 4; e++) {
            int t = switch (function) {
                case 0 -> choose(x1, x2, x3);
                case 1 -> x1 ^ x2 ^ x3;
                default -> majority(x1, x2, x3);
            };
            int w = e == 0 ? w0 : e == 1 ? w1 : e == 2 ? w2 : w3;
            y = y + Integer.rotateLeft(x0, 5) + t + w;
            x1 = Integer.rotateLeft(x1, 30);
            // <Y, X> = ROL(Y:X, 32)
            int old3 = x3;
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = y;
            y = old3;
        }
        setWords(v, d, x0, x1, x2, x3);
    }

    /** SHA1SU0: Vd = (Vn<63:0>:Vd<127:64>) ^ Vd ^ Vm. */
    static void sha1ScheduleUpdate0(long[] v, int d, int n, int m) {
        long lo = v[2 * d + 1] ^ v[2 * d] ^ v[2 * m];
        long hi = v[2 * n] ^ v[2 * d + 1] ^ v[2 * m + 1];
        v[2 * d] = lo;
        v[2 * d + 1] = hi;
    }

    /** SHA1SU1. */
    static void sha1ScheduleUpdate1(long[] v, int d, int n) {
        int t0 = word(v, d, 0) ^ word(v, n, 1), t1 = word(v, d, 1) ^ word(v, n, 2);
        int t2 = word(v, d, 2) ^ word(v, n, 3), t3 = word(v, d, 3);
        setWords(v, d, Integer.rotateLeft(t0, 1), Integer.rotateLeft(t1, 1), Integer.rotateLeft(t2, 1),
                Integer.rotateLeft(t3, 1) ^ Integer.rotateLeft(t0, 2));
    }

    /** SHA1H: Sd = ROL(Sn, 30), the rest of Vd cleared. */
    static void sha1FixedRotate(long[] v, int d, int n) {
        v[2 * d] = Integer.rotateLeft(word(v, n, 0), 30) & 0xffffffffL;
        v[2 * d + 1] = 0;
    }

    private static int bigSigma0(int x) {
        return Integer.rotateRight(x, 2) ^ Integer.rotateRight(x, 13) ^ Integer.rotateRight(x, 22);
    }

    private static int bigSigma1(int x) {
        return Integer.rotateRight(x, 6) ^ Integer.rotateRight(x, 11) ^ Integer.rotateRight(x, 25);
    }

    /** SHA256H (part1: X = Vd, Y = Vn, result X) and SHA256H2 (X = Vn, Y = Vd, result Y), written to Vd. */
    static void sha256Hash(long[] v, int d, int n, int m, boolean part1) {
        int xr = part1 ? d : n, yr = part1 ? n : d;
        int x0 = word(v, xr, 0), x1 = word(v, xr, 1), x2 = word(v, xr, 2), x3 = word(v, xr, 3);
        int y0 = word(v, yr, 0), y1 = word(v, yr, 1), y2 = word(v, yr, 2), y3 = word(v, yr, 3);
        for (int e = 0; e < 4; e++) {
            int chs = choose(y0, y1, y2), maj = majority(x0, x1, x2);
            int t1 = y3 + bigSigma1(y0) + chs + word(v, m, e);
            x3 = t1 + x3;
            y3 = t1 + bigSigma0(x0) + maj;
            // <Y, X> = ROL(Y:X, 32) over 256 bits
            int xTop = x3, yTop = y3;
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = yTop;
            y3 = y2;
            y2 = y1;
            y1 = y0;
            y0 = xTop;
        }
        if (part1) setWords(v, d, x0, x1, x2, x3);
        else setWords(v, d, y0, y1, y2, y3);
    }

    private static int smallSigma0(int x) {
        return Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
    }

    private static int smallSigma1(int x) {
        return Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
    }

    /** SHA256SU0: T = Vn<31:0>:Vd<127:32>; Vd[e] += sigma0(T[e]). */
    static void sha256ScheduleUpdate0(long[] v, int d, int n) {
        int d0 = word(v, d, 0), d1 = word(v, d, 1), d2 = word(v, d, 2), d3 = word(v, d, 3);
        int n0 = word(v, n, 0);
        setWords(v, d, d0 + smallSigma0(d1), d1 + smallSigma0(d2), d2 + smallSigma0(d3), d3 + smallSigma0(n0));
    }

    /** SHA256SU1: T0 = Vm<31:0>:Vn<127:32>; Vd[e] += T0[e] + sigma1(W[e + 14]) with the first two results reused. */
    static void sha256ScheduleUpdate1(long[] v, int d, int n, int m) {
        int t0 = word(v, n, 1), t1 = word(v, n, 2), t2 = word(v, n, 3), t3 = word(v, m, 0);
        int r0 = smallSigma1(word(v, m, 2)) + word(v, d, 0) + t0;
        int r1 = smallSigma1(word(v, m, 3)) + word(v, d, 1) + t1;
        int r2 = smallSigma1(r0) + word(v, d, 2) + t2;
        int r3 = smallSigma1(r1) + word(v, d, 3) + t3;
        setWords(v, d, r0, r1, r2, r3);
    }
}
