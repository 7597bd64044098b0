package org.mdemu.guest.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;

/** The arm64 struct layouts the file-system calls write, read back at the kernel's offsets. */
class FileSystemCallsTest {
    private final FakeProcess process = new FakeProcess();
    private final GuestFileSystem fs = new GuestFileSystem(1 << 20);
    private final FileTable files;
    private final FileSystemCalls calls;

    FileSystemCallsTest() {
        fs.addDirectory("/tmp", true);
        fs.mount("/mnt/apk", "fuse", GuestFileSystem.FUSE_MAGIC, false, true);
        fs.addFile("/mnt/apk/a.txt", () -> "twelve bytes".getBytes(StandardCharsets.UTF_8));
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, none, none, none);
        calls = new FileSystemCalls(process, files);
    }

    @Test
    void statFillsTheGeneric128ByteLayout() {
        long buf = process.alloc(FileSystemCalls.STAT_SIZE);
        assertThat(calls.newfstatat(FileIo.AT_FDCWD, process.cstring("/mnt/apk/a.txt"), buf, 0)).isZero();
        assertThat(process.memory.readInt(buf + 16)).isEqualTo(0100644); // st_mode
        assertThat(process.memory.readInt(buf + 20)).isEqualTo(1); // st_nlink
        assertThat(process.memory.readLong(buf + 48)).isEqualTo(12); // st_size
        assertThat(process.memory.readInt(buf + 56)).isEqualTo(4096); // st_blksize
        assertThat(process.memory.readLong(buf + 64)).isEqualTo(8); // st_blocks (512-byte units)
        assertThat(process.memory.readLong(buf + 88)).isGreaterThan(1_600_000_000L); // st_mtime
        assertThat(process.memory.readLong(buf + 96)).isBetween(0L, 999_999_999L); // st_mtime_nsec
        long missing = calls.newfstatat(FileIo.AT_FDCWD, process.cstring("/mnt/apk/none"), buf, 0);
        assertThat(missing).isEqualTo(-Errno.ENOENT);
        assertThat(calls.newfstatat(FileIo.AT_FDCWD, 0, buf, 0)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void statxReportsBasicStatsWithoutABirthTime() {
        long buf = process.alloc(FileSystemCalls.STATX_SIZE);
        assertThat(calls.statx(FileIo.AT_FDCWD, process.cstring("/mnt/apk/a.txt"), 0, 0x7ff, buf)).isZero();
        assertThat(process.memory.readInt(buf)).isEqualTo(0x7ff); // stx_mask
        assertThat(process.memory.readShort(buf + 28)).isEqualTo((short) 0100644); // stx_mode
        assertThat(process.memory.readLong(buf + 40)).isEqualTo(12); // stx_size
        assertThat(process.memory.readLong(buf + 80)).isZero(); // stx_btime.tv_sec
        assertThat(process.memory.readLong(buf + 112)).isGreaterThan(1_600_000_000L); // stx_mtime.tv_sec
        assertThat(calls.statx(FileIo.AT_FDCWD, process.cstring("/mnt/apk/a.txt"), 0, 0x80000000, buf))
                .isEqualTo(-Errno.EINVAL);
    }

    @Test
    void statfsNamesTheFileSystemTypeAndReadOnlyFlag() {
        long buf = process.alloc(FileSystemCalls.STATFS_SIZE);
        assertThat(calls.statfs(process.cstring("/mnt/apk"), buf)).isZero();
        assertThat(process.memory.readLong(buf)).isEqualTo(GuestFileSystem.FUSE_MAGIC); // f_type
        assertThat(process.memory.readLong(buf + 64)).isEqualTo(255); // f_namelen
        assertThat(process.memory.readLong(buf + 80) & 0x21).isEqualTo(0x21); // ST_VALID | ST_RDONLY
        assertThat(calls.statfs(process.cstring("/tmp"), buf)).isZero();
        assertThat(process.memory.readLong(buf)).isEqualTo(GuestFileSystem.TMPFS_MAGIC);
        assertThat(process.memory.readLong(buf + 16)).isEqualTo(256); // f_blocks: 1 MiB in 4 KiB blocks
        long vfs = process.alloc(FileSystemCalls.STATVFS_SIZE);
        assertThat(calls.statvfs(-1, process.cstring("/mnt/apk"), vfs)).isZero();
        assertThat(process.memory.readLong(vfs + 72)).isEqualTo(1 | 4); // f_flag: ST_RDONLY | ST_NODEV, no ST_VALID
    }

    @Test
    void getdents64WritesAlignedRecordsAndStopsWhereTheBufferEnds() {
        long fd = files.openat(FileIo.AT_FDCWD, "/mnt/apk", FileTable.O_DIRECTORY, 0);
        long buf = process.alloc(256);
        assertThat(calls.getdents64((int) fd, buf, 10)).isEqualTo(-Errno.EINVAL);
        assertThat(calls.getdents64((int) fd, buf, 48)).isEqualTo(48); // "." and ".." only
        assertThat(process.memory.readShort(buf + 16)).isEqualTo((short) 24); // d_reclen
        assertThat(process.memory.readByte(buf + 18)).isEqualTo((byte) 4); // DT_DIR
        assertThat(process.memory.readCString(buf + 19)).isEqualTo(".");
        assertThat(process.memory.readLong(buf + 8)).isEqualTo(1); // d_off: the next entry
        assertThat(calls.getdents64((int) fd, buf, 256)).isEqualTo(32);
        assertThat(process.memory.readByte(buf + 18)).isEqualTo((byte) 8); // DT_REG
        assertThat(process.memory.readCString(buf + 19)).isEqualTo("a.txt");
        assertThat(calls.getdents64((int) fd, buf, 256)).isZero();
    }

    @Test
    void vectoredIoFillsEachBufferInTurn() {
        int fd = (int) files.openat(FileIo.AT_FDCWD, "/tmp/v", FileTable.O_RDWR | FileTable.O_CREAT, 0600);
        long data = process.cstring("abcdefgh");
        long iov = process.alloc(32);
        process.memory.writeLong(iov, data);
        process.memory.writeLong(iov + 8, 3);
        process.memory.writeLong(iov + 16, data + 3);
        process.memory.writeLong(iov + 24, 5);
        assertThat(calls.pwritev(fd, iov, 2, 2)).isEqualTo(8);
        long a = process.alloc(8), b = process.alloc(8);
        process.memory.writeLong(iov, a);
        process.memory.writeLong(iov + 8, 4);
        process.memory.writeLong(iov + 16, b);
        process.memory.writeLong(iov + 24, 8);
        assertThat(calls.readv(fd, iov, 2, 0)).isEqualTo(10);
        assertThat(process.memory.read(a, 4)).containsExactly(0, 0, 'a', 'b');
        assertThat(new String(process.memory.read(b, 6), StandardCharsets.US_ASCII)).isEqualTo("cdefgh");
        assertThat(calls.readv(fd, iov, -1, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void utimensatHonoursOmitAndNow() {
        long times = process.alloc(32);
        process.memory.writeLong(times, 1000);
        process.memory.writeLong(times + 8, FileSystemCalls.UTIME_OMIT);
        process.memory.writeLong(times + 16, 2000);
        process.memory.writeLong(times + 24, 3);
        files.openat(FileIo.AT_FDCWD, "/tmp/t", FileTable.O_RDWR | FileTable.O_CREAT, 0600);
        long before = files.stat(FileIo.AT_FDCWD, "/tmp/t", 0).atime();
        assertThat(calls.utimensat(FileIo.AT_FDCWD, process.cstring("/tmp/t"), times, 0)).isZero();
        assertThat(files.stat(FileIo.AT_FDCWD, "/tmp/t", 0).atime()).isEqualTo(before);
        assertThat(files.stat(FileIo.AT_FDCWD, "/tmp/t", 0).mtime()).isEqualTo(2000_000_000_003L);
        process.memory.writeLong(times + 24, 1_000_000_000L);
        assertThat(calls.utimensat(FileIo.AT_FDCWD, process.cstring("/tmp/t"), times, 0)).isEqualTo(-Errno.EINVAL);
    }
}
