package org.mdemu.tests;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What openblas_user.c prints for its BLAS calls, computed on the host with exact integer arithmetic: the payload's
 * matrices hold small integers, so OpenBLAS's results are exact whatever order its kernels and threads sum in.
 */
final class HostBlas {
    private HostBlas() {}

    private static int state;

    /** The payload's generator: entries in [-8, 8]. */
    private static int nextSmall() {
        state = state * 1103515245 + 12345;
        return Integer.remainderUnsigned(state >>> 16, 17) - 8;
    }

    private static long[] fill(int count, int seed) {
        state = seed;
        long[] m = new long[count];
        for (int i = 0; i < count; i++) m[i] = nextSmall();
        return m;
    }

    /** "sum=S fnv=F" over the entries as 64-bit integers (FNV-1a of their little-endian bytes). */
    private static String checksum(long[] c) {
        long fnv = 0xcbf29ce484222325L, sum = 0;
        for (long v : c) {
            sum += v;
            for (int b = 0; b < 8; b++) fnv = (fnv ^ (v >>> (8 * b) & 0xff)) * 0x100000001b3L;
        }
        return "sum=" + sum + " fnv=" + String.format("%016x", fnv);
    }

    /** C = 2 A B^T - C for the payload's seeds. */
    private static String dgemm(int n) {
        long[] a = fill(n * n, 1 + n), b = fill(n * n, 2 + n), c = fill(n * n, 3 + n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[j * n + k];
                c[i * n + j] = 2 * s - c[i * n + j];
            }
        }
        return checksum(c);
    }

    /** C = A B, A and B drawn one after the other from one seed. */
    private static String sgemm(int n) {
        state = 4 + n;
        long[] a = new long[n * n], b = new long[n * n], c = new long[n * n];
        for (int i = 0; i < n * n; i++) a[i] = nextSmall();
        for (int i = 0; i < n * n; i++) b[i] = nextSmall();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                c[i * n + j] = s;
            }
        }
        return checksum(c);
    }

    /** The lines openblas_user.c prints for level 1 and the matrix products, in its order. */
    static Map<String, String> payloadResults() {
        Map<String, String> lines = new LinkedHashMap<>();
        long[] x = fill(1000, 5), y = fill(1000, 6);
        long dot = 0;
        for (int i = 0; i < 1000; i++) dot += x[i] * y[i];
        for (int i = 0; i < 1000; i++) y[i] += 3 * x[i];
        long strided = 0;
        for (int i = 0; i < 500; i++) strided += x[2 * i] * y[1 + 2 * i];
        lines.put("ddot", dot + " daxpy_ddot_strided=" + strided);
        lines.put("dgemm64", dgemm(64));
        lines.put("dgemm200", dgemm(200));
        lines.put("dgemm256x4", dgemm(256));
        lines.put("sgemm", sgemm(150));
        return lines;
    }
}
