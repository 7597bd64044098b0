package org.mdemu.guest.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.FileIo;
import org.mdemu.guest.machine.Prot;
import org.mdemu.guest.testing.FakeMemory;
import org.mdemu.guest.vfs.FileTable;
import org.mdemu.guest.vfs.GuestFileSystem;
import org.mdemu.guest.vfs.OpenFile;

class FileMappingsTest {
    private final FakeMemory memory = new FakeMemory();
    private final FileMappings shared = new FileMappings(memory);
    private final FileTable files;
    private final GuestFileSystem.RegularFile file;
    private final int fd;

    FileMappingsTest() {
        GuestFileSystem fs = new GuestFileSystem(1 << 20);
        fs.addDirectory("/tmp", true);
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, none, none, none);
        fd = (int) files.openat(FileIo.AT_FDCWD, "/tmp/f", FileTable.O_RDWR | FileTable.O_CREAT, 0600);
        files.write(fd, new byte[3 * 4096], 0, 3 * 4096);
        file = files.mapSource(fd, true, true);
        memory.map(0x10000, 3 * 4096, Prot.RW);
    }

    private byte fileByte(long at) {
        byte[] b = new byte[1];
        files.pread(fd, b, 0, 1, at);
        return b[0];
    }

    @Test
    void storesAndWritesMeetInBothDirections() {
        shared.mapShared(0x10000, 3 * 4096, file, 0);
        memory.write(0x10005, new byte[] {9});
        assertThat(fileByte(5)).isEqualTo((byte) 9);
        files.pwrite(fd, new byte[] {7}, 0, 1, 4096);
        assertThat(memory.read(0x10000 + 4096, 1)[0]).isEqualTo((byte) 7);
    }

    @Test
    void unmappingTheMiddleKeepsItsStoresAndTheOuterPagesShared() {
        shared.mapShared(0x10000, 3 * 4096, file, 0);
        memory.write(0x10000 + 4096, new byte[] {1});
        shared.unmap(0x10000 + 4096, 4096);
        assertThat(fileByte(4096)).isEqualTo((byte) 1);
        memory.write(0x10000 + 4096, new byte[] {2});
        assertThat(fileByte(4096)).as("no longer mapped").isEqualTo((byte) 1);
        memory.write(0x10000 + 2 * 4096 + 1, new byte[] {3});
        assertThat(fileByte(2 * 4096 + 1)).as("the tail is still shared").isEqualTo((byte) 3);
        assertThat(shared.covers(0x10000)).isTrue();
        assertThat(shared.covers(0x10000 + 4096)).isFalse();
    }

    @Test
    void discardZeroesAnonymousPagesRestoresPrivateCopiesAndLeavesSharedOnes() {
        files.pwrite(fd, new byte[] {5, 6}, 0, 2, 0);
        memory.map(0x40000, 3 * 4096, Prot.RW);
        shared.mapPrivate(0x40000, 4096, file, 0);
        memory.write(0x40000, new byte[] {9});
        memory.write(0x40000 + 4096, new byte[] {9});
        shared.mapShared(0x10000, 4096, file, 0);
        memory.write(0x10001, new byte[] {8});
        shared.discard(0x40000, 2 * 4096);
        shared.discard(0x10000, 4096);
        assertThat(memory.read(0x40000, 2)).containsExactly(5, 8);
        assertThat(memory.read(0x40000 + 4096, 1)[0]).isZero();
        assertThat(memory.read(0x10001, 1)[0]).isEqualTo((byte) 8);
    }
}
