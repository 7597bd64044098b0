package org.mdemu.tests;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What openblas_user.c and opencv_user.c print for their exact computations, computed on the host with integer
 * arithmetic: the payloads' matrices hold small integers, so the libraries' results are exact whatever order their
 * kernels and threads sum in.
 */
final class HostNumerics {
    private HostNumerics() {}

    private static int state;

    /** The payloads' generator (a C rand-style LCG): its next 16-bit value. */
    private static int next() {
        state = state * 1103515245 + 12345;
        return state >>> 16;
    }

    /** Entries in [-8, 8]. */
    private static int nextSmall() {
        return next() % 17 - 8;
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
    static Map<String, String> openblasResults() {
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

    /** D = 3 A B^T - 2 C as opencv_user.c's products(n). */
    private static String cvGemm(int n) {
        long[] a = fill(n * n, 11 + n), b = fill(n * n, 12 + n), c = fill(n * n, 13 + n);
        long[] d = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[j * n + k];
                d[i * n + j] = 3 * s - 2 * c[i * n + j];
            }
        }
        return checksum(d);
    }

    /** Min (or max) over the in-image pixels of each pixel's (2r+1)x(2r+1) window: erosion/dilation with a rectangle. */
    private static long[] morphology(long[] img, int w, int h, int r, boolean max) {
        long[] out = new long[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long v = max ? Long.MIN_VALUE : Long.MAX_VALUE;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        v = max ? Math.max(v, img[yy * w + xx]) : Math.min(v, img[yy * w + xx]);
                    }
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    /** The lines opencv_user.c prints for its exact computations. */
    static Map<String, String> opencvResults() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("gemm50", cvGemm(50));
        lines.put("gemm300", cvGemm(300));
        state = 41;
        long[] values = new long[1000];
        for (int k = 0; k < values.length; k++) values[k] = next() % 20001 - 10000;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        lines.put("sort", checksum(sorted));
        lines.put("sum", "=" + Arrays.stream(values).sum());
        int w = 64, h = 48;
        state = 51;
        long[] img = new long[w * h];
        for (int i = 0; i < img.length; i++) img[i] = next() % 256;
        long[] integral = new long[(w + 1) * (h + 1)];
        for (int y = 1; y <= h; y++) {
            for (int x = 1; x <= w; x++) {
                integral[y * (w + 1) + x] = img[(y - 1) * w + x - 1] + integral[(y - 1) * (w + 1) + x]
                        + integral[y * (w + 1) + x - 1] - integral[(y - 1) * (w + 1) + x - 1];
            }
        }
        lines.put("integral", checksum(integral));
        lines.put("erode", checksum(morphology(img, w, h, 1, false)));
        lines.put("dilate2", checksum(morphology(img, w, h, 2, true)));
        return lines;
    }
}
