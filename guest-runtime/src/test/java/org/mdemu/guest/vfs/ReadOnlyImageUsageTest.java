package org.mdemu.guest.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** statfs/statvfs figures of a read-only image such as Microdroid's root: real block counts, none free. */
class ReadOnlyImageUsageTest {
    @Test
    void theRootImageCountsItsFilesDirectoriesAndSuperblock() {
        GuestFileSystem fs = new GuestFileSystem(4096);
        fs.addDirectory("/system/bin", false);
        fs.addFile("/system/etc/hosts", 5000, () -> new byte[5000]);
        Mount root = fs.mountAt("/");
        Mount.Usage u = fs.usage(root);
        // superblock + "/", "/system", "/system/bin", "/system/etc" + two blocks of data.
        assertThat(u.blocks()).isEqualTo(1 + 4 + 2);
        assertThat(u.freeBlocks()).isZero();
        assertThat(u.files()).isEqualTo(5);
        assertThat(u.freeFiles()).isZero();
    }

    @Test
    void procStaysEmptyAsTheKernelReportsIt() {
        GuestFileSystem fs = new GuestFileSystem(4096);
        Mount proc = fs.mount("/proc", "proc", GuestFileSystem.PROC_MAGIC, false, false);
        fs.addFile("/proc/version", () -> new byte[100]);
        assertThat(fs.usage(proc).blocks()).isZero();
    }
}
