package org.mdemu.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdemu.virtualmachine.VirtualMachineCallback.STOP_REASON_SHUTDOWN;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs libfiles_suite.so: files, directories, links, /proc and /sys, file systems, memory mappings, resource limits
 * and system properties, each checked from inside the guest through libc and as raw syscalls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileSystemPayloadTest {
    private RecordingCallback callback;
    private String console;
    private String log;

    @BeforeAll
    void runTheSuite(@TempDir Path instances) throws Exception {
        FixtureRun run = FixtureRun.run(instances, "files_suite", "libfiles_suite.so");
        callback = run.callback();
        console = run.console();
        log = run.log();
    }

    @Test
    void everyInGuestCheckPassesAndThePayloadExitsZero() {
        assertThat(console).doesNotContain("FAIL").contains("files_suite failures=0");
        assertThat(callback.events).containsExactly("started", "finished:0", "stopped:" + STOP_REASON_SHUTDOWN);
    }

    @Test
    void fileDataMovesThroughLibcAndRawSyscalls() {
        assertThat(console).contains("ok pwrite\n", "ok preadv\n", "ok readv\n", "ok raw pwrite64\n", "ok raw preadv\n",
                "ok fstat\n", "ok statx\n", "ok raw statx\n", "ok truncate grows with zeros\n", "ok raw ftruncate\n",
                "ok fcntl F_SETFL O_APPEND\n", "ok dup3 O_CLOEXEC\n", "ok raw dup3\n");
    }

    @Test
    void directoriesAreListedRenamedAndRemoved() {
        assertThat(console).contains("ok getdents64\n", "ok readdir\n", "ok telldir and seekdir\n",
                "ok scandir with filter and alphasort\n", "ok scandir with a guest comparator\n",
                "ok rename moves a directory tree\n", "ok renameat2 RENAME_EXCHANGE\n",
                "ok raw unlinkat AT_REMOVEDIR\n", "ok symlink\n", "ok raw symlinkat outside the tree stays inside\n",
                "ok symlink loop is ELOOP\n", "ok hard links share data\n", "ok unlink one name keeps the others\n", "ok list /mnt/apk\n", "ok list /proc/self/fd\n",
                "ok rmdir the emptied directory\n");
    }

    @Test
    void theApkIsReadOnlyAndNothingEscapesTheGuestTree() {
        assertThat(console).contains("ok access W_OK in the APK is EROFS\n", "ok unlink in the APK is EROFS\n",
                "ok rename across mounts is EXDEV\n", "ok dot-dot stays in the guest\n", "ok host paths do not exist\n",
                "ok statvfs of the APK is read-only\n", "ok writing past the tmpfs capacity is ENOSPC\n");
    }

    @Test
    void procAndSysDescribeThisVm() {
        assertThat(console).contains("ok readlink /proc/self/exe\n", "ok readlink /proc/self/fd/N\n",
                "ok /proc/meminfo from the VM memory size\n", "ok /proc/self/status\n",
                "ok /sys cpu online matches sysconf\n", "ok sched_getaffinity\n",
                "ok /proc/self/comm follows PR_SET_NAME\n");
    }

    @Test
    void fileMappingsAndRemappingWork() {
        assertThat(console).contains("ok mmap MAP_PRIVATE of a file\n", "ok mmap at a file offset\n",
                "ok private mapping writes stay private\n", "ok MAP_SHARED of a read-only APK file\n",
                "ok shared mapping stores reach read()\n", "ok write() shows in the shared mapping\n",
                "ok mremap grows keeping contents\n", "ok MADV_DONTNEED zeroes anonymous memory\n",
                "ok MADV_DONTNEED restores a private file page\n", "ok prctl PR_SET_VMA names the mapping\n");
    }

    @Test
    void propertiesAreReadableAndSettingOneIsRefusedWithBionicsWarning() {
        assertThat(console).contains("ok __system_property_read_callback\n", "ok __system_property_foreach\n",
                "ok __system_property_set is refused\n");
        assertThat(log).contains("W libc    : Unable to set property \"debug.mdemu.files\" to \"1\":"
                + " PROP_ERROR_PERMISSION_DENIED (0x18)");
    }
}
