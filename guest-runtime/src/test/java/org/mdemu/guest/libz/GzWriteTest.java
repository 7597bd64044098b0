package org.mdemu.guest.libz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.BumpHeap;
import org.mdemu.guest.testing.FakeProcess;

/**
 * gzwrite and gzfwrite compress guest memory chunk by chunk: the output is the gzip of every byte, and lengths zlib
 * refuses (an int overflow, a size_t overflow) answer 0 with zlib's error instead of reaching the host as an array size.
 */
class GzWriteTest {
    private static final long REGION = 0x40_000_000L;
    private static final int SIZE = 1 << 20;
    private final FakeProcess process = new FakeProcess();
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final LibraryTable zlib;
    private final byte[] data = new byte[SIZE];

    GzWriteTest() {
        BumpHeap.on(process);
        process.files = new FileIo() {
            @Override public long openat(int dirfd, String path, int flags, int mode) { return -2; }
            @Override public long read(int fd, byte[] buffer, int offset, int length) { return 0; }
            @Override public long lseek(int fd, long offset, int whence) { return -29; }
            @Override public long fsync(int fd) { return 0; }
            @Override public long close(int fd) { return 0; }

            @Override
            public long write(int fd, byte[] buffer, int offset, int length) {
                file.write(buffer, offset, length);
                return length;
            }
        };
        zlib = Zlib.newTable(process, null);
        process.memory().map(REGION, SIZE, Prot.RW);
        // Compressible but not trivially: runs of random bytes.
        Random random = new Random(9);
        for (int i = 0; i < SIZE; i += 64) java.util.Arrays.fill(data, i, i + 64, (byte) random.nextInt(8));
        process.memory().write(REGION, data);
    }

    private long call(String name, long... args) {
        return process.call(zlib, name, args);
    }

    @Test
    void aMebibyteWrittenInTwoCallsAcrossChunksDecompressesToTheSameBytes() throws Exception {
        long gz = call("gzdopen", 3, process.cstring("wb"));
        assertThat(call("gzwrite", gz, REGION, 300_001)).isEqualTo(300_001);
        assertThat(call("gzfwrite", REGION + 300_001, 1, SIZE - 300_001, gz)).isEqualTo(SIZE - 300_001);
        assertThat(call("gzflush", gz, Zlib.Z_FINISH)).isEqualTo(Zlib.Z_OK); // gzclose would need a kernel
        byte[] back = new GZIPInputStream(new ByteArrayInputStream(file.toByteArray())).readAllBytes();
        assertThat(back).isEqualTo(data);
    }

    @Test
    void lengthsZlibRefusesAnswerZeroWithItsError() {
        long gz = call("gzdopen", 3, process.cstring("wb"));
        long errnum = process.alloc(4);
        assertThat(call("gzwrite", gz, REGION, 0x8000_0000L)).isZero();
        call("gzerror", gz, errnum);
        assertThat(process.memory().readInt(errnum)).isEqualTo(Zlib.Z_DATA_ERROR);
        call("gzclearerr", gz);
        assertThat(call("gzfwrite", REGION, 1L << 32, 1L << 32, gz)).isZero();
        call("gzerror", gz, errnum);
        assertThat(process.memory().readInt(errnum)).isEqualTo(Zlib.Z_STREAM_ERROR);
    }
}
