package org.mdemu.emulator.a64;

import org.mdemu.guest.machine.Prot;

/**
 * Nanoseconds per CPU-side access of {@link PagedMemory}: loads and stores walking a 64 KiB buffer (16 pages, as a
 * memcpy or a stack frame does) and fetches along a code page. Run with
 * {@code java -cp ... org.mdemu.emulator.a64.PagedMemoryBenchmark}; no JMH, so the numbers are indicative.
 */
public final class PagedMemoryBenchmark {
    private PagedMemoryBenchmark() {}

    public static void main(String[] args) {
        PagedMemory m = new PagedMemory();
        long base = 0x7f12_3450_0000L;
        m.map(base, 0x10000, Prot.RW);
        m.map(0x10000, 0x1000, Prot.RX);
        for (int round = 0; round < 5; round++) {
            long sink = 0;
            int n = 20_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += m.load64(base + ((i * 8L) & 0xfff8));
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) m.store64(base + ((i * 8L) & 0xfff8), i);
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += m.fetch(0x10000 + ((i * 4L) & 0xffc));
            long t3 = System.nanoTime();
            System.out.printf("load64 %.2f ns, store64 %.2f ns, fetch %.2f ns (%d)%n", (t1 - t0) / (double) n,
                    (t2 - t1) / (double) n, (t3 - t2) / (double) n, sink & 1);
        }
    }
}
