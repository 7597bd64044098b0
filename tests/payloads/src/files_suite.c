/* Files, directories, memory and process calls checked from inside the guest, through libc and as raw syscall():
   one line per check, exit = failures. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/system_properties.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define DIR_PATH "/data/local/tmp/fs"

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s (errno %d)\n", name, detail, errno); failures++; }
}

/* Reads a whole (small) file into buf, NUL-terminated; returns its length or -1. */
static long slurp(const char* path, char* buf, size_t size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long total = 0, n;
  while ((n = read(fd, buf + total, size - 1 - total)) > 0) total += n;
  close(fd);
  buf[total] = 0;
  return total;
}

static int contains(const char* hay, const char* needle) { return strstr(hay, needle) != NULL; }

static int no_dots(const struct dirent* e) { return e->d_name[0] != '.'; }

static int reverse_names(const struct dirent** a, const struct dirent** b) { return -strcmp((*a)->d_name, (*b)->d_name); }

struct property_seen { char value[PROP_VALUE_MAX]; const char* cookie_check; uint32_t serial; int calls; };

static void on_property(void* cookie, const char* name, const char* value, uint32_t serial) {
  struct property_seen* seen = cookie;
  strcpy(seen->value, value);
  seen->cookie_check = name;
  seen->serial = serial;
  seen->calls++;
}

struct property_count { int count; int saw_abi; };

static void count_property(const prop_info* pi, void* cookie) {
  struct property_count* c = cookie;
  char name[PROP_NAME_MAX], value[PROP_VALUE_MAX];
  __system_property_read(pi, name, value);
  c->count++;
  if (strcmp(name, "ro.product.cpu.abi") == 0 && strcmp(value, "arm64-v8a") == 0) c->saw_abi = 1;
}

static void directories_and_names(void) {
  char buf[512];
  check("mkdir", mkdir(DIR_PATH, 0750) == 0, strerror(errno));
  check("mkdir existing is EEXIST", mkdir(DIR_PATH, 0750) == -1 && errno == EEXIST, "created twice");
  check("chdir", chdir(DIR_PATH) == 0, strerror(errno));
  check("getcwd", getcwd(buf, sizeof(buf)) == buf && strcmp(buf, DIR_PATH) == 0, buf);
  check("getcwd small buffer is ERANGE", getcwd(buf, 4) == NULL && errno == ERANGE, "fitted");
  char* allocated = getcwd(NULL, 0);
  check("getcwd allocates", allocated != NULL && strcmp(allocated, DIR_PATH) == 0, "no buffer");
  free(allocated);
  check("raw getcwd", syscall(SYS_getcwd, buf, sizeof(buf)) == (long) strlen(DIR_PATH) + 1 && strcmp(buf, DIR_PATH) == 0,
        buf);
  check("raw mkdirat", syscall(SYS_mkdirat, AT_FDCWD, "raw", 0700) == 0, strerror(errno));
  check("remove removes a directory", remove("raw") == 0 && access("raw", F_OK) == -1 && errno == ENOENT, "still there");
}

static void data_transfer(int fd) {
  char buf[64];
  check("pwrite", pwrite(fd, "world", 5, 6) == 5, strerror(errno));
  check("pwrite leaves the offset", lseek(fd, 0, SEEK_CUR) == 0, "moved");
  check("write", write(fd, "hello ", 6) == 6, strerror(errno));
  memset(buf, 0, sizeof(buf));
  check("pread", pread(fd, buf, 11, 0) == 11 && memcmp(buf, "hello world", 11) == 0, buf);
  struct iovec out[2] = {{"AB", 2}, {"CDE", 3}};
  check("pwritev", pwritev(fd, out, 2, 11) == 5, strerror(errno));
  char a[4] = {0}, b[8] = {0};
  struct iovec in[2] = {{a, 3}, {b, 7}};
  check("preadv", preadv(fd, in, 2, 6) == 10 && memcmp(a, "wor", 3) == 0 && memcmp(b, "ldABCDE", 7) == 0, b);
  lseek(fd, 0, SEEK_SET);
  check("readv", readv(fd, in, 2) == 10 && memcmp(a, "hel", 3) == 0 && memcmp(b, "lo worl", 7) == 0, b);
  check("raw pwrite64", syscall(SYS_pwrite64, fd, "!", 1, 16) == 1, strerror(errno));
  memset(a, 0, sizeof(a));
  check("raw preadv", syscall(SYS_preadv, fd, in, 2, 14) == 3 && memcmp(a, "DE!", 3) == 0, a);
  lseek(fd, 0, SEEK_SET);
  check("raw readv", syscall(SYS_readv, fd, in, 1) == 3 && memcmp(a, "hel", 3) == 0, a);
}

static void status(int fd) {
  struct stat st;
  check("fstat", fstat(fd, &st) == 0 && st.st_size == 17 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640,
        "size, type or mode");
  check("stat", stat("data.bin", &st) == 0 && st.st_size == 17 && st.st_blksize == 4096 && st.st_nlink == 1
        && st.st_blocks == 8, "fields");
  ino_t ino = st.st_ino;
  check("raw newfstatat", syscall(SYS_newfstatat, AT_FDCWD, DIR_PATH "/data.bin", &st, 0) == 0 && st.st_ino == ino,
        "inode");
  check("fstatat AT_EMPTY_PATH", fstatat(fd, "", &st, AT_EMPTY_PATH) == 0 && st.st_ino == ino, "inode");
  check("raw fstat", syscall(SYS_fstat, fd, &st) == 0 && st.st_size == 17, "size");
  check("stat directory", stat(".", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0750, "mode");
  check("stat missing is ENOENT", stat("nothing", &st) == -1 && errno == ENOENT, "found");
  check("stat into a bad pointer is EFAULT", stat("data.bin", (struct stat*) 16) == -1 && errno == EFAULT, "wrote");
  check("raw newfstatat bad path is EFAULT", syscall(SYS_newfstatat, AT_FDCWD, (const char*) 16, &st, 0) == -1
        && errno == EFAULT, "read");
  check("stat through a file is ENOTDIR", stat("data.bin/x", &st) == -1 && errno == ENOTDIR, "wrong errno");
  struct statx sx;
  memset(&sx, 0, sizeof(sx));
  check("statx", statx(AT_FDCWD, "data.bin", 0, STATX_BASIC_STATS, &sx) == 0 && sx.stx_size == 17
        && (sx.stx_mask & STATX_SIZE) && sx.stx_ino == ino && (sx.stx_mode & 0777) == 0640, "fields");
  memset(&sx, 0, sizeof(sx));
  check("raw statx", syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0 && sx.stx_size == 17,
        "size");
}

static void sizes_and_descriptors(int fd) {
  struct stat st;
  char buf[16];
  check("ftruncate", ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 4, "size");
  check("truncate grows with zeros", truncate("data.bin", 10) == 0 && pread(fd, buf, 10, 0) == 10 && buf[9] == 0
        && memcmp(buf, "hell", 4) == 0, "contents");
  check("posix_fallocate extends", posix_fallocate(fd, 8, 8) == 0 && fstat(fd, &st) == 0 && st.st_size == 16, "size");
  check("fallocate punches a hole", fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 1, 2) == 0
        && pread(fd, buf, 4, 0) == 4 && memcmp(buf, "h\0\0l", 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 16,
        "contents");
  check("raw fallocate bad mode is EOPNOTSUPP", syscall(SYS_fallocate, fd, 0x40, 0, 1) == -1 && errno == 95, "accepted");
  check("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0 && posix_fadvise(fd, 0, 0, 42) == EINVAL,
        "advice");
  check("raw ftruncate", syscall(SYS_ftruncate, fd, 2) == 0 && fstat(fd, &st) == 0 && st.st_size == 2, "size");
  check("fsync fdatasync", fsync(fd) == 0 && fdatasync(fd) == 0 && syscall(SYS_fsync, fd) == 0, strerror(errno));
  sync();
  check("raw sync", syscall(SYS_sync) == 0, "failed");
  check("fsync bad fd is EBADF", fsync(99) == -1 && errno == EBADF, "accepted");

  int d = dup(fd);
  check("dup shares the offset", d > fd && lseek(fd, 1, SEEK_SET) == 1 && lseek(d, 0, SEEK_CUR) == 1, "separate");
  check("dup2", dup2(fd, 20) == 20 && fcntl(20, F_GETFD) == 0, strerror(errno));
  check("dup2 same fd", dup2(fd, fd) == fd, "failed");
  check("dup3 O_CLOEXEC", dup3(fd, 21, O_CLOEXEC) == 21 && fcntl(21, F_GETFD) == FD_CLOEXEC, strerror(errno));
  check("dup3 same fd is EINVAL", dup3(fd, fd, 0) == -1 && errno == EINVAL, "accepted");
  check("fcntl F_DUPFD", fcntl(fd, F_DUPFD, 30) == 30, "wrong fd");
  check("fcntl F_DUPFD_CLOEXEC", fcntl(fd, F_DUPFD_CLOEXEC, 30) == 31 && fcntl(31, F_GETFD) == FD_CLOEXEC, "flag");
  check("fcntl F_SETFD", fcntl(31, F_SETFD, 0) == 0 && fcntl(31, F_GETFD) == 0, "flag");
  check("fcntl F_GETFL", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "access mode");
  check("fcntl F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_APPEND)
        && write(fd, "Z", 1) == 1 && fstat(fd, &st) == 0 && st.st_size == 3 && pread(fd, buf, 1, 2) == 1
        && buf[0] == 'Z', "not appended");
  fcntl(fd, F_SETFL, 0);
  check("raw dup3", syscall(SYS_dup3, fd, 22, 0) == 22, strerror(errno));
  check("raw fcntl", syscall(SYS_fcntl, 22, F_GETFD) == 0, strerror(errno));
  for (int i = 20; i <= 31; i++) close(i);
  close(d);
  check("close twice is EBADF", close(31) == -1 && errno == EBADF, "closed");

  struct flock lock = {F_WRLCK, SEEK_SET, 0, 0, 0};
  check("fcntl F_SETLK", fcntl(fd, F_SETLK, &lock) == 0, strerror(errno));
  lock.l_type = F_WRLCK;
  check("fcntl F_GETLK finds no conflict", fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type == F_UNLCK, "conflict");
  int reader = open("data.bin", O_RDONLY);
  lock.l_type = F_WRLCK;
  check("write lock on a read-only fd is EBADF", fcntl(reader, F_SETLKW, &lock) == -1 && errno == EBADF, "locked");
  close(reader);
  check("flock", flock(fd, LOCK_EX | LOCK_NB) == 0 && flock(fd, LOCK_UN) == 0, strerror(errno));
  check("flock bad operation is EINVAL", flock(fd, 99) == -1 && errno == EINVAL, "accepted");
}

static void permissions_and_times(int fd) {
  struct stat st;
  check("access F_OK", access("data.bin", F_OK) == 0, strerror(errno));
  check("access X_OK without x bit is EACCES", access("data.bin", X_OK) == -1 && errno == EACCES, "executable");
  check("chmod", chmod("data.bin", 0755) == 0 && access("data.bin", X_OK) == 0 && stat("data.bin", &st) == 0
        && (st.st_mode & 0777) == 0755, "mode");
  check("fchmod", fchmod(fd, 0600) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600, "mode");
  check("raw fchmodat", syscall(SYS_fchmodat, AT_FDCWD, "data.bin", 0644) == 0 && stat("data.bin", &st) == 0
        && (st.st_mode & 0777) == 0644, "mode");
  check("faccessat", faccessat(AT_FDCWD, "data.bin", R_OK | W_OK, 0) == 0, strerror(errno));
  check("raw faccessat2", syscall(SYS_faccessat2, AT_FDCWD, "nope", F_OK, 0) == -1 && errno == ENOENT, "found");
  check("raw faccessat", syscall(SYS_faccessat, AT_FDCWD, DIR_PATH, W_OK) == 0, strerror(errno));
  check("access W_OK in the APK is EROFS", access("/mnt/apk/assets/greeting.txt", W_OK) == -1 && errno == EROFS,
        "writable");
  check("chmod in the APK is EROFS", chmod("/mnt/apk/assets/greeting.txt", 0777) == -1 && errno == EROFS, "changed");

  struct timespec times[2] = {{1000000000, 5}, {1200000000, 7}};
  check("utimensat", utimensat(AT_FDCWD, "data.bin", times, 0) == 0 && stat("data.bin", &st) == 0
        && st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 7, "times");
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_nsec = UTIME_NOW;
  check("futimens UTIME_OMIT and UTIME_NOW", futimens(fd, times) == 0 && fstat(fd, &st) == 0
        && st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec > 1600000000, "times");
  check("raw utimensat NULL times is now", syscall(SYS_utimensat, AT_FDCWD, "data.bin", NULL, 0) == 0
        && stat("data.bin", &st) == 0 && st.st_atim.tv_sec > 1600000000, "times");
  check("umask", umask(077) == 022, "old mask");
  int masked = creat("masked", 0666);
  check("umask applies to creat", masked >= 0 && fstat(masked, &st) == 0 && (st.st_mode & 0777) == 0600, "mode");
  close(masked);
  check("raw umask", syscall(SYS_umask, 022) == 077, "old mask");
}

static void renames(int fd) {
  struct stat st;
  check("rename", rename("data.bin", "moved.bin") == 0 && access("data.bin", F_OK) == -1 && access("moved.bin", F_OK) == 0,
        strerror(errno));
  check("open descriptor survives rename", fstat(fd, &st) == 0 && st.st_size == 3, "lost");
  mkdir("sub", 0700);
  close(creat("sub/inner", 0600));
  check("rename moves a directory tree", rename("sub", "sub2") == 0 && access("sub2/inner", F_OK) == 0
        && access("sub/inner", F_OK) == -1, strerror(errno));
  check("rename into itself is EINVAL", rename("sub2", "sub2/deeper") == -1 && errno == EINVAL, "moved");
  check("renameat2 RENAME_NOREPLACE", renameat2(AT_FDCWD, "moved.bin", AT_FDCWD, "sub2/inner", RENAME_NOREPLACE) == -1
        && errno == EEXIST, "replaced");
  check("renameat2 RENAME_EXCHANGE", renameat2(AT_FDCWD, "masked", AT_FDCWD, "sub2/inner", RENAME_EXCHANGE) == 0
        && access("masked", F_OK) == 0 && access("sub2/inner", F_OK) == 0, strerror(errno));
  check("raw renameat", syscall(SYS_renameat, AT_FDCWD, "sub2/inner", AT_FDCWD, "inner2") == 0, strerror(errno));
  check("raw renameat2", syscall(SYS_renameat2, AT_FDCWD, "masked", AT_FDCWD, "inner2", 0) == 0
        && access("masked", F_OK) == -1, strerror(errno));
  check("rename across mounts is EXDEV", rename("moved.bin", "/mnt/apk/x") == -1 && errno == EXDEV, "moved");
  check("rmdir non-empty is ENOTEMPTY", mkdir("sub2/d", 0700) == 0 && rmdir("sub2") == -1 && errno == ENOTEMPTY,
        "removed");
  check("unlink directory is EISDIR", unlink("sub2") == -1 && errno == EISDIR, "removed");
  check("rmdir file is ENOTDIR", rmdir("moved.bin") == -1 && errno == ENOTDIR, "removed");
  check("rmdir", rmdir("sub2/d") == 0, strerror(errno));
  check("raw unlinkat AT_REMOVEDIR", syscall(SYS_unlinkat, AT_FDCWD, "sub2", AT_REMOVEDIR) == 0
        && access("sub2", F_OK) == -1, strerror(errno));
  check("unlinkat", unlinkat(AT_FDCWD, "inner2", 0) == 0 && access("inner2", F_OK) == -1, strerror(errno));

  char target[64];
  check("symlink", symlink("moved.bin", "alias") == 0 && readlink("alias", target, sizeof(target)) == 9
        && memcmp(target, "moved.bin", 9) == 0, strerror(errno));
  check("stat follows a symlink, lstat does not", stat("alias", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 3
        && lstat("alias", &st) == 0 && S_ISLNK(st.st_mode), "types");
  check("raw symlinkat outside the tree stays inside", syscall(SYS_symlinkat, "/../../../etc/passwd", AT_FDCWD, "out") == 0
        && stat("out", &st) == -1 && errno == ENOENT, "followed to the host");
  check("symlink loop is ELOOP", symlink("loop", "loop") == 0 && open("loop", O_RDONLY) == -1 && errno == ELOOP,
        "opened");
  check("link", link("moved.bin", "hard") == 0 && stat("hard", &st) == 0 && st.st_nlink == 2, strerror(errno));
  check("hard links share data", pwrite(fd, "L", 1, 0) == 1 && slurp("hard", target, sizeof(target)) == 3
        && target[0] == 'L', target);
  check("raw linkat AT_SYMLINK_FOLLOW", syscall(SYS_linkat, AT_FDCWD, "alias", AT_FDCWD, "hard2", AT_SYMLINK_FOLLOW) == 0
        && stat("moved.bin", &st) == 0 && st.st_nlink == 3, strerror(errno));
  check("link a directory is EPERM", mkdir("ldir", 0700) == 0 && link("ldir", "ldir2") == -1 && errno == EPERM,
        "linked");
  rmdir("ldir");
  check("unlink one name keeps the others", unlink("hard") == 0 && unlink("hard2") == 0 && stat("moved.bin", &st) == 0
        && st.st_nlink == 1 && st.st_size == 3, "lost");
  unlink("alias");
  unlink("out");
  unlink("loop");
}

static int entry_count(const char* path, const char* wanted, int* seen) {
  DIR* dir = opendir(path);
  if (dir == NULL) return -1;
  int count = 0;
  *seen = 0;
  for (struct dirent* e; (e = readdir(dir)) != NULL; count++) if (strcmp(e->d_name, wanted) == 0) *seen = 1;
  closedir(dir);
  return count;
}

static void directory_listing(int fd) {
  char buf[1024];
  int dfd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
  int rel = openat(dfd, "rel.txt", O_WRONLY | O_CREAT, 0600);
  check("openat relative to a directory fd", rel >= 0 && write(rel, "x", 1) == 1 && access(DIR_PATH "/rel.txt", F_OK) == 0,
        strerror(errno));
  close(rel);
  check("openat with a file as dirfd is ENOTDIR", openat(fd, "x", O_RDONLY) == -1 && errno == ENOTDIR, "opened");
  check("open directory for writing is EISDIR", open(DIR_PATH, O_WRONLY) == -1 && errno == EISDIR, "opened");
  check("O_DIRECTORY on a file is ENOTDIR", open("moved.bin", O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR,
        "opened");
  check("fchdir", chdir("/") == 0 && fchdir(dfd) == 0 && getcwd(buf, sizeof(buf)) != NULL
        && strcmp(buf, DIR_PATH) == 0, buf);

  long n = syscall(SYS_getdents64, dfd, buf, sizeof(buf));
  int entries = 0, dot = 0, dotdot = 0, file = 0, aligned = 1;
  for (long at = 0; at < n;) {
    struct dirent* e = (struct dirent*) (buf + at);
    entries++;
    if (strcmp(e->d_name, ".") == 0 && e->d_type == DT_DIR) dot = 1;
    if (strcmp(e->d_name, "..") == 0 && e->d_type == DT_DIR) dotdot = 1;
    if (strcmp(e->d_name, "moved.bin") == 0 && e->d_type == DT_REG && e->d_ino != 0) file = 1;
    if (e->d_reclen % 8 != 0) aligned = 0;
    at += e->d_reclen;
  }
  check("getdents64", n > 0 && entries == 4 && dot && dotdot && file && aligned, "records");
  check("getdents64 at the end", syscall(SYS_getdents64, dfd, buf, sizeof(buf)) == 0, "more");
  check("getdents64 too small is EINVAL", lseek(dfd, 0, SEEK_SET) == 0 && syscall(SYS_getdents64, dfd, buf, 8) == -1
        && errno == EINVAL, "fitted");
  check("getdents64 on a file is ENOTDIR", syscall(SYS_getdents64, fd, buf, sizeof(buf)) == -1 && errno == ENOTDIR,
        "listed");

  DIR* dir = opendir(DIR_PATH);
  check("opendir", dir != NULL && dirfd(dir) >= 0, strerror(errno));
  struct dirent* first = readdir(dir);
  char first_name[256];
  strcpy(first_name, first->d_name);
  long position = telldir(dir);
  struct dirent* second = readdir(dir);
  char second_name[256];
  strcpy(second_name, second->d_name);
  int rest = 0, saw_rel = 0;
  for (struct dirent* e; (e = readdir(dir)) != NULL; rest++) if (strcmp(e->d_name, "rel.txt") == 0 && e->d_type == DT_REG) saw_rel = 1;
  check("readdir", strcmp(first_name, ".") == 0 && rest == 2 && saw_rel, first_name);
  seekdir(dir, position);
  check("telldir and seekdir", strcmp(readdir(dir)->d_name, second_name) == 0, second_name);
  rewinddir(dir);
  struct dirent entry, *result = NULL;
  check("rewinddir and readdir_r", readdir_r(dir, &entry, &result) == 0 && result == &entry
        && strcmp(entry.d_name, ".") == 0, entry.d_name);
  check("closedir", closedir(dir) == 0, strerror(errno));
  dir = fdopendir(dfd);
  check("fdopendir", dir != NULL && dirfd(dir) == dfd && readdir(dir) != NULL, strerror(errno));
  closedir(dir);
  check("opendir on a file is ENOTDIR", opendir(DIR_PATH "/moved.bin") == NULL && errno == ENOTDIR, "opened");
  check("opendir missing is ENOENT", opendir(DIR_PATH "/none") == NULL && errno == ENOENT, "opened");

  struct dirent** names = NULL;
  int count = scandir(DIR_PATH, &names, no_dots, alphasort);
  check("scandir with filter and alphasort", count == 2 && strcmp(names[0]->d_name, "moved.bin") == 0
        && strcmp(names[1]->d_name, "rel.txt") == 0, "order");
  for (int i = 0; i < count; i++) free(names[i]);
  free(names);
  count = scandir(DIR_PATH, &names, NULL, reverse_names);
  check("scandir with a guest comparator", count == 4 && strcmp(names[0]->d_name, "rel.txt") == 0
        && strcmp(names[3]->d_name, ".") == 0, "order");
  for (int i = 0; i < count; i++) free(names[i]);
  free(names);

  int seen = 0;
  check("list /mnt/apk", entry_count("/mnt/apk", "lib", &seen) >= 3 && seen, "no lib");
  check("list /", entry_count("/", "proc", &seen) >= 6 && seen, "no proc");
  char fd_name[16];
  snprintf(fd_name, sizeof(fd_name), "%d", fd);
  check("list /proc/self/fd", entry_count("/proc/self/fd", fd_name, &seen) >= 4 && seen, fd_name);
  check("list /sys/devices/system/cpu", entry_count("/sys/devices/system/cpu", "cpu0", &seen) >= 5 && seen, "no cpu0");
}

static void links_and_proc(int fd) {
  char buf[256], path[64];
  struct stat st;
  long n = readlink("/proc/self/exe", buf, sizeof(buf));
  check("readlink /proc/self/exe", n == 31 && memcmp(buf, "/system/bin/microdroid_launcher", 31) == 0, "target");
  snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  n = readlink(path, buf, sizeof(buf) - 1);
  buf[n > 0 ? n : 0] = 0;
  check("readlink /proc/self/fd/N", strcmp(buf, DIR_PATH "/moved.bin") == 0, buf);
  check("readlink truncates", readlink("/proc/self/exe", buf, 4) == 4 && memcmp(buf, "/sys", 4) == 0, "length");
  check("readlink on a file is EINVAL", readlink(DIR_PATH "/moved.bin", buf, sizeof(buf)) == -1 && errno == EINVAL,
        "read");
  n = syscall(SYS_readlinkat, AT_FDCWD, "/proc/self", buf, sizeof(buf));
  snprintf(path, sizeof(path), "%d", getpid());
  check("raw readlinkat /proc/self", n == (long) strlen(path) && memcmp(buf, path, n) == 0, buf);
  check("stat follows /proc/self/fd/N", stat("/proc/self/fd/0", &st) == 0 && lstat("/proc/self/exe", &st) == 0
        && S_ISLNK(st.st_mode), "link");
  snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  check("stat through fd link", stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 3, "size");
  char* real = realpath("../fs/./moved.bin", NULL);
  check("realpath", real != NULL && strcmp(real, DIR_PATH "/moved.bin") == 0, real ? real : "NULL");
  free(real);
  real = realpath("/proc/self/exe", buf);
  check("realpath follows links", real == buf && strcmp(buf, "/system/bin/microdroid_launcher") == 0, buf);
  check("realpath missing is ENOENT", realpath(DIR_PATH "/none", buf) == NULL && errno == ENOENT, "resolved");

  check("unlink in the APK is EROFS", unlink("/mnt/apk/assets/greeting.txt") == -1 && errno == EROFS, "removed");
  check("mkdir in the APK is EROFS", mkdir("/mnt/apk/new", 0700) == -1 && errno == EROFS, "created");
  check("creat in the APK is EROFS", creat("/mnt/apk/new.txt", 0600) == -1 && errno == EROFS, "created");
  check("dot-dot stays in the guest", stat("/data/local/tmp/../../../../etc/passwd", &st) == -1 && errno == ENOENT,
        "host file");
  check("host paths do not exist", access("/etc/hosts", F_OK) == -1 && access("/home", F_OK) == -1
        && access("/usr/bin", F_OK) == -1, "host path");

  char text[2048];
  slurp("/proc/meminfo", text, sizeof(text));
  struct sysinfo si;
  check("sysinfo", sysinfo(&si) == 0 && si.totalram > 0 && si.mem_unit == 1 && si.freeram <= si.totalram
        && si.procs >= 1, "fields");
  char expected[64];
  snprintf(expected, sizeof(expected), "MemTotal:       %8lu kB", si.totalram / 1024);
  check("/proc/meminfo from the VM memory size", contains(text, expected) && contains(text, "MemAvailable:"), text);
  check("raw sysinfo", syscall(SYS_sysinfo, &si) == 0 && si.totalram > 0, "totalram");
  check("sysconf _SC_PHYS_PAGES matches sysinfo", sysconf(_SC_PHYS_PAGES) * 4096 == (long) si.totalram, "pages");
  check("/proc files are regular files", stat("/proc/self/maps", &st) == 0 && S_ISREG(st.st_mode), "type");
  slurp("/proc/mounts", text, sizeof(text));
  check("/proc/mounts", contains(text, " /mnt/apk fuse.zipfuse ro,") && contains(text, " /data/local/tmp tmpfs rw,"),
        text);
  slurp("/proc/self/status", text, sizeof(text));
  snprintf(expected, sizeof(expected), "\nPid:\t%d\n", getpid());
  check("/proc/self/status", contains(text, "Name:\tmicrodroid_laun\n") && contains(text, expected)
        && contains(text, "VmRSS:"), text);
  slurp("/sys/devices/system/cpu/online", text, sizeof(text));
  int cpus = text[1] == '-' ? atoi(text + 2) + 1 : 1;
  check("/sys cpu online matches sysconf", text[0] == '0' && cpus == sysconf(_SC_NPROCESSORS_ONLN)
        && cpus == get_nprocs(), text);
  slurp("/sys/devices/system/cpu/possible", buf, sizeof(buf));
  check("/sys cpu possible", strcmp(buf, text) == 0, buf);
  cpu_set_t set;
  memset(&set, 0xff, sizeof(set));
  check("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == cpus, "count");
  check("raw sched_getaffinity returns the mask size", syscall(SYS_sched_getaffinity, 0, sizeof(set), &set) == 8,
        "size");
  unsigned cpu = 99, node = 99;
  check("sched_getcpu and raw getcpu", sched_getcpu() == 0 && syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu == 0
        && node == 0, "cpu");
}

static void file_systems(int fd) {
  struct statfs sf;
  struct statvfs sv;
  check("statfs tmpfs", statfs(DIR_PATH, &sf) == 0 && sf.f_type == TMPFS_MAGIC && sf.f_bsize == 4096
        && sf.f_blocks > 0 && sf.f_bfree <= sf.f_blocks && sf.f_namelen == 255, "fields");
  check("pathconf", pathconf("/mnt/apk", _PC_NAME_MAX) == 255 && fpathconf(fd, _PC_LINK_MAX) == 127
        && fpathconf(fd, _PC_PIPE_BUF) == 4096, "values");
  check("pathconf unknown name is EINVAL", pathconf(DIR_PATH, 999) == -1 && errno == EINVAL, "answered");
  check("isatty is ENOTTY", isatty(1) == 0 && errno == ENOTTY && isatty(99) == 0 && errno == EBADF, "a tty");
  check("raw fstatfs", syscall(SYS_fstatfs, fd, &sf) == 0 && sf.f_type == TMPFS_MAGIC, "type");
  check("raw statfs of the APK", syscall(SYS_statfs, "/mnt/apk", &sf) == 0 && sf.f_type != TMPFS_MAGIC
        && (sf.f_flags & ST_RDONLY), "flags");
  check("statvfs of the APK is read-only", statvfs("/mnt/apk", &sv) == 0 && (sv.f_flag & ST_RDONLY), "flags");
  check("fstatvfs", fstatvfs(fd, &sv) == 0 && !(sv.f_flag & ST_RDONLY) && sv.f_bavail > 0 && sv.f_bsize == 4096,
        "fields");
  unsigned long before = sv.f_bfree;
  check("writing past the tmpfs capacity is ENOSPC",
        pwrite(fd, "x", 1, (off_t) (sv.f_bavail + 1) * sv.f_bsize) == -1 && errno == ENOSPC, "written");
  char block[8192];
  memset(block, 7, sizeof(block));
  pwrite(fd, block, sizeof(block), 0);
  check("statvfs counts used blocks", fstatvfs(fd, &sv) == 0 && sv.f_bfree < before && sv.f_bfree >= before - 3, "free blocks");
  ftruncate(fd, 3);

  char name[] = DIR_PATH "/tmpXXXXXX";
  int t = mkstemp(name);
  struct stat st;
  check("mkstemp", t >= 0 && strncmp(name, DIR_PATH "/tmp", strlen(DIR_PATH) + 4) == 0 && !strstr(name, "XXXXXX")
        && fstat(t, &st) == 0 && (st.st_mode & 0777) == 0600, name);
  close(t);
  unlink(name);
  char suffixed[] = DIR_PATH "/sfxXXXXXX.txt";
  t = mkstemps(suffixed, 4);
  check("mkstemps keeps the suffix", t >= 0 && strcmp(suffixed + strlen(suffixed) - 4, ".txt") == 0
        && access(suffixed, F_OK) == 0, suffixed);
  close(t);
  unlink(suffixed);
  char dir_name[] = DIR_PATH "/dirXXXXXX";
  check("mkdtemp", mkdtemp(dir_name) == dir_name && stat(dir_name, &st) == 0 && S_ISDIR(st.st_mode)
        && (st.st_mode & 0777) == 0700, dir_name);
  rmdir(dir_name);
  char bad[] = "noXs";
  check("mkstemp without XXXXXX is EINVAL", mkstemp(bad) == -1 && errno == EINVAL, bad);
}

static void memory(int fd) {
  char pattern[5000];
  for (int i = 0; i < (int) sizeof(pattern); i++) pattern[i] = (char) (i * 7 + 1);
  int pf = open(DIR_PATH "/pattern.bin", O_RDWR | O_CREAT | O_TRUNC, 0600);
  write(pf, pattern, sizeof(pattern));
  unsigned char* m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, pf, 0);
  check("mmap MAP_PRIVATE of a file", m != MAP_FAILED && memcmp(m, pattern, sizeof(pattern)) == 0 && m[5000] == 0
        && m[8191] == 0, strerror(errno));
  char maps[8192];
  slurp("/proc/self/maps", maps, sizeof(maps));
  check("file mapping named in /proc/self/maps", contains(maps, DIR_PATH "/pattern.bin"), "name");
  m[0] = 'Q';
  char first;
  check("private mapping writes stay private", pread(pf, &first, 1, 0) == 1 && first == pattern[0], "written through");
  check("MADV_DONTNEED restores a private file page", madvise(m, 4096, MADV_DONTNEED) == 0 && m[0] == (unsigned char) pattern[0],
        "kept the private write");
  munmap(m, 8192);
  m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, pf, 4096);
  check("mmap at a file offset", m != MAP_FAILED && m[0] == (unsigned char) pattern[4096] && m[903] == (unsigned char) pattern[4999],
        "contents");
  munmap(m, 4096);
  check("mmap unaligned offset is EINVAL", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, pf, 100) == MAP_FAILED
        && errno == EINVAL, "mapped");
  char* shared = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, pf, 0);
  check("mmap MAP_SHARED of a tmpfs file", shared != MAP_FAILED && memcmp(shared, pattern, sizeof(pattern)) == 0,
        strerror(errno));
  shared[1] = 'S';
  check("shared mapping stores reach read()", pread(pf, &first, 1, 1) == 1 && first == 'S', "not stored");
  pwrite(pf, "W", 1, 2);
  check("write() shows in the shared mapping", shared[2] == 'W', "stale");
  munmap(shared, 8192);
  check("shared stores stay in the file after munmap", pread(pf, &first, 1, 1) == 1 && first == 'S', "lost");
  int reader = open(DIR_PATH "/pattern.bin", O_RDONLY);
  check("shared writable mapping of a read-only fd is EACCES",
        mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, reader, 0) == MAP_FAILED && errno == EACCES, "mapped");
  close(reader);
  close(pf);
  int apk = open("/mnt/apk/assets/greeting.txt", O_RDONLY);
  m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, apk, 0);
  check("MAP_SHARED of a read-only APK file", m != MAP_FAILED && memcmp(m, "Hello from the APK", 18) == 0,
        strerror(errno));
  close(apk);
  check("mmap bad fd is EBADF", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 77, 0) == MAP_FAILED && errno == EBADF,
        "mapped");

  char* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  p[0] = 'q';
  char* q = mremap(p, 4096, 3 * 4096, MREMAP_MAYMOVE);
  check("mremap grows keeping contents", q != MAP_FAILED && q[0] == 'q' && (q[3 * 4096 - 1] = 1) == 1, "contents");
  check("mremap shrinks in place", mremap(q, 3 * 4096, 4096, 0) == q, "moved");
  char* r = (char*) syscall(SYS_mremap, q, 4096, 2 * 4096, MREMAP_MAYMOVE, 0);
  check("raw mremap", r != MAP_FAILED && r[0] == 'q', "contents");
  check("msync", msync(r, 4096, MS_SYNC) == 0 && syscall(SYS_msync, r, 4096, MS_ASYNC) == 0, strerror(errno));
  check("msync unaligned is EINVAL", msync(r + 1, 4096, MS_SYNC) == -1 && errno == EINVAL, "accepted");
  check("mlock munlock", mlock(r, 4096) == 0 && munlock(r, 4096) == 0, strerror(errno));
  check("mlockall munlockall", mlockall(MCL_CURRENT) == 0 && munlockall() == 0, strerror(errno));
  check("MADV_DONTNEED zeroes anonymous memory", r[0] == 'q' && madvise(r, 4096, MADV_DONTNEED) == 0 && r[0] == 0,
        "kept");
  check("madvise unknown advice is EINVAL", madvise(r, 4096, 77) == -1 && errno == EINVAL, "accepted");
  check("prctl PR_SET_VMA names the mapping", prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, r, 4096, "fs-suite-vma") == 0
        && slurp("/proc/self/maps", maps, sizeof(maps)) > 0 && contains(maps, "[anon:fs-suite-vma]"), "not named");
  munmap(r, 2 * 4096);
  check("msync of unmapped memory is ENOMEM", msync(r, 4096, MS_SYNC) == -1 && errno == ENOMEM, "accepted");
  check("getpagesize", getpagesize() == 4096, "size");
}

static void process_resources(void) {
  struct rlimit rl;
  check("getrlimit RLIMIT_NOFILE", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 1024 && rl.rlim_max >= 1024,
        "limits");
  struct rlimit low = {12, rl.rlim_max};
  check("setrlimit", setrlimit(RLIMIT_NOFILE, &low) == 0, strerror(errno));
  int opened[16], count = 0, fd;
  while (count < 16 && (fd = open("/dev/null", O_RDONLY)) >= 0) opened[count++] = fd;
  check("RLIMIT_NOFILE bounds descriptors", count < 16 && errno == EMFILE && opened[count - 1] == 11, "unbounded");
  for (int i = 0; i < count; i++) close(opened[i]);
  setrlimit(RLIMIT_NOFILE, &rl);
  struct rlimit bad = {10, 5};
  check("setrlimit cur above max is EINVAL", setrlimit(RLIMIT_NOFILE, &bad) == -1 && errno == EINVAL, "accepted");
  struct rlimit old;
  check("prlimit", prlimit(0, RLIMIT_STACK, NULL, &old) == 0 && old.rlim_cur == 8 << 20 && old.rlim_max == RLIM_INFINITY,
        "stack");
  check("raw prlimit64 other pid is ESRCH", syscall(SYS_prlimit64, 4242, RLIMIT_STACK, NULL, &old) == -1
        && errno == ESRCH, "found");
  check("raw getrlimit", syscall(SYS_getrlimit, RLIMIT_NOFILE, &old) == 0 && old.rlim_cur == 1024, "limit");
  struct rusage ru;
  check("getrusage", getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0, "maxrss");

  char name[16] = {0};
  check("prctl PR_SET_NAME/PR_GET_NAME", prctl(PR_SET_NAME, "files-suite-long-name") == 0
        && prctl(PR_GET_NAME, name) == 0 && strcmp(name, "files-suite-lon") == 0, name);
  char text[1024];
  slurp("/proc/self/comm", text, sizeof(text));
  check("/proc/self/comm follows PR_SET_NAME", strcmp(text, "files-suite-lon\n") == 0, text);
  check("raw prctl unknown option is EINVAL", syscall(SYS_prctl, 12345, 0, 0, 0, 0) == -1 && errno == EINVAL, "accepted");

  struct timespec ts;
  check("clock_getres", clock_getres(CLOCK_MONOTONIC, &ts) == 0 && ts.tv_sec == 0 && ts.tv_nsec == 1, "resolution");
  check("raw clock_getres bad clock", syscall(SYS_clock_getres, 99, &ts) == -1 && errno == EINVAL, "accepted");
  struct timespec nap = {0, 1000000};
  check("clock_nanosleep", clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL) == 0, "failed");
  struct timespec past = {0, 0};
  check("clock_nanosleep TIMER_ABSTIME in the past", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) == 0,
        "failed");
  check("clock_nanosleep bad clock returns EINVAL", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &nap, NULL) == EINVAL,
        "accepted");
  struct timeval tv;
  check("gettimeofday", gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000 && tv.tv_usec < 1000000, "time");
  check("raw gettimeofday", syscall(SYS_gettimeofday, &tv, NULL) == 0 && tv.tv_sec > 1600000000, "time");

  long head[3] = {0, 0, 0};
  check("raw set_robust_list", syscall(SYS_set_robust_list, head, 24) == 0, strerror(errno));
  check("raw rseq is ENOSYS", syscall(SYS_rseq, NULL, 0, 0, 0) == -1 && errno == ENOSYS, "accepted");
}

static void properties(void) {
  const prop_info* pi = __system_property_find("ro.build.version.sdk");
  char name[PROP_NAME_MAX], value[PROP_VALUE_MAX];
  check("__system_property_find", pi != NULL && __system_property_find("no.such.property") == NULL, "lookup");
  check("__system_property_read", __system_property_read(pi, name, value) == 2
        && strcmp(name, "ro.build.version.sdk") == 0 && strcmp(value, "34") == 0, value);
  struct property_seen seen = {{0}, NULL, 99, 0};
  __system_property_read_callback(pi, on_property, &seen);
  check("__system_property_read_callback", seen.calls == 1 && strcmp(seen.value, "34") == 0
        && strcmp(seen.cookie_check, "ro.build.version.sdk") == 0, seen.value);
  struct property_count count = {0, 0};
  check("__system_property_foreach", __system_property_foreach(count_property, &count) == 0 && count.count >= 5
        && count.saw_abi, "properties");
  check("__system_property_set is refused", __system_property_set("debug.mdemu.files", "1") == -1
        && __system_property_get("debug.mdemu.files", value) == 0, "set");
}

int AVmPayload_main(void) {
  directories_and_names();
  int fd = open("data.bin", O_RDWR | O_CREAT | O_TRUNC, 0640);
  check("open relative to the cwd", fd >= 3, strerror(errno));
  data_transfer(fd);
  status(fd);
  sizes_and_descriptors(fd);
  permissions_and_times(fd);
  renames(fd);
  directory_listing(fd);
  links_and_proc(fd);
  file_systems(fd);
  memory(fd);
  process_resources();
  properties();
  close(fd);
  unlink(DIR_PATH "/moved.bin");
  unlink(DIR_PATH "/rel.txt");
  unlink(DIR_PATH "/pattern.bin");
  chdir("/");
  check("rmdir the emptied directory", rmdir(DIR_PATH) == 0, strerror(errno));
  printf("files_suite failures=%d\n", failures);
  return failures;
}
