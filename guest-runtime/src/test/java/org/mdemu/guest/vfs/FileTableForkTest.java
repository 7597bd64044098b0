package org.mdemu.guest.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.FileIo;

/** A forked child's descriptor table: the parent's descriptors on shared open file descriptions, its own cwd. */
class FileTableForkTest {
    private final GuestFileSystem fs = new GuestFileSystem(100);
    private final AtomicInteger closes = new AtomicInteger();
    private final FileTable parent;

    FileTableForkTest() {
        fs.addDirectory("/data/local/tmp", true);
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        parent = new FileTable(fs, none, none, none);
    }

    private OpenFile counted() {
        return new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
            @Override public void close() { closes.incrementAndGet(); }
        };
    }

    @Test
    void aDescriptionClosesWhenTheLastDescriptorInEitherTableGoes() {
        int fd = (int) parent.install(counted(), "pipe:[1]", FileTable.O_RDONLY);
        int dup = (int) parent.dup(fd);
        FileTable child = parent.forkCopy();
        parent.close(fd);
        parent.close(dup);
        assertThat(closes).as("the child still holds it").hasValue(0);
        assertThat(child.get(fd)).isNotNull();
        child.closeAll();
        assertThat(closes).hasValue(1);
    }

    @Test
    void descriptorsOpenedAfterTheForkStayInTheirTable() {
        FileTable child = parent.forkCopy();
        int fd = (int) child.install(counted(), "pipe:[2]", FileTable.O_RDONLY);
        assertThat(parent.get(fd)).isNull();
        child.close(fd);
        assertThat(closes).hasValue(1);
    }

    @Test
    void offsetsAreSharedAndTheWorkingDirectoryIsNot() {
        int fd = (int) parent.openat(FileIo.AT_FDCWD, "/data/local/tmp/f", FileTable.O_RDWR | FileTable.O_CREAT, 0644);
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        parent.write(fd, data, 0, data.length);
        parent.lseek(fd, 2, 0);
        FileTable child = parent.forkCopy();
        byte[] b = new byte[3];
        child.read(fd, b, 0, 3);
        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("234");
        assertThat(parent.lseek(fd, 0, 1)).as("the child's read moved the shared offset").isEqualTo(5);
        child.chdir("/data/local/tmp");
        assertThat(child.cwd()).isEqualTo("/data/local/tmp");
        assertThat(parent.cwd()).isEqualTo("/");
    }
}
