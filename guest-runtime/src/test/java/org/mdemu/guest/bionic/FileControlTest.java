package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;

class FileControlTest {
    private final FakeProcess process = new FakeProcess();
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");
    private final FileTable files;

    FileControlTest() {
        GuestFileSystem fs = new GuestFileSystem(100);
        fs.addFile("/mnt/apk/a.txt", () -> "data".getBytes(StandardCharsets.UTF_8));
        OpenFile console = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, console, console, console);
        libc.declare(new FileControl(process, files));
    }

    @Test
    void closeOnExecIsSetReadBackAndBelongsToTheDescriptorNotItsNumber() {
        int fd = (int) files.openat(FileIo.AT_FDCWD, "/mnt/apk/a.txt", 0, 0);
        assertThat(process.call(libc, "fcntl", fd, FileControl.F_GETFD)).isZero();
        assertThat(process.call(libc, "fcntl", fd, FileControl.F_SETFD, FileControl.FD_CLOEXEC | 0x10)).isZero();
        assertThat(process.call(libc, "fcntl", fd, FileControl.F_GETFD)).isEqualTo(FileControl.FD_CLOEXEC);
        int copy = (int) files.dup(fd);
        assertThat(process.call(libc, "fcntl", copy, FileControl.F_GETFD)).as("dup clears the flag").isZero();
        files.close(fd);
        int reopened = (int) files.openat(FileIo.AT_FDCWD, "/mnt/apk/a.txt", 0, 0);
        assertThat(reopened).isEqualTo(fd);
        assertThat(process.call(libc, "fcntl", reopened, FileControl.F_GETFD)).isZero();
    }

    @Test
    void closedDescriptorsAreEbadfAndUnsupportedCommandsEinval() {
        assertThat(process.call(libc, "fcntl", 9, FileControl.F_GETFD)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EBADF);
        assertThat(process.call(libc, "fcntl", 1, 1234)).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
    }
}
