package org.mdemu.guest.bionic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.abi.LibraryTable;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.kernel.LinuxKernel;
import org.mdemu.guest.kernel.ProcessControl;
import org.mdemu.guest.testing.FakeProcess;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;

class FileFunctionsTest {
    private final FakeProcess process = new FakeProcess();
    private final FileTable files;
    private final LibraryTable libc = new LibraryTable("libc.so", "LIBC");

    FileFunctionsTest() {
        GuestFileSystem fs = new GuestFileSystem(1 << 20);
        fs.addDirectory("/tmp", true);
        fs.addFile("/etc-like/data", () -> "0123456789".getBytes(StandardCharsets.UTF_8));
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, none, none, none);
        process.control = new ProcessControl() {
            @Override public void exit(int status) { throw new IllegalStateException("exit " + status); }
            @Override public void crash(int signal, String reason) { throw new IllegalStateException(signal + " " + reason); }
        };
        LinuxKernel kernel = new LinuxKernel(process, files, null, null);
        libc.declare(new FileFunctions(process, kernel, files), new StatFunctions(process, kernel));
    }

    @Test
    void fortifiedReadAbortsWhenTheCountExceedsTheBuffer() {
        int fd = (int) files.openat(FileIo.AT_FDCWD, "/etc-like/data", 0, 0);
        long buf = process.alloc(16);
        assertThat(process.call(libc, "__read_chk", fd, buf, 4, 16)).isEqualTo(4);
        assertThat(process.readCString(buf)).isEqualTo("0123");
        assertThatThrownBy(() -> process.call(libc, "__read_chk", fd, buf, 10, 4))
                .hasMessage("6 FORTIFY: read: prevented 10-byte write into 4-byte buffer");
        assertThatThrownBy(() -> process.call(libc, "__pwrite_chk", fd, buf, 8, 0, 2))
                .hasMessage("6 FORTIFY: pwrite: prevented 8-byte read from 2-byte buffer");
        assertThatThrownBy(() -> process.call(libc, "__umask_chk", 01777))
                .hasMessage("6 FORTIFY: umask: called with invalid mask 1777");
    }

    @Test
    void mkstempReplacesTheXsAndCreatesAPrivateFile() {
        long template = process.cstring("/tmp/fileXXXXXX");
        long fd = process.call(libc, "mkstemp", template);
        String name = process.readCString(template);
        assertThat(fd).isEqualTo(3);
        assertThat(name).startsWith("/tmp/file").doesNotContain("XXXXXX").hasSize(15);
        assertThat(files.stat(FileIo.AT_FDCWD, name, 0).mode() & 0777).isEqualTo(0600);
        assertThat(process.call(libc, "mkstemp", process.cstring("/tmp/fileXXXXX"))).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.EINVAL);
        long suffixed = process.cstring("/tmp/XXXXXX.log");
        assertThat(process.call(libc, "mkstemps", suffixed, 4)).isEqualTo(4);
        assertThat(process.readCString(suffixed)).matches("/tmp/[A-Za-z0-9]{6}\\.log").isNotEqualTo("/tmp/XXXXXX.log");
    }

    @Test
    void realpathFollowsLinksAndReportsMissingFiles() {
        long out = process.alloc(256);
        assertThat(process.call(libc, "realpath", process.cstring("/tmp/../etc-like/./data"), out)).isEqualTo(out);
        assertThat(process.readCString(out)).isEqualTo("/etc-like/data");
        assertThat(process.call(libc, "realpath", process.cstring("/tmp/none"), out)).isZero();
        assertThat(process.errno()).isEqualTo(Errno.ENOENT);
    }

    @Test
    void removeTakesFilesAndDirectoriesAndRenameReplaces() {
        files.mkdirat(FileIo.AT_FDCWD, "/tmp/d", 0755);
        files.openat(FileIo.AT_FDCWD, "/tmp/f", FileTable.O_CREAT | FileTable.O_WRONLY, 0644);
        files.openat(FileIo.AT_FDCWD, "/tmp/g", FileTable.O_CREAT | FileTable.O_WRONLY, 0644);
        assertThat(process.call(libc, "rename", process.cstring("/tmp/f"), process.cstring("/tmp/g"))).isZero();
        assertThat(process.call(libc, "remove", process.cstring("/tmp/d"))).isZero();
        assertThat(process.call(libc, "remove", process.cstring("/tmp/g"))).isZero();
        assertThat(files.fileSystem().list("/tmp")).isEmpty();
        assertThat(process.call(libc, "remove", process.cstring("/tmp/g"))).isEqualTo(-1);
        assertThat(process.errno()).isEqualTo(Errno.ENOENT);
    }
}
