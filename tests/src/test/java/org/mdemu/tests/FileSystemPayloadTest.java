package org.mdemu.tests;

import static org.mdemu.junit.MdemuAssertions.assertThat;
import static org.mdemu.tests.Apks.RUN;

import org.junit.jupiter.api.Test;
import org.mdemu.junit.MdemuTest;
import org.mdemu.junit.Payload;
import org.mdemu.junit.PayloadVm;
import org.mdemu.junit.VmStop;

/**
 * Runs libfiles_suite.so: files, directories, links, /proc and /sys, file systems, memory mappings, resource limits
 * and system properties, each checked from inside the guest through libc and as raw syscalls.
 */
@MdemuTest
class FileSystemPayloadTest {
    /** One run of the suite for every test of the class. */
    @Payload(apk = Apks.DIR + "files_suite.apk", binary = "libfiles_suite.so", scope = Payload.Scope.PER_CLASS)
    static PayloadVm suite;

    private static VmStop run() throws InterruptedException {
        return suite.awaitStop(RUN);
    }

    @Test
    void everyInGuestCheckPassesAndThePayloadExitsZero() throws Exception {
        assertThat(run()).exitedWith(0).console().doesNotContainLineContaining("FAIL")
                .containsLine("files_suite failures=0");
    }

    @Test
    void fileDataMovesThroughLibcAndRawSyscalls() throws Exception {
        assertThat(run()).console()
                .containsLine("ok pwrite")
                .containsLine("ok preadv")
                .containsLine("ok readv")
                .containsLine("ok raw pwrite64")
                .containsLine("ok raw preadv")
                .containsLine("ok fstat")
                .containsLine("ok statx")
                .containsLine("ok raw statx")
                .containsLine("ok truncate grows with zeros")
                .containsLine("ok raw ftruncate")
                .containsLine("ok fcntl F_SETFL O_APPEND")
                .containsLine("ok dup3 O_CLOEXEC")
                .containsLine("ok raw dup3");
    }

    @Test
    void directoriesAreListedRenamedAndRemoved() throws Exception {
        assertThat(run()).console()
                .containsLine("ok getdents64")
                .containsLine("ok readdir")
                .containsLine("ok telldir and seekdir")
                .containsLine("ok scandir with filter and alphasort")
                .containsLine("ok scandir with a guest comparator")
                .containsLine("ok rename moves a directory tree")
                .containsLine("ok renameat2 RENAME_EXCHANGE")
                .containsLine("ok raw unlinkat AT_REMOVEDIR")
                .containsLine("ok symlink")
                .containsLine("ok raw symlinkat outside the tree stays inside")
                .containsLine("ok symlink loop is ELOOP")
                .containsLine("ok hard links share data")
                .containsLine("ok unlink one name keeps the others")
                .containsLine("ok list /mnt/apk")
                .containsLine("ok list /proc/self/fd")
                .containsLine("ok rmdir the emptied directory");
    }

    @Test
    void theApkIsReadOnlyAndNothingEscapesTheGuestTree() throws Exception {
        assertThat(run()).console()
                .containsLine("ok access W_OK in the APK is EROFS")
                .containsLine("ok unlink in the APK is EROFS")
                .containsLine("ok rename across mounts is EXDEV")
                .containsLine("ok dot-dot stays in the guest")
                .containsLine("ok host paths do not exist")
                .containsLine("ok statvfs of the APK is read-only")
                .containsLine("ok writing past the tmpfs capacity is ENOSPC");
    }

    @Test
    void procAndSysDescribeThisVm() throws Exception {
        assertThat(run()).console()
                .containsLine("ok readlink /proc/self/exe")
                .containsLine("ok readlink /proc/self/fd/N")
                .containsLine("ok /proc/meminfo from the VM memory size")
                .containsLine("ok /proc/self/status")
                .containsLine("ok /sys cpu online matches sysconf")
                .containsLine("ok sched_getaffinity")
                .containsLine("ok /proc/self/comm follows PR_SET_NAME");
    }

    @Test
    void fileMappingsAndRemappingWork() throws Exception {
        assertThat(run()).console()
                .containsLine("ok mmap MAP_PRIVATE of a file")
                .containsLine("ok mmap at a file offset")
                .containsLine("ok private mapping writes stay private")
                .containsLine("ok MAP_SHARED of a read-only APK file")
                .containsLine("ok shared mapping stores reach read()")
                .containsLine("ok write() shows in the shared mapping")
                .containsLine("ok mremap grows keeping contents")
                .containsLine("ok MADV_DONTNEED zeroes anonymous memory")
                .containsLine("ok MADV_DONTNEED restores a private file page")
                .containsLine("ok prctl PR_SET_VMA names the mapping");
    }

    @Test
    void propertiesAreReadableAndSettingOneIsRefusedWithBionicsWarning() throws Exception {
        assertThat(run()).console()
                .containsLine("ok __system_property_read_callback")
                .containsLine("ok __system_property_foreach")
                .containsLine("ok __system_property_set is refused");
        assertThat(run()).log().hasLine('W', "libc", "Unable to set property \"debug.mdemu.files\" to \"1\":"
                + " PROP_ERROR_PERMISSION_DENIED (0x18)");
    }
}
