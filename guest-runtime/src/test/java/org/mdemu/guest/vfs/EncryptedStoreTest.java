package org.mdemu.guest.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.FileIo;

class EncryptedStoreTest {
    private static final byte[] KEY = new byte[32];
    private static final long CAPACITY = 64 * 1024;

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @TempDir
    Path dir;

    private static FileTable mounted(EncryptedStore store) {
        GuestFileSystem fs = new GuestFileSystem(1 << 20);
        fs.addDirectory("/tmp", true);
        store.mountInto(fs);
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        return new FileTable(fs, none, none, none);
    }

    private static int create(FileTable files, String path, String text) {
        int fd = (int) files.openat(FileIo.AT_FDCWD, path, FileTable.O_WRONLY | FileTable.O_CREAT, 0640);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(files.write(fd, b, 0, b.length)).isEqualTo(b.length);
        return fd;
    }

    private static String read(FileTable files, String path) {
        long fd = files.openat(FileIo.AT_FDCWD, path, 0, 0);
        if (fd < 0) return "errno " + -fd;
        byte[] b = new byte[256];
        long n = files.read((int) fd, b, 0, b.length);
        files.close((int) fd);
        return new String(b, 0, (int) n, StandardCharsets.UTF_8);
    }

    @Test
    void fsyncWritesTheTreeEncryptedAndTheNextBootReadsItBack() throws IOException {
        Path image = dir.resolve("storage.img");
        FileTable files = mounted(EncryptedStore.open(image, KEY, CAPACITY));
        assertThat(files.mkdirat(FileIo.AT_FDCWD, "/mnt/encryptedstore/secret-dir", 0700)).isZero();
        int fd = create(files, "/mnt/encryptedstore/secret-dir/plain-name.txt", "very secret words");
        assertThat(files.symlinkat("secret-dir/plain-name.txt", FileIo.AT_FDCWD, "/mnt/encryptedstore/link")).isZero();
        assertThat(image).as("nothing is written before a sync").doesNotExist();
        assertThat(files.fsync(fd)).isZero();
        files.close(fd);

        String onHost = new String(Files.readAllBytes(image), StandardCharsets.ISO_8859_1);
        assertThat(onHost).doesNotContain("very secret", "plain-name", "secret-dir");
        assertThat(Files.size(image) % 4096).as("padded to blocks beyond header, nonce and tag").isEqualTo(24 + 12 + 16);

        FileTable again = mounted(EncryptedStore.open(image, KEY, CAPACITY));
        assertThat(read(again, "/mnt/encryptedstore/secret-dir/plain-name.txt")).isEqualTo("very secret words");
        assertThat(read(again, "/mnt/encryptedstore/link")).isEqualTo("very secret words");
    }

    @Test
    void writesAfterTheLastSyncAreLostButPersistKeepsThem() throws IOException {
        Path image = dir.resolve("storage.img");
        EncryptedStore store = EncryptedStore.open(image, KEY, CAPACITY);
        FileTable files = mounted(store);
        files.close(create(files, "/mnt/encryptedstore/a", "synced"));
        files.syncAll();
        files.close(create(files, "/mnt/encryptedstore/b", "not synced"));
        FileTable crashed = mounted(EncryptedStore.open(image, KEY, CAPACITY));
        assertThat(read(crashed, "/mnt/encryptedstore/a")).isEqualTo("synced");
        assertThat(read(crashed, "/mnt/encryptedstore/b")).isEqualTo("errno " + Errno.ENOENT);
        store.persist();
        assertThat(read(mounted(EncryptedStore.open(image, KEY, CAPACITY)), "/mnt/encryptedstore/b"))
                .isEqualTo("not synced");
    }

    @Test
    void theStoreHasItsOwnCapacityApartFromTmpfs() throws IOException {
        FileTable files = mounted(EncryptedStore.open(dir.resolve("storage.img"), KEY, CAPACITY));
        int fd = (int) files.openat(FileIo.AT_FDCWD, "/mnt/encryptedstore/big", FileTable.O_WRONLY | FileTable.O_CREAT, 0600);
        byte[] block = new byte[16 * 1024];
        for (int i = 0; i < 4; i++) assertThat(files.write(fd, block, 0, block.length)).isEqualTo(block.length);
        assertThat(files.write(fd, block, 0, 1)).isEqualTo(-Errno.ENOSPC);
        Mount store = files.fileSystem().mountAt("/mnt/encryptedstore");
        assertThat(store.type()).isEqualTo("ext4");
        assertThat(files.fileSystem().usage(store).blocks()).isEqualTo(CAPACITY / 4096);
        assertThat(files.fileSystem().usage(store).freeBlocks()).isZero();
        int tmp = (int) files.openat(FileIo.AT_FDCWD, "/tmp/t", FileTable.O_WRONLY | FileTable.O_CREAT, 0600);
        assertThat(files.write(tmp, block, 0, block.length)).as("tmpfs is not charged for the store").isEqualTo(block.length);
        files.close(fd);
        assertThat(files.unlink("/mnt/encryptedstore/big")).isZero();
        assertThat(files.fileSystem().usage(store).freeBlocks()).isEqualTo(CAPACITY / 4096);
    }

    @Test
    void anotherKeyCannotOpenTheImage() throws IOException {
        Path image = dir.resolve("storage.img");
        EncryptedStore store = EncryptedStore.open(image, KEY, CAPACITY);
        mounted(store);
        store.persist();
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> EncryptedStore.open(image, other, CAPACITY)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot decrypt the encrypted storage");
        Files.write(image, "garbage".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EncryptedStore.open(image, KEY, CAPACITY)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an mdemu encrypted storage image");
    }
}
