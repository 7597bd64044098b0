package org.mdemu.guest.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdemu.guest.kernel.Errno;
import org.mdemu.guest.kernel.ErrnoException;
import org.mdemu.guest.kernel.FileIo;

class DirectoriesAndLinksTest {
    private static final int CWD = FileIo.AT_FDCWD;
    private final GuestFileSystem fs = new GuestFileSystem(3 * 4096);
    private final FileTable files;

    DirectoriesAndLinksTest() {
        fs.mount("/mnt/apk", "fuse", GuestFileSystem.FUSE_MAGIC, false, true);
        fs.mount("/proc", "proc", GuestFileSystem.PROC_MAGIC, false, false);
        fs.addDirectory("/tmp", true);
        fs.addFile("/mnt/apk/assets/a.txt", () -> "apk data".getBytes(StandardCharsets.UTF_8));
        fs.addDevice("/proc/1/status", () -> null);
        fs.addSymlink("/proc/self", () -> "1");
        OpenFile none = new OpenFile() {
            @Override public long read(byte[] b, int o, int l) { return 0; }
            @Override public long write(byte[] b, int o, int l) { return l; }
        };
        files = new FileTable(fs, none, none, none);
    }

    private int create(String path) {
        long fd = files.openat(CWD, path, FileTable.O_RDWR | FileTable.O_CREAT, 0644);
        assertThat(fd).as("create %s", path).isGreaterThanOrEqualTo(3);
        return (int) fd;
    }

    private List<String> names(int fd) {
        DirectoryHandle dir = files.directory(fd);
        List<String> names = new ArrayList<>();
        for (DirectoryEntry e = dir.peek(); e != null; e = dir.peek()) {
            names.add(e.name());
            dir.advance();
        }
        return names;
    }

    @Test
    void renameMovesWholeTreesAndOpenDescriptorsFollowTheFile() {
        assertThat(files.mkdirat(CWD, "/tmp/a", 0755)).isZero();
        int fd = create("/tmp/a/f");
        assertThat(files.renameat2(CWD, "/tmp/a", CWD, "/tmp/b", 0)).isZero();
        assertThat(files.access("/tmp/b/f")).isZero();
        assertThat(files.access("/tmp/a/f")).isEqualTo(-Errno.ENOENT);
        assertThat(files.pathOf(fd)).isEqualTo("/tmp/b/f");
        assertThat(files.unlinkat(CWD, "/tmp/b/f", 0)).isZero();
        assertThat(files.pathOf(fd)).isEqualTo("/tmp/a/f (deleted)");
        assertThat(files.renameat2(CWD, "/tmp/b", CWD, "/tmp/b/c", 0)).isEqualTo(-Errno.EINVAL);
        assertThat(files.renameat2(CWD, "/tmp/b", CWD, "/mnt/apk/b", 0)).isEqualTo(-Errno.EXDEV);
    }

    @Test
    void renameat2FlagsRefuseReplacingOrSwapBothNames() {
        create("/tmp/x");
        files.mkdirat(CWD, "/tmp/d", 0755);
        assertThat(files.renameat2(CWD, "/tmp/x", CWD, "/tmp/d", 0)).isEqualTo(-Errno.EISDIR);
        assertThat(files.renameat2(CWD, "/tmp/d", CWD, "/tmp/x", FileTable.RENAME_NOREPLACE)).isEqualTo(-Errno.EEXIST);
        assertThat(files.renameat2(CWD, "/tmp/d", CWD, "/tmp/x", FileTable.RENAME_EXCHANGE)).isZero();
        assertThat(files.stat(CWD, "/tmp/x", 0).mode() & GuestFileSystem.S_IFMT).isEqualTo(GuestFileSystem.S_IFDIR);
        assertThat(files.stat(CWD, "/tmp/d", 0).mode() & GuestFileSystem.S_IFMT).isEqualTo(GuestFileSystem.S_IFREG);
    }

    @Test
    void rmdirRefusesNonEmptyDirectoriesFilesAndMountPoints() {
        files.mkdirat(CWD, "/tmp/d", 0755);
        create("/tmp/d/f");
        assertThat(files.unlinkat(CWD, "/tmp/d", FileTable.AT_REMOVEDIR)).isEqualTo(-Errno.ENOTEMPTY);
        assertThat(files.unlinkat(CWD, "/tmp/d/f", FileTable.AT_REMOVEDIR)).isEqualTo(-Errno.ENOTDIR);
        assertThat(files.unlinkat(CWD, "/tmp/d", 0)).isEqualTo(-Errno.EISDIR);
        assertThat(files.unlinkat(CWD, "/tmp", FileTable.AT_REMOVEDIR)).isEqualTo(-Errno.EBUSY);
        assertThat(files.unlinkat(CWD, "/tmp/d/.", FileTable.AT_REMOVEDIR)).isEqualTo(-Errno.EINVAL);
        assertThat(files.unlinkat(CWD, "/tmp/d/f", 0)).isZero();
        assertThat(files.unlinkat(CWD, "/tmp/d", FileTable.AT_REMOVEDIR)).isZero();
    }

    @Test
    void mountsKeepTheirOwnWriteRules() {
        assertThat(files.mkdirat(CWD, "/mnt/apk/new", 0755)).isEqualTo(-Errno.EROFS);
        assertThat(files.chmod(CWD, "/mnt/apk/assets/a.txt", 0777, 0)).isEqualTo(-Errno.EROFS);
        assertThat(files.access(CWD, "/mnt/apk/assets/a.txt", FileTable.W_OK, 0)).isEqualTo(-Errno.EROFS);
        assertThat(files.openat(CWD, "/proc/new", FileTable.O_WRONLY | FileTable.O_CREAT, 0)).isEqualTo(-Errno.EACCES);
        assertThat(files.openat(CWD, "/proc/1/status", FileTable.O_WRONLY, 0)).isEqualTo(-Errno.EACCES);
        assertThat(files.mkdirat(CWD, "/", 0755)).isEqualTo(-Errno.EEXIST);
    }

    @Test
    void symbolicLinksResolveRelativeTargetsAndLoopsEndInEloop() {
        fs.addSymlink("/tmp/loop1", () -> "loop2");
        fs.addSymlink("/tmp/loop2", () -> "/tmp/loop1");
        fs.addSymlink("/tmp/up", () -> "../../../../mnt/apk");
        assertThat(files.readlinkat(CWD, "/proc/self")).isEqualTo("1");
        assertThat(files.stat(CWD, "/proc/self/status", 0).mode() & GuestFileSystem.S_IFMT).isEqualTo(GuestFileSystem.S_IFREG);
        assertThat(files.stat(CWD, "/proc/self", FileTable.AT_SYMLINK_NOFOLLOW).mode() & GuestFileSystem.S_IFMT)
                .isEqualTo(GuestFileSystem.S_IFLNK);
        assertThat(files.openat(CWD, "/tmp/loop1", 0, 0)).isEqualTo(-Errno.ELOOP);
        assertThat(files.canonicalize("/tmp/up/assets/a.txt")).isEqualTo("/mnt/apk/assets/a.txt");
        assertThat(files.openat(CWD, "/proc/self", FileTable.O_NOFOLLOW, 0)).isEqualTo(-Errno.ELOOP);
        assertThatThrownBy(() -> files.readlinkat(CWD, "/mnt/apk/assets/a.txt"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }

    @Test
    void pathsRelativeToADirectoryDescriptorAndTheWorkingDirectory() {
        files.mkdirat(CWD, "/tmp/d", 0755);
        int dir = (int) files.openat(CWD, "/tmp/d", FileTable.O_DIRECTORY, 0);
        int fd = (int) files.openat(dir, "rel", FileTable.O_WRONLY | FileTable.O_CREAT, 0600);
        assertThat(fd).isPositive();
        assertThat(files.access("/tmp/d/rel")).isZero();
        assertThat(files.openat(fd, "x", 0, 0)).isEqualTo(-Errno.ENOTDIR);
        assertThat(files.openat(99, "x", 0, 0)).isEqualTo(-Errno.EBADF);
        assertThat(files.fchdir(dir)).isZero();
        assertThat(files.cwd()).isEqualTo("/tmp/d");
        assertThat(files.stat(CWD, "rel", 0).mode() & 0777).isEqualTo(0600 & ~022);
        assertThat(files.chdir("rel")).isEqualTo(-Errno.ENOTDIR);
    }

    @Test
    void directoriesAreListedWhenFirstReadAndAgainAfterARewind() {
        files.mkdirat(CWD, "/tmp/d", 0755);
        int dir = (int) files.openat(CWD, "/tmp/d", FileTable.O_DIRECTORY, 0);
        create("/tmp/d/one");
        assertThat(names(dir)).containsExactly(".", "..", "one");
        create("/tmp/d/two");
        assertThat(names(dir)).isEmpty();
        assertThat(files.lseek(dir, 0, 0)).isZero();
        assertThat(names(dir)).containsExactly(".", "..", "one", "two");
    }

    @Test
    void descriptorsShareStatusFlagsButNotCloseOnExec() {
        int fd = create("/tmp/f");
        int copy = (int) files.dup(fd);
        assertThat(files.dup3(fd, 9, FileTable.O_CLOEXEC)).isEqualTo(9);
        assertThat(files.fcntl(9, FileTable.F_GETFD, 0)).isEqualTo(FileTable.FD_CLOEXEC);
        assertThat(files.fcntl(copy, FileTable.F_GETFD, 0)).isZero();
        assertThat(files.fcntl(fd, FileTable.F_SETFL, FileTable.O_APPEND)).isZero();
        assertThat(files.fcntl(copy, FileTable.F_GETFL, 0) & FileTable.O_APPEND).isEqualTo(FileTable.O_APPEND);
        byte[] one = {1};
        files.write(fd, one, 0, 1);
        files.lseek(copy, 0, 0);
        files.write(copy, one, 0, 1);
        assertThat(files.fstat(fd).size()).isEqualTo(2);
        assertThat(files.fcntl(fd, FileTable.F_DUPFD, 20)).isEqualTo(20);
        assertThat(files.fcntl(fd, 99, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(files.dup3(fd, fd, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void theDescriptorLimitAnswersEmfile() {
        files.setDescriptorLimit(5);
        assertThat(create("/tmp/a")).isEqualTo(3);
        assertThat(create("/tmp/b")).isEqualTo(4);
        assertThat(files.openat(CWD, "/tmp/c", FileTable.O_RDWR | FileTable.O_CREAT, 0)).isEqualTo(-Errno.EMFILE);
        assertThat(files.dup3(3, 7, 0)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void truncateChargesTheTmpfsCapacityAndStatfsReportsIt() {
        int fd = create("/tmp/big");
        Mount tmp = files.mountOf(fd, null);
        assertThat(fs.usage(tmp).freeBlocks()).isEqualTo(3);
        assertThat(files.ftruncate(fd, 8192)).isZero();
        assertThat(fs.usage(tmp).freeBlocks()).isEqualTo(1);
        assertThat(files.truncate("/tmp/big", 4 * 4096)).isEqualTo(-Errno.ENOSPC);
        assertThat(files.ftruncate(fd, 0)).isZero();
        assertThat(fs.usage(tmp).freeBlocks()).isEqualTo(3);
        int readOnly = (int) files.openat(CWD, "/tmp/big", FileTable.O_RDONLY, 0);
        assertThat(files.ftruncate(readOnly, 1)).isEqualTo(-Errno.EINVAL);
        assertThat(files.mountOf(CWD, "/mnt/apk/assets/a.txt").readOnly()).isTrue();
    }

    @Test
    void fallocateExtendsKeepsSizeOrPunchesHoles() {
        int fd = create("/tmp/f");
        files.write(fd, new byte[] {1, 2, 3, 4}, 0, 4);
        assertThat(files.fallocate(fd, 0, 2, 6)).isZero();
        assertThat(files.fstat(fd).size()).isEqualTo(8);
        assertThat(files.fallocate(fd, FileTable.FALLOC_FL_KEEP_SIZE, 0, 100)).isZero();
        assertThat(files.fstat(fd).size()).isEqualTo(8);
        assertThat(files.fallocate(fd, FileTable.FALLOC_FL_KEEP_SIZE | FileTable.FALLOC_FL_PUNCH_HOLE, 1, 2)).isZero();
        byte[] b = new byte[4];
        files.pread(fd, b, 0, 4, 0);
        assertThat(b).containsExactly(1, 0, 0, 4);
        assertThat(files.fallocate(fd, FileTable.FALLOC_FL_PUNCH_HOLE, 0, 1)).isEqualTo(-Errno.EOPNOTSUPP);
        assertThat(files.fallocate(fd, 0, 0, 4 * 4096)).isEqualTo(-Errno.ENOSPC);
        assertThat(files.fallocate(fd, 0, -1, 1)).isEqualTo(-Errno.EINVAL);
        assertThat(files.fallocate(0, 0, 0, 1)).isEqualTo(-Errno.EBADF);
        assertThat(files.fadvise(fd, 0, 0, 4)).isZero();
        assertThat(files.fadvise(fd, 0, 0, 9)).isEqualTo(-Errno.EINVAL);
    }
}
