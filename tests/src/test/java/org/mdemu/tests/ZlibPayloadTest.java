package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's libz.so, driven by the zlib_suite payload through zlib's C API (z_stream in guest memory, streamed in
 * small pieces), makes byte for byte what zlib on the host (java.util.zip) makes from the same input.
 */
class ZlibPayloadTest {
    private static final int INPUT_SIZE = 200000;

    @TempDir
    Path dir;

    @Test
    void compressedBytesAndChecksumsAreZlibsOwn() throws Exception {
        FixtureRun r = FixtureRun.run(dir, "zlib_suite", "libzlib_suite.so");
        String out = r.console();
        assertThat(r.callback().exitCode).as(out).isZero();
        assertThat(out).doesNotContain("FAIL ").contains("zlib_suite failures=0\n")
                .contains("corrupt stream: -3 invalid block type\n");
        Map<String, String> guest = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9-]+) len=(\\d+) fnv=([0-9a-f]{8})$").matcher(out);
        while (m.find()) guest.put(m.group(1), m.group(2) + " " + m.group(3));

        byte[] input = input();
        Map<String, String> host = new LinkedHashMap<>();
        host.put("compress2-6", summary(deflate(new Deflater(6), input)));
        host.put("zlib-9-streamed", summary(deflate(new Deflater(9), input)));
        host.put("raw-1-streamed", summary(deflate(new Deflater(1, true), input)));
        host.put("gzip-6-streamed", summary(gzip(6, 0, input)));
        host.put("zlib-6-sync-flush", summary(syncFlushed(input, 100000)));
        Deflater withDictionary = new Deflater(6);
        withDictionary.setDictionary("microdroid payload guest deflate inflate zlib".getBytes(StandardCharsets.US_ASCII));
        host.put("zlib-6-dictionary", summary(deflate(withDictionary, java.util.Arrays.copyOf(input, 4000))));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.write(input, 0, 50000);
        text.writeBytes("\nline 2 of gzprintf\nlast line\n".getBytes(StandardCharsets.US_ASCII));
        host.put("gzfile-9", summary(gzip(9, 2, text.toByteArray())));
        assertThat(guest).as(out).containsExactlyEntriesOf(host);

        CRC32 crc = new CRC32();
        crc.update(input);
        Adler32 adler = new Adler32();
        adler.update(input);
        assertThat(out).contains(String.format("crc32=%08x adler32=%08x%n", crc.getValue(), adler.getValue()));
    }

    /** The payload's input: words picked by a C LCG, with the odd stray byte. */
    private static byte[] input() {
        String[] words = {"zlib ", "deflate ", "microdroid ", "payload ", "guest ", "inflate ", "\n"};
        byte[] b = new byte[INPUT_SIZE];
        int seed = 12345;
        for (int i = 0; i < INPUT_SIZE;) {
            seed = seed * 1103515245 + 12345;
            String w = words[Integer.remainderUnsigned(seed >>> 16, 7)];
            for (int k = 0; k < w.length() && i < INPUT_SIZE; k++) b[i++] = (byte) w.charAt(k);
            if (i < INPUT_SIZE && Integer.remainderUnsigned(seed >>> 8, 13) == 0) b[i++] = (byte) (seed >>> 24);
        }
        return b;
    }

    private static byte[] deflate(Deflater d, byte[] input) {
        d.setInput(input);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!d.finished()) out.write(buffer, 0, d.deflate(buffer));
        d.end();
        return out.toByteArray();
    }

    /** zlib's gzip framing: its default header (no name, mtime 0, xfl, OS 3), raw deflate, CRC-32 and length. */
    private static byte[] gzip(int level, int xfl, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3});
        out.writeBytes(deflate(new Deflater(level, true), input));
        CRC32 crc = new CRC32();
        crc.update(input);
        for (long v : new long[] {crc.getValue(), input.length}) {
            for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
        }
        return out.toByteArray();
    }

    private static byte[] syncFlushed(byte[] input, int at) {
        Deflater d = new Deflater(6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        d.setInput(input, 0, at);
        int n;
        do {
            n = d.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        d.setInput(input, at, input.length - at);
        d.finish();
        while (!d.finished()) out.write(buffer, 0, d.deflate(buffer));
        d.end();
        return out.toByteArray();
    }

    private static String summary(byte[] b) {
        int h = 0x811c9dc5;
        for (byte x : b) h = (h ^ (x & 0xff)) * 16777619;
        return b.length + " " + String.format("%08x", h);
    }
}
