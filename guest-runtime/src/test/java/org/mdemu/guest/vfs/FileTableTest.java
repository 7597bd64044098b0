package org.mdemu.guest.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;

class FileTableTest {
    private final GuestFileSystem fs = new GuestFileSystem(100);
    private final FileTable files;

    FileTableTest() {
        fs.addDirectory("/data/local/tmp", true);
        fs.addFile("/mnt/apk/assets/a.txt", () -> "apk data".getBytes(StandardCharsets.UTF_8));
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, none, none, none);
    }

    private String readAll(String path) {
        long fd = files.openat(FileIo.AT_FDCWD, path, 0, 0);
        assertThat(fd).isGreaterThanOrEqualTo(3);
        byte[] b = new byte[256];
        long n = files.read((int) fd, b, 0, b.length);
        files.close((int) fd);
        return new String(b, 0, (int) n, StandardCharsets.UTF_8);
    }

    @Test
    void dotDotNeverLeavesTheGuestTree() {
        assertThat(GuestPath.normalize("/", "../../../etc/passwd")).isEqualTo("/etc/passwd");
        assertThat(GuestPath.normalize("/mnt/apk", "../../mnt/apk/./assets//a.txt")).isEqualTo("/mnt/apk/assets/a.txt");
        assertThat(files.openat(FileIo.AT_FDCWD, "/../../etc/passwd", 0, 0)).isEqualTo(-Errno.ENOENT);
        assertThat(files.openat(FileIo.AT_FDCWD, "/root/.ssh/id_rsa", 0, 0)).isEqualTo(-Errno.ENOENT);
        assertThat(readAll("/mnt/../mnt/apk/assets/../assets/a.txt")).isEqualTo("apk data");
    }

    @Test
    void apkContentsAreReadOnly() {
        assertThat(files.openat(FileIo.AT_FDCWD, "/mnt/apk/assets/a.txt", FileTable.O_WRONLY, 0)).isEqualTo(-Errno.EROFS);
        assertThat(files.openat(FileIo.AT_FDCWD, "/mnt/apk/new.txt", FileTable.O_WRONLY | FileTable.O_CREAT, 0))
                .isEqualTo(-Errno.EROFS);
    }

    @Test
    void scratchAreaIsWritableUpToItsCapacity() {
        int fd = (int) files.openat(FileIo.AT_FDCWD, "/data/local/tmp/x", FileTable.O_WRONLY | FileTable.O_CREAT, 0644);
        byte[] data = new byte[60];
        assertThat(files.write(fd, data, 0, 60)).isEqualTo(60);
        assertThat(files.write(fd, data, 0, 60)).isEqualTo(-Errno.ENOSPC);
        files.close(fd);
        assertThat(files.openat(FileIo.AT_FDCWD, "/data/local/tmp/x", FileTable.O_CREAT | FileTable.O_EXCL, 0))
                .isEqualTo(-Errno.EEXIST);
        assertThat(files.unlink("/data/local/tmp/x")).isZero();
        assertThat(files.access("/data/local/tmp/x")).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void descriptorsAreReusedLowestFirst() {
        long a = files.openat(FileIo.AT_FDCWD, "/mnt/apk/assets/a.txt", 0, 0);
        long b = files.openat(FileIo.AT_FDCWD, "/mnt/apk/assets/a.txt", 0, 0);
        files.close((int) a);
        assertThat(files.openat(FileIo.AT_FDCWD, "/mnt/apk/assets/a.txt", 0, 0)).isEqualTo(a);
        assertThat(b).isEqualTo(a + 1);
        assertThat(files.close(99)).isEqualTo(-Errno.EBADF);
    }
}
